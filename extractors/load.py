"""The load stage: bytes on disk to raw pages, by the format the bytes show (not the file's suffix)."""

from __future__ import annotations

from extractors import content
from extractors.load_pdf import read_pdf_pages
from extractors.load_text import read_text
from extractors.web_text import split_labelled_header
from pipeline.errors import NotAReport, UnreadableFile, UnsupportedFormat
from pipeline.models import Page, Report, StageError
from pipeline.paths import read_head
from pipeline.stages import stage

# Below this confidence the chosen encoding is reported as a guess.
SURE_ENCODING = 0.9


def warn(report: Report, kind: str, message: str, page: int | None = None) -> None:
    """Record a non-fatal load problem (the report goes on, `partial`)."""
    report.errors.append(StageError("load", kind, message, fatal=False, page=page))


def detect_format(report: Report) -> str:
    """Return the format the file's bytes show; refuse a binary file that is not a PDF; note a misleading suffix."""
    head = read_head(report.path, content.PDF_HEADER_WINDOW)
    if not head:
        raise UnreadableFile(f"{report.path}: empty file (0 bytes)")
    detected, kind = content.sniff_format(head)
    if detected == "binary":
        raise UnsupportedFormat(f"{report.path}: {kind}, not a report (expected a PDF or a text file)")
    if detected != report.format:
        warn(report, "format-mismatch", f"{report.path}: named .{report.format} but holds {'a PDF' if detected == 'pdf' else 'text'}; read as {detected}")
    return detected


def load_text(report: Report) -> None:
    """Read a text report: one page, its encoding and confidence; replaced bytes counted as a warning."""
    text, decoding, bad = read_text(report.path)
    report.pages, report.encoding, report.encoding_confidence = [Page(number=1, text=text)], decoding.encoding, round(decoding.confidence, 3)
    if bad:
        warn(report, "bad-bytes", f"{report.path}: {bad:,} byte(s) that {decoding.encoding} cannot read were replaced (U+FFFD) or dropped (NUL)")
    if decoding.confidence < SURE_ENCODING:
        warn(report, "encoding-guess", f"{report.path}: encoding guessed as {decoding.encoding} with confidence {decoding.confidence:.2f}")


def flag_unusable_pages(report: Report) -> None:
    """Blank and flag each PDF page whose text layer is unusable ((cid:NNN), U+FFFD, private use) or that was refused."""
    for page in report.pages:
        if page.refused:
            warn(report, "page-refused", f"{report.path}: page {page.number} refused: {page.refused}", page.number)
        elif not page.has_text_layer:
            warn(report, "no-text-layer", f"{report.path}: page {page.number} has no text layer", page.number)
        elif reason := content.unusable_text_layer(page.text):
            warn(report, "unusable-text-layer", f"{report.path}: page {page.number}: text layer unusable ({reason}); page not read", page.number)
            page.text, page.lines, page.has_text_layer = "", [], False
    if not any(p.has_text_layer for p in report.pages):
        raise UnreadableFile(f"{report.path}: no page has a usable text layer (unmapped glyphs or scanned images)")


@stage("load", requires={"path", "format"}, produces={"pages", "encoding", "page_count", "header"})
def LOAD(report: Report) -> Report:
    """Read the file's pages by the format its bytes show; flag unusable pages; refuse a text that is not Chinese."""
    report.format = detect_format(report)
    if report.format == "txt":
        load_text(report)
        # A crawler's `key: value` lines above a separator are metadata, not the document's text.
        report.header, report.pages[0].text = split_labelled_header(report.pages[0].text)
    else:
        report.pages = read_pdf_pages(report.path)
        flag_unusable_pages(report)
        text = "".join(p.text for p in report.pages)
        if not content.is_chinese(text):
            raise NotAReport(f"{report.path}: not a report: its text is not Chinese ({content.han_share(text):.1%} Chinese characters)")
    report.page_count = len(report.pages)
    return report
