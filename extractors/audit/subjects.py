"""Audit checks of amounts the narrative states for items of a standard 部门决算 table.

Two families, both matching names exactly and skipping what they cannot place:

* `subject_vs_table`: budget subjects (类/款/项) against the 一般公共预算财政拨款支出决算表;
* `item_vs_table`: the 三公 items (因公出国(境)费, 公务用车购置及运行维护费, 公务接待费 …) against
  the 财政拨款“三公”经费支出决算表, budget (预算数) or spending (决算数) by the words before them.

部门决算 reports explain the 一般公共预算财政拨款支出决算表 subject by subject:
`一般公共服务支出(类)社会工作事务(款)行政运行(项)。…全年预算为52.00万元，支出决算为51.32万元`, and
`一般公共服务支出(类)264.87万元，占86.05%`. Each stated spending amount is checked against the
table row found by the same 类/款/项 path (names matched exactly, down the code hierarchy), in the
table's first value column (合计). A 项 found under the same 类 but another 款 is checked with the
naming difference in its message; a path the table does not have is reported as unverifiable.
"""

from __future__ import annotations

from difflib import SequenceMatcher


from extractors import patterns
from extractors.numbers import MEASURED_KINDS
from extractors.audit.patterns import SUBJECT_LEVEL
from extractors.audit.core import Num, printed_twice, unverifiable
from extractors.audit.layout import cell_num, code_group_for, code_level, read_layout, row_label, table_name
from extractors.audit.registry import AuditContext, check
from extractors.audit.roles import fig_num, item_label, label_key
from pipeline.models import Check, Figure, Report, Row, Table

SubjectPath = tuple[str, ...]  # (类,), (类, 款) or (类, 款, 项) names
# How many characters may stand between `(类)` and a class's own amount (一般公共服务支出(类)264.87万元).
AMOUNT_RIGHT_AFTER = 2
SPENDING_WINDOW = 8  # characters before an amount searched for 支出决算为


def subject_rows(table: Table) -> tuple[dict[SubjectPath, Num], int]:
    """Given a subject table, return {类/款/项 path: its cell} in the first value column (合计), and that column."""
    layout = read_layout(table)
    if not layout.summable or not layout.code_groups:
        return {}, -1
    col = layout.summable[0]
    group = code_group_for(layout, col)
    found: dict[SubjectPath, Num] = {}
    path: list[str] = []
    for row in table.rows:
        level = code_level(row, group)
        if level == 0:
            continue
        name = row_label(row, layout, col)
        path = path[: level - 1] + [name]
        num = cell_num(table, row, col, name)
        if num is not None and len(path) == level:
            found[tuple(path)] = num
    return found, col


def same_item_other_kind(rows: dict[SubjectPath, Num], path: SubjectPath) -> SubjectPath | None:
    """Return the one table path with the same 类 and 项 as `path` but another 款, or None."""
    if len(path) != 3:
        return None
    found = [p for p in rows if len(p) == 3 and p[0] == path[0] and p[2] == path[2]]
    return found[0] if len(found) == 1 else None


def stated_spending(ctx: AuditContext, path_end: int, stop: int) -> Figure | None:
    """Return the amount a subject is stated with: right after its path, else after 支出决算为 before `stop`."""
    report = ctx.report
    amounts = [f for f in ctx.figures_between(path_end, stop) if f.kind == "amount"]
    if amounts and amounts[0].start - path_end <= AMOUNT_RIGHT_AFTER:
        return amounts[0]
    for figure in amounts:
        if patterns.SPENDING_WORDS.search(report.text[max(figure.start - SPENDING_WINDOW, 0) : figure.start]):
            return figure
    return None


