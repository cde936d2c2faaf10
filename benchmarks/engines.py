"""Embedded engine against the opa engine on the same generated corpora.

Each engine scans the corpus the way `aiguard scan` does (parse, select the units a
rule targets, load the policies, evaluate); the opa engine starts its own local
`opa run --server` with the scan's bundle, so its load includes starting OPA.
With `--opa-url` it uses a running OPA instead (run twice: the first run uploads
the policies, later ones find them there, as scans against a central OPA do). It
prints seconds per step, resources per second of the whole scan, and the HTTP
requests the opa engine made, which batching keeps to one per 200 scan units.

Usage: python3 benchmarks/engines.py [--sizes kubernetes:1000,kubernetes:10000]
         [--engines embedded,opa] [--workers 2] [--opa-url http://127.0.0.1:8181]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from aiguard.config import Config
from aiguard.discover import discover
from aiguard.engine import OpaOptions, create_engine
from aiguard.engine.opa_server import OpaServerEngine
from aiguard.paths import builtin_rules_dir
from aiguard.policies import load_rule_data
from aiguard.policy_set import load_policy_set
from aiguard.scan import build_units, select_inputs

HERE = Path(__file__).resolve().parent
DEFAULT_SIZES = "kubernetes:1000,kubernetes:10000"


@dataclass(frozen=True)
class Measurement:
    """One engine over one corpus."""

    units: int
    resources: int
    parse: float
    load: float
    evaluate: float
    requests: int | None  # HTTP requests, for the opa engine

    @property
    def total(self) -> float:
        return self.parse + self.load + self.evaluate


def measure(root: Path, engine_name: str, workers: int, opa: OpaOptions) -> Measurement:
    """Scan `root` step by step with one engine, timing each step."""
    config = Config()
    os.chdir(root)  # as benchmarks/phase.py: from inside, git-ignored corpora are scanned
    started = time.perf_counter()
    units = build_units(discover(["."]))
    policy_set = load_policy_set(config)
    inputs = [document for _, document in select_inputs(units, policy_set)]
    parsed = time.perf_counter()
    engine = create_engine(engine_name, workers, opa)
    try:
        engine.load(policy_set.engine_modules(), load_rule_data([builtin_rules_dir()], {}))
        loaded = time.perf_counter()
        engine.evaluate(inputs)
        evaluated = time.perf_counter()
    finally:
        engine.close()
    return Measurement(
        units=len(inputs),
        resources=sum(len(u.output.resources) for u in units),
        parse=parsed - started,
        load=loaded - parsed,
        evaluate=evaluated - loaded,
        requests=engine.requests_made if isinstance(engine, OpaServerEngine) else None,
    )


def corpus(kind: str, count: int) -> Path:
    """The corpus benchmarks/run.py uses, generated once."""
    root = HERE / "corpus" / f"{kind}-{count}"
    if not root.exists():
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), kind, str(count), str(root)], check=True
        )
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default=DEFAULT_SIZES)
    parser.add_argument("--engines", default="embedded,opa")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--opa-url", help="an OPA to use instead of starting one (warm runs)")
    args = parser.parse_args()
    print(
        f"{'corpus':<18} {'engine':<9} {'units':>6} {'resources':>9} {'parse s':>8} "
        f"{'load s':>7} {'eval s':>7} {'scan s':>7} {'res/s':>7} {'requests':>8}"
    )
    for spec in args.sizes.split(","):
        kind, count = spec.split(":")
        root = corpus(kind, int(count))
        for engine_name in args.engines.split(","):
            m = measure(root, engine_name, args.workers, OpaOptions(url=args.opa_url))
            requests = "-" if m.requests is None else str(m.requests)
            print(
                f"{root.name:<18} {engine_name:<9} {m.units:>6} {m.resources:>9,} "
                f"{m.parse:>8.2f} {m.load:>7.2f} {m.evaluate:>7.2f} {m.total:>7.2f} "
                f"{m.resources / m.total:>7,.0f} {requests:>8}"
            )


if __name__ == "__main__":
    main()
