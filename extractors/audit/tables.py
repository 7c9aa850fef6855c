"""Audit checks on tables: totals and subtotals against their rows, row 合计 against its columns.

Given a typed `pipeline.models.Table`, each function returns `list[Check]`. How a table adds up
is read from its rows, in this order:

* code hierarchy (科目编码 类/款/项): a total is the sum of the top-level (类) rows; every 类 row
  is the sum of its 款 rows and every 款 row of its 项 rows;
* running subtotals (a data row labelled `本年收入合计`): the subtotal is the sum of the rows
  above it, the 总计 row is the subtotal plus the rows after it (结转和结余...);
* sections (`一、…` rows with indicators under them): a section is the sum of its indicators,
  the total the sum of the sections;
* otherwise a total is the sum of the data rows, a merged entry counted once with ALL its lines.

Masked cells (`***`) make a check `unverifiable`; the message gives the implied masked sum.
"""

from __future__ import annotations

from decimal import Decimal

from extractors import patterns
from extractors.audit.core import demote, fmt, sum_check, unverifiable
from extractors.audit.layout import (
    Layout,
    cell_num,
    code_group_for,
    code_level,
    is_subtotal_row,
    lines_of,
    read_layout,
    row_label,
    table_name,
    total_rows,
)
from extractors.audit.registry import AuditContext, check
from pipeline.models import Check, Row, Table


def add_up(
    table: Table, stated_row: Row, parts: list[Row], col: int, layout: Layout, kind: str, what: str, exact: bool = False, part_col: int | None = None
) -> Check | None:
    """Check one cell against the sum of column `part_col` (default: the same column) over `parts`, merged entries with every line."""
    part_col = col if part_col is None else part_col
    label = row_label(stated_row, layout, col) or stated_row.kind
    stated = cell_num(table, stated_row, col, label, exact)
    if stated is None:
        return None
    nums, masked = [], []
    for part in parts:
        for line in lines_of(part):
            if part_col >= len(line.cells):
                continue
            if line.cells[part_col].masked:
                masked.append(line)
            elif (num := cell_num(table, line, part_col, row_label(part, layout, part_col), exact)) is not None:
                nums.append(num)
    if not nums and not masked:
        return None
    if masked:
        visible = sum((n.value for n in nums), Decimal(0))
        message = (
            f"{what}: stated {stated.surface}, visible {len(nums)} amounts add up to {fmt(visible)}; "
            f"{len(masked)} masked amounts (***) imply {fmt(stated.value - visible)} together — masked, cannot be verified"
        )
        return unverifiable(kind, stated, visible, [stated, *nums], message, page=stated.page)
    return sum_check(kind, stated, nums, what)


def hierarchy_checks(table: Table, layout: Layout) -> list[Check]:
    """In a 类/款/项 table: totals and 合计 rows against the 类 rows, each row against its children."""
    checks: list[Check] = []
    for col in layout.summable:
        group = code_group_for(layout, col)
        levels = [(row, code_level(row, group)) for row in table.rows]
        tops = [row for row, level in levels if level == 1]
        if len(tops) == 0:
            continue
        for total in total_rows(table, layout):
            if check := add_up(table, total, tops, col, layout, "table_total", f"{table_name(table)}: «{row_label(total, layout, col)}» against the 类 rows"):
                checks.append(check)
        for i, row in enumerate(table.rows):
            if is_subtotal_row(row, layout, col):
                above = [r for r, level in levels[:i] if level == 1]
                if check := add_up(table, row, above, col, layout, "table_subtotal", f"{table_name(table)}: «{row_label(row, layout, col)}»"):
                    checks.append(check)
        for i, (row, level) in enumerate(levels):
            if level == 0:
                continue
            children = []
            for child, child_level in levels[i + 1 :]:
                if child_level <= level:
                    break
                if child_level == level + 1:
                    children.append(child)
            if children and (
                check := add_up(table, row, children, col, layout, "table_subtotal", f"{table_name(table)}: «{row_label(row, layout, col)}» against its sub-items")
            ):
                checks.append(check)
    return checks


def is_numbered_line(row: Row) -> bool:
    """Tell whether a row's first printed cell starts with a level-1 numeral (一、…)."""
    first = next((c.text for c in row.cells if c.text), "")
    return bool(patterns.SECTION_CELL.match(first))


def first_reading(table: Table, row: Row, readings: list[tuple[int, list[Row]]], col: int, layout: Layout, what: str) -> tuple[int, Check | None]:
    """Return the first reading (subtotals taken, parts) under which the row adds up, else the first reading's check."""
    first: tuple[int, Check | None] | None = None
    for taken, parts in readings:
        check_ = add_up(table, row, parts, col, layout, "table_subtotal", what)
        if check_ and check_.status == "pass":
            return taken, check_
        first = first or (taken, check_)
    return first or (0, None)


