"""The figures stage costs time linear in a paragraph's length, and one sentence costs a bounded amount
(issue 12: a 50 MB single line ran past 10 minutes, the stage was quadratic in paragraph length).

The paragraphs are a real document's body (2015-pingtan-budget-execution-and-2016-draft-budget-report.txt,
../shared/real-docs/pingtan) repeated to the length wanted, with its sentence stops or without any.
"""

from __future__ import annotations

import time

import pytest

from extractors.figures.find import find_figures_in_sentence
from extractors.figures.stage import MAX_PIECE_CHARS, extract_figures
from extractors.normalize import clean_line
from extractors.patterns import SENTENCE_END
from pipeline.models import Paragraph, Report, Sentence
from tests.conftest import ROOT
from tests.conftest import needs_pingtan

pytestmark = needs_pingtan  # every test here repeats a real Pingtan text
SOURCE = ROOT.parent / "shared" / "real-docs" / "pingtan" / "2015-pingtan-budget-execution-and-2016-draft-budget-report.txt"


def body() -> str:
    """Return the real document's body (after the crawler's header), cleaned, as one line."""
    text = SOURCE.read_text(encoding="utf-8")
    return clean_line(text.split("==== 正文 ====", 1)[1])


def one_paragraph_report(text: str) -> Report:
    """Return a report whose text is one body paragraph, split into sentences at the usual stops."""
    sentences, start = [], 0
    for match in SENTENCE_END.finditer(text):
        sentences.append(Sentence(len(sentences), text[start : match.end()], start, match.end(), 1))
        start = match.end()
    if start < len(text):
        sentences.append(Sentence(len(sentences), text[start:], start, len(text), 1))
    report = Report(path=SOURCE, text=text)
    report.paragraphs = [Paragraph(0, "body", text, 1, 0, len(text), None, sentences)]
    return report


def repeated(length: int, stops: bool = True) -> str:
    """Return the body repeated to `length` characters; without sentence stops when `stops` is false."""
    base = body() if stops else SENTENCE_END.sub(",", body())
    return (base * (length // len(base) + 1))[:length]


def seconds_for(text: str) -> tuple[float, int]:
    """Return (seconds, figures) of the figures stage on a one-paragraph report of `text`."""
    report = one_paragraph_report(text)
    started = time.perf_counter()
    figures = extract_figures(report)
    return time.perf_counter() - started, len(figures)


@pytest.fixture(scope="module", autouse=True)
def warm_up():
    """Build jieba's dictionary and the spaCy pipeline before anything is timed."""
    find_figures_in_sentence("购置执法车辆3辆,安排资金5亿元。")


@pytest.mark.parametrize("stops", [True, False])
def test_four_times_the_text_costs_about_four_times_the_time(stops):
    small_seconds, small_figures = seconds_for(repeated(25_000, stops))
    large_seconds, large_figures = seconds_for(repeated(100_000, stops))
    assert small_figures > 100 and large_figures > 3.5 * small_figures
    # Linear gives 4; the quadratic stage gave 16. Allow for a busy machine.
    assert large_seconds < 7 * small_seconds + 0.5, (small_seconds, large_seconds)


def test_an_endless_sentence_is_searched_in_bounded_pieces():
    report = one_paragraph_report(repeated(30_000, stops=False))
    assert len(report.paragraphs[0].sentences) == 1
    figures = extract_figures(report)
    assert len(figures) > 200
    assert max(len(f.sentence) for f in figures) <= MAX_PIECE_CHARS
    assert all(report.text[f.start : f.end] == f.surface and f.surface in f.sentence for f in figures)


@pytest.mark.slow
@pytest.mark.parametrize("stops", [True, False])
def test_a_one_megabyte_paragraph_finishes_in_seconds(stops):
    seconds, figures = seconds_for(repeated(1_000_000, stops))
    assert figures > 10_000
    assert seconds < 30, seconds
