"""Read a PDF report with pdfplumber: page text in reading order, lines with geometry."""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate
from pathlib import Path
from statistics import median

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils import chars_to_textmap
from pdfplumber.utils.exceptions import PdfminerException

from extractors import patterns, pdf_guard
from pipeline.errors import PageRefused, UnreadableFile
from pipeline.progress import note as note_progress
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


def first_band_containing(bands: list[tuple[float, float]], reach: list[float], y: float) -> tuple[float, float] | None:
    """Given bands sorted by top and the running maximum of their bottoms, return the first band with top <= y <= bottom, or None.

    A binary search (not a scan of every band per character: a page's bands grow with its
    characters, so the scan cost the square of them).
    """
    first = bisect_left(reach, y)  # bands before it all end above y; it is the first that reaches y
    if first < len(bands) and bands[first][0] <= y:
        return bands[first]
    return None


def lift_lowered_characters(chars: list[dict]) -> list[dict]:
    """Given a page's characters, return them with Latin text set below a CJK line moved up onto it.

    Word/WPS PDFs print digits in a smaller Latin font a few points below the CJK text of the same
    line (Shanghai 部门决算: `2024` 7 pt below an 18 pt title, `2995.39` 5 pt below 12 pt text), so
    pdfplumber puts them on a line of their own. A non-CJK character whose vertical middle falls
    inside a CJK band belongs to that band's line.
    """
    bands = cjk_bands(chars)
    reach = list(accumulate((b[1] for b in bands), max))  # the lowest bottom of bands[0..i]
    lifted = []
    for char in chars:
        middle = (char["top"] + char["bottom"]) / 2
        band = first_band_containing(bands, reach, middle)
        if band is None or patterns.HAN_CHAR.match(char["text"]) or char["top"] - band[0] <= Y_TOLERANCE:
            lifted.append(char)
            continue
        shift = char["top"] - band[0]
        lifted.append({**char, "top": band[0], "bottom": char["bottom"] - shift, "doctop": char["doctop"] - shift})
    return lifted


def visible_box(page: pdfplumber.page.Page) -> tuple[float, float, float, float]:
    """Given a pdfplumber page, return the box a viewer shows (crop box within media box), top-down."""
    media, crop = page.mediabox, page.cropbox
    return (max(media[0], crop[0]), max(media[1], crop[1]), min(media[2], crop[2]), min(media[3], crop[3]))


def is_shown(obj: dict, box: tuple[float, float, float, float]) -> bool:
    """Tell whether a page object is visible: characters by their middle point; other objects always."""
    if obj.get("object_type") != "char":
        return True
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def visible_page(page: pdfplumber.page.Page) -> pdfplumber.page.Page:
    """Given a pdfplumber page, return it without the characters printed outside its visible box.

    Some exports carry text a viewer never shows: a WPS export kept a copy of the previous page's
    text above the page (chars with top < 0); a crop box hides the printer's marks. Text, tables
    and figures must read only what is shown, so every reader of a page starts here.
    """
    box = visible_box(page)
    if all(is_shown(char, box) for char in page.chars):
        return page
    return page.filter(lambda obj: is_shown(obj, box))


def page_lines(page: pdfplumber.page.Page) -> list[Line]:
    """Given a pdfplumber page, return its visible text lines top to bottom with their boxes."""
    page = visible_page(page).dedupe_chars()  # "fake bold" doubles every character (pdfplumber #992)
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
    """Given a PDF report, return one Page per physical page (the first `max_pages` only, if given); raise if nothing is readable.

    Each page is released once its lines are read (memory stays flat however many pages); a page
    over the bounds of extractors/pdf_guard.py comes back empty with `refused` saying why.
    """
    pdf_guard.install()
    try:
        with pdfplumber.open(path) as pdf:
            pages = []
            wanted = pdf.pages[:max_pages] if max_pages else pdf.pages
            for number, pdf_page in enumerate(wanted, start=1):
                note_progress(page=number, pages=len(wanted))  # a supervisor kills and records by page
                lines = page_lines(pdf_page)
                pages.append(
                    Page(
                        number=number,
                        text="\n".join(line.text for line in lines),
                        width=float(pdf_page.width),
                        height=float(pdf_page.height),
                        lines=lines,
                        has_text_layer=bool(lines),
                        refused=getattr(pdf_page.page_obj, "refused", None),
                    )
                )
                pdf_page.close()  # drop its characters and layout objects now, not at the end of the file
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise UnreadableFile(f"{path}: encrypted PDF: it needs a password to open, which the pipeline does not have") from exc
    except PdfminerException as exc:
        if isinstance(exc.args[0] if exc.args else None, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise UnreadableFile(f"{path}: encrypted PDF: it needs a password to open, which the pipeline does not have") from exc
        raise UnreadableFile(f"{path}: not a readable PDF ({type(exc).__name__}: {exc})") from exc
    except PageRefused as exc:  # a bomb in the document's own structure (an object stream), not in one page
        raise UnreadableFile(f"{path}: not a readable PDF ({exc})") from exc
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise UnreadableFile(f"{path}: not a readable PDF ({type(exc).__name__}: {exc})") from exc
    if not pages:
        raise UnreadableFile(f"{path}: PDF has no pages")
    refused = [p for p in pages if p.refused]
    if len(refused) == len(pages):
        raise UnreadableFile(f"{path}: every page refused: " + "; ".join(f"page {p.number}: {p.refused}" for p in refused[:3]))
    if not any(p.has_text_layer for p in pages):
        raise UnreadableFile(f"{path}: no page has a text layer (scanned images; OCR is not part of this pipeline yet)")
    return pages
