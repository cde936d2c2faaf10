"""The cost of a change: a price catalogue, monthly estimates per resource, the
before/after delta of a change, and the guardrails that judge it (AIG-COST-201/202)."""
