package aiguard.lib.encryption_test

import data.aiguard.lib.encryption

test_true_values if {
	encryption.is_true(true)
	encryption.is_true("true")
	encryption.is_true("TRUE")
	not encryption.is_true(false)
	not encryption.is_true("yes")
	not encryption.is_true(1)
	not encryption.is_true(null)
}

test_false_values if {
	encryption.is_false(false)
	encryption.is_false("False")
	not encryption.is_false(true)
	not encryption.is_false(null)
	not encryption.is_false(0)
}

test_first_block_of_a_list if {
	encryption.first_block({"b": [{"k": 1}, {"k": 2}]}, "b") == {"k": 1}
}

test_first_block_of_an_object if {
	encryption.first_block({"b": {"k": 1}}, "b") == {"k": 1}
}

test_first_block_absent_empty_or_null if {
	not encryption.first_block({}, "b")
	not encryption.first_block({"b": []}, "b")
	not encryption.first_block({"b": null}, "b")
	not encryption.first_block({"b": ["x"]}, "b")
}

test_setting_list_keeps_strings if {
	encryption.setting_list("l") == ["a", "b"] with data.aiguard.config.encryption as {"l": ["a", 3, "b"]}
}

test_setting_list_absent_is_empty if {
	encryption.setting_list("missing") == [] with data.aiguard.config.encryption as {"l": ["a"]}
	encryption.setting_list("l") == [] with data.aiguard.config.encryption as {"l": "a"}
	encryption.setting_list("l") == [] with data.aiguard.config as {}
}