def running_subtotal_checks(table: Table, layout: Layout) -> list[Check]:
    """In a table of running subtotals (本年收入合计 … 总计; 流动资产合计, 非流动资产合计, 资产总计): each against its block.

    Rows are read in order, per column. A named subtotal (…合计) adds up the rows since the last
    subtotal or total (非流动资产合计 after 流动资产合计), or, when that does not hold, the last few
    subtotals not yet taken by a total with those rows (所有者权益合计 = 归属于母公司所有者权益合计 +
    少数股东权益; 负债合计 = 流动负债合计 + 非流动负债合计, with no rows of its own). These are the
    structures tables print; a failure is reported on the first reading. In a company's 利润表 or
    现金流量表 a failure is unverifiable: its lines may be differences (a 资产负债表's are sums); so is
    a subtotal with no rows of its own over a single subtotal (its other parts lie before the table's
    first row). A total (总计) adds up those subtotals and the rows after the last of them. Numbered lines after a subtotal (一、一般公共预算财政拨款 under 年初财政拨款结转和结余) break
    down the line above them and are no parts.
    """
    checks: list[Check] = []
    totals = {id(r) for r in total_rows(table, layout)}
    statement = bool(table.caption and patterns.DIFFERENCE_STATEMENT.search(table.caption))
    for col in layout.summable:
        rows: list[Row] = []  # rows since the last subtotal or total
        subtotals: list[Row] = []  # subtotals not yet taken by a total
        for row in table.rows:
            if is_subtotal_row(row, layout, col):
                what = f"{table_name(table)}: «{row_label(row, layout, col)}»"
                with_values = [r for r in rows if r.cells[col].value is not None or r.cells[col].masked]
                # (subtotals taken, parts): its own rows, else the last k subtotals with them
                readings = [(0, rows)] if with_values else []
                readings += [(k, [*subtotals[-k:], *rows]) for k in range(1, len(subtotals) + 1)]
                taken, check = first_reading(table, row, readings, col, layout, what)
                if check and check.status == "fail" and statement:
                    demote(check, "a company statement's lines may be differences (净额), not parts")  # 净额 = 流入 − 流出
                elif check and check.status == "fail" and not with_values and len(subtotals) < 2:
                    demote(check, "its other parts are not in this table")  # a 合计 of one subtotal: the rest lies before the table's first row
                if check:
                    checks.append(check)
                subtotals = [*subtotals[: len(subtotals) - taken], row]
                rows = []
            elif id(row) in totals:
                if not subtotals:
                    rows = []
                    continue  # a total printed above any subtotal is not built from them
                if check := add_up(table, row, [*subtotals, *rows], col, layout, "table_total", f"{table_name(table)}: «{row_label(row, layout, col)}»"):
                    checks.append(check)
                rows, subtotals = [], []
            elif row.kind == "data" and not (subtotals and is_numbered_line(row)) or row.kind == "section" and not subtotals:
                if not is_subtotal_row(row, layout):
                    rows.append(row)
    return checks


def paired_column(table: Table, layout: Layout, col: int) -> int:
    """Return the column whose indicator values a section's figure in `col` sums.

    Self-assessment forms print an indicator's score in one column (考核结果) and the section's
    score in the next (扣罚分): when indicators leave `col` empty, the nearest column to its left
    that indicators fill and sections leave empty is the one to add up.
    """
    data = [r for r in table.rows if r.kind == "data"]
    sections = [r for r in table.rows if r.kind == "section"]
    if any(r.cells[col].value is not None for r in data):
        return col
    for left in range(col - 1, -1, -1):
        filled_by_data = any(r.cells[left].value is not None for r in data)
        filled_by_sections = any(r.cells[left].value is not None for r in sections)
        if filled_by_data and not filled_by_sections and left in layout.summable:
            return left
    return col


