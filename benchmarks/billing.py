"""Billing scan benchmark: FOCUS exports of 1M and 10M rows, CSV and Parquet.

    python3 benchmarks/billing.py                      # 1M and 10M rows, CSV and Parquet
    python3 benchmarks/billing.py --rows 1000000 --kinds parquet

The generator writes the exports once under benchmarks/corpus/billing/ (git-ignored)
with DuckDB. Each measurement runs in a fresh process, so its peak RSS (from wait4) is
its own: the whole `aiguard billing scan` (read, data-quality checks, normalisation,
aggregation, anomalies, policy evaluation, JSON report), and, side by side on the same
file, a plain pandas aggregation of the same totals (pandas is the baseline only;
aiguard does not use it).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus" / "billing"

# 200 resources per service in 5 services x 4 regions x 20 accounts, 90 days from
# 2026-09-01; a quarter GPU, some spot, some untagged, tags as FOCUS JSON.
GENERATE = """
COPY (
  SELECT
    round(cost, 4) AS BilledCost,
    round(cost * 0.9, 4) AS EffectiveCost,
    round(cost * 1.1, 4) AS ListCost,
    'USD' AS BillingCurrency,
    'Usage' AS ChargeCategory,
    CASE WHEN i % 7 = 0 THEN 'Dynamic' WHEN i % 5 = 0 THEN 'Committed' ELSE 'Standard' END
      AS PricingCategory,
    CASE WHEN i % 4 = 0 THEN 'AI and Machine Learning' ELSE 'Compute' END AS ServiceCategory,
    ['Amazon EC2', 'Amazon SageMaker', 'Amazon S3', 'Amazon Bedrock', 'AWS Lambda'][i % 5 + 1]
      AS ServiceName,
    'AWS' AS ProviderName,
    ['eu-west-1', 'eu-central-1', 'us-east-1', 'eu-north-1'][i % 4 + 1] AS RegionId,
    lpad(CAST(i % 20 AS VARCHAR), 12, '1') AS SubAccountId,
    'i-' || CAST(i % 20000 AS VARCHAR) AS ResourceId,
    CASE WHEN i % 4 = 0 THEN 'p4d.24xlarge' ELSE 'm5.large' END AS SkuId,
    CASE WHEN i % 10 = 0 THEN '{}'
      ELSE '{"team": "t' || CAST(i % 13 AS VARCHAR) || '", "cost-center": "cc'
        || CAST(i % 7 AS VARCHAR) || '"}' END AS Tags,
    strftime(TIMESTAMP '2026-09-01' + INTERVAL (i % 90) DAY + INTERVAL (i % 24) HOUR,
      '%Y-%m-%dT%H:%M:%SZ') AS ChargePeriodStart,
    strftime(TIMESTAMP '2026-09-01' + INTERVAL (i % 90) DAY + INTERVAL (i % 24 + 1) HOUR,
      '%Y-%m-%dT%H:%M:%SZ') AS ChargePeriodEnd,
    NULL AS CommitmentDiscountStatus
  FROM (SELECT range AS i, (hash(range) % 1000) / 100.0 AS cost FROM range({rows}))
) TO '{path}' ({options})
"""

PANDAS = """
import sys, pandas as pd
path = sys.argv[1]
frame = pd.read_parquet(path) if path.endswith(".parquet") else pd.read_csv(path)
frame["day"] = pd.to_datetime(frame["ChargePeriodStart"], utc=True).dt.date
totals = [frame.groupby(c)["EffectiveCost"].sum() for c in
          ["ServiceName", "SubAccountId", "RegionId", "day", "PricingCategory"]]
untagged = frame.loc[frame["Tags"] == "{}", "EffectiveCost"].sum()
top = frame.groupby("ResourceId")["EffectiveCost"].sum().nlargest(10)
print(round(frame["BilledCost"].sum(), 2), len(totals), round(untagged, 2), len(top))
"""


def generate(rows: int, kind: str) -> Path:
    """The export of `rows` rows in `kind` (csv or parquet), written once."""
    import duckdb

    CORPUS.mkdir(parents=True, exist_ok=True)
    path = CORPUS / f"focus-{rows}.{kind}"
    if not path.exists():
        options = "FORMAT parquet" if kind == "parquet" else "FORMAT csv, HEADER true"
        partial = path.with_suffix(".partial")
        sql = GENERATE.replace("{rows}", str(rows)).replace("{path}", str(partial))
        duckdb.execute(sql.replace("{options}", options))
        partial.rename(path)
    return path


@dataclass(frozen=True)
class Run:
    """One fresh process: wall and CPU seconds (with its children) and peak RSS in MB."""

    seconds: float
    cpu: float
    peak_mb: float


def measure(command: list[str]) -> Run:
    """Run `command` once in a fresh process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{command[:4]} failed: {error}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss / 1024)


def compile_aiguard() -> None:
    """Byte-compile aiguard's modules, as installing its wheel does, so that both tools
    run compiled code: pandas' modules were compiled when it was installed, while an
    editable install run with PYTHONDONTWRITEBYTECODE (this machine sets it) compiles
    every module it imports on every run, about 0.07 s of each scan."""
    import compileall

    import aiguard

    compileall.compile_dir(Path(aiguard.__file__).parent, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--kinds", nargs="+", default=["csv", "parquet"])
    parser.add_argument("--memory-limit", default="1GB")
    parser.add_argument(
        "--repeat", type=int, default=5, help="Runs of each tool, alternating (default: 5)."
    )
    args = parser.parse_args()
    compile_aiguard()
    print(
        "| rows | format | file MB | tool | median s | range s | CPU s | peak RSS MB | faster in |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for rows in args.rows:
        for kind in args.kinds:
            path = generate(rows, kind)
            size = path.stat().st_size / 2**20
            scan = [
                sys.executable,
                "-c",
                "from aiguard.cli import run; run()",
                "billing",
                "scan",
                str(path),
                "--format",
                "json",
                "--output",
                os.devnull,
                "--fail-on",
                "none",
                "--memory-limit",
                args.memory_limit,
            ]
            baseline = [sys.executable, "-c", PANDAS, str(path)]
            tools = {"aiguard billing scan": scan, "pandas": baseline}
            runs: dict[str, list[Run]] = {tool: [] for tool in tools}
            # Alternating runs share the machine's ups and downs (other jobs, caches).
            for _ in range(args.repeat):
                for tool, command in tools.items():
                    runs[tool].append(measure(command))
            # Each alternation is a pair run under the same load: who was faster in it.
            pairs = list(zip(runs["aiguard billing scan"], runs["pandas"], strict=True))
            won = {
                "aiguard billing scan": sum(a.seconds < p.seconds for a, p in pairs),
                "pandas": sum(p.seconds < a.seconds for a, p in pairs),
            }
            for tool, measured in runs.items():
                seconds = sorted(r.seconds for r in measured)
                print(
                    f"| {rows:,} | {kind} | {size:,.0f} | {tool} "
                    f"| {statistics.median(seconds):.2f} | {seconds[0]:.2f}-{seconds[-1]:.2f} "
                    f"| {statistics.median(r.cpu for r in measured):.2f} "
                    f"| {max(r.peak_mb for r in measured):,.0f} "
                    f"| {won[tool]} of {len(pairs)} pairs |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
