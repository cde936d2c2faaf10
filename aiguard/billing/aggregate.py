"""Aggregates of the grouped FOCUS rows: the one input document the guardrails see.

`grouped` (normalise.grouped_table) holds the export grouped in one streaming pass; the
table `cube` adds the GPU, AI and untagged flags to it, and every total, share and
series is read from those small tables, whatever the size of the export.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from datetime import date
from typing import Any

import _duckdb as duckdb  # the engine alone (aiguard/billing/reader.py says why)

from aiguard.billing.anomalies import AnomalySettings, daily_series, detect
from aiguard.billing.formats import AI_CATEGORY
from aiguard.billing.sql import literal, normal_tag_key

TOP = 10


def _money(value: float) -> str:
    return f"{value:,.2f}"


def cube_tag_keys(settings: dict[str, Any]) -> list[str]:
    """The tag keys whose values the aggregates keep: required ones and grouping ones."""
    required = [normal_tag_key(k) for k in settings.get("required_tags", [])]
    return sorted({*(normal_tag_key(k) for k in settings.get("tag_keys", [])), *required})


def build_cube(connection: duckdb.DuckDBPyConnection, settings: dict[str, Any]) -> list[str]:
    """Derive the table `cube` from `grouped` (normalise.grouped_table): whatever is
    costly per row (the GPU pattern, the AI service list, untagged) is computed here, on
    the few grouped rows. Returns the tag keys the cube holds."""
    required = [normal_tag_key(k) for k in settings.get("required_tags", [])]
    tag_keys = cube_tag_keys(settings)
    pattern = "|".join(f"({p})" for p in settings.get("gpu_patterns", [])) or "$^"
    ai_services = ", ".join(literal(s.lower()) for s in settings.get("ai_services", [])) or "''"
    tags = [f'"tag:{k}"' for k in tag_keys]
    untagged = " OR ".join(f'"tag:{k}" IS NULL' for k in required) or "false"
    haystack = "lower(concat_ws(' ', x_InstanceType, SkuId, x_Description))"
    connection.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE cube AS
        WITH labelled AS (
            SELECT *, regexp_matches({haystack}, {literal(pattern)}) AS is_gpu
            FROM grouped WHERE by_dimensions = 1
        )
        SELECT
            strftime(day, '%Y-%m') AS period,
            day,
            ServiceName AS service,
            SubAccountId AS sub_account,
            ProviderName AS provider,
            RegionId AS region,
            {", ".join(tags) + "," if tags else ""}
            is_gpu,
            (is_gpu OR ServiceCategory = {literal(AI_CATEGORY)}
                OR lower(ServiceName) IN ({ai_services})) AS is_ai,
            ChargeCategory AS charge_category,
            PricingCategory AS pricing_category,
            ({untagged}) AS untagged,
            CASE WHEN is_gpu THEN coalesce(x_InstanceType, SkuId) END AS gpu_sku,
            BillingCurrency AS currency,
            sum(rows) AS rows,
            exact_sum(billed_cost) AS billed_cost,
            exact_sum(cost) AS cost,
            exact_sum(unused_commitment) AS unused_commitment
        FROM labelled
        GROUP BY ALL
        """
    )
    return tag_keys


def quality_masks(connection: duckdb.DuckDBPyConnection) -> dict[str, dict[int, int]]:
    """Rows per data-quality mask, per file: file -> {mask: rows}."""
    masks: dict[str, dict[int, int]] = defaultdict(dict)
    for file, mask, rows in connection.execute(
        "SELECT x_File, dq_mask, sum(rows) FROM grouped WHERE dq_mask <> 0 GROUP BY ALL"
    ).fetchall():
        masks[file][int(mask)] = int(rows)
    return masks


