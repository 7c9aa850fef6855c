"""The forms stage: performance self-assessment forms (绩效自评表) read into Report.assessments."""

from __future__ import annotations

from extractors.forms.find import find_forms
from pipeline.models import Report
from pipeline.stages import stage


@stage("forms", requires={"pages", "tables", "format"}, produces={"assessments"})
def FORMS(report: Report) -> Report:
    """Read every self-assessment form of the report into assessments and indicators."""
    report.assessments = find_forms(report)
    return report
