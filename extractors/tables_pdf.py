"""PDF annex tables: candidate grids from several parsers, scored, the best kept, stitched over pages.

Given a PDF report (its path and the pdfplumber lines of each page), return typed tables:

1. `candidate_pages` finds the pages worth parsing, cheaply: ruled pages (enough ruling edges)
   and text-aligned pages (several lines split into columns by wide gaps).
2. Each parser (`PlumberLattice`, `CamelotLattice` for ruled pages; `PlumberText`,
   `CamelotStream` for borderless pages) returns raw `Grid`s per page; a cell covered by a
   span from above or the left is None, so a merged entry keeps its physical lines and the
   spanned cells stay empty on lines 2..n (never copied down).
3. `grid_quality` scores every grid (text agreement with pdfplumber's characters, numeric
   columns that parse, rows with more than one filled cell, columns used, fill); per table
   the best-scoring method is kept and the losers are recorded in the quality report.
4. `stitch` joins a table continued on the next page (same column count, at the page top,
   repeated header dropped, a row cut by the page break joined back); headers printed over
   several rows are joined per column; the caption is the text line just above the first part.
5. `extractors.table_rows.build_table` turns each final grid into a typed `Table`.
"""

from __future__ import annotations

import logging
import re
from abc import ABC, abstractmethod
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

import pdfplumber

from extractors import patterns
from extractors.clean import furniture_keys
from extractors.normalize import clean_line, normalize_unicode
from extractors.table_rows import RawRow, build_table
from extractors.tables_text import is_caption_text
from pipeline.models import Page, Report, Table

Bbox = tuple[float, float, float, float]  # x0, top, x1, bottom (pdfplumber's top-down coordinates)

# A ruled page has at least this many long horizontal and vertical ruling edges.
MIN_RULED_HORIZONTAL = 3
MIN_RULED_VERTICAL = 2
MIN_EDGE_LENGTH = 8.0
# A text line is "split into columns" when it has at least this many chunks separated by wide gaps...
MIN_CHUNKS = 3
# ...a gap being at least this many character widths.
COLUMN_GAP_CHARS = 1.5
# Two words closer than this many character widths are one cell split at a space.
SPACE_CHARS = 1.0
# Characters of a cell further apart than this share of the font size are separate words (justified
# lines spread characters by less).
WORD_GAP_EM = 0.5
# A borderless table needs at least this many column-split lines on its page.
MIN_SPLIT_LINES = 4
# A single-chunk line starting at the table's left edge and wider than this share of it ends the table.
BREAK_LINE_WIDTH_SHARE = 0.35
# Text lines further apart than this many line heights belong to different regions.
REGION_GAP_LINES = 2.5
# A column gap in a borderless table is at least this wide (points) and crossed by no word.
MIN_RIVER_WIDTH = 3.0
# A wrapped line continues its cell when the line above reached this close (character widths) to the column's right edge.
WRAP_SLACK_CHARS = 1.6
# Two grids on a page are the same table when their boxes overlap this much (intersection over the smaller box).
SAME_TABLE_OVERLAP = 0.6
# A table part that starts within this share of the page height from the top may continue the previous page.
PAGE_TOP_SHARE = 0.2
# The caption is at most this many line heights above the table.
CAPTION_REACH_LINES = 4.0
# Header rows are at most this many rows.
MAX_HEADER_ROWS = 4
# Column boundaries of two parts of one table agree within this many points.
COLUMN_EDGE_TOLERANCE = 4.0
# Page numbers lie within this share of the page height from the top or bottom; running headers within the second.
PAGE_NUMBER_BAND = 0.12
RUNNING_HEADER_BAND = 0.06
# Scores closer than this are a tie; the method listed first in METHOD_PREFERENCE wins.
SCORE_TIE = 0.005
# Fill (share of non-empty cells) is reported but not scored: a parser that shifts text into the
# wrong rows fills more cells, and many real tables are mostly empty.
QUALITY_WEIGHTS = {"text_agreement": 0.4, "numeric_parse": 0.3, "multi_cell_rows": 0.2, "columns_used": 0.1}

NUMERIC_TEXT = re.compile(r"^[-+−△]?\(?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\)?%?$|^[*＊]{2,}$")
DIGIT_END = re.compile(r"\d$")  # a wrapped line ending inside a number...
DIGIT_START = re.compile(r"^[\d.%]")  # ...and the next line going on with it
COLUMN_NUMBER_ROW = re.compile(r"^(?:栏次|行次|\d{1,2})$")  # a 栏次 row: 栏次, 1, 2, 3 ...

log = logging.getLogger(__name__)


@dataclass
class Grid:
    """A raw table one parser found on one page: cell texts (None = covered by a span) and boxes."""

    method: str
    page: int
    bbox: Bbox
    cells: list[list[str | None]]
    boxes: list[list[Bbox | None]]
    extra: dict[str, Any] = field(default_factory=dict)  # the parser's own measures (camelot accuracy...)
    score: float = 0.0
    measures: dict[str, float] = field(default_factory=dict)

    @property
    def width(self) -> int:
        """Return the number of columns."""
        return max((len(r) for r in self.cells), default=0)


@dataclass
class FoundTable:
    """A table before typing: caption, joined header, physical body rows, pages, method and quality."""

    caption: str | None
    header: list[str]
    rows: list[RawRow]
    pages: list[int]
    method: str
    quality: dict[str, Any]
    parts: list[Grid] = field(default_factory=list)
    top: float = 0.0  # where the table (or its caption) starts on its first page
    note: str | None = None
    no_table: bool = False


