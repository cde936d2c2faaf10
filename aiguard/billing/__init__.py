"""Billing scans: cloud billing exports normalised to FOCUS in DuckDB, aggregated,
and judged by the cost guardrail policies (docs/billing.md)."""
