"""Header rows of a grid: how many there are, 栏次 rows, and one joined header per column (span parents joined with '/')."""

from __future__ import annotations

from extractors import patterns
from extractors.normalize import clean_line
from extractors.tables.pdf.base import Grid, real_cell_span
from extractors.tables.pdf.cells import has_figure, is_blank
from extractors.tables.rows import RawRow

# Header rows are at most this many rows.
MAX_HEADER_ROWS = 4


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
    return len(texts) >= 2 and all(patterns.COLUMN_NUMBER_ROW.match(t) for t in texts) and any(t in ("栏次", "行次") for t in texts)


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


def raw_rows(grid: Grid, skip: int) -> list[RawRow]:
    """Return a grid's rows after `skip` header rows as RawRows (None cells as empty), 栏次 rows dropped."""
    rows = []
    for cells, boxes in zip(grid.cells[skip:], grid.boxes[skip:]):
        if column_number_row(cells):
            continue
        rows.append(RawRow(cells=[c or "" for c in cells], page=grid.page, bboxes=list(boxes)))
    return rows
