"""Every export file as FOCUS columns in DuckDB, grouped in one streaming pass.

Each file is read lazily (DuckDB streams CSV, gzip, Parquet and JSON lines), its
format detected from its headers, and its columns mapped to FOCUS by the format's
SQL. `grouped_table` evaluates that SQL in two stages (see `SourceFile.grouped_sql`):
what differs per row in one pass over the rows, the rest on the grouped rows, and
adds each file to the table `grouped`. Memory stays bounded by DuckDB's memory_limit
rather than by the size of the export.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import duckdb

from aiguard.billing.formats import (
    FORMATS,
    GCP_JSON_FIELDS,
    GCP_JSON_NESTED,
    FocusColumn,
    SourceFormat,
    detect_format,
)
from aiguard.billing.quality import UNCHECKED, mask_sql, source_checks
from aiguard.billing.sql import literal, quote, tag_value_sql, text

# FOCUS columns the aggregates group by; the costs are summed, the rest is per row.
DIMENSIONS = (
    "BillingCurrency",
    "ChargeCategory",
    "PricingCategory",
    "ServiceCategory",
    "ServiceName",
    "ProviderName",
    "RegionId",
    "SubAccountId",
    "SkuId",
    "x_Description",
    "x_InstanceType",
    "CommitmentDiscountStatus",
)
FOCUS_TYPES = {
    "BilledCost": "DOUBLE",
    "EffectiveCost": "DOUBLE",
    "ListCost": "DOUBLE",
    "BillingCurrency": "VARCHAR",
    "ChargeCategory": "VARCHAR",
    "PricingCategory": "VARCHAR",
    "ServiceCategory": "VARCHAR",
    "ServiceName": "VARCHAR",
    "ProviderName": "VARCHAR",
    "RegionId": "VARCHAR",
    "SubAccountId": "VARCHAR",
    "ResourceId": "VARCHAR",
    "SkuId": "VARCHAR",
    "x_Description": "VARCHAR",
    "x_InstanceType": "VARCHAR",
    "Tags": "MAP(VARCHAR, VARCHAR)",
    "ChargePeriodStart": "TIMESTAMP",
    "ChargePeriodEnd": "TIMESTAMP",
    "CommitmentDiscountStatus": "VARCHAR",
    "x_UnusedCommitmentCost": "DOUBLE",
}


class SourceError(Exception):
    """An export file that cannot be read at all; it becomes an AIG-PARSE finding."""


@dataclass
class SourceFile:
    """One export file as DuckDB reads it, and as FOCUS columns."""

    path: str  # local path DuckDB reads
    display: str  # what findings name: the path as given, or its s3:// URI
    format: SourceFormat
    raw_sql: str  # a FROM-able expression yielding the raw columns
    types: dict[str, str]
    columns: dict[str, FocusColumn]
    header_lines: int  # lines before the first data row (1 for CSV, 0 otherwise)

    def grouped_sql(self, tag_keys: list[str]) -> str:
        """The file grouped in one streaming pass, as FOCUS columns (see module docstring).

        Stage 1 reads each row once: it parses the costs and the day, computes the
        checks that need the row, and groups by the raw columns the other FOCUS columns
        are made of (tags as their text), plus, as a second grouping set of the same
        scan, by resource. Stage 2 turns the few grouped rows into FOCUS columns, parses
        the tags and runs the remaining checks, weighted by their row counts.
        """
        columns = self.columns
        keys = sorted(
            {
                raw
                for name in (*DIMENSIONS, "Tags")
                for raw in referenced_columns(columns[name].sql)
                if raw in self.types
            }
        )
        checks = source_checks(self)
        row_checks = [c if c.column not in keys else None for c in checks]
        group_checks = [c if c.column in keys else None for c in checks]
        key_list = ", ".join(quote(k) for k in keys)
        billed = columns["BilledCost"].sql
        start, effective = columns["ChargePeriodStart"].sql, columns["EffectiveCost"].sql
        renames = [(start, "aiguard_start"), (billed, "aiguard_billed")]
        renames.append((effective, "aiguard_effective"))
        row_mask = mask_sql(row_checks, renames)
        unused = _renamed(columns["x_UnusedCommitmentCost"].sql, renames)
        # Each cell's text is trimmed once per row and each value parsed once: the
        # parsed columns and the checks read these instead of repeating the expressions.
        texts = _row_texts(
            self.types, [start, billed, effective, columns["ResourceId"].sql, unused, row_mask]
        )
        parsed = (
            f"SELECT *, CAST({_renamed(start, texts)} AS TIMESTAMP) AS aiguard_start, "
            f"CAST({_renamed(billed, texts)} AS DOUBLE) AS aiguard_billed, "
            f"CAST({_renamed(effective, texts)} AS DOUBLE) AS aiguard_effective, "
            f"CAST({_renamed(columns['ResourceId'].sql, texts)} AS VARCHAR) AS aiguard_resource "
            f"FROM {_with_texts(self.raw_sql, texts)}"
        )
        stage1 = (
            f"SELECT {key_list + ',' if keys else ''} aiguard_day, aiguard_row_mask, "
            "aiguard_resource, GROUPING(aiguard_resource) AS by_dimensions, "
            "count(*) AS rows, exact_sum(coalesce(aiguard_billed, 0)) AS billed_cost, "
            "exact_sum(coalesce(aiguard_effective, aiguard_billed, 0)) AS cost, "
            "exact_sum(coalesce(aiguard_unused, 0)) AS unused_commitment "
            "FROM (SELECT *, CAST(aiguard_start AS DATE) AS aiguard_day, "
            f"CAST({_renamed(unused, texts)} AS DOUBLE) AS aiguard_unused, "
            f"{_renamed(row_mask, texts)} AS aiguard_row_mask FROM ({parsed})) "
            f"GROUP BY GROUPING SETS (({key_list + ',' if keys else ''} aiguard_day, "
            "aiguard_row_mask), (aiguard_resource))"
        )
        tags = columns["Tags"].sql
        parts = [
            f"CAST({columns[name].sql} AS {FOCUS_TYPES[name]}) AS {quote(name)}"
            for name in DIMENSIONS
        ]
        parts += [f'{tag_value_sql(k, "aiguard_tags")} AS "tag:{k}"' for k in tag_keys]
        parts += [
            "aiguard_day AS day",
            f"{literal(self.display)} AS x_File",
            f"aiguard_row_mask | ({mask_sql(group_checks, [(tags, 'aiguard_tags')])}) AS dq_mask",
            "aiguard_resource AS ResourceId",
            "by_dimensions, rows, billed_cost, cost, unused_commitment",
        ]
        return (
            f"SELECT {', '.join(parts)} FROM (SELECT *, CAST({tags} AS MAP(VARCHAR, VARCHAR)) "
            f"AS aiguard_tags FROM ({stage1}))"
        )


def _renamed(sql: str, renames: list[tuple[str, str]]) -> str:
    """`sql` with each expression of `renames` swapped for the column holding its value."""
    for expression, column in renames:
        sql = sql.replace(expression, column)
    return sql


def _row_texts(types: dict[str, str], expressions: list[str]) -> list[tuple[str, str]]:
    """(text expression, column name) for every raw column that `expressions` read as
    trimmed text (sql.text): computed once per row by `_with_texts`, so that the parse
    and the checks of a value share one trim instead of repeating it."""
    return [
        (text(raw, types), quote(f"aiguard_text:{raw}"))
        for raw in sorted(types)
        if any(text(raw, types) in sql for sql in expressions)
    ]


def _with_texts(raw_sql: str, texts: list[tuple[str, str]]) -> str:
    """`raw_sql` with the columns of `texts` computed once per row."""
    if not texts:
        return raw_sql
    computed = ", ".join(f"{expression} AS {column}" for expression, column in texts)
    return f"(SELECT *, {computed} FROM {raw_sql})"


def referenced_columns(sql: str) -> set[str]:
    """The raw columns a FOCUS expression reads (every raw reference is quoted)."""
    return {name.replace('""', '"') for name in re.findall(r'"((?:[^"]|"")+)"', sql)}


def connect(
    memory_limit: str, threads: int | None = None, temp_dir: str | None = None
) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB that spills to `temp_dir` rather than exceed `memory_limit`."""
    connection = duckdb.connect(":memory:")
    connection.execute("SET TimeZone = 'UTC'")
    connection.execute(f"SET memory_limit = {literal(memory_limit)}")
    if threads:
        connection.execute(f"SET threads = {int(threads)}")
    if temp_dir:
        connection.execute(f"SET temp_directory = {literal(temp_dir)}")
    # Floating-point sums depend on the order rows are added in, which DuckDB's threads
    # and its grouping change from run to run (a cent apart on a 1M-row export). Costs
    # are summed as DECIMAL instead, exactly, so reports are byte-identical.
    connection.execute(
        "CREATE MACRO exact_sum(x) AS CAST(sum(CAST(x AS DECIMAL(38, 10))) AS DOUBLE)"
    )
    # Keeps row_number() OVER () in file order for the data-quality example rows.
    connection.execute("SET preserve_insertion_order = true")
    return connection


