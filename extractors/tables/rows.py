"""Shared table machinery: raw grid rows (from text or PDF) to a typed `pipeline.models.Table`.

Given a caption, a header and the physical body rows as printed, `build_table` cleans every
cell, drops header rows repeated after a page break, classifies rows (data / section / total),
groups merged entries (a numbered entry printed over several lines) into one Row with
`sub_items`, links rows to their section row and types each cell (amount, score, grade...).
Both the text path (extractors/tables/text.py) and the PDF path (extractors/tables/pdf/) call it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from extractors import patterns
from extractors.normalize import clean_line, parse_decimal
from pipeline.models import Cell, Row, Table

Bbox = tuple[float, float, float, float]
NUMERIC_KINDS = frozenset({"amount", "number", "score", "percent"})


@dataclass
class RawRow:
    """One physical table row as printed: cell texts (may hold wrap newlines), its page, PDF boxes."""

    cells: list[str]
    page: int | None = None
    bboxes: list[Bbox | None] | None = None


@dataclass(frozen=True)
class Column:
    """What a header says about its column: a row key, an amount in a unit, a score, a grade."""

    header: str
    is_key: bool = False
    unit: str | None = None  # money unit of an amount column
    is_score: bool = False


def read_column(header: str, table_unit: str | None = None) -> Column:
    """Given a cleaned header cell (and the unit printed for the whole table), return what kind of values its column holds.

    A unit in the header wins; the table's unit applies to the other columns, except row keys,
    scores and columns of codes, counts or rates.
    """
    unit = patterns.HEADER_MONEY_UNIT.search(header)
    is_key = bool(patterns.KEY_HEADER.match(header))
    is_score = bool(patterns.SCORE_HEADER.search(header))
    money = not (is_key or is_score or patterns.NON_MONEY_HEADER.search(header))
    return Column(
        header=header,
        is_key=is_key,
        unit=unit["unit"] if unit else (table_unit if money else None),
        is_score=is_score,
    )


def fit_width(cells: list[str], width: int) -> tuple[list[str], bool]:
    """Pad or cut `cells` to `width` without dropping a non-empty cell; return them and whether they overflowed.

    Empty cells are removed from the right end first; if non-empty cells still overflow, the
    overflow is joined (with a space) into the last column so that no printed text is lost.
    """
    cells = list(cells)
    while len(cells) > width and not cells[-1].strip():
        cells.pop()
    overflow = len(cells) > width
    if overflow and width > 0:
        # Empty cells inside the overflow carry nothing: keep only the printed ones.
        extra = [c for c in cells[width - 1 :] if c.strip()]
        cells = cells[: width - 1] + [" ".join(extra)]
    return cells + [""] * (width - len(cells)), overflow


def type_cell(raw: str, column: Column, page: int | None, bbox: Bbox | None) -> Cell:
    """Given a printed cell and what its column holds, return the cleaned, typed Cell."""
    text = clean_line(raw)
    cell = Cell(raw=raw, text=text, page=page, bbox=bbox)
    if not text:
        cell.kind = "empty"
    elif patterns.MASKED_CELL.match(text):
        # A withheld figure: never a zero.
        cell.kind, cell.masked, cell.unit = "masked", True, column.unit
    elif patterns.NUMBER_CELL.match(text):
        cell.value = parse_decimal(text)
        if column.is_key and patterns.INTEGER_CELL.match(text):
            cell.kind = "number"
        elif column.unit:
            cell.kind, cell.unit = "amount", column.unit
        elif column.is_score:
            cell.kind = "score"
        else:
            cell.kind = "number"
    elif match := patterns.PERCENT_CELL.match(text):
        cell.kind, cell.value, cell.unit = "percent", Decimal(match["number"]), "%"
    elif patterns.GRADE_CELL.match(text):
        cell.kind = "grade"
    return cell


def is_total_text(text: str) -> bool:
    """Tell whether a cleaned cell text makes its row a total row: 合计/总计/小计, or a named total (本年收入合计)."""
    return bool(patterns.TOTAL_CELL.match(text) or patterns.NAMED_TOTAL_CELL.match(text))


def row_kind(cells: list[Cell]) -> str:
    """Return `total` (合计/总计/小计 in a cell, or a named total: 本年收入合计), `section` (a 一、 heading first) or `data`."""
    if any(is_total_text(c.text) for c in cells):
        return "total"
    filled = [i for i, c in enumerate(cells) if c.text]
    if filled and filled[0] <= 1 and patterns.SECTION_CELL.match(cells[filled[0]].text):
        first = cells[filled[0]].text
        # A bare numeral heads a section only when a title follows it (一 | 重大决策部署落实); before a
        # number it is a value (a road's lane count 四 | 1.6667 in a design standard).
        following = cells[filled[1]].text if len(filled) > 1 else ""
        if not patterns.BARE_NUMERAL.match(first) or patterns.HAN_CHAR.match(following):
            return "section"
    return "data"


def demote_sections_heading_nothing(rows: list[Row]) -> None:
    """Make the 一、 rows data rows when none of them heads rows below it (docs/table-conventions.md).

    The 一、 lines of a table are one level. When some of them head rows (一、重大决策部署落实 over
    its indicators, its figures their subtotal), the level is a heading level and each of its lines
    is a section row, even one with nothing under it (its own weight and score: a first-level
    indicator). When none heads a row, the 一、 lines are the lines of a list with their own amounts:
    the 一、一般公共预算拨款收入 lines of a 收支总表 are data rows like any other budget line.
    """
    sections = [position for position, row in enumerate(rows) if row.kind == "section"]
    heads_rows = any(position + 1 < len(rows) and is_part_row(rows[position + 1]) for position in sections)
    if not heads_rows:
        for position in sections:
            rows[position].kind = "data"


def is_part_row(row: Row) -> bool:
    """Tell whether a row can be a part under a 一、 line: no section or total, and no 一、 line of its own in any cell.

    The other half of a side-by-side 收支总表 goes on numbering its lines (九、卫生健康支出 under
    八、其他收入 | 八、社会保障和就业支出): those lines are the list's own, not parts of the line above.
    """
    numbered = any(patterns.SECTION_CELL.match(c.text) and not patterns.BARE_NUMERAL.match(c.text) for c in row.cells)
    return row.kind not in ("section", "total") and not numbered


def key_columns(columns: list[Column], body: list[list[str]]) -> list[int]:
    """Return the row-key columns: headed 序号/编号, else column 0 when it holds only whole numbers."""
    named = [i for i, c in enumerate(columns) if c.is_key]
    if named:
        return named
    firsts = [clean_line(cells[0]) for cells in body if cells and clean_line(cells[0])]
    if firsts and len(firsts) >= 3 and all(patterns.INTEGER_CELL.match(f) for f in firsts):
        return [0]
    return []


def is_header_repeat(cells: list[str], header: list[str]) -> bool:
    """Tell whether a cleaned body row repeats the header (printed again after a page break)."""
    squeeze = lambda texts: [t.replace(" ", "") for t in texts]  # noqa: E731 - a tiny local normaliser
    return bool(header) and squeeze(cells) == squeeze(header)


def printed_texts(cells: list[str]) -> list[str]:
    """Return the cleaned texts of a row's printed cells, in order."""
    return [text for text in (clean_line(c) for c in cells) if text]


