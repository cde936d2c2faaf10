"""The source formats: how each export's columns become FOCUS columns.

One function per format maps the raw columns it finds (name -> DuckDB type) to a SQL
expression for every FOCUS column, and names the raw column each comes from so the
data-quality checks can point at it. Formats are told apart by their headers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from aiguard.billing.sql import enum, first_of, json_map, number, quote, text, timestamp

ColumnKind = Literal["number", "timestamp", "enum", "text", "tags"]

CHARGE_CATEGORIES = ("Usage", "Purchase", "Tax", "Credit", "Adjustment")
PRICING_CATEGORIES = ("Standard", "Dynamic", "Committed", "Other")
COMMITMENT_STATUSES = ("Used", "Unused")
AI_CATEGORY = "AI and Machine Learning"


@dataclass(frozen=True)
class FocusColumn:
    """One FOCUS column of a source: its SQL, and the raw column it is read from."""

    sql: str
    raw: str | None = None
    kind: ColumnKind = "text"
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class SourceFormat:
    """A billing export format: how to recognise it and how to read it as FOCUS."""

    name: str
    detect: Callable[[set[str]], bool]
    columns: Callable[[Mapping[str, str]], dict[str, FocusColumn]]
    # Columns whose absence loses a fact the guardrails use; reported once per file.
    expected: tuple[str, ...] = field(default=())


def _col(
    raw: str, types: Mapping[str, str], kind: ColumnKind = "text", values: tuple[str, ...] = ()
) -> FocusColumn:
    """A FOCUS column read straight from one raw column."""
    if kind == "number":
        sql = number(raw, types)
    elif kind == "timestamp":
        sql = timestamp(raw, types)
    elif kind == "enum":
        sql = enum(text(raw, types), values)
    elif kind == "tags":
        sql = _tags_sql(raw, types)
    else:
        sql = text(raw, types)
    return FocusColumn(sql, raw if raw in types else None, kind, values)


def _tags_sql(raw: str, types: Mapping[str, str]) -> str:
    if raw not in types:
        return "NULL"
    if types[raw].startswith("MAP"):
        return f"CAST({quote(raw)} AS MAP(VARCHAR, VARCHAR))"
    return json_map(text(raw, types))


# FOCUS 1.0 - 1.3 --------------------------------------------------------------------


def _focus(types: Mapping[str, str]) -> dict[str, FocusColumn]:
    instance = "NULL"
    if "x_InstanceType" in types:
        instance = text("x_InstanceType", types)
    elif "SkuPriceDetails" in types:
        instance = f"json_extract_string({text('SkuPriceDetails', types)}, '$.InstanceType')"
    description = first_of(["ChargeDescription", "SkuMeter"], types)
    return {
        "BilledCost": _col("BilledCost", types, "number"),
        "EffectiveCost": _col("EffectiveCost", types, "number"),
        "ListCost": _col("ListCost", types, "number"),
        "BillingCurrency": _col("BillingCurrency", types),
        "ChargeCategory": _col("ChargeCategory", types, "enum", CHARGE_CATEGORIES),
        "PricingCategory": _col("PricingCategory", types, "enum", PRICING_CATEGORIES),
        "ServiceCategory": _col("ServiceCategory", types),
        "ServiceName": _col("ServiceName", types),
        "ProviderName": _col("ProviderName", types),
        "RegionId": _col("RegionId", types),
        "SubAccountId": _col("SubAccountId", types),
        "ResourceId": _col("ResourceId", types),
        "SkuId": _col("SkuId", types),
        "x_Description": FocusColumn(description),
        "x_InstanceType": FocusColumn(instance),
        "Tags": _col("Tags", types, "tags"),
        "ChargePeriodStart": _col("ChargePeriodStart", types, "timestamp"),
        "ChargePeriodEnd": _col("ChargePeriodEnd", types, "timestamp"),
        "CommitmentDiscountStatus": _col(
            "CommitmentDiscountStatus", types, "enum", COMMITMENT_STATUSES
        ),
        "x_UnusedCommitmentCost": FocusColumn(
            f"CASE WHEN lower({text('CommitmentDiscountStatus', types)}) = 'unused' "
            f"THEN {number('EffectiveCost', types)} ELSE 0 END"
        ),
    }


FOCUS = SourceFormat(
    "focus",
    lambda names: {"BilledCost", "ChargePeriodStart"} <= names,
    _focus,
    expected=("EffectiveCost", "PricingCategory", "RegionId", "SubAccountId", "Tags"),
)


# AWS CUR: legacy CSV (`lineItem/UnblendedCost`), Athena and CUR 2.0 (`line_item_...`) ---


def _snake(legacy: str) -> str:
    """`lineItem/UnblendedCost` -> `line_item_unblended_cost` (Athena and CUR 2.0)."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", legacy.replace("/", "_")).lower()


