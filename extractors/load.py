"""The load stage: bytes on disk to raw pages, by file format."""

from __future__ import annotations

from pipeline.errors import UnsupportedFormat
from pipeline.models import Report, StageError
from pipeline.stages import stage

from extractors.load_pdf import read_pdf_pages
from extractors.load_text import read_text_pages
from extractors.web_text import split_labelled_header


@stage("load", requires={"path", "format"}, produces={"pages", "encoding", "page_count", "header"})
def LOAD(report: Report) -> Report:
    """Read the file's pages; record pages without a text layer as a non-fatal error."""
    if report.format == "txt":
        report.pages, report.encoding = read_text_pages(report.path)
        # A crawler's `key: value` lines above a separator are metadata, not the document's text.
        report.header, report.pages[0].text = split_labelled_header(report.pages[0].text)
    elif report.format == "pdf":
        report.pages = read_pdf_pages(report.path)
        for page in report.pages:
            if not page.has_text_layer:
                report.errors.append(
                    StageError("load", "no-text-layer", f"{report.path}: page {page.number} has no text layer", fatal=False)
                )
    else:
        raise UnsupportedFormat(f"{report.path}: unsupported format {report.format!r} (expected .txt or .pdf)")
    report.page_count = len(report.pages)
    return report