# --------------------------------------------------------------------------- cheap page triage


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

    Only single-chunk lines in the edge bands: a table header repeated at the top of every page
    recurs like a running header, but it is split into columns and must stay a table row.
    """
    if len(line.chunks) != 1 or not line.page_height:
        return False
    position = min(line.top, line.page_height - line.bottom) / line.page_height
    text = clean_line(line.text)
    if position <= PAGE_NUMBER_BAND and patterns.PAGE_NUMBER_LINE.match(text):
        return True
    return position <= RUNNING_HEADER_BAND and patterns.DIGITS.sub("#", text) in furniture


def candidate_pages(pdf: pdfplumber.PDF) -> dict[int, str]:
    """Given an open PDF, return {page number: "ruled" | "text"} for the pages that may hold a table."""
    kinds: dict[int, str] = {}
    for number, page in enumerate(pdf.pages, start=1):
        horizontal, vertical = ruling_counts(page)
        if horizontal >= MIN_RULED_HORIZONTAL and vertical >= MIN_RULED_VERTICAL:
            kinds[number] = "ruled"
            continue
        split = sum(1 for line in text_lines(page) if len(line.chunks) >= MIN_CHUNKS)
        if split >= MIN_SPLIT_LINES:
            kinds[number] = "text"
    return kinds


# --------------------------------------------------------------------------- parsers


class TableParser(ABC):
    """One extraction method: given the PDF and the pages it applies to, return raw grids."""

    name: str = ""
    page_kind: str = ""  # the candidate pages it runs on

    @abstractmethod
    def grids(self, path: Path, pdf: pdfplumber.PDF, pages: list[int], context: dict) -> list[Grid]:
        """Return the grids found on `pages` (1-based)."""


def real_cell_span(boxes: list[list[Bbox | None]], i: int, j: int) -> tuple[int, int]:
    """Given grid boxes, return how many rows and columns the real cell at (i, j) covers."""
    box = boxes[i][j]
    if box is None:
        return 0, 0
    rows = 1
    while i + rows < len(boxes) and j < len(boxes[i + rows]) and boxes[i + rows][j] is None and _row_top(boxes, i + rows) < box[3] - 1:
        rows += 1
    cols = 1
    while j + cols < len(boxes[i]) and boxes[i][j + cols] is None and _col_left(boxes, j + cols) < box[2] - 1:
        cols += 1
    return rows, cols


def _row_top(boxes: list[list[Bbox | None]], i: int) -> float:
    """Return the top of grid row i: the lowest top of its real cells."""
    tops = [b[1] for b in boxes[i] if b is not None]
    return min(tops) if tops else float("inf")


def _col_left(boxes: list[list[Bbox | None]], j: int) -> float:
    """Return the left edge of grid column j: the smallest x0 of its real cells."""
    lefts = [row[j][0] for row in boxes if j < len(row) and row[j] is not None]
    return min(lefts) if lefts else float("inf")


class PlumberLattice(TableParser):
    """pdfplumber's table finder on ruling lines (and rectangle edges); merged cells come back as None."""

    name = "pdfplumber-lattice"
    page_kind = "ruled"
    settings = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3, "intersection_tolerance": 3}

    def grids(self, path: Path, pdf: pdfplumber.PDF, pages: list[int], context: dict) -> list[Grid]:
        """Return one grid per ruled table pdfplumber finds on each page."""
        found = []
        for number in pages:
            page = pdf.pages[number - 1].dedupe_chars()
            for table in page.find_tables(self.settings):
                boxes = [[cell if cell is None else tuple(cell) for cell in row.cells] for row in table.rows]
                texts = cell_texts(page.chars, boxes)
                if len(texts) < 2 or max(len(r) for r in texts) < 2:
                    continue
                found.append(Grid(self.name, number, tuple(table.bbox), texts, boxes))
        return found


def anchor(char: dict) -> tuple[float, float]:
    """Return the point that places a character in a cell: just right of its left edge, mid-height.

    Not the centre: a punctuation mark printed hanging past a cell's right border (不在行首 rule)
    still belongs to the cell its left edge is in.
    """
    return char["x0"] + min(1.0, 0.2 * (char["x1"] - char["x0"])), (char["top"] + char["bottom"]) / 2


def chars_to_text(chars: list[dict]) -> str:
    """Given the characters of one cell, return its text: lines top to bottom joined by newlines."""
    lines: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if lines and abs(char["top"] - lines[-1][0]["top"]) <= 0.5 * max(char["size"], 1.0):
            lines[-1].append(char)
        else:
            lines.append([char])
    texts = []
    for line in lines:
        line.sort(key=lambda c: c["x0"])
        text = ""
        for k, char in enumerate(line):
            if k and char["x0"] - line[k - 1]["x1"] > WORD_GAP_EM * max(char["size"], 1.0):
                text += " "
            text += char["text"]
        texts.append(text)
    return join_cell_lines(texts)


def join_cell_lines(texts: list[str]) -> str:
    """Join the wrapped lines of one cell with newlines, except inside a number cut by the wrap (1|00% → 100%)."""
    joined = ""
    for text in texts:
        if joined and DIGIT_END.search(joined) and DIGIT_START.match(text):
            joined += text
        else:
            joined += ("\n" if joined else "") + text
    return joined