@check("subject_vs_table", "report", "a 类/款/项 budget subject's amount in the text against its row of the 一般公共预算财政拨款支出决算表")
def subject_checks(ctx: AuditContext) -> list[Check]:
    """Each spending amount the narrative states for a 类/款/项 subject against the subject table's row."""
    report = ctx.report
    table = next((t for t in report.tables if t.caption and patterns.GENERAL_BUDGET_SPENDING_TABLE.match(t.caption)), None)
    rows, col = subject_rows(table) if table is not None else ({}, -1)
    if not rows:
        return []
    matches = [
        m
        for m in patterns.SUBJECT_PATH.finditer(report.text)
        if patterns.GENERAL_BUDGET_SPENDING_SECTION.search(ctx.section_path_at(m.start()))
    ]
    checks: list[Check] = []
    for i, match in enumerate(matches):
        stop = matches[i + 1].start() if i + 1 < len(matches) else len(report.text)
        # A subject's statement ends with its paragraph.
        paragraph = ctx.paragraph_at(match.start())
        stop = min(stop, paragraph.end) if paragraph is not None else stop
        figure = stated_spending(ctx, match.end(), stop)
        stated = fig_num(report, figure) if figure is not None else None
        if stated is None:
            continue
        path = tuple(name for name in (match["cls"], match["kind"], match["item"]) if name)
        what = f"«{'/'.join(path)}» in the text against {table_name(table)}"
        row = rows.get(path)
        if row is None and (renamed := same_item_other_kind(rows, path)):
            what += f" (the table's path is «{'/'.join(renamed)}»: the text names another 款)"
            row = rows[renamed]
        if row is None:
            checks.append(unverifiable("subject_vs_table", stated, None, [stated], f"{what}: stated {stated.surface}, but the table has no row with this 类/款/项 path"))
            continue
        checks.append(printed_twice("subject_vs_table", stated, row, what, f"the table's «{table.header[col]}» {row.surface}"))
    return checks


ThreePublicColumns = dict[tuple[str, str], tuple[int, str]]  # (item name, 预算数|决算数) → (column, header)


def three_public_columns(table: Table) -> ThreePublicColumns:
    """Given the 三公 table, return its value columns by (item name without 费, 预算数 or 决算数)."""
    columns: ThreePublicColumns = {}
    for col, header in enumerate(table.header):
        parts = [p for p in header.split("/") if p and p != "小计"]
        if len(parts) < 2 or parts[-1] not in ("预算数", "决算数"):
            continue
        item = "三公" if parts[-2] == "合计" else parts[-2].removesuffix("费")
        columns[(item, parts[-1])] = (col, header)
    return columns


def named_alone(text: str, start: int) -> bool:
    """Whether the item named at `start` is the item itself, not a narrower one (国内公务接待 is part of 公务接待)."""
    return start == 0 or not patterns.HAN_CHAR.match(text[start - 1]) or text[:start].endswith("其中")


def last_item(text: str, items: list[str]) -> str | None:
    """Return the item named last in `text` (the longest where names overlap: 公务用车购置及运行维护 over 公务用车购置)."""
    hits = [(text.rfind(item) + len(item), len(item), item) for item in items if item in text and named_alone(text, text.rfind(item))]
    return max(hits)[2] if hits else None


@check("item_vs_table", "report", "a 三公 item's 预算数 or 决算数 in the text against the 三公 table")
def three_public_checks(ctx: AuditContext) -> list[Check]:
    """Each 三公 amount the narrative states against the same item and column of the 三公 table."""
    report = ctx.report
    table = next((t for t in report.tables if t.caption and patterns.THREE_PUBLIC_TABLE.search(t.caption) and t.rows), None)
    columns = three_public_columns(table) if table is not None else {}
    row = next((r for r in table.rows if r.kind == "data"), None) if columns else None
    if row is None:
        return []
    items = sorted({item for item, _ in columns}, key=len, reverse=True)
    checks: list[Check] = []
    for paragraph in report.paragraphs:
        if paragraph.kind == "annex" or "三公" not in report.section_path(paragraph.section) + paragraph.text:
            continue
        previous: tuple[int, str | None] = (paragraph.start, None)  # end of the previous amount, its item
        for figure in (f for f in ctx.figures_between(paragraph.start, paragraph.end) if f.kind == "amount"):
            segment = report.text[previous[0] : figure.start].strip()
            # Words before another number (`外宾接待支出0.00万元)` before the next amount) are not this amount's.
            segment = patterns.ANY_NUMBER_THEN.split(segment)[-1]
            item = last_item(segment, items)
            if item is None and patterns.BARE_STATEMENT_ROLE.match(segment):
                item = previous[1]  # 年初预算为2.85万元,支出决算为0.39万元: the same item
            previous = (figure.end, item)
            if item is None or patterns.CHANGE_OR_SHARE.search(segment[segment.rfind(item) :] if item in segment else segment):
                continue
            column = "预算数" if "预算" in segment.split(item)[-1] and "决算" not in segment.split(item)[-1] else "决算数"
            if (item, column) not in columns:
                continue
            col, header = columns[(item, column)]
            stated = fig_num(report, figure)
            cell = cell_num(table, row, col, "三公")
            if stated is None or cell is None:
                continue
            what = f"«{item}» {column} in the text against {table_name(table)}"
            checks.append(printed_twice("item_vs_table", stated, cell, what, f"the table's «{header}» {cell.surface}"))
    return checks


