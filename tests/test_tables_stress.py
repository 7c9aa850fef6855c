"""The stress corpus (issue 13): golden tables rendered with random seeded layouts must come back exactly.

Each case prints the golden tables (tests/golden/tables/) with a producer (reportlab, chromium with
or without its own print header/footer, LibreOffice with a `第 X 页 共 Y 页` footer), ruled or
borderless, portrait or landscape, a random font size and margins, the header repeated or printed
once, and page breaks forced at chosen body lines (inside the merged entry 76, right after a
header). Renderings are cached per test session. Cases whose producer is not installed are skipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.stress.check import StressResult, check_pdf
from tests.stress.documents import load_golden, stress_stems
from tests.stress.layouts import Case, ci_cases, sweep_cases
from tests.stress.render import ProducerMissing, missing_program, render_case

CI_CASES = ci_cases()
SWEEP_SEED = 2026
_results: dict[Case, StressResult] = {}


@pytest.fixture(scope="session")
def stress_cache(tmp_path_factory) -> Path:
    """One folder per test session for the rendered PDFs."""
    return tmp_path_factory.mktemp("stress-renderings")


def result_of(case: Case, cache: Path) -> StressResult:
    """Render a case (or skip if its producer is missing) and score it, once per session."""
    reason = missing_program(case.producer)
    if reason:
        pytest.skip(reason)
    if case not in _results:
        try:
            path = render_case(case, cache)
        except ProducerMissing as exc:
            pytest.skip(str(exc))
        _results[case] = check_pdf(path, case.stem)
    return _results[case]


def describe(result: StressResult, limit: int = 12) -> str:
    """The first differences of a result, for the assertion message."""
    lines = result.score.differences[:limit] + result.metadata_wrong
    return "\n".join(([f"error: {result.error}"] if result.error else []) + lines)


@pytest.mark.parametrize("case", CI_CASES, ids=lambda c: c.key)
def test_every_golden_cell_and_entry(case, stress_cache):
    result = result_of(case, stress_cache)
    assert result.error is None, result.error
    assert (result.score.right_cells, result.score.entry_error) == (result.score.golden_cells, 0), describe(result)
    assert not result.score.differences, describe(result)


@pytest.mark.parametrize("case", CI_CASES, ids=lambda c: c.key)
def test_each_annex_is_one_table_with_its_caption(case, stress_cache):
    result = result_of(case, stress_cache)
    assert result.captions == result.golden_captions


@pytest.mark.parametrize("case", [c for c in CI_CASES if c.stem.startswith("lhasa")], ids=lambda c: c.key)
def test_entry_76_is_one_entry_with_five_sub_items(case, stress_cache):
    result = result_of(case, stress_cache)
    golden = load_golden(case.stem)[0]
    entry_76 = next(row for row in golden["rows"] if row["cells"][0] == "76")
    assert len(entry_76["sub_items"]) == 5  # read from the document: 5 printed lines, 2,864.46 … 2,161.70
    assert (result.merged_right, result.merged_golden) == (1, 1), describe(result)


def test_ci_sample_covers_the_hard_spots():
    producers = {c.producer for c in CI_CASES}
    assert {"reportlab", "chromium-hf", "libreoffice"} <= producers
    assert any(not c.ruled for c in CI_CASES) and any(c.landscape for c in CI_CASES)
    assert any(0 in breaks for c in CI_CASES for breaks in c.breaks)  # a break right after the header


@pytest.mark.slow
@pytest.mark.parametrize("case", sweep_cases(SWEEP_SEED, stress_stems()), ids=lambda c: c.key)
def test_sweep_rendering_gives_the_golden_tables(case, stress_cache):
    result = result_of(case, stress_cache)
    assert result.perfect, describe(result)
