"""The EU AI Act compliance report: articles, evidence per AI system, and the evidence
record that lets an auditor reproduce and verify it (`aiguard report`)."""