def _raw_sql(path: str, numbers: tuple[str, ...] = ()) -> tuple[str, int]:
    name = path.lower()
    if name.endswith(".parquet"):
        return f"read_parquet({literal(path)}, hive_partitioning = true)", 0
    if name.endswith((".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz", ".ndjson.gz")):
        fields = [
            f"json_extract_string(json, {literal(p)}) AS {quote(n)}"
            for n, p in GCP_JSON_FIELDS.items()
        ]
        fields += [f"CAST(json_extract(json, '$.{n}') AS VARCHAR) AS {n}" for n in GCP_JSON_NESTED]
        source = f"read_json_objects({literal(path)}, format = 'newline_delimited')"
        return f"(SELECT {', '.join(fields)} FROM {source})", 0
    options = "header = true, all_varchar = true, sample_size = 20480"
    if numbers:
        typed = ", ".join(f"{literal(name)}: 'DOUBLE'" for name in numbers)
        options += f", types = {{{typed}}}"
    return f"read_csv({literal(path)}, {options})", 1


def open_source(
    connection: duckdb.DuckDBPyConnection, path: str, display: str, format_name: str | None
) -> SourceFile:
    """Read `path`'s header, detect (or take) its format, and map its columns."""
    raw_sql, header_lines = _raw_sql(path)
    try:
        described = connection.execute(f"DESCRIBE SELECT * FROM {raw_sql}").fetchall()
    except duckdb.Error as exc:
        raise SourceError(f"cannot read the export: {_first_line(exc)}") from exc
    types = {str(row[0]): str(row[1]) for row in described}
    if raw_sql.startswith("(SELECT json_extract"):
        # JSON lines: the columns come from our flattening, so look at the data instead.
        sample = connection.execute(f"SELECT * FROM {raw_sql} LIMIT 50").fetchall()
        present = {name for i, name in enumerate(types) if any(r[i] is not None for r in sample)}
        types = {name: kind for name, kind in types.items() if name in present}
    fmt = FORMATS[format_name] if format_name else detect_format(set(types))
    if fmt is None:
        shown = ", ".join(list(types)[:8])
        raise SourceError(
            "not a known billing export (FOCUS, AWS CUR, GCP or Azure): headers are "
            f"{shown}; give --source-format if the headers are right"
        )
    if not fmt.detect(set(types)):
        raise SourceError(f"the headers do not match --source-format {fmt.name}")
    columns = fmt.columns(types)
    return SourceFile(path, display, fmt, raw_sql, types, columns, header_lines)