def aggregates(
    connection: duckdb.DuckDBPyConnection,
    settings: dict[str, Any],
    tag_keys: list[str],
    provider_keys: dict[str, str],
) -> dict[str, Any]:
    """The input document's `billing` object (docs/billing.md describes every field)."""

    def rows(sql: str) -> list[tuple[Any, ...]]:
        return connection.execute(sql).fetchall()

    total = rows("SELECT sum(rows), exact_sum(billed_cost), exact_sum(cost) FROM cube")[0]
    currency_rows = rows(
        "SELECT currency FROM cube WHERE currency IS NOT NULL GROUP BY currency "
        "ORDER BY sum(rows) DESC, currency LIMIT 1"
    )
    periods = _periods(rows)
    spend: dict[str, dict[str, float]] = defaultdict(dict)
    dimensions = {"service": "service", "sub_account": "sub_account"}
    dimensions.update({f"tag/{k}": f'"tag:{k}"' for k in tag_keys})
    for name, column in dimensions.items():
        for period, key, cost in rows(
            f"SELECT period, {column}, exact_sum(cost) FROM cube WHERE period IS NOT NULL "
            f"AND {column} IS NOT NULL GROUP BY ALL ORDER BY ALL"
        ):
            label = f"{name}={key}" if name.startswith("tag/") else f"{name}/{key}"
            spend[period][label] = round(cost, 2)
    for period in periods:
        spend[period["period"]]["total"] = period["cost"]

    regions = [
        {
            "provider": provider_keys.get((provider or "").lower(), (provider or "").lower()),
            "provider_name": provider or "",
            "region": region,
            "cost": round(cost, 2),
            "cost_text": _money(cost),
        }
        for provider, region, cost in rows(
            "SELECT provider, region, exact_sum(cost) FROM cube WHERE region IS NOT NULL "
            "AND region <> '' GROUP BY ALL HAVING exact_sum(cost) > 0 ORDER BY ALL"
        )
    ]
    gpu = _gpu(rows)
    usage_total, untagged_cost = rows(
        "SELECT coalesce(exact_sum(cost), 0), "
        "coalesce(exact_sum(CASE WHEN untagged THEN cost END), 0) "
        "FROM cube WHERE charge_category = 'Usage'"
    )[0]
    missing = {
        k: round(
            rows(
                f"SELECT coalesce(exact_sum(cost), 0) FROM cube WHERE charge_category = 'Usage' "
                f'AND "tag:{k}" IS NULL'
            )[0][0],
            2,
        )
        for k in (normal_tag_key(t) for t in settings.get("required_tags", []))
    }
    daily_costs = {
        day: cost
        for day, cost in rows(
            "SELECT day, exact_sum(cost) FROM cube WHERE day IS NOT NULL GROUP BY day ORDER BY day"
        )
    }
    anomaly_settings = AnomalySettings.from_data(settings.get("anomaly", {}))
    verdicts = detect(daily_series(daily_costs), anomaly_settings)
    top_services = rows(
        f"SELECT service, exact_sum(cost) FROM cube WHERE service IS NOT NULL GROUP BY service "
        f"ORDER BY exact_sum(cost) DESC, service LIMIT {TOP}"
    )
    return {
        "rows": int(total[0] or 0),
        "currency": currency_rows[0][0] if currency_rows else "USD",
        "billed_cost": round(total[1] or 0.0, 2),
        "effective_cost": round(total[2] or 0.0, 2),
        "periods": periods,
        "current_period": periods[-1]["period"] if periods else None,
        "spend": dict(spend),
        "regions": regions,
        "gpu": gpu,
        "untagged": {
            "required_tags": [normal_tag_key(t) for t in settings.get("required_tags", [])],
            "usage_cost": round(usage_total, 2),
            "cost": round(untagged_cost, 2),
            "cost_text": _money(untagged_cost),
            "share_percent": _percent(untagged_cost, usage_total),
            "missing_by_tag": missing,
        },
        "ai_spend": {
            p: round(c, 2)
            for p, c in rows(
                "SELECT period, exact_sum(cost) FROM cube WHERE is_ai AND period IS NOT NULL "
                "GROUP BY period ORDER BY period"
            )
        },
        "top_services": [{"key": k, "cost": round(c, 2)} for k, c in top_services],
        "daily": [
            {
                "day": v.day.isoformat(),
                "cost": round(v.cost, 2),
                "expected": v.expected,
                "z_score": v.z_score,
                "anomaly": v.anomaly,
                "cost_text": _money(v.cost),
                "expected_text": _money(v.expected or 0.0),
            }
            for v in verdicts
        ],
    }


