# The single query every engine answers: the union of every rule's `deny` set,
# each violation tagged with the rule package it came from.
package aiguard

deny contains object.union(violation, {"rule": sprintf("%s.%s", [family, name])}) if {
	some family, name
	some violation in data.aiguard.rules[family][name].deny
}
