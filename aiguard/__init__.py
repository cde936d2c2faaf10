"""aiguard: policy-as-code compliance and FinOps linter for AI infrastructure."""

__version__ = "0.1.0"
