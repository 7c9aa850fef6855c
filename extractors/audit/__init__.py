"""The audit: check kinds in a registry (registry.py), run by the audit stage (stage.py) over one context per report."""
