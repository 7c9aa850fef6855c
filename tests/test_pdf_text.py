"""PDF renderings of the corpus (three producers) read like the text exports they were made from.

corpus/pdf/README.md says how each was produced; the Chromium ones map many characters to Kangxi
and CJK-supplement radicals and print a `— N —` footer, the LibreOffice ones split rows and
paragraphs over pages differently.
"""

from collections import Counter
from pathlib import Path

import pytest

from extractors.normalize import has_foreign_radicals
from pipeline.runner import run_file
from tests.conftest import CORPUS

RENDERINGS = sorted((CORPUS / "pdf").glob("*.pdf"))
NARRATIVE = ("front", "heading", "body", "back")


def source_name(pdf) -> str:
    """Return the text file a rendering was made from (`x.chromium.pdf` → `x.txt`)."""
    return pdf.name.split(".")[0] + ".txt"


@pytest.mark.slow
@pytest.mark.parametrize("pdf", RENDERINGS, ids=lambda p: p.name)
def test_rendering_has_the_reports_front_matter_and_headings(pdf, golden_reports):
    report = run_file(pdf)
    expected = golden_reports[source_name(pdf)]
    assert report.status == "ok", report.errors
    assert (report.title, report.issuer, report.doc_number, report.signing_date) == (
        expected["title"],
        expected["issuer"],
        expected["doc_number"],
        expected["signing_date"],
    )
    levels = Counter(s.level for s in report.sections)
    assert (levels[1], levels[2]) == (expected["level1"], expected["level2"])
    assert not has_foreign_radicals(report.text)


@pytest.mark.slow
@pytest.mark.parametrize("pdf", RENDERINGS, ids=lambda p: p.name)
def test_rendering_gives_the_same_narrative_paragraphs_as_the_text_export(pdf, corpus_reports):
    from_text = [p.text for p in corpus_reports[source_name(pdf)].paragraphs if p.kind in NARRATIVE]
    from_pdf = [p.text for p in run_file(pdf).paragraphs if p.kind in NARRATIVE]
    assert from_pdf == from_text


@pytest.mark.slow
def test_pdf_pages_are_physical_pages():
    report = run_file(CORPUS / "pdf" / "lhasa-2020-performance-management.reportlab.pdf")
    assert report.page_count == 6  # corpus/pdf/README.md: six pages, annex (1) on pages 3-6
    assert report.sections[0].page == 1
    assert report.page_at(len(report.text) - 1) == 6


# Real Word/WPS PDFs (page extracts of 上海市普陀区 2024 部门决算 reports, see tests/fixtures/pdfs/README.md).
FIXTURES = Path(__file__).parent / "fixtures" / "pdfs"


@pytest.mark.parametrize(
    "fixture, title, issuer",
    [
        ("shanghai-final-accounts-narrative-new-unit.pdf", "中共上海市普陀区委社会工作部2024年度部门决算", "中共上海市普陀区委社会工作部"),
        ("shanghai-final-accounts-narrative-truncated-rate.pdf", "上海市普陀区规划和自然资源局2024年度部门决算", "上海市普陀区规划和自然资源局"),
        ("shanghai-final-accounts-page-without-text-layer.pdf", "上海市普陀区财政局2024年度部门决算", "上海市普陀区财政局"),
    ],
)
def test_cover_title_over_several_lines_stops_at_the_page(fixture, title, issuer):
    report = run_file(FIXTURES / fixture)
    assert (report.title, report.issuer) == (title, issuer)


def test_digits_set_below_the_line_stay_in_their_sentence():
    # 财政局 page 6: `2024` is printed 7 pt below the 18 pt heading it belongs to
    report = run_file(FIXTURES / "shanghai-final-accounts-page-without-text-layer.pdf")
    assert "第二部分上海市普陀区财政局2024年度部门决算表" in report.text


def test_a_line_starting_with_a_decimal_continues_its_paragraph():
    # 社会工作部 page 17: `…基本支出 105.58 万元，占` / `34.30%；项目支出…` is one paragraph, not a `34.` heading
    report = run_file(FIXTURES / "shanghai-final-accounts-narrative-new-unit.pdf")
    texts = [p.text for p in report.paragraphs]
    assert "本年支出合计307.82万元,其中:基本支出105.58万元,占34.30%;项目支出202.24万元,占65.70%。" in texts
    assert not any(s.title.startswith("34") for s in report.sections)
