"""Every export file as FOCUS columns in DuckDB, grouped in one streaming pass.

Each file is read lazily (DuckDB streams CSV, gzip, Parquet and JSON lines), its
format detected from its headers, and its columns mapped to FOCUS by the format's
SQL, in two stages: `rows_tables` does what differs per row in one pass over the rows
(`SourceFile.rows_sql`), `grouped_table` the rest on the grouped rows (`grouped_sql`
for the dimensions, `resources_sql` for the resources) and adds each file to the
table `grouped`. Memory stays bounded by DuckDB's memory_limit rather than by the
size of the export.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import _duckdb as duckdb  # the engine alone (aiguard/billing/reader.py says why)

from aiguard.billing.formats import (
    FORMATS,
    GCP_JSON_FIELDS,
    GCP_JSON_NESTED,
    FocusColumn,
    SourceFormat,
    detect_format,
)
from aiguard.billing.quality import UNCHECKED, Check, mask_sql, source_checks
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


@dataclass(frozen=True)
class Grouping:
    """What stage 1 of a file groups by, and where each data-quality check runs.

    Stage 1 groups the rows by the raw columns of the grouped FOCUS columns (`keys`)
    and, as a second grouping set, by those of ResourceId. A check of a column stage 1
    groups by runs in stage 2, once per group and weighted by its rows; any other check
    runs per row in stage 1. Each list holds the file's checks in bit order, None where
    the check runs elsewhere (see `mask_sql`), so every row counts once per check.
    """

    keys: list[str]
    resource_keys: list[str]
    row_checks: list[Check | None]
    dimension_checks: list[Check | None]
    resource_checks: list[Check | None]


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
    csv_dialect: str | None = None  # read_csv's options, for a CSV

    def _grouping(self) -> Grouping:
        """What stage 1 groups by and where each check runs (`Grouping`)."""

        def raw_columns(names: tuple[str, ...]) -> list[str]:
            return sorted(
                {
                    raw
                    for name in names
                    for raw in referenced_columns(self.columns[name].sql)
                    if raw in self.types
                }
            )

        keys = raw_columns((*DIMENSIONS, "Tags"))
        resource_keys = raw_columns(("ResourceId",))
        checks = source_checks(self)
        return Grouping(
            keys,
            resource_keys,
            row_checks=[c if c.column not in {*keys, *resource_keys} else None for c in checks],
            dimension_checks=[c if c.column in keys else None for c in checks],
            resource_checks=[
                c if c.column in resource_keys and c.column not in keys else None for c in checks
            ],
        )

    def rows_sql(self) -> str:
        """Stage 1, the one pass over the rows: parse the costs and the day, run the
        checks that need the row, and group by the raw key columns (tags as their text)
        plus, as a second grouping set of the same scan, by the raw resource columns."""
        columns = self.columns
        grouping = self._grouping()
        key_list = ", ".join(quote(k) for k in grouping.keys)
        billed = columns["BilledCost"].sql
        start, effective = columns["ChargePeriodStart"].sql, columns["EffectiveCost"].sql
        renames = [(start, "aiguard_start"), (billed, "aiguard_billed")]
        renames.append((effective, "aiguard_effective"))
        row_mask = mask_sql(grouping.row_checks, renames)
        unused = _renamed(columns["x_UnusedCommitmentCost"].sql, renames)
        # Each cell's text is trimmed once per row and each value parsed once: the
        # parsed columns and the checks read these instead of repeating the expressions.
        texts = _row_texts(self.types, [start, billed, effective, unused, row_mask])
        parsed = (
            f"SELECT *, CAST({_renamed(start, texts)} AS TIMESTAMP) AS aiguard_start, "
            f"CAST({_renamed(billed, texts)} AS DOUBLE) AS aiguard_billed, "
            f"CAST({_renamed(effective, texts)} AS DOUBLE) AS aiguard_effective "
            f"FROM {_with_texts(self.raw_sql, texts)}"
        )
        dimensions = f"{key_list + ',' if key_list else ''} aiguard_day, aiguard_row_mask"
        resources = ", ".join(quote(k) for k in grouping.resource_keys)
        return (
            f"SELECT {dimensions}{', ' + resources if resources else ''}, "
            "1 - GROUPING(aiguard_day) AS by_dimensions, "
            "count(*) AS rows, exact_sum(coalesce(aiguard_billed, 0)) AS billed_cost, "
            "exact_sum(coalesce(aiguard_effective, aiguard_billed, 0)) AS cost, "
            "exact_sum(coalesce(aiguard_unused, 0)) AS unused_commitment "
            "FROM (SELECT *, CAST(aiguard_start AS DATE) AS aiguard_day, "
            f"CAST({_renamed(unused, texts)} AS DOUBLE) AS aiguard_unused, "
            f"{_renamed(row_mask, texts)} AS aiguard_row_mask FROM ({parsed})) "
            f"GROUP BY GROUPING SETS (({dimensions}), ({resources}))"
        )

    def grouped_sql(self, rows_table: str, tag_keys: list[str]) -> str:
        """Stage 2 for the dimensions' grouped rows of stage 1 (`rows_table`): the FOCUS
        columns, the parsed tags and the remaining checks, weighted by their row counts."""
        columns = self.columns
        tags = columns["Tags"].sql
        dimension_mask = mask_sql(self._grouping().dimension_checks, [(tags, "aiguard_tags")])
        dimensions = [columns[name].sql for name in DIMENSIONS]
        # Each key's text once per group, as in stage 1.
        key_texts = _row_texts(self.types, [*dimensions, tags, dimension_mask])
        parts = [
            f"CAST({_renamed(sql, key_texts)} AS {FOCUS_TYPES[name]}) AS {quote(name)}"
            for name, sql in zip(DIMENSIONS, dimensions, strict=True)
        ]
        parts += [f'{tag_value_sql(k, "aiguard_tags")} AS "tag:{k}"' for k in tag_keys]
        parts += [
            "aiguard_day AS day",
            f"{literal(self.display)} AS x_File",
            f"aiguard_row_mask | {_renamed(dimension_mask, key_texts)} AS dq_mask",
            "CAST(NULL AS VARCHAR) AS ResourceId",
            "by_dimensions, rows, billed_cost, cost, unused_commitment",
        ]
        rows = f"(SELECT * FROM {rows_table} WHERE by_dimensions = 1)"
        return (
            f"SELECT {', '.join(parts)} FROM (SELECT *, CAST({_renamed(tags, key_texts)} AS "
            f"MAP(VARCHAR, VARCHAR)) AS aiguard_tags FROM {_with_texts(rows, key_texts)})"
        )

    def resources_sql(self, rows_table: str) -> str:
        """Stage 2 for the resources' grouped rows of stage 1: the ResourceId and the
        checks of its columns, for `INSERT ... BY NAME` (the dimensions stay NULL)."""
        resource = self.columns["ResourceId"].sql
        resource_mask = mask_sql(self._grouping().resource_checks)
        return (
            f"SELECT CAST({resource} AS VARCHAR) AS ResourceId, {literal(self.display)} AS "
            f"x_File, {resource_mask} AS dq_mask, by_dimensions, rows, "
            f"billed_cost, cost, unused_commitment FROM {rows_table} WHERE by_dimensions = 0"
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
    connection.execute("SET enable_progress_bar = false")
    connection.execute(f"SET memory_limit = {literal(memory_limit)}")
    if threads:
        connection.execute(f"SET threads = {int(threads)}")
    if temp_dir:
        connection.execute(f"SET temp_directory = {literal(temp_dir)}")
    # Floating-point sums depend on the order rows are added in, which DuckDB's threads
    # and its grouping change from run to run (a cent apart on a 1M-row export). Costs
    # are summed exactly instead, as whole 1e-10 units in HUGEINT (the precision of a
    # DECIMAL(38, 10) at a tenth less CPU for the pass over the rows than casting to
    # one), so reports are byte-identical.
    connection.execute(
        "CREATE MACRO exact_sum(x) AS CAST(sum(CAST(round(x * 1e10) AS HUGEINT)) AS DOUBLE) / 1e10"
    )
    # Keeps row_number() OVER () in file order for the data-quality example rows.
    connection.execute("SET preserve_insertion_order = true")
    # The grouping_sets optimizer feeds each grouping set of `rows_sql` its own copy
    # of the rows; without it one hash aggregate fills both sets in one pass, the same
    # rows at a third less CPU (measured on a 1M-row export, docs in benchmarks/README.md).
    connection.execute("SET disabled_optimizers = 'grouping_sets'")
    return connection


def _csv_sql(path: str, dialect: str, types: dict[str, str]) -> str:
    """`path` read with the sniffed `dialect` and these column types, in file order."""
    columns = ", ".join(f"{literal(name)}: {literal(kind)}" for name, kind in types.items())
    return f"read_csv({literal(path)}, {dialect}, columns = {{{columns}}})"


def _sniff_csv(connection: duckdb.DuckDBPyConnection, path: str) -> tuple[str, dict[str, str], int]:
    """The CSV's dialect as read_csv options, its columns (as text) and the lines before
    its first row. Sniffed once: every later read passes the options with auto_detect
    off instead of sniffing the first 20,480 rows again."""
    delimiter, quote_char, escape, new_line, comment, skip, columns = connection.execute(
        "SELECT Delimiter, Quote, Escape, NewLineDelimiter, Comment, SkipRows, Columns "
        f"FROM sniff_csv({literal(path)}, header = true, all_varchar = true)"
    ).fetchall()[0]

    def option(value: str) -> str:
        return literal("" if value == "(empty)" else value)

    dialect = (
        f"auto_detect = false, header = true, delim = {option(delimiter)}, "
        f"quote = {option(quote_char)}, escape = {option(escape)}, "
        f"new_line = {option(new_line)}, skip = {int(skip)}"
    )
    if comment != "(empty)":
        dialect += f", comment = {option(comment)}"
    types = {str(c["name"]): "VARCHAR" for c in columns}
    return dialect, types, 1 + int(skip)


def _json_lines_sql(path: str) -> str:
    fields = [
        f"json_extract_string(json, {literal(p)}) AS {quote(n)}" for n, p in GCP_JSON_FIELDS.items()
    ]
    fields += [f"CAST(json_extract(json, '$.{n}') AS VARCHAR) AS {n}" for n in GCP_JSON_NESTED]
    source = f"read_json_objects({literal(path)}, format = 'newline_delimited')"
    return f"(SELECT {', '.join(fields)} FROM {source})"


def _columns(
    connection: duckdb.DuckDBPyConnection, path: str
) -> tuple[str, dict[str, str], int, str | None]:
    """How to read `path`: its FROM expression, column types, lines before the first
    row, and for a CSV its dialect."""
    name = path.lower()
    if name.endswith(".parquet"):
        raw_sql = f"read_parquet({literal(path)}, hive_partitioning = true)"
        described = connection.execute(f"DESCRIBE SELECT * FROM {raw_sql}").fetchall()
        return raw_sql, {str(r[0]): str(r[1]) for r in described}, 0, None
    if name.endswith((".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz", ".ndjson.gz")):
        raw_sql = _json_lines_sql(path)
        described = connection.execute(f"DESCRIBE SELECT * FROM {raw_sql}").fetchall()
        # The columns come from our flattening, so look at the data for those present.
        sample = connection.execute(f"SELECT * FROM {raw_sql} LIMIT 50").fetchall()
        present = {i for i in range(len(described)) if any(r[i] is not None for r in sample)}
        types = {str(r[0]): str(r[1]) for i, r in enumerate(described) if i in present}
        return raw_sql, types, 0, None
    dialect, types, header_lines = _sniff_csv(connection, path)
    return _csv_sql(path, dialect, types), types, header_lines, dialect


def open_source(
    connection: duckdb.DuckDBPyConnection, path: str, display: str, format_name: str | None
) -> SourceFile:
    """Read `path`'s header, detect (or take) its format, and map its columns."""
    try:
        raw_sql, types, header_lines, dialect = _columns(connection, path)
    except duckdb.Error as exc:
        raise SourceError(f"cannot read the export: {first_line(exc)}") from exc
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
    return SourceFile(path, display, fmt, raw_sql, types, columns, header_lines, dialect)


