"""Stress cases as the tests read them: rendered into the session's folder, skipped where their producer
cannot run here, and extracted once per test session (`result_of` scored, `tables_of` the tables)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from extractors.tables.stage import tables_of_file
from pipeline.models import Table
from tests.stress.check import StressResult, check_pdf
from tests.stress.documents import stress_stems
from tests.stress.layouts import SWEEP_SEED, Case, sweep_cases
from tests.stress.render import missing_program, render_case


@cache
def sweep() -> tuple[Case, ...]:
    """The cases of the tests' sweep (seed SWEEP_SEED, every stress document and producer)."""
    return tuple(sweep_cases(SWEEP_SEED, stress_stems()))


def sweep_case(ending: str) -> Case:
    """The one sweep case whose name ends in `ending`: its layout's hash (`28f8c6793f`) or its whole name."""
    (case,) = [c for c in sweep() if c.name.endswith(ending)]
    return case


def rendering(case: Case, cache_dir: Path) -> Path:
    """The PDF of a case (render_case: rendered into `cache_dir` unless it is there), the test skipped when its producer is missing."""
    reason = missing_program(case.producer)
    if reason:
        pytest.skip(reason)
    return render_case(case, cache_dir)


@cache
def result_of(case: Case, cache_dir: Path) -> StressResult:
    """A case's recovered tables scored against its golden file, once per session (skipped as `rendering`)."""
    return check_pdf(rendering(case, cache_dir), case.stem)


@cache
def tables_of(case: Case, cache_dir: Path) -> list[Table]:
    """The tables recovered from a case, once per session (skipped as `rendering`; a fatal error fails the test)."""
    report = tables_of_file(rendering(case, cache_dir))
    fatal = [e.message for e in report.errors if e.fatal]
    assert not fatal, fatal
    return report.tables