def cell_texts(chars: list[dict], boxes: list[list[Bbox | None]]) -> list[list[str | None]]:
    """Given a page's characters and a grid's cell boxes, return each real cell's text (None for covered cells)."""
    owned: dict[tuple[int, int], list[dict]] = {}
    for char in chars:
        if not char["text"].strip():
            continue
        x, y = anchor(char)
        for i, row in enumerate(boxes):
            for j, box in enumerate(row):
                if box is not None and box[0] <= x < box[2] and box[1] <= y < box[3]:
                    owned.setdefault((i, j), []).append(char)
                    break
            else:
                continue
            break
    return [[None if box is None else chars_to_text(owned.get((i, j), [])) for j, box in enumerate(row)] for i, row in enumerate(boxes)]


def span_box(cells: list, i: int, j: int, height: float) -> Bbox:
    """Given camelot's cells, return the top-down box of the span that starts at (i, j) (borders tell its extent)."""
    last_col = j
    while last_col + 1 < len(cells[i]) and not cells[i][last_col + 1].left:
        last_col += 1
    last_row = i
    while last_row + 1 < len(cells) and not cells[last_row + 1][j].top:
        last_row += 1
    first, last = cells[i][j], cells[last_row][last_col]
    return (first.x1, height - first.y2, last.x2, height - last.y1)


class CamelotLattice(TableParser):
    """camelot's lattice flavor; span text is moved to the span's first cell, the rest become None."""

    name = "camelot-lattice"
    page_kind = "ruled"

    def grids(self, path: Path, pdf: pdfplumber.PDF, pages: list[int], context: dict) -> list[Grid]:
        """Return camelot's lattice tables on `pages`, converted to top-down boxes."""
        if not pages:
            return []
        import camelot  # imported here: slow to import, and only ruled pages need it

        tables = camelot.read_pdf(str(path), pages=",".join(map(str, pages)), flavor="lattice", suppress_stdout=True)
        found = []
        for table in tables:
            number = int(table.page)
            height = float(pdf.pages[number - 1].height)
            cells: list[list[str | None]] = []
            boxes: list[list[Bbox | None]] = []
            grid_cells = table.cells
            for i, row in enumerate(grid_cells):
                cells.append([])
                boxes.append([])
                for j, cell in enumerate(row):
                    covered = not cell.top or not cell.left
                    cells[-1].append(None if covered else cell.text)
                    boxes[-1].append(None if covered else span_box(grid_cells, i, j, height))
            # camelot may leave span text in a covered cell: move it up/left to the span's owner.
            for i, row in enumerate(table.cells):
                for j, cell in enumerate(row):
                    if cells[i][j] is None and cell.text.strip():
                        oi, oj = i, j
                        while oi > 0 and cells[oi][oj] is None and not table.cells[oi][oj].top:
                            oi -= 1
                        while oj > 0 and cells[oi][oj] is None and not table.cells[oi][oj].left:
                            oj -= 1
                        if cells[oi][oj] is not None:
                            cells[oi][oj] = (cells[oi][oj] + "\n" + cell.text).strip("\n")
            x1, y1, x2, y2 = table._bbox
            report = table.parsing_report
            extra = {"camelot_accuracy": report.get("accuracy"), "camelot_whitespace": report.get("whitespace")}
            found.append(Grid(self.name, number, (x1, height - y2, x2, height - y1), cells, boxes, extra))
        return found


def table_regions(lines: list[TextLine], furniture: set[str]) -> list[list[TextLine]]:
    """Given a page's visual lines, return the runs of lines that form borderless tables.

    A region starts at a column-split line and runs while lines stay close; it ends at a wide
    single-chunk line starting at the region's left edge (a caption, a note, prose) or a big gap.
    """
    regions: list[list[TextLine]] = []
    current: list[TextLine] = []
    body = [line for line in lines if not is_furniture(line, furniture)]
    for line in body:
        height = max(line.bottom - line.top, 1.0)
        if current:
            gap = line.top - current[-1].bottom
            left = min(l.x0 for l in current)
            right = max(l.x1 for l in current)
            wide_break = (
                len(line.chunks) == 1
                and abs(line.x0 - left) < line.char_width
                and line.x1 - line.x0 > BREAK_LINE_WIDTH_SHARE * (right - left)
            )
            if gap > REGION_GAP_LINES * height or wide_break:
                regions.append(current)
                current = []
        if not current and len(line.chunks) < MIN_CHUNKS:
            continue
        current.append(line)
    if current:
        regions.append(current)
    regions = [part for region in regions for part in split_at_crossing_lines(region)]
    return [r for r in regions if sum(len(l.chunks) >= 2 for l in r) >= MIN_SPLIT_LINES - 1]


def crossed_separators(line: TextLine, separators: list[float]) -> int:
    """Return how many column gaps the words of a line run across."""
    return sum(1 for s in separators if any(w["x0"] < s < w["x1"] for w in line.words))


def split_at_crossing_lines(region: list[TextLine]) -> list[list[TextLine]]:
    """Split a region at each line that runs across two column gaps (a caption, a note, prose), dropping that line."""
    separators = column_separators([l for l in region if len(l.chunks) >= 2])
    for k, line in enumerate(region):
        if k and crossed_separators(line, separators) >= 2:
            rest = region[k + 1 :]
            while rest and len(rest[0].chunks) < MIN_CHUNKS:
                rest = rest[1:]
            return [region[:k]] + (split_at_crossing_lines(rest) if rest else [])
    return [region]


