"""The forms stage: performance self-assessment forms (绩效自评表) read into Report.assessments."""

from __future__ import annotations

from pathlib import Path

from extractors.forms.find import find_forms
from pipeline.models import Report
from pipeline.stages import stage


@stage("forms", requires={"pages", "tables", "format", "text", "page_starts"}, produces={"assessments"})
def FORMS(report: Report) -> Report:
    """Read every self-assessment form of the report into assessments and indicators."""
    report.assessments = find_forms(report)
    return report


def forms_of_file(path: Path) -> Report:
    """Run the stages up to and including `forms` on one file, without a database; return the report."""
    from pipeline.runner import run_until

    return run_until(path, "forms")