def _aws(types: Mapping[str, str]) -> dict[str, FocusColumn]:
    legacy = any("/" in name for name in types)

    def name(column: str) -> str:
        return column if legacy else _snake(column)

    def num(column: str) -> str:
        return f"coalesce({number(name(column), types)}, 0)"

    item_type = text(name("lineItem/LineItemType"), types)
    unblended = _col(name("lineItem/UnblendedCost"), types, "number")
    effective = (
        f"CASE {item_type} "
        f"WHEN 'SavingsPlanCoveredUsage' THEN {number(name('savingsPlan/SavingsPlanEffectiveCost'), types)} "  # noqa: E501
        f"WHEN 'DiscountedUsage' THEN {number(name('reservation/EffectiveCost'), types)} "
        f"WHEN 'SavingsPlanNegation' THEN 0 "
        f"ELSE {unblended.sql} END"
    )
    usage_type = text(name("lineItem/UsageType"), types)
    market = first_of([name("product/marketoption"), name("product/marketOption")], types)
    pricing = (
        f"CASE WHEN {usage_type} ILIKE '%SpotUsage%' OR lower({market}) = 'spot' THEN 'Dynamic' "
        f"WHEN {item_type} IN ('DiscountedUsage', 'SavingsPlanCoveredUsage') THEN 'Committed' "
        f"WHEN lower({text(name('pricing/term'), types)}) = 'reserved' THEN 'Committed' "
        f"WHEN {item_type} IN ('Usage') THEN 'Standard' END"
    )
    charge = (
        f"CASE WHEN {item_type} IN ('Tax') THEN 'Tax' "
        f"WHEN {item_type} IN ('Credit', 'Refund', 'BundledDiscount', 'EdpDiscount') THEN 'Credit' "
        f"WHEN {item_type} IN ('RIFee', 'Fee', 'SavingsPlanRecurringFee', 'SavingsPlanUpfrontFee') "
        f"THEN 'Purchase' ELSE 'Usage' END"
    )
    unused = (
        f"CASE {item_type} WHEN 'RIFee' THEN {num('reservation/UnusedRecurringFee')} + "
        f"{num('reservation/UnusedAmortizedUpfrontFeeForBillingPeriod')} "
        f"WHEN 'SavingsPlanRecurringFee' THEN greatest({num('savingsPlan/TotalCommitmentToDate')}"
        f" - {num('savingsPlan/UsedCommitment')}, 0) ELSE 0 END"
    )
    service = first_of(
        [name("product/ProductName"), name("product/productName"), name("lineItem/ProductCode")],
        types,
    )
    region = first_of(
        [name("product/region"), name("product/regionCode"), name("product/region_code")], types
    )
    return {
        "BilledCost": unblended,
        "EffectiveCost": FocusColumn(effective),
        "ListCost": _col(name("pricing/publicOnDemandCost"), types, "number"),
        "BillingCurrency": _col(name("lineItem/CurrencyCode"), types),
        "ChargeCategory": FocusColumn(charge),
        "PricingCategory": FocusColumn(pricing),
        "ServiceCategory": FocusColumn("NULL"),
        "ServiceName": FocusColumn(service),
        "ProviderName": FocusColumn("'AWS'"),
        "RegionId": FocusColumn(region),
        "SubAccountId": _col(name("lineItem/UsageAccountId"), types),
        "ResourceId": _col(name("lineItem/ResourceId"), types),
        "SkuId": _col(name("product/sku"), types),
        "x_Description": FocusColumn(text(name("lineItem/LineItemDescription"), types)),
        "x_InstanceType": FocusColumn(
            first_of([name("product/instanceType"), name("product/instance_type")], types)
        ),
        "Tags": FocusColumn(_aws_tags(types), kind="tags"),
        "ChargePeriodStart": _col(name("lineItem/UsageStartDate"), types, "timestamp"),
        "ChargePeriodEnd": _col(name("lineItem/UsageEndDate"), types, "timestamp"),
        "CommitmentDiscountStatus": FocusColumn(
            f"CASE WHEN {item_type} IN ('DiscountedUsage', 'SavingsPlanCoveredUsage') "
            f"THEN 'Used' WHEN ({unused}) > 0 THEN 'Unused' END"
        ),
        "x_UnusedCommitmentCost": FocusColumn(unused),
    }


