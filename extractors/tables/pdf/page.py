"""Page lines for the table finder: visual text lines, page furniture near the edges, cheap page triage."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

import pdfplumber

from extractors import patterns
from extractors.clean import furniture_key
from extractors.load_pdf import visible_page
from extractors.normalize import clean_line

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
# A header line wrapped above the next header line lies at most this many line heights above it (it overlaps it when centred;
# the lines of one cell wrapped over four lines, centred, are about 0.3 line heights apart): printed against it, never apart as furniture.
WRAPPED_HEADER_GAP = 0.45
# Lines of one table block are at most this many line heights apart (a row's padding, never a paragraph break).
CLOSE_LINES = 2.0
# Two lines overlapping by more than this (points) are printed side by side, not one under the other.
OVERLAP_SLACK = 0.5
# What the table finder reads of a word (pdfplumber's word dicts carry twice as many keys).
WORD_KEYS = ("text", "x0", "x1", "top", "bottom", "size")


def prepared_page(page: pdfplumber.page.Page) -> pdfplumber.page.Page:
    """Given a pdfplumber page, return it as every table step reads it: visible characters only, de-duplicated once.

    "Fake bold" doubles every character (pdfplumber #992), as in load_pdf; de-duplicating once per
    page (not again per parser and per scored grid) keeps the stage linear in the page's characters.
    """
    return visible_page(page).dedupe_chars()


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
    """Given a visible, de-duplicated pdfplumber page (`prepared_page`), return its visual lines (words clustered by top) top to bottom.

    The words keep only WORD_KEYS: the lines of every page are kept until the tables are stitched.
    """
    words = [{key: word[key] for key in WORD_KEYS} for word in page.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False, extra_attrs=["size"])]
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


def table_lines(lines: list[TextLine], furniture: set[str]) -> list[TextLine]:
    """Return a page's lines without its furniture, keeping a furniture-like line printed against a kept line below it.

    The top lines of a header repeated on every page (基本支出 over 人员经费 | 公用经费) recur at the
    page top like a running header, but each is printed against the header line under it, closer
    than a running header ever is to the body: they are lines of the table.
    """
    kept: list[TextLine] = []
    for line in reversed(lines):
        below = kept[0] if kept else None
        touching = below is not None and below.top - line.bottom <= WRAPPED_HEADER_GAP * (below.bottom - below.top)
        if not is_furniture(line, furniture) or touching:
            kept.insert(0, line)
    return kept


def page_summary(page: pdfplumber.page.Page, furniture: set[str]) -> dict:
    """Given a prepared page and the report's furniture keys, return what the finder keeps of it once it is released.

    Its visual lines, height and furniture keys (for stitching and captions), its long ruling
    edges and its count of column-split lines (for `page_kind`).
    """
    lines = text_lines(page)
    return {
        "lines": lines,
        "height": float(page.height),
        "furniture": furniture,
        "rulings": ruling_counts(page),
        "split": sum(1 for line in lines if len(line.chunks) >= MIN_CHUNKS),
        "refused": None,
    }


def refused_summary(height: float, furniture: set[str], reason: str) -> dict:
    """Return the summary of a page load refused (over a page's bounds): no lines, no rulings, and why; it is never read again."""
    return {"lines": [], "height": height, "furniture": furniture, "rulings": (0, 0), "split": 0, "refused": reason}


def is_ruled(number: int, info: dict[int, dict], kinds: dict[int, str]) -> bool:
    """Tell whether a page is a ruled-table page: enough long rulings, or one ruled row after a ruled page."""
    horizontal, vertical = info[number]["rulings"]
    if horizontal >= MIN_RULED_HORIZONTAL and vertical >= MIN_RULED_VERTICAL:
        return True
    return horizontal >= 2 and vertical >= MIN_RULED_VERTICAL and kinds.get(number - 1) == "ruled"  # maybe the last row of its table, pushed over


def page_kind(number: int, info: dict[int, dict], kinds: dict[int, str]) -> str | None:
    """Given the summaries of a page and its neighbours and the kinds of the pages before it, return "ruled", "text" or None (no table).

    A page with a few column-split lines is a text-table page too when a page next to it has some:
    a table broken over many pages may leave two or three rows on each. Ruled pages count no
    split lines. Only pages number-1..number+1 are read, so the finder needs one page of lookahead.
    """
    if is_ruled(number, info, kinds):
        return "ruled"
    before = info[number - 1]["split"] if number - 1 in info and kinds.get(number - 1) != "ruled" else 0
    after = info[number + 1]["split"] if number + 1 in info and not is_ruled(number + 1, info, kinds) else 0
    count = info[number]["split"]
    if count >= MIN_SPLIT_LINES or count >= MIN_FRAGMENT_LINES and (before >= MIN_FRAGMENT_LINES or after >= MIN_FRAGMENT_LINES):
        return "text"
    if kinds.get(number - 1) == "text" and first_body_line_splits(info[number], info[number - 1]["lines"]):
        return "text"  # the last row of a borderless table pushed over (合计 | 679,917.21) starts the page after a text-table page
    if count and after >= MIN_SPLIT_LINES and ends_in_columns(info[number]):
        return "text"  # the header of a borderless table (and a row or two) left at the foot of the page before its body
    return None


def ends_in_columns(summary: dict) -> bool:
    """Tell whether a page's body ends at a line split into columns and the lines set close under it (a header's wrapped names, a row)."""
    body = [l for l in summary["lines"] if not is_furniture(l, summary["furniture"])]
    split = [k for k, line in enumerate(body) if len(line.chunks) >= MIN_CHUNKS]
    if not split:
        return False
    tail = body[split[-1] :]
    return all(b.top - a.bottom <= CLOSE_LINES * (a.bottom - a.top) for a, b in zip(tail, tail[1:]))


def first_body_line_splits(summary: dict, previous: list[TextLine]) -> bool:
    """Tell whether a page's first line below its furniture, any 续表 line and a header the page before printed too, or a line printed beside it, is split into columns.

    A row whose cells are centred vertically prints a wrapped cell's first line above its other
    cells ((不含扣分加分的分值,按 over 合计 | 10 | 90.5): the lines overlapping the first are its row too.
    """
    again = printed_before(summary["lines"], previous)
    body = [l for l in summary["lines"] if not is_furniture(l, summary["furniture"]) and id(l) not in again]
    body = [l for l in body if not patterns.CONTINUED_TABLE_LINE.match(clean_line(l.text))]
    row = body[:1]
    for line in body[1:]:
        if line.top >= row[-1].bottom:
            break
        row.append(line)
    return any(len(line.chunks) >= 2 for line in row)


def printed_before(lines: list[TextLine], previous: list[TextLine]) -> set[int]:
    """Return the ids of the lines the page before printed too: the same text starting at the same x (a header repeated after a page break)."""
    starts: dict[str, list[float]] = {}
    for line in previous:
        starts.setdefault(clean_line(line.text), []).append(line.x0)
    return {id(line) for line in lines if any(abs(line.x0 - x0) < 2 for x0 in starts.get(clean_line(line.text), []))}


def overlaps(a: TextLine, b: TextLine) -> bool:
    """Tell whether two lines overlap vertically (one is printed beside the other, not under it)."""
    return b.top < a.bottom - OVERLAP_SLACK and a.top < b.bottom - OVERLAP_SLACK


def beside_neighbour(lines: list[TextLine], k: int) -> bool:
    """Tell whether line `k` overlaps the line above or below it: printed beside it, as a centred cell's wrapped line."""
    return any(overlaps(lines[k], other) for other in lines[max(k - 1, 0) : k + 2] if other is not lines[k])
