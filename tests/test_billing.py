"""Billing sources: every format normalises to totals an independent sum agrees with,
messy values become data-quality findings with column and row, bad input exits 2, and
S3 exports are read through boto3 from moto's standalone server over HTTP."""

from __future__ import annotations

import csv
import gzip
import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from aiguard.billing.normalise import connect
from aiguard.billing.reader_process import fork_is_safe
from aiguard.billing.scan import run_billing_scan
from aiguard.billing.sql import text, timestamp
from aiguard.config import Config

FIXTURES = Path(__file__).parent / "fixtures" / "billing"


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


def _csv_sum(path: Path, column: str) -> tuple[int, float]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", newline="") as handle:  # type: ignore[operator]
        rows = list(csv.DictReader(handle))
    return len(rows), round(sum(_number(r[column]) for r in rows), 2)


@pytest.mark.parametrize(
    ("name", "column", "source_format"),
    [
        ("focus_messy.csv", "BilledCost", "focus"),
        ("aws_cur_legacy.csv.gz", "lineItem/UnblendedCost", "aws-cur"),
        ("aws_cur_athena.csv", "line_item_unblended_cost", "aws-cur"),
        ("gcp_billing.csv", "cost", "gcp"),
        ("azure_ea.csv", "Cost", "azure"),
        ("azure_mca.csv", "CostInBillingCurrency", "azure"),
    ],
)
def test_csv_totals_equal_an_independent_sum(name: str, column: str, source_format: str) -> None:
    rows, total = _csv_sum(FIXTURES / name, column)
    result = run_billing_scan([str(FIXTURES / name)], Config())
    assert result.billing is not None
    assert result.billing.source_format == source_format
    assert result.billing.rows == rows  # no row dropped, whatever its problems
    assert result.billing.billed_cost == total


def test_gcp_json_lines_totals_and_credits() -> None:
    lines = [json.loads(x) for x in (FIXTURES / "gcp_billing.jsonl").read_text().splitlines()]
    billed = round(sum(x["cost"] for x in lines), 2)
    credits = sum(c["amount"] for x in lines for c in x.get("credits", []))
    result = run_billing_scan([str(FIXTURES / "gcp_billing.jsonl")], Config())
    assert result.billing is not None
    assert (result.billing.rows, result.billing.billed_cost) == (3, billed)
    assert result.billing.effective_cost == round(billed + credits, 2)
    assert result.billing.gpu_cost == round(88.49 - 20.0, 2)  # the H100 SKU, after its CUD


def test_focus_parquet_totals() -> None:
    with (
        Path(__file__).parent.parent / "policies/cost/billing_budget/fixtures/pass_budget.csv"
    ).open(newline="") as handle:
        rows = list(csv.DictReader(handle))[:12]
    result = run_billing_scan([str(FIXTURES / "focus.parquet")], Config())
    assert result.billing is not None
    assert result.billing.rows == 12
    assert result.billing.billed_cost == round(sum(float(r["BilledCost"]) for r in rows), 2)
    assert result.findings == []  # typed Parquet columns need no repair


def test_messy_focus_export_reports_each_problem_with_column_and_row() -> None:
    result = run_billing_scan([str(FIXTURES / "focus_messy.csv")], Config())
    quality = {(f.attribute, f.line) for f in result.findings if f.rule_id == "AIG-DQ-001"}
    # ListCost and ChargePeriodEnd feed no guardrail, so they are not checked.
    assert quality == {
        ("BilledCost", 3),  # the text NULL
        ("EffectiveCost", 3),
        ("ChargeCategory", 4),  # wrong-case enums
        ("PricingCategory", 4),
        ("ChargePeriodStart", 4),  # no time zone
        ("Tags", 4),  # tag key with spaces
        ("BilledCost", 5),  # not a number
        ("EffectiveCost", 5),
        ("Tags", 6),  # not a tag object
        ("CommitmentDiscountStatus", 7),  # wrong case
        ("RegionId", 7),  # the text NULL
    }
    messages = [f.message for f in result.findings if f.attribute == "ChargeCategory"]
    assert messages == [
        "ChargeCategory: 'usage' is not in FOCUS case in 2 rows (first at line 4); "
        "read in FOCUS case"
    ]
    assert result.billing is not None
    # The tag key " Cost Center " counts as cost-center: row 4 is fully tagged.
    assert result.billing.untagged_share == round((0 + 1.5) / (10.5 + 4.0 + 1.5), 4)