def _aws_tags(types: Mapping[str, str]) -> str:
    """User cost-allocation tags: `resourceTags/user:team`, `resource_tags_user_team`, or
    CUR 2.0's `resource_tags` map with `user_team` keys."""
    if "resource_tags" in types and types["resource_tags"].startswith("MAP"):
        return (
            'map_from_entries(list_transform(map_entries(CAST("resource_tags" AS '
            "MAP(VARCHAR, VARCHAR))), lambda e: {'key': CASE WHEN starts_with(e.key, 'user_') "
            "THEN e.key[6:] ELSE e.key END, "
            "'value': e.value}))"
        )
    pairs = []
    for column in types:
        for prefix in ("resourceTags/user:", "resource_tags_user_"):
            if column.startswith(prefix):
                key = column[len(prefix) :].replace("'", "''")
                pairs.append(f"{{'key': '{key}', 'value': {text(column, types)}}}")
    if not pairs:
        return "NULL"
    return f"map_from_entries(list_filter([{', '.join(pairs)}], lambda e: e.value IS NOT NULL))"


AWS_CUR = SourceFormat(
    "aws-cur",
    lambda names: "lineItem/UnblendedCost" in names or "line_item_unblended_cost" in names,
    _aws,
)


# GCP BigQuery billing export (CSV with dotted names, or JSON lines flattened to them) -----


GCP_JSON_FIELDS = {
    "cost": "$.cost",
    "currency": "$.currency",
    "cost_type": "$.cost_type",
    "usage_start_time": "$.usage_start_time",
    "usage_end_time": "$.usage_end_time",
    "service.description": "$.service.description",
    "sku.id": "$.sku.id",
    "sku.description": "$.sku.description",
    "project.id": "$.project.id",
    "location.region": "$.location.region",
    "location.location": "$.location.location",
    "resource.global_name": "$.resource.global_name",
    "cost_at_list": "$.cost_at_list",
}
GCP_JSON_NESTED = ("labels", "credits")


def _gcp(types: Mapping[str, str]) -> dict[str, FocusColumn]:
    cost = _col("cost", types, "number")
    credits = text("credits", types)
    credit_sum = (
        f"coalesce(list_sum(list_transform(CASE WHEN json_valid({credits}) THEN "
        f'from_json({credits}, \'[{{"amount": "DOUBLE"}}]\') END, lambda c: c.amount)), 0)'
    )
    committed = (
        f"coalesce(json_valid({credits}) AND {credits} ILIKE '%COMMITTED_USAGE_DISCOUNT%', false)"
    )
    sku = text("sku.description", types)
    labels = text("labels", types)
    cost_type = text("cost_type", types)
    return {
        "BilledCost": cost,
        "EffectiveCost": FocusColumn(f"{cost.sql} + {credit_sum}"),
        "ListCost": _col("cost_at_list", types, "number"),
        "BillingCurrency": _col("currency", types),
        "ChargeCategory": FocusColumn(
            f"CASE lower({cost_type}) WHEN 'tax' THEN 'Tax' WHEN 'adjustment' THEN 'Adjustment' "
            f"WHEN 'rounding_error' THEN 'Adjustment' ELSE 'Usage' END",
            "cost_type" if "cost_type" in types else None,
        ),
        "PricingCategory": FocusColumn(
            f"CASE WHEN {sku} ILIKE '%preemptible%' OR {sku} ILIKE '%spot%' THEN 'Dynamic' "
            f"WHEN {committed} OR {sku} ILIKE '%commitment%' THEN 'Committed' "
            f"ELSE 'Standard' END"
        ),
        "ServiceCategory": FocusColumn("NULL"),
        "ServiceName": _col("service.description", types),
        "ProviderName": FocusColumn("'Google Cloud'"),
        "RegionId": FocusColumn(first_of(["location.region", "location.location"], types)),
        "SubAccountId": _col("project.id", types),
        "ResourceId": _col("resource.global_name", types),
        "SkuId": _col("sku.id", types),
        "x_Description": FocusColumn(sku),
        "x_InstanceType": FocusColumn("NULL"),
        "Tags": FocusColumn(
            f"TRY(map_from_entries(from_json({labels}, "
            f'\'[{{"key": "VARCHAR", "value": "VARCHAR"}}]\')))',
            "labels" if "labels" in types else None,
            "tags",
        ),
        "ChargePeriodStart": _col("usage_start_time", types, "timestamp"),
        "ChargePeriodEnd": _col("usage_end_time", types, "timestamp"),
        "CommitmentDiscountStatus": FocusColumn(f"CASE WHEN {committed} THEN 'Used' END"),
        "x_UnusedCommitmentCost": FocusColumn("0"),
    }