def column_separators(lines: list[TextLine]) -> list[float]:
    """Given a region's lines, return x positions of the column gaps (whitespace crossed by almost no line).

    A gap inside one chunk that would leave a column printed on a single line (a header split at a
    space, 评定 | 级别) is not a column gap; a column alone in the header (备注, empty so far) is.
    """
    separators = whitespace_rivers(lines)
    while True:
        split = split_chunk_separator(lines, separators)
        if split is None:
            return separators
        del separators[split]


def split_chunk_separator(lines: list[TextLine], separators: list[float]) -> int | None:
    """Return the index of a separator between two words a space apart, one of them in a column printed on that line only."""
    used = Counter(column for line in lines for column in {column_of((w["x0"] + w["x1"]) / 2, separators) for w in line.words})
    for line in lines:
        for a, b in zip(line.words, line.words[1:]):
            left, right = column_of((a["x0"] + a["x1"]) / 2, separators), column_of((b["x0"] + b["x1"]) / 2, separators)
            if left != right and b["x0"] - a["x1"] < SPACE_CHARS * line.char_width and (used[left] < 2 or used[right] < 2):
                return left  # separator `left` lies between columns left and left + 1
    return None


def whitespace_rivers(lines: list[TextLine]) -> list[float]:
    """Given a region's lines, return the middles of the x ranges that (almost) no word covers."""
    left = min(l.x0 for l in lines)
    right = max(l.x1 for l in lines)
    resolution = 0.5
    size = int((right - left) / resolution) + 2
    crossing = [0] * size
    for line in lines:
        for word in line.words:
            for k in range(int((word["x0"] - left) / resolution), int((word["x1"] - left) / resolution) + 1):
                crossing[k] += 1
    allowed = 0  # a sparse column (扣罚分: a header and one figure) is covered by only two words
    separators: list[float] = []
    start = None
    for k, count in enumerate(crossing + [len(lines) + 1]):
        if count <= allowed and start is None:
            start = k
        elif count > allowed and start is not None:
            if (k - start) * resolution >= MIN_RIVER_WIDTH and start > 0:
                separators.append(left + (start + k) / 2 * resolution)
            start = None
    return separators


def column_of(x_center: float, separators: list[float]) -> int:
    """Return the index of the column an x position falls in."""
    return sum(1 for s in separators if x_center > s)


def line_cells(line: TextLine, separators: list[float]) -> dict[int, list[dict]]:
    """Given a line and column separators, return its words per column."""
    cells: dict[int, list[dict]] = {}
    for word in line.words:
        cells.setdefault(column_of((word["x0"] + word["x1"]) / 2, separators), []).append(word)
    return cells


def first_token_width(word: dict) -> float:
    """Return the width of a word's first breakable token: a Latin/digit run, or one character."""
    match = re.match(r"[A-Za-z0-9.,%*()\-]+", word["text"])
    count = len(match.group()) if match else 1
    return (word["x1"] - word["x0"]) * count / max(len(word["text"]), 1)


def continues_cells(previous: dict[int, list[dict]], line: dict[int, list[dict]], column_right: dict[int, float], char_width: float) -> bool:
    """Tell whether every column of `line` continues a wrapped cell of the line above (which reached the column edge)."""
    for column, words in line.items():
        above = previous.get(column)
        if not above:
            return False
        if is_numeric(" ".join(w["text"] for w in above)) or is_numeric(" ".join(w["text"] for w in words)):
            return False  # figures never wrap: a figure below a figure is the next row
        reach = above[-1]["x1"] + first_token_width(words[0])
        if reach < column_right[column] - WRAP_SLACK_CHARS * char_width:
            return False
    return True


class PlumberText(TableParser):
    """Borderless tables from pdfplumber words: columns from whitespace rivers, rows from wrapping and rules."""

    name = "pdfplumber-text"
    page_kind = "text"

    def grids(self, path: Path, pdf: pdfplumber.PDF, pages: list[int], context: dict) -> list[Grid]:
        """Return one grid per borderless table region on each page."""
        found = []
        for number in pages:
            page = pdf.pages[number - 1]
            rules = sorted(e["top"] for e in page.edges if e["orientation"] == "h" and e["width"] >= MIN_EDGE_LENGTH)
            for region in table_regions(text_lines(page), context["furniture"]):
                candidate = self.region_grid(number, region, rules)
                if looks_tabular(candidate):
                    found.append(candidate)
        return found

    def region_grid(self, number: int, region: list[TextLine], rules: list[float]) -> Grid:
        """Given one region's lines and the page's horizontal rules, return its grid."""
        separators = column_separators(region)
        width = len(separators) + 1
        per_line = [line_cells(line, separators) for line in region]
        column_right: dict[int, float] = {}
        for cells in per_line:
            for column, words in cells.items():
                column_right[column] = max(column_right.get(column, 0.0), words[-1]["x1"])
        rows: list[list[int]] = []  # line indexes per row
        for k, cells in enumerate(per_line):
            line = region[k]
            if rows:
                above = region[k - 1]
                ruled = any(above.bottom - 1 < r < line.top + 1 for r in rules)
                close = line.top - above.bottom < 1.5 * (line.bottom - line.top)
                if not ruled and close and continues_cells(per_line[k - 1], cells, column_right, line.char_width):
                    rows[-1].append(k)
                    continue
            rows.append([k])
        texts: list[list[str | None]] = []
        boxes: list[list[Bbox | None]] = []
        for members in rows:
            row_texts: list[str | None] = [""] * width
            row_boxes: list[Bbox | None] = [None] * width
            for column in range(width):
                words = [w for k in members for w in per_line[k].get(column, [])]
                if not words:
                    continue
                lines_text = []
                for k in members:
                    if column in per_line[k]:
                        lines_text.append(" ".join(w["text"] for w in per_line[k][column]))
                row_texts[column] = join_cell_lines(lines_text)
                row_boxes[column] = (
                    min(w["x0"] for w in words),
                    min(w["top"] for w in words),
                    max(w["x1"] for w in words),
                    max(w["bottom"] for w in words),
                )
            texts.append(row_texts)
            boxes.append(row_boxes)
        bbox = (min(l.x0 for l in region), region[0].top, max(l.x1 for l in region), region[-1].bottom)
        return Grid(self.name, number, bbox, texts, boxes, {"separators": [round(s, 1) for s in separators]})