def test_resources_are_grouped_by_their_trimmed_id_and_checked_once_per_row(
    tmp_path: Path,
) -> None:
    # Resources are grouped by the raw cell in the pass over the rows and trimmed after:
    # " i-1 " and "i-1" are one resource, and each text NULL counts once, at its line.
    header = "BilledCost,EffectiveCost,ResourceId,ChargePeriodStart,RegionId,ServiceName"
    rows = [
        "1.00,1.00,i-1,2026-11-01T00:00:00Z,eu-west-1,Amazon EC2",
        "2.00,2.00, i-1 ,2026-11-01T00:00:00Z,eu-west-1,Amazon EC2",
        "4.00,4.00,NULL,2026-11-02T00:00:00Z,eu-west-1,Amazon EC2",
        "0.50,0.50,i-2,2026-11-02T00:00:00Z,eu-west-1,Amazon EC2",
        "8.00,8.00,NULL,2026-11-03T00:00:00Z,eu-north-1,Amazon S3",
    ]
    export = tmp_path / "focus.csv"
    export.write_text("\n".join([header, *rows]) + "\n")
    result = run_billing_scan([str(export)], Config())
    assert result.billing is not None
    assert [(a.key, a.cost) for a in result.billing.top_resources] == [("i-1", 3.0), ("i-2", 0.5)]
    [null_ids] = [f for f in result.findings if f.attribute == "ResourceId"]
    assert null_ids.line == 4
    assert null_ids.message == (
        "ResourceId: holds the text NULL in 2 rows (first at line 4); read as empty"
    )


def test_data_quality_rule_is_rerated_and_disabled_in_the_config() -> None:
    export = [str(FIXTURES / "focus_messy.csv")]
    rerated = run_billing_scan(
        export, Config.model_validate({"rules": {"AIG-DQ-001": {"severity": "high"}}})
    )
    severities = {f.severity.value for f in rerated.findings if f.rule_id == "AIG-DQ-001"}
    assert severities == {"high"}
    disabled = run_billing_scan(
        export, Config.model_validate({"rules": {"AIG-DQ-001": {"enabled": False}}})
    )
    assert [f for f in disabled.findings if f.rule_id == "AIG-DQ-001"] == []