GCP = SourceFormat(
    "gcp",
    lambda names: {"cost", "usage_start_time"} <= names and "service.description" in names,
    _gcp,
    expected=("location.region", "project.id", "labels", "credits"),
)


# Azure EA and MCA cost exports (CSV; `MM/DD/YYYY` dates; tags without braces) ----------


def _azure(types: Mapping[str, str]) -> dict[str, FocusColumn]:
    cost_column = next(
        (c for c in ("CostInBillingCurrency", "Cost", "PreTaxCost") if c in types), "Cost"
    )
    cost = _col(cost_column, types, "number")
    date_column = "Date" if "Date" in types else "UsageDateTime"
    charge_type = text("ChargeType", types)
    pricing_model = text("PricingModel", types)
    meter_sub = text("MeterSubCategory", types)
    meter_name = text("MeterName", types)
    start = FocusColumn(
        timestamp(date_column, types, "%m/%d/%Y"),
        date_column if date_column in types else None,
        "timestamp",
    )
    return {
        "BilledCost": cost,
        "EffectiveCost": FocusColumn(cost.sql),
        "ListCost": FocusColumn(
            f"{number('PayGPrice', types)} * {number('Quantity', types)}"
            if "PayGPrice" in types
            else "NULL"
        ),
        "BillingCurrency": FocusColumn(
            first_of(["BillingCurrency", "BillingCurrencyCode", "Currency"], types)
        ),
        "ChargeCategory": FocusColumn(
            f"CASE lower({charge_type}) WHEN 'purchase' THEN 'Purchase' "
            f"WHEN 'refund' THEN 'Credit' WHEN 'tax' THEN 'Tax' ELSE 'Usage' END",
            "ChargeType" if "ChargeType" in types else None,
        ),
        "PricingCategory": FocusColumn(
            f"CASE lower({pricing_model}) WHEN 'spot' THEN 'Dynamic' "
            f"WHEN 'reservation' THEN 'Committed' WHEN 'savingsplan' THEN 'Committed' "
            f"WHEN 'ondemand' THEN 'Standard' ELSE "
            f"CASE WHEN {meter_sub} ILIKE '%spot%' OR {meter_name} ILIKE '%spot%' "
            f"THEN 'Dynamic' ELSE 'Standard' END END"
        ),
        "ServiceCategory": FocusColumn("NULL"),
        "ServiceName": FocusColumn(first_of(["MeterCategory", "ServiceName"], types)),
        "ProviderName": FocusColumn("'Microsoft'"),
        "RegionId": FocusColumn(
            f"replace(lower({first_of(['ResourceLocation', 'Location'], types)}), ' ', '')"
        ),
        "SubAccountId": FocusColumn(first_of(["SubscriptionId", "SubscriptionGuid"], types)),
        "ResourceId": FocusColumn(first_of(["ResourceId", "InstanceId", "InstanceName"], types)),
        "SkuId": FocusColumn(first_of(["MeterId", "ProductId"], types)),
        "x_Description": FocusColumn(f"concat_ws(' ', {meter_sub}, {meter_name})"),
        "x_InstanceType": FocusColumn(
            f"json_extract_string({text('AdditionalInfo', types)}, '$.ServiceType')"
            if "AdditionalInfo" in types
            else "NULL"
        ),
        "Tags": _col("Tags", types, "tags"),
        "ChargePeriodStart": start,
        "ChargePeriodEnd": FocusColumn(f"{start.sql} + INTERVAL 1 DAY"),
        "CommitmentDiscountStatus": FocusColumn(
            f"CASE WHEN lower({charge_type}) IN ('unusedreservation', 'unusedsavingsplan') "
            f"THEN 'Unused' WHEN lower({pricing_model}) IN ('reservation', 'savingsplan') "
            f"THEN 'Used' END"
        ),
        "x_UnusedCommitmentCost": FocusColumn(
            f"CASE WHEN lower({charge_type}) IN ('unusedreservation', 'unusedsavingsplan') "
            f"THEN coalesce({cost.sql}, 0) ELSE 0 END"
        ),
    }


AZURE = SourceFormat(
    "azure",
    lambda names: (
        "MeterCategory" in names and bool({"CostInBillingCurrency", "Cost", "PreTaxCost"} & names)
    ),
    _azure,
    expected=("ResourceLocation", "Tags", "PricingModel", "ChargeType"),
)

FORMATS: dict[str, SourceFormat] = {f.name: f for f in (FOCUS, AWS_CUR, GCP, AZURE)}


def detect_format(columns: set[str]) -> SourceFormat | None:
    """The format whose headers these are, or None."""
    return next((f for f in FORMATS.values() if f.detect(columns)), None)