def section_checks(table: Table, layout: Layout) -> list[Check]:
    """In a sectioned form: each section against its indicators, the total against the sections."""
    checks: list[Check] = []
    sections = [r for r in table.rows if r.kind == "section"]
    for section in sections:
        items = [r for r in table.rows if r.kind == "data" and r.section == section.index]
        name = row_label(section, layout)
        for col in layout.summable:
            if section.cells[col].value is None:
                continue
            stated = cell_num(table, section, col, name)
            if not items:
                checks.append(
                    unverifiable(
                        "section_subtotal", stated, None, [stated],
                        f"{table_name(table)}: section «{name}» states {stated.surface} in col {col + 1} «{table.header[col]}» but has no indicator rows under it: nothing to add up",
                    )
                )
                continue
            source_col = paired_column(table, layout, col)
            what = f"{table_name(table)}: section «{name}» col {col + 1} «{table.header[col]}»"
            if source_col != col:
                what += f" against its indicators' col {source_col + 1} «{table.header[source_col]}»"
            # A self-assessment form awards points in exact steps (0.5, 1, 2): no rounding tolerance.
            if check := add_up(table, section, items, col, layout, "section_subtotal", what, exact=True, part_col=source_col):
                checks.append(check)
    for total in total_rows(table, layout):
        for col in layout.summable:
            what = f"{table_name(table)}: «{row_label(total, layout)}» col {col + 1} «{table.header[col]}» against the section rows"
            if check := add_up(table, total, sections, col, layout, "table_total", what, exact=True):
                checks.append(check)
    return checks


def flat_total_checks(table: Table, layout: Layout) -> list[Check]:
    """In a plain list: each total row against the sum of the data rows (merged entries with all lines)."""
    checks: list[Check] = []
    items = [r for r in table.rows if r.kind == "data"]
    for total in total_rows(table, layout):
        for col in layout.summable:
            what = f"{table_name(table)}: «{row_label(total, layout)}» col {col + 1} «{table.header[col]}»"
            if check := add_up(table, total, items, col, layout, "table_total", what):
                checks.append(check)
    return checks


def column_groups(table: Table, layout: Layout) -> list[tuple[int, list[int]]]:
    """Return (合计 column, its component columns) for headers like 本年支出合计 | 基本支出 | 项目支出."""
    groups = []
    header = table.header
    for col in layout.summable:
        if col < len(header) and patterns.SUBTOTAL_LABEL.search(header[col].rsplit("/", 1)[-1]):
            components = []
            for nxt in range(col + 1, len(header)):
                if patterns.SUBTOTAL_LABEL.search(header[nxt].rsplit("/", 1)[-1]) or nxt not in layout.summable:
                    break
                components.append(nxt)
            if len(components) >= 2:
                groups.append((col, components))
    return groups


@check(
    "table_total",
    "table",
    "a table's total row against its 类 rows, sections or data rows (masked *** parts: unverifiable)",
    also={
        "table_subtotal": "a 合计 / 类 / 款 row of a table against the rows it sums",
        "section_subtotal": "a section of a sectioned form (一、…) against its indicators",
    },
)
def table_total_checks(table: Table, ctx: AuditContext | None = None) -> list[Check]:
    """Return the total/subtotal checks of one table, by the way its rows add up (see module doc)."""
    if table.no_table or not table.rows:
        return []
    layout = read_layout(table)
    if not layout.summable:
        return []
    if any(code_level(r, g) for g in layout.code_groups for r in table.rows):
        return hierarchy_checks(table, layout)
    if any(is_subtotal_row(r, layout) for r in table.rows):
        return running_subtotal_checks(table, layout)
    if any(r.kind == "section" for r in table.rows) and any(r.kind == "data" and r.section is not None for r in table.rows):
        if table.caption and patterns.FINANCIAL_STATEMENT.search(table.caption):
            return []  # 利润表 lines are differences (营业利润 = 收入 − 成本 …), not sums of the lines below
        return section_checks(table, layout)
    return flat_total_checks(table, layout)


@check("row_sum", "table", "a row's 合计 column against the sum of its component columns (基本支出 + 项目支出 ...)")
def row_sum_checks(table: Table, ctx: AuditContext | None = None) -> list[Check]:
    """Each row's 合计 column against the sum of its component columns (基本支出 + 项目支出 ...)."""
    layout = read_layout(table)
    checks: list[Check] = []
    for total_col, components in column_groups(table, layout):
        for row in table.rows:
            label = row_label(row, layout, total_col) or row.kind
            stated = cell_num(table, row, total_col, label)
            if stated is None:
                continue
            parts = [n for c in components if (n := cell_num(table, row, c, label)) is not None]
            masked = [c for c in components if row.cells[c].masked]
            what = f"{table_name(table)} row «{label}»: col «{table.header[total_col]}» against cols " + " + ".join(f"«{table.header[c]}»" for c in components)
            if masked:
                checks.append(unverifiable("row_sum", stated, None, [stated, *parts], f"{what}: {len(masked)} masked cells — cannot be verified"))
            elif parts:
                checks.append(sum_check("row_sum", stated, parts, what))
    return checks