def _percent(part: float, whole: float) -> float:
    return round(part / whole * 100, 2) if whole > 0 else 0.0


def _periods(rows: Any) -> list[dict[str, Any]]:
    """Each billing period (calendar month) with its days, costs and unused commitments."""
    periods = []
    for period, first, last, billed, cost, unused in rows(
        "SELECT period, min(day), max(day), exact_sum(billed_cost), exact_sum(cost), "
        "exact_sum(unused_commitment) "
        "FROM cube WHERE period IS NOT NULL GROUP BY period ORDER BY period"
    ):
        year, month = (int(x) for x in period.split("-"))
        days = calendar.monthrange(year, month)[1]
        elapsed = (last - date(year, month, 1)).days + 1
        periods.append(
            {
                "period": period,
                "first_day": first.isoformat(),
                "last_day": last.isoformat(),
                "days": days,
                "days_elapsed": elapsed,
                "complete": elapsed >= days,
                "billed_cost": round(billed, 2),
                "cost": round(cost, 2),
                "cost_text": _money(cost),
                "forecast": round(cost / elapsed * days, 2),
                "forecast_text": _money(cost / elapsed * days),
                "unused_commitment": round(unused, 2),
                "unused_commitment_text": _money(unused),
                "unused_commitment_percent": _percent(unused, cost),
            }
        )
    return periods


def _gpu(rows: Any) -> dict[str, Any]:
    """GPU compute spend per period by pricing category, and the costliest GPU SKUs."""
    by_period: dict[str, dict[str, Any]] = {}
    for period, pricing, cost in rows(
        "SELECT period, coalesce(pricing_category, 'Standard'), exact_sum(cost) FROM cube "
        "WHERE is_gpu AND charge_category = 'Usage' AND period IS NOT NULL GROUP BY ALL "
        "ORDER BY ALL"
    ):
        entry = by_period.setdefault(period, {"cost": 0.0, "by_pricing": {}})
        entry["cost"] = round(entry["cost"] + cost, 2)
        entry["by_pricing"][pricing] = round(cost, 2)
    for entry in by_period.values():
        on_demand = entry["by_pricing"].get("Standard", 0.0)
        entry["on_demand_cost"] = on_demand
        entry["on_demand_percent"] = _percent(on_demand, entry["cost"])
        entry["cost_text"] = _money(entry["cost"])
    skus = rows(
        f"SELECT gpu_sku, exact_sum(cost) FROM cube WHERE gpu_sku IS NOT NULL GROUP BY gpu_sku "
        f"ORDER BY exact_sum(cost) DESC, gpu_sku LIMIT {TOP}"
    )
    total = rows("SELECT coalesce(exact_sum(cost), 0) FROM cube WHERE is_gpu")[0][0]
    return {
        "cost": round(total, 2),
        "by_period": by_period,
        "by_sku": [{"key": k, "cost": round(c, 2)} for k, c in skus],
    }


def top_resources(connection: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """The costliest resources over the whole export (the resource grouping set)."""
    return [
        {"key": key, "cost": round(cost, 2)}
        for key, cost in connection.execute(
            "SELECT ResourceId, exact_sum(cost) FROM grouped WHERE by_dimensions = 0 "
            f"AND ResourceId IS NOT NULL GROUP BY ResourceId ORDER BY 2 DESC, 1 LIMIT {TOP}"
        ).fetchall()
    ]
