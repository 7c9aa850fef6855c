"""Header rows of a grid: how many there are, 栏次 rows, and one joined header per column (span parents joined with '/')."""

from __future__ import annotations

from extractors import patterns
from extractors.normalize import clean_line
from extractors.tables.pdf.base import Grid, real_cell_span
from extractors.tables.pdf.cells import has_figure, is_blank
from extractors.tables.rows import RawRow

# Header rows are at most this many rows (a 三公 table prints four levels and a spacer row).
MAX_HEADER_ROWS = 6


def header_row_count(grid: Grid) -> int:
    """Return how many leading rows are header rows: rows without a figure, up to the first figure row.

    A header printed over several levels keeps its sub-rows: a row whose cells all sit under a
    wider header cell (小计 | 购置费 | 运行费 under 公务用车购置及运行费) is a header row even when
    it starts with 小计/合计. Otherwise a row led by 合计 is the total row, not a header, when the row
    after it is blank or has figures. A blank row inside the header (a spacer under spanned cells)
    belongs to it only when a header row follows it.
    """
    rows = grid.cells
    if rows and patterns.FORM_START.match(next((clean_line(c) for c in rows[0] if c and clean_line(c)), "")):
        return 0  # a project form: label | value rows, no header
    count = 0
    pending_blank = 0
    for i, row in enumerate(rows[:MAX_HEADER_ROWS]):
        if has_figure(row):
            break
        if is_blank(row):
            if count == 0:
                break
            pending_blank += 1
            continue
        first = next(clean_line(c) for c in row if c and clean_line(c))
        after = rows[i + 1] if i + 1 < len(rows) else None
        grouped = under_wider_cells(grid, i)
        if patterns.TOTAL_CELL.match(first) and not grouped and (after is None or is_blank(after) or has_figure(after)):
            break
        count += 1 + pending_blank
        pending_blank = 0
    if count == len(rows):  # nothing but text: only the first row is the header, with its sub-rows under wider cells
        count = min(1 + grid.extra.get("group_header", 0), len(rows))  # the group names of a multi-level header are rows of it
        while count < len(rows) and under_wider_cells(grid, count):
            count += 1
    return count


def under_wider_cells(grid: Grid, i: int) -> bool:
    """Tell whether every printed cell of row i sits under a wider cell of an earlier row (a header sub-row)."""
    if i == 0 or not grid.boxes or i >= len(grid.boxes):
        return False
    printed = [j for j, text in enumerate(grid.cells[i]) if text and clean_line(text) and j < len(grid.boxes[i]) and grid.boxes[i][j] is not None]
    if not printed:
        return False
    return all(has_wider_parent(grid, i, j) for j in printed)


def has_wider_parent(grid: Grid, i: int, j: int) -> bool:
    """Tell whether the cell (i, j) lies under a cell of an earlier row that spans more columns than it does."""
    own = real_cell_span(grid.boxes, i, j)[1]
    for k in range(i):
        for m, box in enumerate(grid.boxes[k]):
            if box is None or not clean_line(grid.cells[k][m] or ""):
                continue
            span = real_cell_span(grid.boxes, k, m)[1]
            if m <= j < m + span and span > own:
                return True
    return False


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


def lift_code_levels(header: list[str], rows: list[RawRow]) -> tuple[list[str], list[RawRow]]:
    """Move the code-level labels (类 | 款 | 项) printed in the first body row into the header.

    The official 部门决算 templates print 类/款/项 under 科目编码 in the same ruled row as the 合计
    line: they name the code columns, they are not the total row's cells.
    """
    if not rows or not header:
        return header, rows
    first = rows[0]
    levels = [j for j, text in enumerate(first.cells) if patterns.CODE_LEVEL_CELL.match(clean_line(text))]
    if not levels or len(levels) < 2:
        return header, rows
    header = list(header)
    cells = list(first.cells)
    for j in levels:
        if j < len(header):
            header[j] = f"{header[j]}/{clean_line(cells[j])}" if header[j] else clean_line(cells[j])
            cells[j] = ""
    lifted = RawRow(cells=cells, page=first.page, bboxes=first.bboxes)
    return header, ([lifted] if any(c.strip() for c in cells) else []) + rows[1:]