def is_indicator_header(cells: list[str]) -> bool:
    """Tell whether a printed row is the indicator header of a form (一级指标 … 三级指标 …)."""
    texts = set(printed_texts(cells))
    return "一级指标" in texts and "三级指标" in texts


def field_pairs(cells: list[str]) -> list[list[str]]:
    """Return a form's field row as [label, value] pairs of its printed cells (a lone last label gets an empty value)."""
    texts = printed_texts(cells)
    return [[texts[k], texts[k + 1] if k + 1 < len(texts) else ""] for k in range(0, len(texts), 2)]


def split_form_fields(header: list[str], raw_rows: list[RawRow]) -> tuple[list[RawRow], list[str], list[RawRow]]:
    """Given a table's header and body, return a project form's field rows, its indicator header and indicator rows.

    A form (绩效目标表, 绩效自评表: one project each, starting at 项目名称) prints its fields
    (项目名称, 主管部门/实施单位, 项目资金, 年度绩效目标 …) as label | value rows above an indicator
    table. A reader takes the indicator header (一级指标 | 二级指标 | 三级指标 | 指标值 …) as the
    table's header and the indicators as its rows; the fields are the form's own data, kept as
    printed rows of [label, value] pairs. Any other table (or a form with no indicator header)
    comes back as it was given, with no field rows.
    """
    lines = ([RawRow(cells=list(header))] if header else []) + list(raw_rows)
    firsts = printed_texts(lines[0].cells) if lines else []
    if not firsts or not patterns.FORM_START.match(firsts[0]):
        return [], header, raw_rows
    at = next((k for k, line in enumerate(lines) if is_indicator_header(line.cells)), None)
    if at is None:
        return [], header, raw_rows
    return [line for line in lines[:at] if printed_texts(line.cells)], [clean_line(c) for c in lines[at].cells], lines[at + 1 :]


