"""Lenient SQL expressions over raw export columns, shared by every source format.

Exports are read as text where the reader allows it (CSV with all_varchar; only a
clean CSV's costs are read as numbers, see normalise.typed_source), so one malformed
value never fails the whole read; these expressions turn the text into
typed FOCUS values and yield NULL where a value cannot be read, which the data-quality
checks then report with the column and an example row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

NUMERIC_TYPES = ("DOUBLE", "FLOAT", "DECIMAL", "INTEGER", "BIGINT", "HUGEINT", "SMALLINT")


def quote(name: str) -> str:
    """A column name as a DuckDB identifier, whatever characters it holds."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """A string as a DuckDB literal."""
    return "'" + text.replace("'", "''") + "'"


NULL_TEXTS = ("NULL", "null", "Null")


def is_null_text(column: str) -> str:
    """The cell holds the text NULL; plain equality, which costs little on every row."""
    values = ", ".join(literal(v) for v in NULL_TEXTS)
    return f"CAST({quote(column)} AS VARCHAR) IN ({values})"


def text(column: str, types: Mapping[str, str]) -> str:
    """Trimmed text; NULL for empty cells and for the text NULL (NULL_TEXTS).

    DuckDB's trim copies every string it is given. Most cells begin and end with a
    printable ASCII character and need no trim, so only the others are trimmed: the
    same values at a quarter of the cost per row.
    """
    if column not in types:
        return "NULL"
    raw = f"CAST({quote(column)} AS VARCHAR)"
    printable_ends = f"unicode({raw}) BETWEEN 33 AND 126 AND unicode({raw}[-1]) BETWEEN 33 AND 126"
    return (
        f"CASE WHEN {is_null_text(column)} OR {raw} = '' THEN NULL "
        f"WHEN {printable_ends} THEN {raw} ELSE nullif(trim({raw}), '') END"
    )


def number(column: str, types: Mapping[str, str]) -> str:
    """A DOUBLE; text that is no number reads as NULL."""
    if column not in types:
        return "NULL"
    if types[column].startswith(NUMERIC_TYPES):
        return f"CAST({quote(column)} AS DOUBLE)"
    return f"TRY_CAST({text(column, types)} AS DOUBLE)"


def timestamp(column: str, types: Mapping[str, str], date_format: str | None = None) -> str:
    """A UTC TIMESTAMP; ISO 8601 with or without `Z` or an offset, or `date_format`."""
    if column not in types:
        return "NULL"
    if types[column].startswith(("TIMESTAMP", "DATE")):
        return f"CAST({quote(column)} AS TIMESTAMP)"
    value = text(column, types)
    # The instant in UTC microseconds as a TIMESTAMP: the same value as casting the
    # TIMESTAMPTZ to TIMESTAMP in a UTC session, without that cast's time-zone lookup
    # (half the cost per row). Values without a zone are read in the session's UTC.
    iso = f"make_timestamp(epoch_us(TRY_CAST({value} AS TIMESTAMPTZ)))"
    if date_format:
        return f"coalesce(try_strptime({value}, {literal(date_format)}), {iso})"
    return iso


def first_of(columns: Iterable[str], types: Mapping[str, str], kind: str = "text") -> str:
    """The first of several alternative column names that the export has."""
    for column in columns:
        if column in types:
            return number(column, types) if kind == "number" else text(column, types)
    return "NULL"


def enum(expression: str, values: Iterable[str]) -> str:
    """The canonical spelling of a FOCUS enum value, matched case-insensitively."""
    cases = " ".join(f"WHEN {literal(v.lower())} THEN {literal(v)}" for v in values)
    return f"CASE lower({expression}) {cases} ELSE {expression} END"


def json_map(expression: str) -> str:
    """A JSON object (with or without its braces, as Azure writes tags) as a MAP; NULL
    for anything else. One parse per row: TRY turns a parse error into NULL."""
    wrapped = (
        f"CASE WHEN starts_with({expression}, '{{') THEN {expression} "
        f"ELSE '{{' || {expression} || '}}' END"
    )
    return f"TRY(json_transform({wrapped}, '\"MAP(VARCHAR, VARCHAR)\"'))"


def normal_tag_key(key: str) -> str:
    """How tag keys are compared: trimmed, lower-case, inner spaces as `-`.

    Plain string functions, not DuckDB's regexp_replace, which aborted a process that
    had loaded regopy first (aiguard/billing/reader.py).
    """
    return key.strip().lower().replace(" ", "-")


def tag_value_sql(key: str, tags: str) -> str:
    """The value of tag `key` in the map column `tags`: the exact key first (cheap), else
    any key that normalises to it."""
    exact = f"nullif(trim({tags}[{literal(normal_tag_key(key))}]), '')"
    fuzzy = (
        f"list_extract(list_filter(map_entries({tags}), lambda e: replace(lower(trim(e.key)), "
        f"' ', '-') = {literal(normal_tag_key(key))} AND nullif(trim(e.value), '') "
        "IS NOT NULL), 1).value"
    )
    return f"coalesce({exact}, {fuzzy})"