def looks_tabular(grid: Grid) -> bool:
    """Tell whether a borderless grid is a table, not prose with figures set apart: a header over two
    or more columns and most rows filled in two or more cells."""
    filled = [sum(1 for c in row if c and c.strip()) for row in grid.cells]
    return grid.width >= 2 and bool(filled) and filled[0] >= 2 and sum(n >= 2 for n in filled) >= 0.5 * len(filled)


class CamelotStream(TableParser):
    """camelot's stream flavor on the same regions; lines without a figure are joined to the row above."""

    name = "camelot-stream"
    page_kind = "text"

    def grids(self, path: Path, pdf: pdfplumber.PDF, pages: list[int], context: dict) -> list[Grid]:
        """Return camelot stream tables for the regions PlumberText found (so the two compare like for like)."""
        import camelot

        found = []
        for grid in context.get("text_grids", []):
            height = float(pdf.pages[grid.page - 1].height)
            x0, top, x1, bottom = grid.bbox
            area = f"{x0 - 1},{height - top + 1},{x1 + 1},{height - bottom - 1}"
            try:
                tables = camelot.read_pdf(str(path), pages=str(grid.page), flavor="stream", table_areas=[area], suppress_stdout=True)
            except (ValueError, IndexError, ZeroDivisionError) as exc:  # camelot fails on odd regions: no candidate
                log.debug("camelot stream failed on page %s: %s", grid.page, exc)
                continue
            for table in tables:
                rows: list[list[str | None]] = []
                for values in table.data:
                    values = [v for v in values]
                    figure = any(NUMERIC_TEXT.match(v.strip()) for v in values if v.strip())
                    if rows and not figure and any(v.strip() for v in values):
                        rows[-1] = [((a or "") + "\n" + b).strip("\n") if b.strip() else a for a, b in zip(rows[-1], values)]
                        continue
                    rows.append(list(values))
                boxes: list[list[Bbox | None]] = [[None] * len(r) for r in rows]
                report = table.parsing_report
                extra = {"camelot_accuracy": report.get("accuracy"), "camelot_whitespace": report.get("whitespace")}
                found.append(Grid(self.name, grid.page, grid.bbox, rows, boxes, extra))
        return found


PARSERS: tuple[type[TableParser], ...] = (PlumberLattice, CamelotLattice, PlumberText, CamelotStream)
METHOD_PREFERENCE = [p.name for p in PARSERS]


# --------------------------------------------------------------------------- quality


def is_numeric(text: str) -> bool:
    """Tell whether a cell prints a number, a percentage or a masked figure."""
    return bool(NUMERIC_TEXT.match(text.strip().replace(" ", "")))


def page_text_chars(page: pdfplumber.page.Page, bbox: Bbox) -> Counter:
    """Return the multiset of non-space characters pdfplumber reads inside a box."""
    x0, top, x1, bottom = bbox
    inside = page.dedupe_chars().within_bbox((max(x0 - 1, 0), max(top - 1, 0), min(x1 + 1, page.width), min(bottom + 1, page.height)))
    return Counter(normalize_unicode("".join(c["text"] for c in inside.chars)).replace(" ", ""))


def grid_quality(grid: Grid, page: pdfplumber.page.Page) -> dict[str, float]:
    """Given a grid and its page, return its quality measures (each 0..1) and their weighted score."""
    body = grid.cells[header_row_count(grid) :] or grid.cells
    real = [c for r in grid.cells for c in r if c is not None]
    filled = [c for c in real if c.strip()]
    columns = range(grid.width)
    column_cells = {j: [r[j].strip() for r in body if j < len(r) and r[j] and r[j].strip()] for j in columns}
    numeric_columns = [cells for cells in column_cells.values() if cells and sum(map(is_numeric, cells)) >= 0.6 * len(cells)]
    parsed = [is_numeric(c) for cells in numeric_columns for c in cells]
    grid_chars = Counter(normalize_unicode("".join(filled)).replace(" ", "").replace("\n", ""))
    page_chars = page_text_chars(page, grid.bbox)
    union = sum((grid_chars | page_chars).values())
    measures = {
        "text_agreement": sum((grid_chars & page_chars).values()) / union if union else 0.0,
        "numeric_parse": sum(parsed) / len(parsed) if parsed else 1.0,
        "multi_cell_rows": sum(1 for r in body if sum(1 for c in r if c and c.strip()) >= 2) / len(body) if body else 0.0,
        "columns_used": sum(1 for cells in column_cells.values() if cells) / grid.width if grid.width else 0.0,
        "fill": len(filled) / len(real) if real else 0.0,
    }
    measures = {k: round(v, 4) for k, v in measures.items()}
    measures["score"] = round(sum(QUALITY_WEIGHTS[k] * measures[k] for k in QUALITY_WEIGHTS), 4)
    return measures