TOTAL_COLUMN_WORDS = ("合计", "决算数", "预算数", "金额")  # the column that states an item's whole amount


def table_items(report: Report) -> dict[str, list[tuple[Table, Row, int]]]:
    """Return every named amount of the report's tables by its label key: (table, row, column)."""
    found: dict[str, list[tuple[Table, Row, int]]] = {}
    for table in report.tables:
        if table.no_table or not table.rows:
            continue
        layout = read_layout(table)
        for row in table.rows:
            entries = [(row_label(row, layout, col), col) for col in layout.summable if col < len(row.cells) and row.cells[col].value is not None]
            by_label: dict[str, list[int]] = {}
            for label, col in entries:
                if label:
                    by_label.setdefault(label_key(label), []).append(col)
            for key, cols in by_label.items():
                if len(cols) > 1:  # a subject row (合计 | 基本支出 | 项目支出): its whole amount is the 合计 column
                    cols = [c for c in cols if any(w in (table.header[c] if c < len(table.header) else "") for w in TOTAL_COLUMN_WORDS)][:1]
                for col in cols:
                    found.setdefault(key, []).append((table, row, col))
    return found


MIN_CAPTION_OVERLAP = 4  # characters a section heading must share with a table caption to describe it


def caption_overlap(caption: str, headings: str) -> int:
    """Return the length of the longest run of characters a table caption shares with the headings."""
    name = caption.removesuffix("表")
    return SequenceMatcher(None, name, headings, autojunk=False).find_longest_match(0, len(name), 0, len(headings)).size


def described_table_rows(rows: list[tuple[Table, Row, int]], headings: str) -> list[tuple[Table, Row, int]]:
    """Keep the rows of the one table whose caption the text's headings name most closely, if one does."""
    scores = [caption_overlap(t.caption or "", headings) for t, _, _ in rows]
    best = max(scores, default=0)
    if best < MIN_CAPTION_OVERLAP:
        return []
    return [r for r, score in zip(rows, scores) if score == best]


@check("text_vs_table", "report", "an item's amount in the text against the one row of the tables with the same name (units converted)")
def text_vs_table_checks(ctx: AuditContext) -> list[Check]:
    """Each text amount whose item names exactly one table row, against that row's amount."""
    report = ctx.report
    items = table_items(report)
    if not items:
        return []
    checks: list[Check] = []
    previous_end = 0
    for figure in report.figures:
        label = item_label(report, figure, previous_end) if figure.kind == "amount" else None
        if figure.kind not in MEASURED_KINDS:
            previous_end = figure.end
        if not label or ctx.role_of.get(figure.index) == "change" or figure.approx or SUBJECT_LEVEL.search(label):
            continue  # 卫生健康支出(类)…: subject_vs_table checks it by its 类/款/项 path
        rows = items.get(label_key(label), [])
        if len(rows) > 1:  # several tables name it: the one the text's section describes (收入支出决算总体情况 → 收入支出决算总表)
            rows = described_table_rows(rows, ctx.section_path_at(figure.start))
        if len(rows) > 1 and len({row.cells[col].value for _, row, col in rows}) == 1:
            rows = rows[:1]  # every table naming it prints the same amount: one figure
        if len(rows) != 1:
            continue  # named in no table, or in several (one per fund or column): not one item
        table, row, col = rows[0]
        cell = cell_num(table, row, col, label)
        stated = fig_num(report, figure)
        if cell is None or stated is None:
            continue
        header = table.header[col] if col < len(table.header) else ""
        what = f"«{label}» in the text against {table_name(table)}"
        checks.append(printed_twice("text_vs_table", stated, cell, what, f"the table's «{header}» {cell.surface}"))
    return checks
