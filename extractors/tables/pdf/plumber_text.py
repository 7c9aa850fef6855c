"""Borderless tables from pdfplumber words: regions of column-split lines, columns from whitespace rivers.

The parser and its rows live here; the steps it takes are modules of their own: the page's table
regions (`borderless_regions`), their column gaps (`borderless_columns`), multi-level header group
names (`borderless_groups`), project forms' field rows (`borderless_fields`) and the rows a page
break leaves at a page's top or foot (`borderless_fragments`).
"""

from __future__ import annotations

from pathlib import Path
from statistics import median

import pdfplumber

from extractors import patterns
from extractors.tables.pdf.base import Bbox, Grid, TableParser
from extractors.tables.pdf.borderless_columns import header_lines, line_cells
from extractors.tables.pdf.borderless_fields import field_row_cells, indicator_line
from extractors.tables.pdf.borderless_fragments import bottom_fragment, page_width, placed_fragment, starts_region_page, top_fragment
from extractors.tables.pdf.borderless_groups import group_rows, header_groups
from extractors.tables.pdf.borderless_regions import table_regions
from extractors.tables.pdf.cells import is_numeric, join_cell_lines
from extractors.tables.pdf.headers import header_row_count
from extractors.tables.pdf.page import MIN_EDGE_LENGTH, OVERLAP_SLACK, TextLine, is_furniture, overlaps, printed_before
from extractors.tables.pdf.stitch import same_place_and_text

# A wrapped line continues its cell when the line above reached this close (character widths) to the column's right edge.
WRAP_SLACK_CHARS = 1.6
# Gaps between rows exceed gaps between the lines of one cell by at least this many line heights (twice the padding).
ROW_GAP_JUMP_LINES = 0.25


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

def page_rules(page: pdfplumber.page.Page) -> list[float]:
    """Return the tops of a page's long horizontal rules, in order."""
    return sorted(e["top"] for e in page.edges if e["orientation"] == "h" and e["width"] >= MIN_EDGE_LENGTH)



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


def looks_tabular(grid: Grid) -> bool:
    """Tell whether a borderless grid is a table, not prose with figures set apart: a header over two
    or more columns and most rows filled in two or more cells."""
    filled = [sum(1 for c in row if c and c.strip()) for row in grid.cells[grid.extra.get("group_header", 0) :]]
    return grid.width >= 2 and bool(filled) and filled[0] >= 2 and sum(n >= 2 for n in filled) >= 0.5 * len(filled)
