"""One benchmark phase in its own process; prints a JSON line with its numbers.

parse:    discover and parse every file into resources
evaluate: the policy evaluation alone, on inputs built beforehand (not timed)
scan:     the whole pipeline as `aiguard scan` runs it, including policy loading
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time

from aiguard.config import Config
from aiguard.discover import discover
from aiguard.engine import create_engine
from aiguard.paths import builtin_rules_dir
from aiguard.policies import load_rule_data
from aiguard.policy_set import load_policy_set
from aiguard.scan import build_units, run_scan, select_inputs


def main() -> None:
    phase, root, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
    os.chdir(root)
    config = Config()
    files = resources = 0
    if phase == "scan":
        started = time.perf_counter()
        result = run_scan(["."], config, workers=workers)
        seconds = time.perf_counter() - started
        files, resources = result.files_scanned, result.resources
    else:
        started = time.perf_counter()
        sources = discover(["."])
        units = build_units(sources)
        seconds = time.perf_counter() - started
        files, resources = len(sources), sum(len(u.output.resources) for u in units)
        if phase == "evaluate":
            policy_set = load_policy_set(config)
            engine = create_engine("embedded", workers)
            engine.load(policy_set.engine_modules(), load_rule_data([builtin_rules_dir()], {}))
            inputs = [doc for _, doc in select_inputs(units, policy_set)]
            started = time.perf_counter()
            engine.evaluate(inputs)
            seconds = time.perf_counter() - started
    numbers = {
        "seconds": seconds,
        "files": files,
        "resources": resources,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }
    print(json.dumps(numbers))


if __name__ == "__main__":
    main()
