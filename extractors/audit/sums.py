"""Audit checks of totals the narrative states after or before their parts.

* `stated_sum`: `A x万元, B y万元, 两项合计 z万元` (合计, 共计, 总计): z against the parts before it in
  its clause run (the last N for N项合计);
* `numbered_list`: `本年收入3604.34万元,具体情况如下: 1. 财政拨款收入3592.14万元 2. 其他收入12.2万元`:
  the total against the first own amount of each numbered item.

Parts are own amounts (not changes nor comparison bases) outside brackets, on the total's side of
the account (收入 or 支出).
"""

from __future__ import annotations

import regex

from extractors.audit.core import sum_check
from extractors.audit.patterns import CLAUSE_SEPARATOR, ITEM_BREAK, HIGHER_MARKER, LIST_FOLLOWS, NUMBERED_ITEM, STATED_SUM
from extractors.audit.registry import AuditContext, check
from extractors.audit.roles import bracket_depth, fig_num, side, window
from pipeline.models import Check, Figure

HAN_COUNT = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
CLAUSE_RUN_END = "。;\n"  # a stated sum adds the amounts since the last of these


def sum_parts(ctx: AuditContext, total: Figure, start: int) -> list[Figure]:
    """Return the amounts a stated sum adds: own amounts in the clauses right before it, back to `start`.

    Going back from the sum, a clause without an amount (…于2018年支付,全年保洁费共计…) ends the run;
    changes, comparison bases, bounds (5000万元以上) and amounts in brackets are not parts, nor an
    amount on the other side of the account (支出 before a 收入合计).
    """
    text = ctx.report.text
    total_side = side(window(ctx.report, total, start))
    parts: list[Figure] = []
    later = total.start
    for figure in reversed(ctx.figures_between(start, total.start)):
        if len(CLAUSE_SEPARATOR.findall(text[figure.end : later])) > 1 and bracket_depth(text, figure.end, later) == 0:
            break
        later = figure.start
        if figure.kind != "amount" or figure.approx or not ctx.own_amount(figure) or bracket_depth(text, figure.end, total.start) != 0:
            continue
        part_side = side(window(ctx.report, figure, start))
        if total_side and part_side and part_side != total_side:
            continue
        parts.append(figure)
    return parts[::-1]


@check("stated_sum", "report", "a 合计 / 共计 / 两项合计 stated after its parts against their sum")
def stated_sum_checks(ctx: AuditContext) -> list[Check]:
    """Each 合计/共计/N项合计 amount against the amounts stated before it in its run of clauses."""
    report, text = ctx.report, ctx.report.text
    checks: list[Check] = []
    previous_sum = 0
    for figure in report.figures:
        if figure.kind != "amount":
            continue
        words = text[max(figure.start - 8, 0) : figure.start]
        match = STATED_SUM.search(words)
        if match is None:
            continue
        start = max(text.rfind(c, 0, figure.start) for c in CLAUSE_RUN_END) + 1
        start = max(start, previous_sum)
        previous_sum = figure.end
        parts = sum_parts(ctx, figure, start)
        if match["count"]:
            parts = parts[-HAN_COUNT[match["count"]] :]
        if len(parts) < 2:
            continue
        stated = fig_num(report, figure)
        nums = [fig_num(report, p) for p in parts]
        checks.append(sum_check("stated_sum", stated, nums, f"«{match.group(0)}» {stated.surface} against the {len(parts)} amounts before it"))
    return checks


def numbered_items(ctx: AuditContext, start: int) -> list[tuple[int, int]]:
    """Return the (start, end) of the items 1., 2., … of a numbered list opening at `start`."""
    text = ctx.report.text
    items: list[tuple[int, int]] = []
    expected, position = 1, start
    stop = HIGHER_MARKER.search(text, start)
    limit = stop.start() if stop else len(text)
    while True:
        match = next((m for m in NUMBERED_ITEM.finditer(text, position, limit) if int(m["n"]) == expected), None)
        if match is None:
            break
        if items:
            items[-1] = (items[-1][0], match.start())
        items.append((match.end(), limit))
        expected, position = expected + 1, match.end()
        if expected > 30:
            break
    return items


def first_own_amount(ctx: AuditContext, start: int, end: int) -> Figure | None:
    """Return the amount a list item opens with (1. 财政拨款收入3592.14万元), or None.

    An item whose title ends before any amount (1、按功能支出类列支 (1)…) is a category, not a part.
    """
    text = ctx.report.text
    for figure in ctx.figures_between(start, end):
        if ITEM_BREAK.search(text, start, figure.start):
            return None
        if figure.kind == "amount" and ctx.own_amount(figure) and bracket_depth(text, start, figure.start) == 0:
            return figure
    return None


@check("numbered_list", "report", "a total stated before 如下: against the amounts of its numbered items 1. 2. …")
def numbered_list_checks(ctx: AuditContext) -> list[Check]:
    """A total whose sentence ends with 如下: against the first own amount of each numbered item after it."""
    report, text = ctx.report, ctx.report.text
    checks: list[Check] = []
    for match in regex.finditer(r"如下[::]?", text):
        if not LIST_FOLLOWS.search(text[: match.end()]):
            continue
        sentence_start, _ = ctx.sentence_span(match.start())
        before = [f for f in ctx.figures_between(sentence_start, match.start()) if f.kind == "amount" and ctx.own_amount(f)]
        if not before:
            continue
        total = before[0]
        items = numbered_items(ctx, match.end())
        parts = [first_own_amount(ctx, a, b) for a, b in items]
        if len(items) < 2 or any(p is None for p in parts):
            continue
        stated = fig_num(report, total)
        nums = [fig_num(report, p) for p in parts]
        checks.append(sum_check("numbered_list", stated, nums, f"{stated.surface} against its {len(parts)} numbered items"))
    return checks
