"""Page lines for the table finder: visual text lines, page furniture near the edges, cheap page triage."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

import pdfplumber

from extractors import patterns
from extractors.clean import furniture_key, furniture_keys
from extractors.normalize import clean_line
from pipeline.models import Page

# A ruled page has at least this many long horizontal and vertical ruling edges.
MIN_RULED_HORIZONTAL = 3
MIN_RULED_VERTICAL = 2
MIN_EDGE_LENGTH = 8.0
# A text line is "split into columns" when it has at least this many chunks separated by wide gaps...
MIN_CHUNKS = 3
# ...a gap being at least this many character widths.
COLUMN_GAP_CHARS = 1.5
# A borderless table needs at least this many column-split lines on its page.
MIN_SPLIT_LINES = 4
# ...or this many when a page next to it has as many too (a table broken over many pages).
MIN_FRAGMENT_LINES = 2
# Page numbers lie within this share of the page height from the top or bottom; running headers within the second.
PAGE_NUMBER_BAND = 0.15
RUNNING_HEADER_BAND = 0.06
# A running header or footer prints at most this many gap-separated groups (date | title, URL | n/N).
FURNITURE_MAX_CHUNKS = 2


def ruling_counts(page: pdfplumber.page.Page) -> tuple[int, int]:
    """Given a pdfplumber page, return how many long horizontal and vertical ruling edges it draws."""
    horizontal = sum(1 for e in page.edges if e["orientation"] == "h" and e["width"] >= MIN_EDGE_LENGTH)
    vertical = sum(1 for e in page.edges if e["orientation"] == "v" and e["height"] >= MIN_EDGE_LENGTH)
    return horizontal, vertical


def line_chunks(words: list[dict], char_width: float) -> list[list[dict]]:
    """Given the words of one text line left to right, return them grouped into gap-separated chunks."""
    chunks: list[list[dict]] = []
    for word in words:
        if chunks and word["x0"] - chunks[-1][-1]["x1"] < COLUMN_GAP_CHARS * char_width:
            chunks[-1].append(word)
        else:
            chunks.append([word])
    return chunks


@dataclass
class TextLine:
    """One visual text line of a page: its words, chunks and box."""

    words: list[dict]
    chunks: list[list[dict]]
    top: float
    bottom: float
    x0: float
    x1: float
    char_width: float
    page_height: float = 0.0

    @property
    def text(self) -> str:
        """Return the line's text, words joined by spaces."""
        return " ".join(w["text"] for w in self.words)


def text_lines(page: pdfplumber.page.Page) -> list[TextLine]:
    """Given a pdfplumber page, return its visual lines (words clustered by top) top to bottom."""
    page = page.dedupe_chars()  # "fake bold" doubles every character (pdfplumber #992), as in load_pdf
    words = page.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False, extra_attrs=["size"])
    groups: list[list[dict]] = []
    for word in sorted(words, key=lambda w: w["top"]):
        if groups and abs(word["top"] - groups[-1][0]["top"]) <= 2.0:
            groups[-1].append(word)
        else:
            groups.append([word])
    lines = []
    for group in groups:
        group.sort(key=lambda w: w["x0"])
        sizes = [w["size"] for w in group if w.get("size")]
        char_width = median(sizes) if sizes else 9.0
        lines.append(
            TextLine(
                words=group,
                chunks=line_chunks(group, char_width),
                top=min(w["top"] for w in group),
                bottom=max(w["bottom"] for w in group),
                x0=group[0]["x0"],
                x1=max(w["x1"] for w in group),
                char_width=char_width,
                page_height=float(page.height),
            )
        )
    return lines


def is_furniture(line: TextLine, furniture: set[str]) -> bool:
    """Tell whether a line is a page number or a running header/footer, near the page's top or bottom edge.

    Furniture is told by position and repetition, whoever printed it: a line in an edge band that
    is a page number (`— 3 —`, `第 3 页 共 6 页`, `3/6`) or recurs on many pages once digits are masked
    (a browser's `date | title` or `URL | n/N`). It prints at most FURNITURE_MAX_CHUNKS groups: a
    table header repeated at the top of every page recurs too, but it is split into more columns
    and must stay a table row.
    """
    if len(line.chunks) > FURNITURE_MAX_CHUNKS or not line.page_height:
        return False
    position = min(line.top, line.page_height - line.bottom) / line.page_height
    text = clean_line(line.text)
    if position <= PAGE_NUMBER_BAND and patterns.PAGE_NUMBER_LINE.match(text):
        return True
    return position <= RUNNING_HEADER_BAND and furniture_key(line.text) in furniture


def candidate_pages(pdf_pages: list[pdfplumber.page.Page], info: dict[int, dict]) -> dict[int, str]:
    """Given a PDF's visible pages and their page_info, return {page number: "ruled" | "text"} for the pages that may hold a table.

    A page with a few column-split lines is a text-table page too when a page next to it has some:
    a table broken over many pages may leave two or three rows on each.
    """
    kinds: dict[int, str] = {}
    split: dict[int, int] = {}
    for number, page in enumerate(pdf_pages, start=1):
        horizontal, vertical = ruling_counts(page)
        if horizontal >= MIN_RULED_HORIZONTAL and vertical >= MIN_RULED_VERTICAL:
            kinds[number] = "ruled"
            continue
        if horizontal >= 2 and vertical >= MIN_RULED_VERTICAL and kinds.get(number - 1) == "ruled":
            kinds[number] = "ruled"  # one ruled row after a ruled page: maybe the last row of its table, pushed over
            continue
        split[number] = sum(1 for line in info[number]["lines"] if len(line.chunks) >= MIN_CHUNKS)
    for number, count in split.items():
        neighbours = split.get(number - 1, 0) >= MIN_FRAGMENT_LINES or split.get(number + 1, 0) >= MIN_FRAGMENT_LINES
        if count >= MIN_SPLIT_LINES or count >= MIN_FRAGMENT_LINES and neighbours:
            kinds[number] = "text"
    return dict(sorted(kinds.items()))


def page_info(pdf_pages: list[pdfplumber.page.Page], pages: list[Page]) -> dict[int, dict]:
    """Return per page number its visual lines, height and the report's furniture keys."""
    furniture = furniture_keys(pages) if pages else set()
    return {
        number: {"lines": text_lines(page), "height": float(page.height), "furniture": furniture}
        for number, page in enumerate(pdf_pages, start=1)
    }