def overlap(a: Bbox, b: Bbox) -> float:
    """Return the intersection of two boxes over the area of the smaller one."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return 0.0
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return width * height / smaller if smaller > 0 else 0.0


def cell_agreement(a: Grid, b: Grid) -> float | None:
    """Return the share of cells two same-shaped grids print identically (after cleaning), None if shapes differ."""
    if len(a.cells) != len(b.cells) or a.width != b.width:
        return None
    pairs = [(clean_line(x or ""), clean_line(y or "")) for ra, rb in zip(a.cells, b.cells) for x, y in zip(ra, rb)]
    return round(sum(x == y for x, y in pairs) / len(pairs), 4) if pairs else None


def choose(grids: list[Grid]) -> list[tuple[Grid, list[Grid]]]:
    """Given every candidate grid, return per table the kept grid and the candidates it beat."""
    rank = {name: k for k, name in enumerate(METHOD_PREFERENCE)}
    ordered = sorted(grids, key=lambda g: (-g.score, rank.get(g.method, 99)))
    kept: list[tuple[Grid, list[Grid]]] = []
    for grid in ordered:
        for winner, losers in kept:
            if winner.page == grid.page and overlap(winner.bbox, grid.bbox) >= SAME_TABLE_OVERLAP:
                losers.append(grid)
                break
        else:
            kept.append((grid, []))
    # Within SCORE_TIE of the best score, the method listed first in METHOD_PREFERENCE wins.
    result = []
    for winner, losers in kept:
        tied = [g for g in losers if winner.score - g.score <= SCORE_TIE and rank.get(g.method, 99) < rank.get(winner.method, 99)]
        if tied:
            best = min(tied, key=lambda g: rank.get(g.method, 99))
            losers = [winner] + [g for g in losers if g is not best]
            winner = best
        result.append((winner, losers))
    return sorted(result, key=lambda wl: (wl[0].page, wl[0].bbox[1]))


# --------------------------------------------------------------------------- headers, stitching, captions


def has_figure(row: list[str | None]) -> bool:
    """Tell whether a grid row prints a number in any cell."""
    return any(is_numeric(clean_line(c)) for c in row if c and clean_line(c))


def is_blank(row: list[str | None]) -> bool:
    """Tell whether a grid row prints nothing."""
    return not any(clean_line(c or "") for c in row)


def header_row_count(grid: Grid) -> int:
    """Return how many leading rows are header rows: rows without a figure, before a blank or figure row.

    合计 may head a column group (合计: 预算数/决算数); a row led by 合计 is the total row, not a
    header, when the row after it is blank or has figures.
    """
    rows = grid.cells
    count = 0
    for i, row in enumerate(rows[:MAX_HEADER_ROWS]):
        if is_blank(row) or has_figure(row):
            break
        first = next(clean_line(c) for c in row if c and clean_line(c))
        after = rows[i + 1] if i + 1 < len(rows) else None
        if patterns.TOTAL_CELL.match(first) and (after is None or is_blank(after) or has_figure(after)):
            break
        count += 1
    if count == len(rows):  # nothing but text: only the first row is the header
        count = 1
    return count


def column_number_row(row: list[str | None]) -> bool:
    """Tell whether a row is a 栏次 row (栏次, 1, 2, 3...): it numbers the columns, it is no data."""
    texts = [clean_line(c or "") for c in row if c and clean_line(c)]
    return len(texts) >= 2 and all(COLUMN_NUMBER_ROW.match(t) for t in texts) and any(t in ("栏次", "行次") for t in texts)


def joined_header(grid: Grid, count: int) -> list[str]:
    """Given a grid and its header row count, return one header per column, span parents joined with '/'."""
    owners: dict[tuple[int, int], str] = {}
    for i in range(count):
        for j, text in enumerate(grid.cells[i]):
            if text is None:
                continue
            rows, cols = real_cell_span(grid.boxes, i, j) if grid.boxes[i][j] is not None else (1, 1)
            for di in range(max(rows, 1)):
                for dj in range(max(cols, 1)):
                    owners[(i + di, j + dj)] = text
    header = []
    for j in range(grid.width):
        parts: list[str] = []
        for i in range(count):
            text = clean_line(owners.get((i, j), ""))
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        header.append("/".join(parts))
    return header


def column_edges(grid: Grid) -> list[float]:
    """Return the left edge of each column (from real cell boxes), for comparing parts of one table."""
    return [_col_left(grid.boxes, j) for j in range(grid.width)]


def starts_page(grid: Grid, lines: list[TextLine], furniture: set[str], page_height: float) -> bool:
    """Tell whether a grid is the first thing on its page (only furniture above it)."""
    above = [l for l in lines if l.bottom <= grid.bbox[1] + 1 and not is_furniture(l, furniture)]
    return not above and grid.bbox[1] < PAGE_TOP_SHARE * page_height + 60


def ends_page(grid: Grid, lines: list[TextLine], furniture: set[str]) -> bool:
    """Tell whether nothing but furniture and notes follows a grid on its page."""
    below = [l for l in lines if l.top >= grid.bbox[3] - 1 and not is_furniture(l, furniture)]
    return all(clean_line(l.text).startswith("注") for l in below[:1]) if below else True


def continues(previous: Grid, previous_header: int, part: Grid, info: dict[int, dict]) -> bool:
    """Tell whether `part` continues the table `previous` on the next page."""
    if part.page != previous.page + 1 or part.width != previous.width:
        return False
    if not starts_page(part, info[part.page]["lines"], info[part.page]["furniture"], info[part.page]["height"]):
        return False
    if not ends_page(previous, info[previous.page]["lines"], info[previous.page]["furniture"]):
        return False
    head = [clean_line(c or "") for row in previous.cells[:previous_header] for c in row]
    repeat = [clean_line(c or "") for row in part.cells[:previous_header] for c in row]
    if head and head == repeat:
        return True
    edges_a, edges_b = column_edges(previous), column_edges(part)
    if all(abs(a - b) <= COLUMN_EDGE_TOLERANCE for a, b in zip(edges_a, edges_b) if a != float("inf") and b != float("inf")):
        return True
    return header_row_count(part) == 0 or part.method == previous.method == PlumberText.name


def is_cut_row(previous: list[str], row: list[str]) -> bool:
    """Tell whether the first row after a page break is the rest of the row cut by it (text only, key empty)."""
    filled = [j for j, c in enumerate(row) if c.strip()]
    if not filled or row[0].strip() or any(is_numeric(row[j]) for j in filled):
        return False
    if any(not previous[j].strip() for j in filled):
        return False
    return not any(patterns.HEADING_START.match(clean_line(row[j])) for j in filled)


def caption_above(grid: Grid, lines: list[TextLine], furniture: set[str]) -> str | None:
    """Return the text line just above a table (skipping 单位:万元 and punctuation-only lines), or None when nothing is near."""
    above = [l for l in lines if l.bottom <= grid.bbox[1] + 1 and not is_furniture(l, furniture)]
    skipped = 0.0  # height of the unit lines between the caption and the table
    for line in sorted(above, key=lambda l: -l.bottom):
        text = clean_line(line.text)
        if patterns.UNIT_LINE.match(text) or not patterns.WORD_CHAR.search(text):
            # a unit line, or quote marks set apart from their caption (财政拨款 三公 经费… / “ ”)
            skipped += line.bottom - line.top
            continue
        distance = grid.bbox[1] - line.bottom - skipped
        return text if distance <= CAPTION_REACH_LINES * max(line.bottom - line.top, 10.0) else None
    return None


def last_line_caption(page: dict, tables: list[Grid]) -> str | None:
    """Return the last text line of the previous page as a caption, when no table of that page lies below it."""
    lines = [l for l in page["lines"] if not is_furniture(l, page["furniture"])]
    lines = [l for l in lines if not patterns.UNIT_LINE.match(clean_line(l.text))]
    if not lines or any(t.bbox[3] >= lines[-1].top - 1 for t in tables):
        return None
    return clean_line(lines[-1].text)


def stitch(chosen: list[tuple[Grid, list[Grid]]], info: dict[int, dict]) -> list[FoundTable]:
    """Given the kept grids in page order, return tables with continued parts joined and headers split off."""
    found: list[FoundTable] = []
    last: Grid | None = None
    last_header = 0
    for grid, losers in chosen:
        header_rows = header_row_count(grid)
        page = info[grid.page]
        if last is not None and found and continues(last, last_header, grid, info):
            table = found[-1]
            body = grid.cells
            head = [[clean_line(c or "") for c in row] for row in last.cells[:last_header]]
            drop = 0
            while drop < len(head) and drop < len(body) and [clean_line(c or "") for c in body[drop]] == head[drop]:
                drop += 1
            rows = raw_rows(grid, drop)
            if rows and table.rows and is_cut_row(table.rows[-1].cells, rows[0].cells):
                previous = table.rows[-1]
                previous.cells = [(a + "\n" + b).strip("\n") if b.strip() else a for a, b in zip(previous.cells, rows[0].cells)]
                rows = rows[1:]
                table.quality["cut_rows_joined"] = table.quality.get("cut_rows_joined", 0) + 1
            table.rows.extend(rows)
            table.pages.append(grid.page)
            table.parts.append(grid)
            table.quality["parts"].append(part_quality(grid, losers))
            last = grid  # keep last_header: a continued part has the same header rows
            continue
        caption = caption_above(grid, page["lines"], page["furniture"])
        if caption is None and starts_page(grid, page["lines"], page["furniture"], page["height"]) and grid.page - 1 in info:
            caption = last_line_caption(info[grid.page - 1], [g for g, _ in chosen if g.page == grid.page - 1])
        found.append(
            FoundTable(
                caption=caption,
                header=joined_header(grid, header_rows),
                rows=raw_rows(grid, header_rows),
                pages=[grid.page],
                method=grid.method,
                quality={"parts": [part_quality(grid, losers)], "header_rows": header_rows},
                parts=[grid],
                top=grid.bbox[1],
            )
        )
        last, last_header = grid, header_rows
    for table in found:
        methods = Counter(p.method for p in table.parts)
        table.method = "+".join(m for m, _ in methods.most_common())
        scores = [p["score"] for p in table.quality["parts"]]
        table.quality["score"] = round(min(scores), 4)  # the weakest part; stored as the table's quality_score
        table.quality["kept"] = table.method
    return found


def raw_rows(grid: Grid, skip: int) -> list[RawRow]:
    """Return a grid's rows after `skip` header rows as RawRows (None cells as empty), 栏次 rows dropped."""
    rows = []
    for cells, boxes in zip(grid.cells[skip:], grid.boxes[skip:]):
        if column_number_row(cells):
            continue
        rows.append(RawRow(cells=[c or "" for c in cells], page=grid.page, bboxes=list(boxes)))
    return rows