def typed_source(source: SourceFile) -> SourceFile | None:
    """`source` with its per-row cost columns read by the CSV reader as DOUBLE, or None
    when there is nothing to type.

    Parsing costs while reading is cheaper than parsing their text per row, and a clean
    export loses nothing by it: a text NULL or a value that is no number fails the typed
    read, and the file is then read again as text (`grouped_table`) so that every such
    value is still reported. Timestamps stay text: a typed read would accept values
    without a time zone, which the checks report.
    """
    if source.csv_dialect is None:
        return None
    numbers = tuple(
        column.raw
        for name, column in source.columns.items()
        if column.kind == "number" and column.raw is not None and name not in UNCHECKED
    )
    if not numbers:
        return None
    types = source.types | dict.fromkeys(numbers, "DOUBLE")
    raw_sql = _csv_sql(source.path, source.csv_dialect, types)
    columns = source.format.columns(types)
    return replace(source, raw_sql=raw_sql, types=types, columns=columns)


def rows_tables(
    connection: duckdb.DuckDBPyConnection, sources: list[SourceFile]
) -> list[SourceFile]:
    """Stage 1 of every source (`SourceFile.rows_sql`) into the table `rows_<i>`.

    Needs no settings, so the reader runs it before they arrive. Returns the sources as
    read: a CSV's costs typed where its values allow (`typed_source`), as text otherwise.
    """
    read: list[SourceFile] = []
    for i, source in enumerate(sources):
        statement = f"CREATE OR REPLACE TEMP TABLE {_rows_table(i)} AS "
        typed = typed_source(source)
        if typed is not None:
            try:
                connection.execute(statement + typed.rows_sql())
            except duckdb.Error:
                # A value that is no number (a conversion error): read as text, where
                # the checks see it; any other error recurs there as it always did.
                pass
            else:
                read.append(typed)
                continue
        connection.execute(statement + source.rows_sql())
        read.append(source)
    return read


def grouped_table(
    connection: duckdb.DuckDBPyConnection, sources: list[SourceFile], tag_keys: list[str]
) -> None:
    """Create the table `grouped`: stage 2 of every source read by `rows_tables`, the
    dimensions' rows and then the resources'."""
    for i, source in enumerate(sources):
        rows = _rows_table(i)
        statement = "INSERT INTO grouped " if i else "CREATE OR REPLACE TEMP TABLE grouped AS "
        connection.execute(statement + source.grouped_sql(rows, tag_keys))
        connection.execute("INSERT INTO grouped BY NAME " + source.resources_sql(rows))
        connection.execute(f"DROP TABLE {rows}")


def _rows_table(index: int) -> str:
    return f"rows_{index}"


def first_line(exc: Exception) -> str:
    """The first line of a DuckDB error (the rest repeats the SQL), or its type."""
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
