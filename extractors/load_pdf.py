"""Read a PDF report with pdfplumber: page text in reading order, lines with geometry."""

from __future__ import annotations

from pathlib import Path
from statistics import median

import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils import chars_to_textmap
from pdfplumber.utils.exceptions import PdfminerException

from extractors import patterns
from pipeline.errors import UnreadableFile
from pipeline.models import Line, Page


# pdfplumber's default: characters whose tops differ by up to 3 pt share a line.
Y_TOLERANCE = 3.0
# Tops of one line's CJK characters differ by less than this (points) when they are grouped into bands.
BAND_TOLERANCE = 1.0


def cjk_bands(chars: list[dict]) -> list[tuple[float, float]]:
    """Given a page's characters, return the vertical bands (top, bottom) that its CJK text occupies."""
    bands: list[list[float]] = []
    for char in sorted((c for c in chars if patterns.HAN_CHAR.match(c["text"])), key=lambda c: c["top"]):
        if bands and char["top"] - bands[-1][0] <= BAND_TOLERANCE:
            bands[-1][1] = max(bands[-1][1], char["bottom"])
        else:
            bands.append([char["top"], char["bottom"]])
    return [(top, bottom) for top, bottom in bands]


def lift_lowered_characters(chars: list[dict]) -> list[dict]:
    """Given a page's characters, return them with Latin text set below a CJK line moved up onto it.

    Word/WPS PDFs print digits in a smaller Latin font a few points below the CJK text of the same
    line (Shanghai 部门决算: `2024` 7 pt below an 18 pt title, `2995.39` 5 pt below 12 pt text), so
    pdfplumber puts them on a line of their own. A non-CJK character whose vertical middle falls
    inside a CJK band belongs to that band's line.
    """
    bands = cjk_bands(chars)
    lifted = []
    for char in chars:
        middle = (char["top"] + char["bottom"]) / 2
        band = next((b for b in bands if b[0] <= middle <= b[1]), None)
        if band is None or patterns.HAN_CHAR.match(char["text"]) or char["top"] - band[0] <= Y_TOLERANCE:
            lifted.append(char)
            continue
        shift = char["top"] - band[0]
        lifted.append({**char, "top": band[0], "bottom": char["bottom"] - shift, "doctop": char["doctop"] - shift})
    return lifted


def page_lines(page: pdfplumber.page.Page) -> list[Line]:
    """Given a pdfplumber page, return its text lines top to bottom with their boxes."""
    page = page.dedupe_chars()  # "fake bold" doubles every character (pdfplumber #992)
    textmap = chars_to_textmap(
        lift_lowered_characters(page.chars),
        layout_bbox=page.bbox,
        layout_width=page.width,
        layout_height=page.height,
        y_tolerance=Y_TOLERANCE,
        keep_blank_chars=False,
    )
    lines = []
    for raw in textmap.extract_text_lines(strip=True, return_chars=True):
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


def read_pdf_pages(path: Path, max_pages: int | None = None) -> list[Page]:
    """Given a PDF report, return one Page per physical page (the first `max_pages` only, if given); raise if nothing is readable."""
    try:
        with pdfplumber.open(path) as pdf:
            pages = []
            for number, pdf_page in enumerate(pdf.pages[:max_pages] if max_pages else pdf.pages, start=1):
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