def part_quality(grid: Grid, losers: list[Grid]) -> dict[str, Any]:
    """Return the quality record of one kept part: its measures, why it won, and the losing candidates."""
    record: dict[str, Any] = {"page": grid.page, "method": grid.method, "score": grid.score, "measures": grid.measures}
    record.update({k: v for k, v in grid.extra.items() if k.startswith("camelot")})
    if losers:
        record["reason"] = "highest score" if all(grid.score - l.score > SCORE_TIE for l in losers) else "tie: preferred method"
        record["candidates"] = [
            {"method": l.method, "score": l.score, "shape": [len(l.cells), l.width], "cells_identical": cell_agreement(grid, l)}
            for l in losers
        ]
    else:
        record["reason"] = "only candidate"
    return record


def captions_without_table(found: list[FoundTable], info: dict[int, dict]) -> list[FoundTable]:
    """Return `no_table` entries for numbered captions printed after a numbered table with no table under them.

    Only lines after the first table with a numbered caption count (the annex), so a numbered
    paragraph of the body is never taken for a caption.
    """
    numbered = [t for t in found if t.caption and patterns.TABLE_CAPTION_NUMBER.match(t.caption)]
    if not numbered:
        return []
    start = (numbered[0].pages[0], numbered[0].top)
    known = {t.caption for t in found}
    boxes = [(g.page, g.bbox) for t in found for g in t.parts]
    lost: list[FoundTable] = []
    for number in sorted(info):
        lines = [l for l in info[number]["lines"] if not is_furniture(l, info[number]["furniture"])]
        for k, line in enumerate(lines):
            text = clean_line(line.text)
            if (number, line.top) <= start or text in known or not patterns.TABLE_CAPTION_NUMBER.match(text) or not is_caption_text(text):
                continue
            if any(page == number and box[1] - 1 <= line.top <= box[3] + 1 for page, box in boxes):
                continue
            stray = [clean_line(l.text) for l in lines[k + 1 : k + 4] if not any(p == number and b[1] - 1 <= l.top <= b[3] + 1 for p, b in boxes)]
            note = "No table is printed under this caption"
            if stray:
                note += "; the text that follows it is not a table: " + " / ".join(f"«{t}»" for t in stray)
            lost.append(FoundTable(text, [], [], [number], "pdf-caption", {"entries": 0}, top=line.top, note=note, no_table=True))
    return lost


