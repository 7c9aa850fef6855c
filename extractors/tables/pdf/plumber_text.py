"""Borderless tables from pdfplumber words: regions of column-split lines, columns from whitespace rivers."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from collections.abc import Callable
from statistics import median
from pathlib import Path

import pdfplumber

from extractors import patterns
from extractors.normalize import clean_line
from extractors.tables.captions import is_issuer_or_unit_line, is_label_line
from extractors.tables.pdf.base import Bbox, Grid, TableParser, column_edges
from extractors.tables.pdf.cells import is_numeric, join_cell_lines
from extractors.tables.pdf.headers import header_row_count
from extractors.tables.pdf.page import MIN_CHUNKS, MIN_EDGE_LENGTH, MIN_SPLIT_LINES, WRAPPED_HEADER_GAP, TextLine, is_furniture, line_chunks, printed_before, table_lines
from extractors.tables.pdf.stitch import same_place_and_text
from extractors.tables.rows import is_indicator_header

# Two words closer than this many character widths are one cell split at a space.
SPACE_CHARS = 1.0
# A space is at most this many (CJK) character widths wide: in a form's field row, a wider gap parts a label from its value.
FIELD_SPACE_CHARS = 0.5
# A single-chunk line starting at the table's left edge and wider than this share of it ends the table.
BREAK_LINE_WIDTH_SHARE = 0.35
# Text lines further apart than this many line heights belong to different regions.
REGION_GAP_LINES = 2.5
# A column gap in a borderless table is at least this wide (points) and crossed by no word.
MIN_RIVER_WIDTH = 3.0
# A wrapped line continues its cell when the line above reached this close (character widths) to the column's right edge.
WRAP_SLACK_CHARS = 1.6
# Two lines overlapping by more than this (points) are printed side by side, not one under the other.
OVERLAP_SLACK = 0.5
# The top line of a two-level header lies at most this many line heights above the header line below it.
GROUP_LINE_GAP_LINES = 1.5
# A group name is centred over its columns to within this many character widths (or starts where they start, to within one).
GROUP_CENTRE_CHARS = 2.0
# A table's title is set apart from the row above it by more than this many line heights (rows and wrapped lines are closer).
TITLE_GAP_LINES = 1.5
# A group name of a header (its words) over the columns first..last.
GroupName = tuple[list[dict], int, int]
# Gaps between rows exceed gaps between the lines of one cell by at least this many line heights (twice the padding).
ROW_GAP_JUMP_LINES = 0.25
# A word reaching less than this many character widths past a column start does not cross it (a glyph's box
# overhangs its advance: a cell filled to its edge touches the next column's text in a tightly set table).
OVERHANG_CHARS = 0.25
# A cell's text starts at most this many character widths right of its column's gap (half the gap, plus padding).
CELL_START_CHARS = 2.0
# A header name marks a column start with no whitespace river when the cells of at least this many body lines start under it.
MIN_ALIGNED_STARTS = 2


def table_regions(lines: list[TextLine], furniture: set[str], repeated: set[int] = frozenset()) -> list[list[TextLine]]:
    """Given a page's visual lines, return the runs of lines that form borderless tables.

    A region starts at a column-split line (taking along the lines of a header cell wrapped above
    it) and runs while lines stay close; it ends at a wide single-chunk line starting at the
    region's left edge (a caption, a note, prose), at a numbered caption or a form's title wherever
    it starts, or a big gap. A project form's 项目名称 line starts a region of its own, though it
    prints only a label and a value (docs/table-conventions.md: each form is its own table).
    A table's issuer/unit line (`编制部门:…  单位:元`) ends the region before it, title included, and
    every line from it to the next column-split line is the next region's header block (the Excel/WPS
    layout of 部门预算/决算 tables: short header names wrapped over several lines, few split into columns);
    so are the lines just above a region that the page before printed too (ids in `repeated`: the
    header repeated after a page break). A header block with no row under it on its page is no table:
    the page after prints the rows (and the header again, or stitch takes it from this page's foot).
    """
    regions: list[list[TextLine]] = []
    current: list[TextLine] = []
    block: list[TextLine] | None = None  # the lines after an issuer/unit line, while no region has started
    block_bottom = 0.0
    kept: set[int] = set()  # header-block lines: header names over several columns cross gaps, they split nothing
    body = table_lines(lines, furniture)
    for k, line in enumerate(body):
        height = max(line.bottom - line.top, 1.0)
        if is_issuer_or_unit_line(line.text):
            if current:
                regions.append(without_title(current))
            current, block, block_bottom = [], [], line.bottom
            continue
        form_start = is_form_start(line)
        if current:
            gap = line.top - current[-1].bottom
            left = min(l.x0 for l in current)
            right = max(l.x1 for l in current)
            # a form's field rows, up to its indicator header, may print label and value run together across the width
            in_fields = is_form_start(current[0]) and not any(map(is_indicator_line, current))
            wide_break = (
                not in_fields
                and len(line.chunks) == 1
                and abs(line.x0 - left) < line.char_width
                and line.x1 - line.x0 > BREAK_LINE_WIDTH_SHARE * (right - left)
            )
            caption = len(line.chunks) == 1 and is_caption_line(line)
            if gap > REGION_GAP_LINES * height or wide_break or caption or form_start:
                regions.append(current)
                current = []
        if not current and len(line.chunks) < MIN_CHUNKS and not form_start:
            if block is not None and line.top - block_bottom <= REGION_GAP_LINES * height:
                block.append(line)
                block_bottom = line.bottom
            else:
                block = None  # far below the label line: no header block of a table
            continue
        if not current:
            if block and is_form_start(block[0]):
                block = None  # a project form's 项目名称 | … row: a field row, label and value (docs/table-conventions.md), no header
            above = block or wrapped_above(body[:k], line, regions[-1] if regions else [], repeated)
            current.extend(above)
            kept.update(id(l) for l in above if block or id(l) in repeated)
            block = None
        current.append(line)
    if current:
        regions.append(current)
    regions = [part for region in regions for part in split_at_crossing_lines(region, kept)]
    regions = [r for r in regions if sum(len(l.chunks) >= 2 for l in r) >= MIN_SPLIT_LINES - 1]
    regions = [r for r in regions if not (id(r[0]) in kept and len(header_lines(r)) == len(r))]
    taken = {id(line) for region in regions for line in region}
    for region in regions:
        k = next((i for i, line in enumerate(body) if line is region[0]), 0)
        above = body[k - 1] if k else None
        height = max(region[0].bottom - region[0].top, 1.0)
        if above is not None and id(above) not in taken and 0 <= region[0].top - above.bottom <= GROUP_LINE_GAP_LINES * height:
            if group_columns(above, region, column_separators(region)) is not None:
                region.insert(0, above)  # the top line of a two-level header (收入 | 支出 over 项目 | 预算数 | 项目 | 预算数)
    return regions


def without_title(region: list[TextLine]) -> list[TextLine]:
    """Return a region without the title line(s) that ran into it above the next table's issuer/unit line.

    A title is a single-chunk line set apart from the row above it by more than rows are (the quote
    marks of 财政拨款“三公”经费… may print as a line of their own): a wrapped cell's line is not.
    """
    end = len(region)
    while end > 1 and len(region[end - 1].chunks) == 1:
        line, above = region[end - 1], region[end - 2]
        if patterns.WORD_CHAR.search(clean_line(line.text)) and line.top - above.bottom <= TITLE_GAP_LINES * max(above.bottom - above.top, 1.0):
            break
        end -= 1
    return region[:end]


def is_caption_line(line: TextLine) -> bool:
    """Tell whether a line titles a table: a numbered caption, or a project form's title printed alone on its line."""
    text = clean_line(line.text)
    return bool(patterns.TABLE_CAPTION_NUMBER.match(text)) or len(line.chunks) == 1 and bool(patterns.FORM_TITLE.search(text))


def is_form_start(line: TextLine) -> bool:
    """Tell whether a line is a project form's first row: its first chunk is the 项目名称 label."""
    return bool(patterns.FORM_START.match(clean_line(" ".join(w["text"] for w in line.chunks[0]))))


def indicator_line(region: list[TextLine]) -> int:
    """Return the index of a project form's indicator header line (一级指标 … 三级指标 …) in a region that starts a form, else 0.

    The lines above it are the form's field rows (label | value, a value spanning the columns
    left); only the indicator lines below show the form's columns.
    """
    if not region or not is_form_start(region[0]):
        return 0
    return next((k for k, line in enumerate(region) if is_indicator_line(line)), 0)


def is_indicator_line(line: TextLine) -> bool:
    """Tell whether a line is a project form's indicator header (一级指标 … 三级指标 …)."""
    return is_indicator_header([" ".join(w["text"] for w in chunk) for chunk in line.chunks])


def region_separators(region: list[TextLine], min_chunks: int = 1) -> list[float]:
    """Return the column gaps of a region's lines split into `min_chunks` chunks or more: of those from a form's indicator header on (the header their first), when it is a project form."""
    fields = indicator_line(region)
    return column_separators([l for l in region[fields:] if len(l.chunks) >= min_chunks], 1 if fields else None)


def wrapped_above(before: list[TextLine], first: TextLine, taken: list[TextLine], repeated: set[int] = frozenset()) -> list[TextLine]:
    """Return the lines just above a region's first line that belong to its header: lines that overlap it, single-chunk lines that nearly touch it, and close lines the page before printed too.

    A header cell printed over two lines and centred on the header row (预算金额(万 / 元)) puts
    its first line a little above the row's other cells; a header repeated after a page break
    prints its lines as the page before did (ids in `repeated`).
    """
    above: list[TextLine] = []
    height = first.bottom - first.top
    for line in reversed(before):
        gap = (above[0] if above else first).top - line.bottom
        # a line overlapping the one below it is printed beside it, whatever its chunks (考核内 | 数据来 centred on their header row)
        wrapped = (len(line.chunks) == 1 or gap < -OVERLAP_SLACK) and gap <= WRAPPED_HEADER_GAP * height
        again = id(line) in repeated and gap <= REGION_GAP_LINES * height and not is_title_or_continued(line)
        if line in taken or not (wrapped or again):
            break
        above.insert(0, line)
    return above


def is_title_or_continued(line: TextLine) -> bool:
    """Tell whether a line is a caption (numbered, or a form's title), says the table goes on (续表) or gives its issuer/unit: no header line, though printed on every page."""
    text = clean_line(line.text)
    return is_caption_line(line) or bool(patterns.CONTINUED_TABLE_LINE.match(text)) or is_issuer_or_unit_line(text)


def ink_right(word: dict) -> float:
    """Return where a word's text ends, less a closing punctuation mark hung past the edge of its cell."""
    if not patterns.HANGING_PUNCTUATION.search(word["text"]):
        return word["x1"]
    return word["x1"] - (word["x1"] - word["x0"]) / max(len(word["text"]), 1)


def crosses(word: dict, x: float, char_width: float) -> bool:
    """Tell whether a word runs across an x position by more than a glyph's overhang on either side (a hung punctuation mark does not count)."""
    slack = OVERHANG_CHARS * char_width
    return word["x0"] < x - slack and ink_right(word) > x + slack


def crossed_separators(line: TextLine, separators: list[float]) -> int:
    """Return how many column gaps the words of a line run across (a hung punctuation mark does not count)."""
    return sum(1 for s in separators if any(w["x0"] < s < ink_right(w) for w in line.words))


def fits_columns(line: TextLine, part: Grid, loose: bool = False, shift: float = 0.0) -> bool:
    """Tell whether the words of a line fit the columns of a borderless table part (placed `shift` to the right): none runs across a column gap.

    A line the page cannot place in columns of its own (one of too few rows to show them) fits
    `loose`ly: a separator is the middle of the whitespace between two columns, and a longer cell
    of a later row may reach into that whitespace, though not into the next column's text (where
    that column prints nothing in the part, the separator is the bound).
    """
    separators = [s + shift for s in part.extra["separators"]]
    if not loose:
        return not crossed_separators(line, separators)
    bounds = [s if left == float("inf") else left + shift for s, left in zip(separators, column_edges(part)[1:])]
    return not any(w["x0"] < s < w["x1"] and w["x1"] > bound for s, bound in zip(separators, bounds) for w in line.words)


def split_at_crossing_lines(region: list[TextLine], kept: set[int] = frozenset()) -> list[list[TextLine]]:
    """Split a region at each line that runs across two column gaps (a caption, a note, prose), dropping that line.

    A line printed beside a row (overlapping it vertically: the wrapped lines of cells centred on
    their row) is part of that row, whatever gaps its words cross: the gaps of a few rows are not sure.
    Lines of a header block (ids in `kept`) never split: a group name runs over its columns' gaps.
    A project form's field rows are never split at: their values span columns.
    """
    fields = indicator_line(region)
    separators = region_separators([l for l in region if id(l) not in kept], 2)
    for k, line in enumerate(region):
        beside_row = beside_neighbour(region, k)
        if k > fields and not beside_row and id(line) not in kept and crossed_separators(line, separators) >= 2:
            rest = region[k + 1 :]
            while rest and len(rest[0].chunks) < MIN_CHUNKS:
                rest = rest[1:]
            return [region[:k]] + (split_at_crossing_lines(rest, kept) if rest else [])
    return [region]


def header_lines(lines: list[TextLine]) -> list[TextLine]:
    """Return a region's leading lines before its first line printing a figure."""
    head: list[TextLine] = []
    for line in lines:
        if prints_figure(line):
            break
        head.append(line)
    return head


def prints_figure(line: TextLine) -> bool:
    """Tell whether a line prints a figure (a word that is a plain number): no header line."""
    return any(is_numeric(w["text"]) for w in line.words)


def group_columns(top: TextLine, below: list[TextLine], separators: list[float]) -> list[tuple[int, int]] | None:
    """Return the columns (first, last) each name of a line groups, when the line is the top level of a two-level header, else None.

    A borderless table draws no rule to show which columns a header name spans (收入 | 支出 over
    项目 | 预算数 | 项目 | 预算数; 基本支出 over 人员经费 | 公用经费). The columns a name groups are
    the sub-columns: those whose header name is printed lowest, under it, while the names of the
    other columns (科目编码, 项目支出) stand higher, centred on both levels. Each run of adjacent
    sub-columns is shared by the names over it, each name starting where its group starts or centred
    over it. Such a line is a header level, never the table's caption: it must cover every run, and a
    single name over all the columns is a caption. A form's 项目名称 row is a field row, not a header level.
    """
    head = header_lines(below)
    if not head or not separators or prints_figure(top) or is_label_line(clean_line(top.text)):
        return None
    if is_form_start(top):
        return None  # a project form's 项目名称 | … row: a field row, label and value (docs/table-conventions.md)
    width = len(separators) + 1
    char = top.char_width
    extents = column_extents(below, separators)
    left = {column: x0 for column, (x0, _) in extents.items()}
    right = {column: x1 for column, (_, x1) in extents.items()}
    if len(left) < width:
        return None
    name_top: dict[int, float] = {}
    for line in head:
        for column in line_cells(line, separators):
            name_top.setdefault(column, line.top)
    if len(name_top) < width:
        return None
    # a cell's edges, past its text: its name is centred on it (Chromium centres 项目 over left-aligned figures)
    middle = {column: (x0 + x1) / 2 for column, (x0, x1) in column_extents(head, separators).items()}
    cell_left = {j: min(left[j], 2 * middle.get(j, left[j]) - right[j]) for j in left}
    cell_right = {j: max(right[j], 2 * middle.get(j, right[j]) - left[j]) for j in left}
    lowest = max(name_top.values())
    sub = [j for j in range(width) if name_top[j] >= lowest - 0.3 * (top.bottom - top.top)]
    runs: list[list[int]] = []
    for j in sub:
        if runs and runs[-1][-1] == j - 1:
            runs[-1].append(j)
        else:
            runs.append([j])
    names = [(chunk[0]["x0"], chunk[-1]["x1"]) for chunk in top.chunks]
    if len(names) < 2 and len(sub) == width:
        return None  # one name over the whole table: its caption
    if any(x0 < left[0] - char or x1 > right[width - 1] + char for x0, x1 in names):
        return None
    groups: list[tuple[int, int]] = []
    for run in runs:
        inside = [(x0, x1) for x0, x1 in names if left[run[0]] - char <= (x0 + x1) / 2 <= right[run[-1]] + char]
        if not inside:
            return None
        starts = [run[0]] + [max([j for j in run if left[j] <= x0 + char] or [run[0]]) for x0, _ in inside[1:]]
        ends = [s - 1 for s in starts[1:]] + [run[-1]]
        for (x0, x1), first, last in zip(inside, starts, ends):
            if last < first:
                return None
            centres = ((left[first] + right[last]) / 2, (cell_left[first] + cell_right[last]) / 2)
            aligned = abs(x0 - left[first]) <= char or any(abs((x0 + x1) / 2 - c) <= GROUP_CENTRE_CHARS * char for c in centres)
            if not aligned:
                return None
            groups.append((first, last))
    if len(groups) != len(names) or all(first == last for first, last in groups):
        return None
    return groups


def column_extents(lines: list[TextLine], separators: list[float]) -> dict[int, tuple[float, float]]:
    """Return, per column, the leftmost and rightmost x its words reach on the given lines."""
    extents: dict[int, tuple[float, float]] = {}
    for line in lines:
        for column, words in line_cells(line, separators).items():
            left, right = extents.get(column, (words[0]["x0"], words[-1]["x1"]))
            extents[column] = (min(left, words[0]["x0"]), max(right, words[-1]["x1"]))
    return extents


def column_separators(lines: list[TextLine], header_count: int | None = None) -> list[float]:
    """Given a region's lines (and how many of them are its header, when known), return x positions of the column gaps (whitespace crossed by almost no line).

    A gap inside one chunk that would leave a column printed on a single line (a header split at a
    space, 评定 | 级别) is not a column gap; a column alone in the header (备注, empty so far) is.
    """
    separators = whitespace_rivers(lines)
    separators = sorted(separators + aligned_column_starts(lines, separators))
    while True:
        split = split_chunk_separator(lines, separators)
        if split is None:
            break
        del separators[split]
    while (apart := header_set_apart(lines, separators, header_count)) is not None:
        del separators[apart]
    return separators


def aligned_column_starts(lines: list[TextLine], separators: list[float]) -> list[float]:
    """Return the column gaps too narrow to be whitespace rivers: where a header name and the cells of many body lines start, crossed by no word.

    A tightly set borderless table (small margins, a small font) leaves no visible gap between a
    cell filled to its edge and the next column (计算方法 text running up to 指标性质's 定性), so
    the rivers run two columns together. The header's names are separate words even then, and a
    left-aligned column's cells all start where its name starts: such a start, crossed by no word,
    is a column start. The gap is put between it and the furthest reach of the text before it.
    """
    head = header_lines(lines)
    body = lines[len(head) :]
    if not head or not body:
        return []
    words = [w for line in lines for w in line.words]
    starts: list[float] = []
    for line in head:
        char = line.char_width
        slack = OVERHANG_CHARS * char
        for word in line.words:
            x = word["x0"]
            reach = max((w["x1"] for w in words if w["x0"] < x - slack), default=None)
            if reach is None or any(reach - slack <= s <= x + slack for s in separators + starts):
                continue  # the table's left edge, or a column start the rivers or another name gave already
            if any(crosses(w, x, char) for w in words):
                continue
            if sum(any(abs(w["x0"] - x) <= slack for w in other.words) for other in body) >= MIN_ALIGNED_STARTS:
                starts.append((min(reach, x - slack) + x) / 2)  # left of the start by half a glyph overhang at least
    return starts


def header_set_apart(lines: list[TextLine], separators: list[float], header_count: int | None = None) -> int | None:
    """Return the index of a separator between a column holding only a header name and one holding only body text, if any.

    A header centred over a column whose text is left-aligned and short (单位 over 发改委, 消防支队)
    sits in the whitespace right of that text: the rivers make two columns of one, the left one
    with no header, the right one with nothing but the header. The header is the first
    `header_count` lines when known (a form's indicator header, over values such as 30个 or ≥90%
    that are no plain figures), else the leading lines printing no figure.
    """
    head = header_count if header_count is not None else len(header_lines(lines))
    if head == 0 or head == len(lines):
        return None
    def columns_of(part: list[TextLine]) -> set[int]:
        return {word_column(w, separators) for line in part for w in line.words}
    header_columns, body_columns = columns_of(lines[:head]), columns_of(lines[head:])
    for k in range(len(separators)):
        left, right = k, k + 1
        if left in body_columns and left not in header_columns and right in header_columns and right not in body_columns:
            return k
    return None


def split_chunk_separator(lines: list[TextLine], separators: list[float]) -> int | None:
    """Return the index of a separator between two words a space apart, one of them in a column printed on that line only."""
    used = Counter(column for line in lines for column in {word_column(w, separators) for w in line.words})
    for line in lines:
        for a, b in zip(line.words, line.words[1:]):
            left, right = word_column(a, separators), word_column(b, separators)
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


def word_column(word: dict, separators: list[float]) -> int:
    """Return the index of the column a word's middle falls in."""
    return column_of((word["x0"] + word["x1"]) / 2, separators)


def line_cells(line: TextLine, separators: list[float]) -> dict[int, list[dict]]:
    """Given a line and column separators, return its words per column."""
    cells: dict[int, list[dict]] = {}
    for word in line.words:
        cells.setdefault(word_column(word, separators), []).append(word)
    return cells


def first_token_width(word: dict) -> float:
    """Return the width of a word's first breakable token: a Latin/digit run, or one character."""
    match = patterns.LEADING_LATIN_TOKEN.match(word["text"])
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
    continues_loosely = True

    def __init__(self) -> None:
        self.last: Grid | None = None  # the last grid found on an earlier page: a page break may continue it
        self.earlier: list[Grid] = []  # this parser's grids on the page before the current one
        self.withdrawn: list[Grid] = []  # grids of the page before, returned earlier, that the current page's grids replace
        self.read_before: int | None = None  # the number of the page this parser read last

    def page_grids(self, path: Path, page: pdfplumber.page.Page, number: int, context: dict) -> list[Grid]:
        """Return one grid per borderless table region on the page, the few rows a page break pushed onto it, and the few it left at the foot of the page before."""
        found: list[Grid] = []
        info, furniture = context["info"], context["furniture"]
        lines = info[number]["lines"]  # read once by the finder (page_summary)
        rules = page_rules(page)
        previous = self.last if self.last and self.last.page == number - 1 else None
        below = [l for l in info[previous.page]["lines"] if l.top >= previous.bbox[3] - 1 and not is_furniture(l, furniture)] if previous else []
        if any(not any(same_place_and_text(l, other) for other in lines) for l in below):
            previous = None  # something follows that table on its page (not a footer printed on this page too): this page does not go on with it
        regions = table_regions(lines, furniture, printed_before(lines, info[number - 1]["lines"] if number - 1 in info else []))
        # a line printed at the same place on the page before, off the last part (a running header), is no row of it
        repeated = [l for l in info[number - 1]["lines"] if l.bottom < previous.bbox[1] or l.top > previous.bbox[3]] if previous else []
        placed = {id(line) for region in regions for line in region}
        unrepeated = [l for l in lines if not any(same_place_and_text(l, r) for r in repeated)]
        fragment: list[TextLine] = []
        carried: list[float] = []
        if previous:
            change = page.width - page_width(context, previous.page, page.width)
            fragment, carried = placed_fragment(previous, change, lambda shift: top_fragment(unrepeated, furniture, previous, placed, shift))
        if any(region[0].top <= fragment[-1].bottom < region[-1].bottom for region in regions if fragment):
            fragment = []  # the page's own region runs on past where the last part's columns stopped fitting: its columns are the page's
        if fragment:
            found.append(self.region_grid(number, fragment, rules, carried))
            found[-1].extra["fragment"] = True
        for region in regions:
            if fragment and region[0].top <= fragment[-1].bottom:
                continue
            candidate = self.region_grid(number, region, rules)
            if looks_tabular(candidate):
                found.append(candidate)
        if found:
            self.last = found[-1]
        earlier = [g for g in self.earlier if g.page == number - 1]
        added, self.withdrawn = self.bottom_fragments(found, earlier, context) if self.read_before == number - 1 else ([], [])
        self.earlier, self.read_before = found, number
        return added + found

    def bottom_fragments(self, found: list[Grid], earlier: list[Grid], context: dict) -> tuple[list[Grid], list[Grid]]:
        """Return the grids of the few rows a page break left at the foot of the page before (too few to show columns) above the table starting this page, and the grids of that page they replace."""
        top = min(found, key=lambda g: g.bbox[1], default=None)
        if top is None or "separators" not in top.extra:
            return [], []
        info, furniture = context["info"], context["furniture"]
        number = top.page - 1
        if not starts_region_page(top, info[top.page]["lines"], furniture):
            return [], []  # text above it
        if info[number]["height"] != info[top.page]["height"]:
            return [], []  # a page turned (or of another size) prints the rows elsewhere: not in the columns below
        page_lines = info[number]["lines"]
        last = max(earlier, key=lambda g: g.bbox[3], default=None)
        # a few rows at the page foot whose own rivers gave other columns than the longer part they continue into
        at_foot = last is not None and not any(l.top >= last.bbox[3] - 1 and not is_furniture(l, furniture) for l in page_lines)
        recut = last if at_foot and last.width != top.width and len(last.cells) < len(top.cells) and "separators" in last.extra else None
        below = max((g.bbox[3] for g in earlier if g is not recut), default=-1.0)
        width = page_width(context, top.page, 0.0)
        lines = [l for l in page_lines if l.top > below]
        fragment, separators = placed_fragment(top, page_width(context, number, width) - width, lambda shift: bottom_fragment(lines, furniture, top, shift))
        replaced: list[Grid] = []
        if recut is not None and (not fragment or fragment[0].top > recut.bbox[1] + 1 or fragment[-1].bottom < recut.bbox[3] - 1):
            fragment = []  # the rows at the foot do not fit the columns below: leave them as they are
        elif recut is not None:
            replaced.append(recut)
        elif last is not None and fragment and fragment[0].top <= last.bbox[3]:
            fragment = []
        elif len(header_lines(fragment)) == len(fragment) and header_row_count(top):
            fragment = []  # a header at the page foot, printed again over the rows below: stitch passes over it to the caption
        if not fragment:
            return [], replaced
        grid = self.region_grid(number, fragment, page_rules(context["open_pages"][number]), separators)
        grid.extra["fragment"] = True
        return [grid], replaced

    def share(self, grids: list[Grid], context: dict) -> None:
        """Leave the table regions found in `context["text_regions"]`, for parsers that read a given area."""
        context["text_regions"] = grids

    def region_grid(self, number: int, region: list[TextLine], rules: list[float], separators: list[float] | None = None) -> Grid:
        """Given one region's lines and the page's horizontal rules (and the column separators, if known), return its grid."""
        groups, lines, separators = header_groups(region, separators)
        width = len(separators) + 1
        per_line = [line_cells(line, separators) for line in lines]
        column_right: dict[int, float] = {}
        for cells in per_line:
            for column, words in cells.items():
                column_right[column] = max(column_right.get(column, 0.0), words[-1]["x1"])
        rows: list[list[int]] = []  # line indexes per row
        count = len(header_lines(region)) if groups else 0  # a grouped header is one row: its gaps tell nothing of the rows
        threshold = row_gap_threshold(region[count:])
        for k, cells in enumerate(per_line):
            line = region[k]
            if rows:
                above = region[k - 1]
                ruled = any(above.bottom - 1 < r < line.top + 1 for r in rules)
                close = line.top - above.bottom < 1.5 * (line.bottom - line.top)
                # lines that overlap vertically are cells of one row centred on it (预算金额(万 / 序号 … / 元))
                stacked = line.top < above.bottom - OVERLAP_SLACK and not any(c in per_line[k - 1] for c in cells)
                # rows are set apart by their padding: lines closer than that share a row, whatever their alignment
                tight = threshold is not None and line.top - above.bottom < threshold
                # when gaps tell rows apart, a wider gap is a row's padding, however far the text above reached
                wrapped = close and threshold is None and continues_cells(per_line[k - 1], cells, column_right, line.char_width)
                if not ruled and (stacked or tight or wrapped):
                    rows[-1].append(k)
                    continue
            rows.append([k])
        fields = indicator_line(region)
        for members in rows:
            if members[-1] < fields:  # a form's field row: its values span columns
                for k, cells in zip(members, field_row_cells([lines[k] for k in members], separators)):
                    per_line[k] = cells
        if groups:
            # the group names are header rows of their own; the other header lines are the lowest level,
            # one row (names centred on both levels print beside it), as a ruled grid reads them
            rest = [[k for k in members if k >= count] for members in rows]
            rows = [list(range(count))] + [members for members in rest if members]
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
        levels = group_rows(groups, texts, boxes)
        texts, boxes = [row for row, _ in levels] + texts, [row for _, row in levels] + boxes
        lift_centred_spans(texts, boxes)
        bbox = (min(l.x0 for l in region), region[0].top, max(l.x1 for l in region), region[-1].bottom)
        extra = {"separators": [round(s, 1) for s in separators]} | ({"group_header": len(levels)} if levels else {})
        return Grid(self.name, number, bbox, texts, boxes, extra)


def header_groups(region: list[TextLine], separators: list[float] | None) -> tuple[list[GroupName], list[TextLine], list[float]]:
    """Return a region's group names (upper header levels), its lines without them, and its column separators.

    A borderless header draws no rule to show which columns a name spans. A name is a group when it
    is printed over the body text of a run of columns, each with a name of its own under it
    (公务用车购置及运行费 over 小计 | 购置费 | 运行费, wherever its line is and whatever else prints on
    it), or when it is a name of a top line whose names each sit over a run of sub-columns
    (`group_columns`: 收入 | 支出, left-aligned over 项目 | 预算数). Group names are left out of the
    whitespace rivers: a name over two columns covers the gap between them.
    """
    count = len(header_lines(region))
    groups: list[GroupName] = []
    if 0 < count < len(region):
        body = separators if separators is not None else column_separators(region[count:])
        groups = spanning_names(region[:count], region[count:], body)
    taken = {id(word) for words, _, _ in groups for word in words}
    lines = [without_words(line, taken) for line in region]
    printed = [k for k, line in enumerate(lines) if line.words]
    top = printed[0] if printed else 0
    if len(printed) > 1 and len(lines[top].chunks) < len(lines[printed[1]].chunks):
        below = separators if separators is not None else column_separators([lines[k] for k in printed[1:]])
        found = group_columns(lines[top], lines[top + 1 :], below)
        if found is not None:
            groups += list(zip(lines[top].chunks, *zip(*found)))
            separators = below
            lines[top] = without_words(lines[top], {id(w) for w in lines[top].words})
    if separators is None:
        separators = region_separators([line for line in lines if line.words])
    return groups, lines, separators


def spanning_names(head: list[TextLine], body: list[TextLine], separators: list[float]) -> list[GroupName]:
    """Return the header words printed over the body text of two or more adjacent columns, each column printing a name lower down."""
    extents = column_extents(body, separators)
    groups: list[GroupName] = []
    for line in head:
        slack = 0.5 * line.char_width
        for word in line.words:
            under = sorted(j for j, (left, right) in extents.items() if word["x0"] < right - slack and word["x1"] > left + slack)
            if len(under) < 2 or under != list(range(under[0], under[-1] + 1)):
                continue
            named = {
                word_column(w, separators)
                for other in head
                for w in other.words
                if w is not word and w["top"] > word["bottom"] - OVERLAP_SLACK
            }
            if all(j in named for j in under):
                groups.append(([word], under[0], under[-1]))
    return groups


def without_words(line: TextLine, taken: set[int]) -> TextLine:
    """Return a line without the words whose ids are in `taken` (its chunks regrouped)."""
    words = [w for w in line.words if id(w) not in taken]
    if len(words) == len(line.words):
        return line
    return replace(line, words=words, chunks=line_chunks(words, line.char_width))


def space_runs(line: TextLine) -> list[list[dict]]:
    """Return a line's words grouped into runs that nothing wider than a space parts."""
    runs: list[list[dict]] = []
    for word in line.words:
        if runs and word["x0"] - runs[-1][-1]["x1"] < FIELD_SPACE_CHARS * line.char_width:
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def field_row_cells(lines: list[TextLine], separators: list[float]) -> list[dict[int, list[dict]]]:
    """Given the lines of one field row of a project form, return each line's words per column.

    A field's value spans the columns up to the next label, so the form's column gaps do not
    divide it: on each line a cell is a run of words only spaces apart, runs of the row's lines
    that overlap horizontally are one cell wrapped (left-aligned or centred), and the cells go,
    left to right, each into the column it starts in or the next one free.
    """
    cells: list[list[tuple[int, dict]]] = []  # each cell's (line, word) pairs
    for k, line in enumerate(lines):
        for run in space_runs(line):
            x0, x1 = run[0]["x0"], run[-1]["x1"]
            wrapped = [c for c in cells if min(w["x0"] for _, w in c) < x1 and x0 < max(w["x1"] for _, w in c)]
            cells = [c for c in cells if all(c is not other for other in wrapped)] + [[(k, w) for w in run] + [item for c in wrapped for item in c]]
    placed: list[dict[int, list[dict]]] = [{} for _ in lines]
    column = -1
    for cell in sorted(cells, key=lambda c: min(w["x0"] for _, w in c)):
        column = min(max(column_of(min(w["x0"] for _, w in cell), separators), column + 1), len(separators))
        for k, word in cell:
            placed[k].setdefault(column, []).append(word)
    for words in (words for line in placed for words in line.values()):
        words.sort(key=lambda w: w["x0"])
    return placed


def group_rows(groups: list[GroupName], texts: list[list[str | None]], boxes: list[list[Bbox | None]]) -> list[tuple[list[str | None], list[Bbox | None]]]:
    """Return the header rows of the group names, the outermost first, each name in the first column of its group and its box over the whole group.

    As a ruled table's spanning cell: `joined_header` then gives every column of the group the name
    as its parent (收入/项目, 收入/预算数, 公务用车购置及运行费/小计).
    """
    width = len(texts[0]) if texts else 0
    depth = [sum(1 for _, a, b in groups if a <= first and last <= b and (a, b) != (first, last)) for _, first, last in groups]
    rows: list[tuple[list[str | None], list[Bbox | None]]] = [([""] * width, [None] * width) for _ in range(max(depth, default=-1) + 1)]
    for (words, first, last), level in zip(groups, depth):
        row_texts, row_boxes = rows[level]
        lefts = [row[first][0] for row in boxes if row[first] is not None]
        rights = [row[last][2] for row in boxes if row[last] is not None]
        row_texts[first] = clean_line(" ".join(w["text"] for w in words))
        row_texts[first + 1 : last + 1] = [None] * (last - first)  # covered by the spanning name, as in a ruled grid
        row_boxes[first] = (
            min([words[0]["x0"]] + lefts),
            min(w["top"] for w in words),
            max([words[-1]["x1"]] + rights),
            max(w["bottom"] for w in words),
        )
    return rows


def top_fragment(lines: list[TextLine], furniture: set[str], previous: Grid, placed: set[int] = frozenset(), shift: float = 0.0) -> list[TextLine]:
    """Return the lines at the top of a page that go on with the borderless table of the page before (placed `shift` to the right on this page), if any.

    A page break may leave too few rows on a page to show columns by themselves; they continue the
    table above when they start the page and every word fits the columns of its last part (loosely
    for a line no region of the page places: ids not in `placed`). The run ends at a caption, a
    line crossing a column gap, or a wide gap.
    """
    if not previous.extra.get("separators"):
        return []
    body = table_lines(lines, furniture)
    fragment: list[TextLine] = []
    for k, line in enumerate(body):
        text = clean_line(line.text)
        if not fragment and patterns.CONTINUED_TABLE_LINE.match(text):
            continue  # a 续表 line above the rows
        beside = beside_neighbour(body, k)  # a centred cell's wrapped line
        if not fits_columns(line, previous, id(line) not in placed, shift) and not beside or is_caption_line(line):
            break
        if fragment and line.top - fragment[-1].bottom > REGION_GAP_LINES * max(line.bottom - line.top, 1.0):
            break
        fragment.append(line)
    if not any(len(line.chunks) >= 2 for line in fragment):
        return []
    return fragment


def page_width(context: dict, number: int, default: float) -> float:
    """Return the width of an open page (the one parsed or the one before it), or a default when it is not open."""
    page = context["open_pages"].get(number)
    return float(page.width) if page is not None else default


def placed_fragment(part: Grid, width_change: float, fragment_of: Callable[[float], list[TextLine]]) -> tuple[list[TextLine], list[float]]:
    """Return the lines of a page going on with a borderless table part, and its column gaps as placed on that page (wider by `width_change`).

    A table going on from a portrait page onto a landscape one keeps its column widths but moves:
    kept at the left margin, centred or kept at the right margin. The placement kept is the one
    the most lines fit, then the one where the most words start a cell (the same place on a tie).
    """
    options = []
    for shift in (0.0,) if abs(width_change) < 1 else (0.0, width_change / 2, width_change):
        gaps = [s + shift for s in part.extra.get("separators", [])]
        fragment = fragment_of(shift)
        options.append(((len(fragment), cell_starts(fragment, [part.bbox[0] + shift] + gaps)), fragment, gaps))
    _, fragment, gaps = max(options, key=lambda option: option[0])
    return fragment, gaps


def cell_starts(lines: list[TextLine], starts: list[float]) -> int:
    """Return how many words of some lines start a cell: just right of a column's start (the table's left edge or a gap)."""
    return sum(
        1
        for line in lines
        for word in line.words
        if any(0 <= word["x0"] - start <= CELL_START_CHARS * line.char_width for start in starts)
    )


def page_rules(page: pdfplumber.page.Page) -> list[float]:
    """Return the tops of a page's long horizontal rules, in order."""
    return sorted(e["top"] for e in page.edges if e["orientation"] == "h" and e["width"] >= MIN_EDGE_LENGTH)


def starts_region_page(grid: Grid, lines: list[TextLine], furniture: set[str]) -> bool:
    """Tell whether nothing but furniture or a 续表 line is printed above a grid on its page."""
    above = [l for l in lines if l.bottom <= grid.bbox[1] + 1 and not is_furniture(l, furniture)]
    return all(patterns.CONTINUED_TABLE_LINE.match(clean_line(l.text)) for l in above)


def bottom_fragment(lines: list[TextLine], furniture: set[str], below: Grid, shift: float = 0.0) -> list[TextLine]:
    """Return the lines at the foot of a page that begin the borderless table continued on the next page, if any.

    The mirror of `top_fragment`: going up from the page foot, lines belong to it while their words
    fit the columns of the part below (a line beside a row, as a centred header cell's wrapped
    line, fits whatever it crosses); the run ends at a caption, an issuer or unit line, a crossing line or a wide gap. It
    must hold a line split into two or more chunks.
    """
    body = table_lines(lines, furniture)
    fragment: list[TextLine] = []
    for k in range(len(body) - 1, -1, -1):
        line = body[k]
        if fragment and fragment[0].top - line.bottom > REGION_GAP_LINES * max(line.bottom - line.top, 1.0):
            break
        beside = beside_neighbour(body, k)
        split = len(line.chunks) >= MIN_CHUNKS  # a header printed once: its names are wider than the figures under them
        text = clean_line(line.text)
        if is_caption_line(line) or is_label_line(text) or (not fits_columns(line, below, shift=shift) and not beside and not split):
            break  # a caption, the table's issuer or unit line (编制部门:… | 单位:元) above it, or prose
        fragment.insert(0, line)
    while fragment and len(fragment[0].chunks) < 2 and not any(overlaps(fragment[0], other) or wraps_onto(fragment[0], other) for other in fragment[1:2]):
        fragment.pop(0)  # a single-chunk line above the rows that is no part of them (附件：)
    if not any(len(line.chunks) >= 2 for line in fragment):
        return []
    return fragment


def is_key_row(row: list[str | None]) -> bool:
    """Tell whether a borderless row starts with a row number (序号)."""
    return bool(row) and bool(patterns.INTEGER_CELL.match((row[0] or "").strip()))


def is_sub_row(row: list[str | None]) -> bool:
    """Tell whether a row is a line of a merged entry: no row number, a figure in some cell."""
    return bool(row) and not (row[0] or "").strip() and any(is_numeric(c) for c in row[1:] if c and c.strip())


def centred_span_sizes(texts: list[list[str | None]]) -> dict[int, int] | None:
    """Return {key row: sub-rows before it} when the merged entries read as vertically centred, else None.

    A cell spanning the lines of a merged entry (序号, 单位, 得分) is printed on its middle line
    when cells are centred: as many lines of the entry above the key row as below it. The reading
    holds only if that count works out for every entry, and some entry has lines above its key.
    """
    keyed = [i for i, row in enumerate(texts) if is_key_row(row)]
    if len(keyed) < 2:
        return None
    sizes: dict[int, int] = {}
    before = 0
    k = keyed[0]
    while k - before - 1 >= 0 and is_sub_row(texts[k - before - 1]):
        before += 1
    sizes[k] = before
    for previous, k in zip(keyed, keyed[1:]):
        between = texts[previous + 1 : k]
        if not all(is_sub_row(row) for row in between):
            return None
        before = len(between) - sizes[previous]
        if before < 0:
            return None
        sizes[k] = before
    trailing = 0
    while keyed[-1] + trailing + 1 < len(texts) and is_sub_row(texts[keyed[-1] + trailing + 1]):
        trailing += 1
    if trailing != sizes[keyed[-1]] or not any(sizes.values()):
        return None
    return sizes


def lift_centred_spans(texts: list[list[str | None]], boxes: list[list[Bbox | None]]) -> None:
    """Move the spanning cells of vertically centred merged entries from their middle line to their first line.

    A ruled table gives a span to its first row; a borderless one prints it where the producer
    centred it. Moved to the entry's first line, the entry reads the same whatever the alignment.
    """
    sizes = centred_span_sizes(texts)
    if not sizes:
        return
    for key, before in sizes.items():
        if not before:
            continue
        first, lines = key - before, range(key - before, key + before + 1)
        for column, text in enumerate(texts[key]):
            if text and text.strip() and all(not (texts[i][column] or "").strip() for i in lines if i != key):
                texts[first][column], texts[key][column] = text, ""
                boxes[first][column], boxes[key][column] = boxes[key][column], None


def row_gap_threshold(region: list[TextLine]) -> float | None:
    """Return the gap (points) below which two lines of a region are lines of one row, or None when rows cannot be told apart by gaps.

    Cell padding puts more space between rows than between the wrapped lines of one cell. When
    the gaps between lines fall into two clear groups (a jump of ROW_GAP_JUMP_LINES line heights),
    the middle of the jump separates them; this holds for cells centred vertically, where a
    one-line cell sits between the lines of its wrapped neighbour.
    """
    gaps = sorted(b.top - a.bottom for a, b in zip(region, region[1:]) if b.top - a.bottom > 0)
    # A cell wrapped over two lines and centred on a one-line row puts the row's other cells between
    # its lines (overlapping both): the gap between its own lines is the gap across that middle line.
    gaps = sorted(gaps + [c.top - a.bottom for a, b, c in zip(region, region[1:], region[2:]) if overlaps(a, b) and overlaps(b, c) and c.top - a.bottom > 0])
    if len(gaps) < 3:
        return None
    height = median(l.bottom - l.top for l in region)
    jump, at = max((b - a, k) for k, (a, b) in enumerate(zip(gaps, gaps[1:])))
    if jump < ROW_GAP_JUMP_LINES * height:
        return None
    return (gaps[at] + gaps[at + 1]) / 2


def wraps_onto(line: TextLine, below: TextLine) -> bool:
    """Tell whether a single-chunk line is a header cell's first line wrapped just above the next (考核结果( over 以待督办)."""
    return len(line.chunks) == 1 and 0 <= below.top - line.bottom <= WRAPPED_HEADER_GAP * (below.bottom - below.top)


def overlaps(a: TextLine, b: TextLine) -> bool:
    """Tell whether two lines overlap vertically (one is printed beside the other, not under it)."""
    return b.top < a.bottom - OVERLAP_SLACK and a.top < b.bottom - OVERLAP_SLACK


def beside_neighbour(lines: list[TextLine], k: int) -> bool:
    """Tell whether line `k` overlaps the line above or below it: printed beside it, as a centred cell's wrapped line."""
    return any(overlaps(lines[k], other) for other in lines[max(k - 1, 0) : k + 2] if other is not lines[k])


def looks_tabular(grid: Grid) -> bool:
    """Tell whether a borderless grid is a table, not prose with figures set apart: a header over two
    or more columns and most rows filled in two or more cells."""
    filled = [sum(1 for c in row if c and c.strip()) for row in grid.cells[grid.extra.get("group_header", 0) :]]
    return grid.width >= 2 and bool(filled) and filled[0] >= 2 and sum(n >= 2 for n in filled) >= 0.5 * len(filled)