def build_table(
    index: int,
    caption: str | None,
    header: list[str],
    raw_rows: list[RawRow],
    *,
    method: str,
    pages: list[int],
    quality: dict,
    unit: str | None = None,
    issuer: str | None = None,
) -> Table:
    """Given a caption, a joined header and raw body rows, return a typed Table (pipeline.models.Table)."""
    field_lines, header, raw_rows = split_form_fields([clean_line(h) for h in header], raw_rows)
    width = len(header) or max((len(r.cells) for r in raw_rows), default=0)
    columns = [read_column(h, unit) for h in header] or [Column("", unit=unit) for _ in range(width)]
    stats: dict[str, Any] = {"physical_rows": 0, "repeated_headers_dropped": 0, "overflow_rows": 0, "padded_rows": 0, "wrapped_lines_joined": 0}

    # 1. Fit, clean and filter the physical lines.
    lines: list[tuple[list[str], RawRow]] = []
    for raw in raw_rows:
        cells, overflow = fit_width(raw.cells, width)
        stats["overflow_rows"] += overflow
        stats["padded_rows"] += len(raw.cells) < width
        cleaned = [clean_line(c) for c in cells]
        if not any(cleaned):
            continue
        if is_header_repeat(cleaned, header):
            stats["repeated_headers_dropped"] += 1
            continue
        lines.append((cells, raw))
    stats["physical_rows"] = len(lines)
    keys = key_columns(columns, [cells for cells, _ in lines])

    # 2. Type cells, classify rows, group merged entries.
    rows: list[Row] = []
    physical: dict[int, list[Row]] = {}  # entry position -> its physical lines (when grouped)
    for cells, raw in lines:
        boxes = raw.bboxes or []
        typed = [type_cell(text, columns[i], raw.page, boxes[i] if i < len(boxes) else None) for i, text in enumerate(cells)]
        line = Row(index=0, kind=row_kind(typed), cells=typed, page=raw.page)
        previous = rows[-1] if rows else None
        keyless = bool(keys) and all(not typed[k].text for k in keys)
        numbered_before = previous is not None and previous.kind == "data" and any(previous.cells[k].text for k in keys)
        if line.kind == "data" and keyless and numbered_before:
            if not any(c.kind in NUMERIC_KINDS | {"masked"} for c in typed):
                # Only text, no figure: a cell wrapped onto its own line, not an entry of its own.
                last = physical.setdefault(len(rows) - 1, [previous])[-1]
                join_wrapped(last, line)
                stats["wrapped_lines_joined"] += 1
                continue
            physical.setdefault(len(rows) - 1, [previous]).append(line)
            continue
        rows.append(line)

    demote_sections_heading_nothing(rows)

    # 3. Number entries, attach sub-items (numbered after the entries), link sections.
    next_sub = len(rows)
    section: int | None = None
    for position, row in enumerate(rows):
        row.index = position
        if row.kind == "section":
            section = position
        else:
            row.section = section
        group = physical.get(position, [])
        if len(group) > 1:
            first = Row(index=0, kind="data", cells=list(row.cells), page=row.page, section=row.section)
            row.sub_items = [first] + group[1:]
            for sub in row.sub_items:
                sub.index, sub.section, sub.kind = next_sub, row.section, "data"
                next_sub += 1

    stats["entries"] = sum(r.kind == "data" for r in rows)
    stats["merged_entries"] = sum(bool(r.sub_items) for r in rows)
    stats["masked_cells"] = sum(c.masked for r in rows for line in (r.sub_items or [r]) for c in line.cells)
    clean_rows = max(stats["physical_rows"], 1)
    stats.setdefault("score", round(1 - (stats["overflow_rows"] / clean_rows), 3))
    merged_quality = stats | dict(quality)  # the caller's own measures win
    return Table(
        index=index,
        caption=clean_line(caption) if caption else caption,
        header=header,
        rows=rows,
        pages=sorted(set(pages)),
        method=method,
        quality=merged_quality,
        unit=unit,
        issuer=issuer,
        fields=[field_pairs(line.cells) for line in field_lines] if field_lines else None,
        field_rows=[
            Row(index=k, kind="field", cells=[type_cell(text, Column(""), line.page, None) for text in line.cells], page=line.page)
            for k, line in enumerate(field_lines)
        ],
    )


def join_wrapped(target: Row, wrapped: Row) -> None:
    """Append a wrapped line's cell texts to the cells of the line it continues, re-cleaning them."""
    for cell, extra in zip(target.cells, wrapped.cells):
        if extra.raw.strip():
            cell.raw = f"{cell.raw}\n{extra.raw}"
            cell.text = clean_line(cell.raw)
            if cell.kind == "empty":
                cell.kind = "text"


def entry_count(table: Table) -> int:
    """Return the number of entries: data rows, a merged entry counting once."""
    return sum(r.kind == "data" for r in table.rows)