def typed_source(source: SourceFile) -> SourceFile | None:
    """`source` with its per-row cost columns read by the CSV reader as DOUBLE, or None
    when there is nothing to type.

    Parsing costs while reading is cheaper than parsing their text per row, and a clean
    export loses nothing by it: a text NULL or a value that is no number fails the typed
    read, and the file is then read again as text (`grouped_table`) so that every such
    value is still reported. Timestamps stay text: a typed read would accept values
    without a time zone, which the checks report.
    """
    if not source.header_lines:
        return None
    numbers = tuple(
        column.raw
        for name, column in source.columns.items()
        if column.kind == "number" and column.raw is not None and name not in UNCHECKED
    )
    if not numbers:
        return None
    raw_sql, _ = _raw_sql(source.path, numbers)
    types = source.types | dict.fromkeys(numbers, "DOUBLE")
    columns = source.format.columns(types)
    return replace(source, raw_sql=raw_sql, types=types, columns=columns)


def grouped_table(
    connection: duckdb.DuckDBPyConnection, sources: list[SourceFile], tag_keys: list[str]
) -> list[SourceFile]:
    """Create the table `grouped`: every source's rows, grouped, as FOCUS columns.

    Returns the sources as read: a CSV's costs typed where its values allow
    (`typed_source`), as text otherwise."""
    read: list[SourceFile] = []
    for source in sources:
        statement = "INSERT INTO grouped " if read else "CREATE OR REPLACE TEMP TABLE grouped AS "
        typed = typed_source(source)
        if typed is not None:
            try:
                connection.execute(statement + typed.grouped_sql(tag_keys))
            except duckdb.Error:
                # A value that is no number (a conversion error): read as text, where
                # the checks see it; any other error recurs there as it always did.
                pass
            else:
                read.append(typed)
                continue
        connection.execute(statement + source.grouped_sql(tag_keys))
        read.append(source)
    return read


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