# --------------------------------------------------------------------------- entry points


def page_info(pdf: pdfplumber.PDF, pages: list[Page]) -> dict[int, dict]:
    """Return per page number its visual lines, height and the report's furniture keys."""
    furniture = furniture_keys(pages) if pages else set()
    return {
        number: {"lines": text_lines(page), "height": float(page.height), "furniture": furniture}
        for number, page in enumerate(pdf.pages, start=1)
    }


def find_pdf_grids(path: Path, pages: list[Page] | None = None) -> list[FoundTable]:
    """Given a PDF path (and its loaded pages, for furniture), return its tables before typing."""
    with pdfplumber.open(path) as pdf:
        kinds = candidate_pages(pdf)
        if not kinds:
            return []
        info = page_info(pdf, pages or [])
        furniture = next(iter(info.values()))["furniture"] if info else set()
        context: dict[str, Any] = {"furniture": furniture}
        candidates: list[Grid] = []
        for parser_class in PARSERS:
            parser = parser_class()
            numbers = sorted(n for n, kind in kinds.items() if kind == parser.page_kind)
            if not numbers:
                continue
            grids = parser.grids(path, pdf, numbers, context)
            if parser.name == PlumberText.name:
                context["text_grids"] = grids
            for grid in grids:
                grid.measures = grid_quality(grid, pdf.pages[grid.page - 1])
                grid.score = grid.measures["score"]
            candidates.extend(grids)
        found = stitch(choose(candidates), info)
        found += captions_without_table(found, info)
        return sorted(found, key=lambda t: (t.pages[0], t.top))


def find_pdf_tables(report: Report) -> list[Table]:
    """Given a loaded PDF report, return its tables, typed by build_table, with method and quality per table."""
    tables = []
    for index, found in enumerate(find_pdf_grids(report.path, report.pages)):
        if found.no_table:
            tables.append(
                Table(index, found.caption, [], [], found.pages, found.method, found.quality, no_table=True, note=found.note)
            )
            continue
        tables.append(
            build_table(
                index,
                found.caption,
                found.header,
                found.rows,
                method=found.method,
                pages=found.pages,
                quality=found.quality,
            )
        )
    return tables
