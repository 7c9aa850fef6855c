"""How the audit reads a table: value columns, 科目编码 columns, row names, the 类/款/项 level of a row.

Given a typed `pipeline.models.Table`, `read_layout` tells which columns add up, which hold codes
and which hold names; the helpers below turn cells into Nums with their provenance.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors import patterns
from extractors.audit.core import Num, printed_half
from extractors.audit.patterns import MONEY_HEADER
from pipeline.models import Cell, Row, Table

SUMMABLE_KINDS = frozenset({"amount", "number", "score"})


@dataclass
class Layout:
    """What the audit needs to know about a table's columns and rows."""

    summable: list[int]  # columns whose numbers add up
    code_groups: list[list[int]]  # runs of adjacent 科目编码 columns (类/款/项)
    label_cols: list[int]  # columns holding row names
    header: list[str] = field(default_factory=list)


def table_name(table: Table) -> str:
    """Return a short name for a table in messages: its caption or its index."""
    return f"table {table.index + 1}" + (f" «{table.caption}»" if table.caption else "")


def cell_num(table: Table, row: Row, col: int, label: str, exact: bool = False) -> Num | None:
    """Return a numeric cell as a Num (`exact`: points, no rounding), or None when it holds no number."""
    cell = row.cells[col] if col < len(row.cells) else None
    if cell is None or cell.value is None or cell.kind not in SUMMABLE_KINDS:
        return None
    header = table.header[col] if col < len(table.header) else ""
    source = f"{table_name(table)} row {row.index + 1} «{label}» col {col + 1} «{header}»"
    return Num(cell.value, cell.unit, printed_half(cell.text, exact=exact or is_exact(cell, header)), cell.text, source, cell.page or row.page)


def is_exact(cell: Cell, header: str = "") -> bool:
    """Tell whether a cell is an exact figure: points in a score column, or a whole count (项目数, 人数 …).

    A whole number in a money column (645215 元) is rounded to its last digit like any amount:
    n such parts allow n × 0.5 between their sum and the total.
    """
    if cell.kind == "score":
        return True
    return cell.kind == "number" and "." not in cell.text and not MONEY_HEADER.search(header)


def is_code_column(table: Table, col: int) -> bool:
    """Tell whether a column holds row keys or budget-subject codes (序号, 科目编码, 类/款/项), not quantities."""
    header = table.header[col] if col < len(table.header) else ""
    if patterns.KEY_HEADER.match(header) or patterns.CODE_HEADER.search(header):
        return True
    texts = [r.cells[col].text for r in table.rows if col < len(r.cells)]
    return any(patterns.CODE_LEVEL_CELL.match(t) for t in texts) or any(patterns.LEADING_ZERO_CODE.match(t) for t in texts)


def read_layout(table: Table) -> Layout:
    """Given a table, return its summable columns, code column groups and label columns."""
    width = len(table.header) or max((len(r.cells) for r in table.rows), default=0)
    codes = [c for c in range(width) if is_code_column(table, c)]
    keys = {c for c in codes if c < len(table.header) and patterns.KEY_HEADER.match(table.header[c])}
    summable = [
        c
        for c in range(width)
        if c not in codes and any(c < len(r.cells) and r.cells[c].kind in SUMMABLE_KINDS | {"masked"} for r in table.rows)
    ]
    groups: list[list[int]] = []
    for c in (c for c in codes if c not in keys):  # 序号 keys rows; only 科目编码 columns form a hierarchy
        if groups and groups[-1][-1] == c - 1:
            groups[-1].append(c)
        else:
            groups.append([c])
    labels = [c for c in range(width) if c not in codes and c not in summable]
    return Layout(summable, groups, labels, list(table.header))


def row_label(row: Row, layout: Layout, col: int | None = None) -> str:
    """Return a row's name for column `col` (else for the whole row, its first name cell).

    The names are the text columns left of the first value column (一级/二级/三级指标: for an
    indicator the rightmost filled one is the most specific), not a 依据/备注 column next to the value. Tables printed
    side by side repeat their name column's header (收入支出决算总表: 项目 决算数 项目 决算数), so a
    value's name is in the nearest such column to its left.
    """
    names = [c for c in layout.label_cols if col is None or c < col]
    if names:
        header = lambda c: layout.header[c] if c < len(layout.header) else None  # noqa: E731
        # 收入/项目 … 支出/项目: a name column repeated under each side of a side-by-side table
        leaf = lambda c: (header(c) or "").rsplit("/", 1)[-1]  # noqa: E731
        repeats = [c for c in names if header(c) and leaf(c) == leaf(names[0])]
        if col is not None and len(repeats) > 1:
            stub = [c for c in names if c >= repeats[-1]]
        else:
            first_value = min(layout.summable, default=len(layout.header))
            stub = [c for c in names if c < first_value] or names
        # a section or total row is named by its first cell (八、其他事项), an indicator by its most specific
        order = stub if col is None or row.kind in ("section", "total") else list(reversed(stub))
        for c in order:
            if c < len(row.cells) and row.cells[c].text:
                return row.cells[c].text
    return next((c.text for c in row.cells if c.text and c.kind not in SUMMABLE_KINDS), "")


def code_group_for(layout: Layout, col: int) -> list[int]:
    """Return the code columns that key a value column: the nearest group to its left."""
    left = [g for g in layout.code_groups if g[-1] < col]
    return left[-1] if left else []


def code_level(row: Row, group: list[int]) -> int:
    """Return a row's depth in the 类/款/项 hierarchy (1 = 类), or 0 when it carries no code."""
    texts = [row.cells[c].text for c in group if c < len(row.cells)]
    if not texts or not patterns.SUBJECT_CODE.match(texts[0]):
        return 0
    if len(texts) == 1:  # one column holding 201 / 20106 / 2010601
        return {3: 1, 5: 2, 7: 3}.get(len(texts[0]), 0)
    return sum(1 for t in texts if patterns.SUBJECT_CODE.match(t))


def lines_of(row: Row) -> list[Row]:
    """Return the physical lines of an entry: all sub-items of a merged entry, else the row itself."""
    return row.sub_items or [row]


def is_subtotal_row(row: Row, layout: Layout, col: int | None = None) -> bool:
    """Tell whether a row is a running subtotal (本年收入合计, 人员经费合计) for `col` (or any column).

    The tables stage types a named total (本年收入合计) as a total row, a bare 合计 too; only the
    named one is a running subtotal here, with 总计 after it (docs/table-conventions.md).
    """
    if row.kind == "total":
        return any(patterns.NAMED_TOTAL_CELL.match(c.text) and patterns.SUBTOTAL_LABEL.search(c.text) for c in row.cells) and (
            col is None or row.cells[col].value is not None
        )
    if row.kind != "data":
        return False
    if col is None:
        return any(c.kind not in SUMMABLE_KINDS and patterns.SUBTOTAL_LABEL.search(c.text) for c in row.cells)
    return row.cells[col].value is not None and bool(patterns.SUBTOTAL_LABEL.search(row_label(row, layout, col)))


def has_numbers(row: Row, layout: Layout) -> bool:
    """Tell whether a row holds at least one summable number or masked cell."""
    return any(c < len(row.cells) and (row.cells[c].value is not None or row.cells[c].masked) for c in layout.summable)


def total_rows(table: Table, layout: Layout) -> list[Row]:
    """Return the total rows that state at least one number (header lines typed as totals are skipped)."""
    return [r for r in table.rows if r.kind == "total" and has_numbers(r, layout)]
