"""Read a PDF report with pdfplumber: page text in reading order, lines with geometry."""

from __future__ import annotations

from pathlib import Path
from statistics import median

import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.errors import UnreadableFile
from pipeline.models import Line, Page


# pdfplumber's default: characters whose tops differ by up to 3 pt share a line.
MIN_Y_TOLERANCE = 3.0
# Word/WPS PDFs set Latin digits a few points below the CJK text of the same line (seen in the
# Shanghai 部门决算 reports: 5 pt at 12 pt type), so the tolerance grows with the type size.
Y_TOLERANCE_SHARE_OF_SIZE = 0.5


def line_tolerance(page: pdfplumber.page.Page) -> float:
    """Return how far apart (pt) two characters' tops may be and still share a line on this page."""
    sizes = [c["size"] for c in page.chars if c["text"].strip()]
    return max(MIN_Y_TOLERANCE, Y_TOLERANCE_SHARE_OF_SIZE * median(sizes)) if sizes else MIN_Y_TOLERANCE


def page_lines(page: pdfplumber.page.Page) -> list[Line]:
    """Given a pdfplumber page, return its text lines top to bottom with their boxes."""
    page = page.dedupe_chars()  # "fake bold" doubles every character (pdfplumber #992)
    lines = []
    tolerance = line_tolerance(page)
    for raw in page.extract_text_lines(return_chars=True, keep_blank_chars=False, y_tolerance=tolerance):
        widths = [c["x1"] - c["x0"] for c in raw["chars"] if c["text"].strip()]
        lines.append(
            Line(
                text=raw["text"],
                x0=raw["x0"],
                x1=raw["x1"],
                top=raw["top"],
                bottom=raw["bottom"],
                char_width=median(widths) if widths else 0.0,
            )
        )
    return lines


def read_pdf_pages(path: Path) -> list[Page]:
    """Given a PDF report, return one Page per physical page; raise if nothing is readable."""
    try:
        with pdfplumber.open(path) as pdf:
            pages = []
            for number, pdf_page in enumerate(pdf.pages, start=1):
                lines = page_lines(pdf_page)
                pages.append(
                    Page(
                        number=number,
                        text="\n".join(line.text for line in lines),
                        width=float(pdf_page.width),
                        height=float(pdf_page.height),
                        lines=lines,
                        has_text_layer=bool(lines),
                    )
                )
    except (PdfminerException, PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise UnreadableFile(f"{path}: not a readable PDF ({type(exc).__name__}: {exc})") from exc
    if not pages:
        raise UnreadableFile(f"{path}: PDF has no pages")
    if not any(p.has_text_layer for p in pages):
        raise UnreadableFile(f"{path}: no page has a text layer (scanned images; OCR is not part of this pipeline yet)")
    return pages
