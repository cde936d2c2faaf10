"""Benchmark harness: throughput and peak memory of parse, evaluate and a whole scan.

Each measurement runs in a fresh Python process so its peak RSS is its own.
Usage: python3 benchmarks/run.py [--sizes kubernetes:1000,kubernetes:10000,terraform:1000]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
DEFAULT_SIZES = "kubernetes:1000,kubernetes:10000,terraform:1000"


def corpus(kind: str, count: int) -> Path:
    """Generate a corpus once; later runs reuse it."""
    root = CORPUS / f"{kind}-{count}"
    if not root.exists():
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), kind, str(count), str(root)], check=True
        )
    return root


def measure(phase: str, root: Path, workers: int) -> dict[str, float]:
    """Run one phase in a child process and return its numbers."""
    output = subprocess.run(
        [sys.executable, str(HERE / "phase.py"), phase, str(root), str(workers)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default=DEFAULT_SIZES)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    print(
        f"{'corpus':<18} {'phase':<9} {'files':>6} {'resources':>9} {'seconds':>8} "
        f"{'files/s':>8} {'res/s':>8} {'peak MB':>8} {'worker MB':>9}"
    )
    for spec in args.sizes.split(","):
        kind, count = spec.split(":")
        root = corpus(kind, int(count))
        for phase in ("parse", "evaluate", "scan"):
            started = time.perf_counter()
            r = measure(phase, root, args.workers)
            wall = time.perf_counter() - started
            seconds = r["seconds"]
            print(
                f"{kind + '-' + count:<18} {phase:<9} {int(r['files']):>6} "
                f"{int(r['resources']):>9} {seconds:>8.2f} {r['files'] / seconds:>8.0f} "
                f"{r['resources'] / seconds:>8.0f} {r['peak_mb']:>8.0f} "
                f"{r['worker_peak_mb']:>9.0f}"
                + ("" if phase != "scan" else f"   (process wall {wall:.2f} s)")
            )


if __name__ == "__main__":
    main()
