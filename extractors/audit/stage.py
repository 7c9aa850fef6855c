"""The audit stage: every stated total, breakdown and rate checked against its parts.

Each check kind is a function registered with `@check` (extractors/audit/registry.py) in one of the
CHECK_MODULES: table checks (extractors/audit/tables.py), the narrative (text.py), subjects and 三公
items against their tables (subjects.py). The stage imports them, builds the report's AuditContext
once and runs every table-scope kind over every table, then every report-scope kind, then every
form-scope kind over every self-assessment form.
"""

from __future__ import annotations

import importlib

from extractors.audit.coverage import mark_unread, unread_pages
from extractors.audit.registry import AuditContext, ordered
from pipeline.models import Check, Report
from pipeline.stages import stage

# Modules whose @check functions the audit runs, in this order; another package appends its own.
CHECK_MODULES = [
    "extractors.audit.tables",
    "extractors.audit.text",
    "extractors.audit.subjects",
    "extractors.audit.sums",
    "extractors.audit.coverage",
]
CHECK_MODULES += ["extractors.forms.checks"]  # self-assessment forms (issue 11): form-scope kinds over Report.assessments


def load_checks() -> None:
    """Import every module of CHECK_MODULES so that its check kinds are registered."""
    for name in CHECK_MODULES:
        importlib.import_module(name)


def audit_report(report: Report) -> list[Check]:
    """Given a report with tables and figures, return all its checks: tables first, then the narrative."""
    load_checks()
    ctx = AuditContext(report)
    runnable = [k for k in ordered(CHECK_MODULES) if k.run is not None]
    checks: list[Check] = []
    for table in report.tables:
        for kind in (k for k in runnable if k.scope == "table"):
            checks += kind.run(table, ctx)
    for kind in (k for k in runnable if k.scope == "report"):
        checks += kind.run(ctx)
    for kind in (k for k in runnable if k.scope == "form"):
        checks += [c for form in report.assessments for c in kind.run(form)]
    return mark_unread(checks, unread_pages(report))


@stage("audit", requires={"tables", "figures", "text"}, produces={"checks"})
def AUDIT(report: Report) -> Report:
    """Check every stated total, breakdown and rate of the report against its parts."""
    report.checks = audit_report(report)
    return report
