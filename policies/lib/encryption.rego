# Helpers for the encryption rules (AIG-ENC-*): booleans as Terraform may write them,
# nested blocks, and the settings of rules/encryption.yaml.
package aiguard.lib.encryption

# True for a literal true, or the string "true" (any case) that Terraform also accepts.
is_true(value) if value == true

is_true(value) if {
	is_string(value)
	lower(value) == "true"
}

# True for a literal false, or the string "false" (any case).
is_false(value) if value == false

is_false(value) if {
	is_string(value)
	lower(value) == "false"
}

# The first object of a nested block: `x { ... }` is a list of one object in the input
# (`terraform show -json`); an object written directly is accepted too. Undefined when the
# block is absent, null or empty.
first_block(obj, name) := block if {
	blocks := obj[name]
	is_array(blocks)
	block := blocks[0]
	is_object(block)
}

first_block(obj, name) := block if {
	block := obj[name]
	is_object(block)
}

# A list setting of rules/encryption.yaml (its strings only), [] when absent or not a list.
# (Bound outside the comprehension: regopy ignores a parameter used as a key inside one.)
setting_list(name) := list if {
	values := object.get(_settings, name, [])
	list := [value |
		is_array(values)
		some value in values
		is_string(value)
	]
}

_settings := settings if {
	settings := data.aiguard.config.encryption
	is_object(settings)
} else := {}
