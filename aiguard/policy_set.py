"""The policies a scan evaluates: ours plus the user's, minus the rules they disabled.

A module of its own so that the commands that need only the rules (billing scans,
listings, bundles) do not import the manifest parsers with aiguard/scan.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from aiguard.config import Config
from aiguard.findings import TOOL_RULES
from aiguard.paths import builtin_policies_dir
from aiguard.policies import PolicySet, load_policies


def load_policy_set(config: Config, extra_policy_dirs: Iterable[Path] = ()) -> PolicySet:
    """Our policies plus the user's (config and command line), minus disabled rules."""
    user_dirs = [*config.policy_dirs(), *extra_policy_dirs]
    everything = load_policies(builtin_policies_dir(), user_dirs)
    config.check_rule_ids(set(everything.by_id()) | {rule.id for rule in TOOL_RULES})
    return everything.without(config.disabled_rules())
