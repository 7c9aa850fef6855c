"""PDF renderings of the corpus (three producers) read like the text exports they were made from.

corpus/pdf/README.md says how each was produced; the Chromium ones map many characters to Kangxi
and CJK-supplement radicals and print a `— N —` footer, the LibreOffice ones split rows and
paragraphs over pages differently.
"""

from collections import Counter

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