def test_unknown_headers_are_a_parse_finding(tmp_path: Path) -> None:
    export = tmp_path / "other.csv"
    export.write_text("a,b\n1,2\n")
    result = run_billing_scan([str(export)], Config())
    assert [(f.rule_id, f.line) for f in result.findings] == [("AIG-PARSE", 1)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing-dir/"], "no billing export files (.csv, .csv.gz, .parquet, .jsonl) at"),
        (["x.csv", "--source-format", "excel"], "Invalid value for '--source-format'"),
        ([], "Missing argument 'SOURCES...'"),
        (["x.csv", "--opa-url", "http://127.0.0.1:1"], "--opa-url needs --engine opa"),
        (["x.csv", "--memory-limit", "lots"], "'lots' is not a size such as 512MB or 2GB"),
    ],
)
def test_bad_cli_input_exits_2(args: list[str], message: str, in_tmp: Path) -> None:
    done = subprocess.run(
        ["aiguard", "billing", "scan", *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("config", "place", "named"),
    [
        ("billing:\n  budgets:\n    - {scope: team, monthly: 5}\n", ".aiguard.yaml:3:", "scope"),
        # The memory limit is an option of the run (--memory-limit), not of the config.
        ("billing:\n  memory_limit: 2GB\n", ".aiguard.yaml:2:", "memory_limit"),
    ],
)
def test_bad_billing_config_exits_2_with_line(
    config: str, place: str, named: str, in_tmp: Path
) -> None:
    (in_tmp / ".aiguard.yaml").write_text(config)
    shutil.copy(FIXTURES / "azure_mca.csv", in_tmp)
    # The reader started before the config was read; were it left running, it would
    # hold the output pipes open and this run would not end.
    done = subprocess.run(
        ["aiguard", "billing", "scan", "azure_mca.csv"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert place in done.stderr and named in done.stderr


def test_the_reader_is_forked_only_by_a_process_without_regopy_duckdb_or_threads() -> None:
    # aiguard billing scan at the moment it starts the reader: fork.
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import aiguard.cli, aiguard.billing.command, aiguard.billing.scan\n"
            "from aiguard.billing.reader_process import fork_is_safe\n"
            "print(fork_is_safe())",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "True"
    # This test process has imported DuckDB (and the in-process scans above start their
    # reader as a new interpreter).
    assert not fork_is_safe()


def test_text_reads_values_as_trim_would() -> None:
    cells = [" a", "a ", "\u00a0a\u3000", "\ta", "NULL", "null", " NULL", "", "  ", "a b", "é"]
    connection = connect("256MB")
    connection.execute("CREATE TABLE cells (x VARCHAR)")
    connection.executemany("INSERT INTO cells VALUES (?)", [[c] for c in [*cells, None]])
    ours = text("x", {"x": "VARCHAR"})
    trimmed = "CASE WHEN x IN ('NULL', 'null', 'Null') THEN NULL ELSE nullif(trim(x), '') END"
    rows = connection.execute(f"SELECT x, {ours}, {trimmed} FROM cells").fetchall()
    assert [(x, a) for x, a, b in rows if a != b or (a is None) != (b is None)] == []
    assert [a for _, a, _ in rows] == [
        "a",
        "a",
        "a",
        "\ta",
        None,
        None,
        "NULL",
        None,
        None,
        "a b",
        "é",
        None,
    ]


def test_timestamps_are_utc_whatever_their_offset() -> None:
    values = ["2026-09-01T23:30:00-05:00", "2026-09-01 23:30:00", "2026-09-01", "x", "NULL"]
    connection = connect("256MB")
    connection.execute("CREATE TABLE cells (t VARCHAR)")
    connection.executemany("INSERT INTO cells VALUES (?)", [[v] for v in values])
    parsed = timestamp("t", {"t": "VARCHAR"})
    got = [str(v) for (v,) in connection.execute(f"SELECT {parsed} FROM cells").fetchall()]
    assert got == [
        "2026-09-02 04:30:00",
        "2026-09-01 23:30:00",
        "2026-09-01 00:00:00",
        "None",
        "None",
    ]


def test_cli_json_report_and_exit_code(in_tmp: Path) -> None:
    shutil.copy(FIXTURES / "azure_ea.csv", in_tmp)
    done = subprocess.run(
        ["aiguard", "billing", "scan", "azure_ea.csv", "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1  # AIG-COST-106 (eastus) is high
    report = json.loads(done.stdout)
    assert {f["rule_id"] for f in report["findings"]} == {"AIG-COST-102", "AIG-COST-106"}
    assert report["billing"]["billed_cost"] == 131.48


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    """moto's standalone S3 server on a loopback port, reached over HTTP (not a mock)."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_bucket(s3_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Any]:
    """Creates a bucket on the moto server and returns a boto3 client for it; aiguard's
    own boto3 finds the same server and credentials in the environment."""
    import boto3

    for name, value in {
        "AWS_ENDPOINT_URL": s3_endpoint,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "eu-west-1",
    }.items():
        monkeypatch.setenv(name, value)

    def create(bucket: str) -> Any:
        s3 = boto3.client("s3")
        configuration = {"LocationConstraint": "eu-west-1"}
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration=configuration)
        return s3

    return create


def test_s3_cur_export_honours_the_manifest(s3_bucket: Callable[[str], Any]) -> None:
    s3 = s3_bucket("billing-bucket")
    period = "cur/report/20261101-20261201"
    s3.upload_file(
        str(FIXTURES / "aws_cur_legacy.csv.gz"),
        "billing-bucket",
        f"{period}/a1/report-00001.csv.gz",
    )
    # An older assembly the current manifest no longer lists: must not be read.
    s3.upload_file(
        str(FIXTURES / "aws_cur_athena.csv"), "billing-bucket", f"{period}/a0/report-00001.csv"
    )
    manifest = {"reportKeys": [f"{period}/a1/report-00001.csv.gz"]}
    s3.put_object(
        Bucket="billing-bucket",
        Key=f"{period}/report-Manifest.json",
        Body=json.dumps(manifest).encode(),
    )
    s3.put_object(
        Bucket="billing-bucket",
        Key=f"{period}/a0/report-Manifest.json",
        Body=json.dumps({"reportKeys": [f"{period}/a0/report-00001.csv"]}).encode(),
    )
    rows, total = _csv_sum(FIXTURES / "aws_cur_legacy.csv.gz", "lineItem/UnblendedCost")
    result = run_billing_scan(["s3://billing-bucket/cur/"], Config())
    assert result.billing is not None
    assert result.files_scanned == 1
    assert (result.billing.rows, result.billing.billed_cost) == (rows, total)
    quality = {f.file for f in result.findings if f.rule_id == "AIG-DQ-001"}
    assert quality == {f"s3://billing-bucket/{period}/a1/report-00001.csv.gz"}


def test_s3_data_exports_parquet_honour_the_manifest(s3_bucket: Callable[[str], Any]) -> None:
    """CUR 2.0: Parquet under BILLING_PERIOD= partitions, `dataFiles` in the manifest."""
    s3 = s3_bucket("exports-bucket")
    root = FIXTURES / "cur2"
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        body = path.read_bytes().replace(b"s3://billing-bucket/", b"s3://exports-bucket/")
        key = f"cur2/{path.relative_to(root).as_posix()}"
        s3.put_object(Bucket="exports-bucket", Key=key, Body=body)
    result = run_billing_scan(["s3://exports-bucket/cur2/"], Config())
    assert result.billing is not None
    # Only the file the manifest lists (the stale one has other columns).
    assert result.files_scanned == 1
    assert result.billing.source_format == "aws-cur"
    assert (result.billing.rows, result.billing.billed_cost) == (3, round(98.32 + 0.096 + 4.2, 2))
    residency = [(f.file, f.resource) for f in result.findings if f.rule_id == "AIG-COST-106"]
    assert residency == [("s3://exports-bucket/cur2/", "billing:region/aws/us-east-1")]
    # resource_tags map keys `user_team` are the tag `team`; the SavingsPlan row lacks
    # cost-center, so 0.096 of 102.616 usage spend is untagged.
    assert result.billing.untagged_share == round(0.096 / (98.32 + 0.096 + 4.2), 4)


def test_costs_add_up_the_same_in_any_order() -> None:
    """DuckDB's threads add rows in a different order on every run; float sums then
    differ in the last bits and a report a cent apart. Costs are summed exactly."""
    connection = connect("1GB")
    in_order = "SELECT {}(x) FROM (SELECT unnest([0.1, 0.2, 0.3]::DOUBLE[]) AS x)"
    reverse = "SELECT {}(x) FROM (SELECT unnest([0.3, 0.2, 0.1]::DOUBLE[]) AS x)"
    plain = [connection.execute(q.format("sum")).fetchone() for q in (in_order, reverse)]
    assert plain[0] != plain[1]  # what exact_sum is for
    exact = [connection.execute(q.format("exact_sum")).fetchone() for q in (in_order, reverse)]
    assert exact == [(0.6,), (0.6,)]
