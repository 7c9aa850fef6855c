"""Audit checks on the narrative: annex references, 其中 breakdowns, differences, rates, changes, repeats.

Each check kind is a function of the report's AuditContext (extractors/audit/registry.py) returning
`list[Check]`. What a number *is* (送审, 审定, 预算, 决算, a change, a share) is its role
(extractors/audit/roles.py), read once per report.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal

from extractors import patterns
from extractors.numbers import MEASURED_KINDS
from extractors.audit.core import ZERO, Num, fmt, in_unit, judge, printed_half, printed_twice, rate_check, sum_check, unverifiable
from extractors.audit.paths import SubjectPath, describe, subject_path
from extractors.audit.patterns import BARE_NUMBER, BASE_YEAR, ETC_AFTER, NEGATIVE_CHANGE, NET_LABEL, NEW_STATEMENT, PARTIAL_LIST, RESIDUAL_PART
from extractors.audit.registry import AuditContext, check
from extractors.audit.roles import bracket_depth, fig_num, item_label, label_key, side, window
from extractors.tables.rows import entry_count
from pipeline.models import Check, Figure, Report, Table

BASE_VERBS = "为是达共"  # one verb may stand between a base's name and its amount
# A 其中 list whose parts add up to less than this share of its total, and that names no residual part (其他…),
# reads as the main items only (小税种7.73亿元。其中:城建税1.23、土地使用税0.88、土地增值税3.54: 73%), not as a
# complete list with an error: a misprinted part of a complete list leaves a small gap (241.09 of 241.64, 242 of 245).
PARTIAL_LIST_SHARE = Decimal("0.9")


def annex_number(text: str) -> int | None:
    """Return the number in 附表一 / 附件1 / (1) as an int."""
    digits = "一二三四五六七八九十"
    if text.isdigit():
        return int(text)
    if text in digits:
        return digits.index(text) + 1
    return None


def table_by_number(report: Report, number: int) -> Table | None:
    """Return the table whose caption carries `number` ((1) …, 附表1 …)."""
    for table in report.tables:
        match = patterns.CAPTION_NUMBER.match(table.caption or "")
        if match and annex_number(match["paren"] or match["table"] or "") == number:
            return table
    return None


def table_total_num(table: Table) -> Num | None:
    """Return the stated amount of a table's total row (the first amount cell)."""
    for row in table.rows:
        if row.kind == "total":
            for col, cell in enumerate(row.cells):
                if cell.kind == "amount" and cell.value is not None:
                    header = table.header[col] if col < len(table.header) else ""
                    return Num(cell.value, cell.unit, printed_half(cell.text), cell.text, f"table «{table.caption}» total row col «{header}»", cell.page or row.page)
    return None


@check(
    "annex_count",
    "report",
    "a count in the text before (详见附表一) against that annex table's entries",
    also={"annex_total": "an amount in the text before (详见附表一) against that annex table's 合计"},
)
def annex_checks(ctx: AuditContext) -> list[Check]:
    """A sentence's count and amount before (详见附表一) against that annex's entry count and total."""
    report = ctx.report
    checks: list[Check] = []
    previous_end = 0
    for match in patterns.ANNEX_REFERENCE.finditer(report.text):
        number = annex_number(match["number"])
        table = table_by_number(report, number) if number else None
        sentence_start, _ = ctx.sentence_span(match.start())
        start = max(sentence_start, previous_end)
        previous_end = match.end()
        if table is None or table.no_table:
            continue
        segment = ctx.figures_between(start, match.start())
        count = next((f for f in reversed(segment) if f.kind == "count"), None)
        amount = next((f for f in reversed(segment) if f.kind == "amount"), None)
        ref = match.group(0)
        if count is not None:
            stated = fig_num(report, count)
            entries = entry_count(table)
            entries_num = Num(Decimal(entries), None, ZERO, f"{entries} entries", f"table «{table.caption}»", table.pages[0] if table.pages else None)
            checks.append(judge("annex_count", stated, Decimal(entries), ZERO, [stated, entries_num], f"{ref}: count in the text against the entries of «{table.caption}»", "entries in the table"))
        total = table_total_num(table)
        if amount is not None and total is not None:
            stated = fig_num(report, amount)
            checks.append(printed_twice("annex_total", stated, total, f"{ref}: amount in the text against the stated total of «{table.caption}»", "the table's 合计"))
    return checks


def qualified_total(ctx: AuditContext, figures: list[Figure], opener: int) -> Figure | None:
    """Return the amount a 其中 list breaks down: the last own amount before it at the same bracket depth."""
    text = ctx.report.text
    for figure in reversed(figures):
        if ctx.own_amount(figure) and bracket_depth(text, figure.end, opener) == 0:
            return figure
    return None


@dataclass(frozen=True)
class ListParts:
    """The parts of a 其中 list, and the first number in it printed without a unit (a part not read), if any."""

    parts: list[Figure]
    unread: str | None = None


@dataclass(frozen=True)
class Breakdown:
    """A total and the parts its 其中 list names; `unread`: a part printed without a unit, so not among `parts`."""

    total: Figure
    parts: list[Figure]
    unread: str | None = None


def list_parts(ctx: AuditContext, total: Figure, opener: int, end: int) -> ListParts:
    """Return the parts of a 其中 list from `opener` to `end`: own amounts at the list's bracket depth.

    A change (同比增加…) belongs to the part before it and an amount in brackets (含…) to the amount
    it qualifies. The list ends at a closing bracket (a list opened inside brackets), at a clause
    opening a new statement (截止…, 共…, 2017年…), and at a part on the other side of the account
    (支出 after a 收入 total). A bare number between parts (a part printed without its unit) is not
    read as a part; it is returned as `unread`, so that a failing sum can say it cannot be verified.
    """
    report, text = ctx.report, ctx.report.text
    unread: str | None = None
    total_side = side(window(report, total, 0))
    parts: list[Figure] = []
    previous_end = opener
    for figure in ctx.figures_between(opener, end):
        depth = bracket_depth(text, opener, figure.start)
        if depth < 0 or "。" in text[opener : figure.start]:
            break
        gap = text[previous_end : figure.start]
        if depth == 0 and (bare := BARE_NUMBER.search(gap)):
            unread = bare.group(0)
        if depth == 0 and parts and NEW_STATEMENT.search(gap):
            break
        if figure.kind != total.kind or not _same_measure(total, figure) or depth != 0 or not ctx.own_amount(figure, previous_end):
            previous_end = figure.end
            continue
        part_side = side(window(report, figure, previous_end))
        if total_side and part_side and part_side != total_side:
            break
        parts.append(figure)
        previous_end = figure.end
    return ListParts(parts, unread)


def summable_total(ctx: AuditContext, total: Figure) -> bool:
    """Tell whether a total is the sum of its parts: not a bound (超过1家) nor a net figure (净亏损)."""
    return total.approx not in ("lower", "upper") and not NET_LABEL.search(window(ctx.report, total, 0))


def sentence_end(ctx: AuditContext, offset: int) -> int:
    """Return where the list opened at `offset` must end: the sentence's 。, a line break or a glued heading."""
    text = ctx.report.text
    paragraph = ctx.paragraph_at(offset)
    stop = paragraph.end if paragraph is not None else len(text)
    heading = patterns.INLINE_HEADING.search(text, offset, stop)
    ends = [e for e in (text.find("。", offset, stop), text.find("\n", offset, stop), heading.start() if heading else -1) if e >= 0]
    return min(ends) if ends else stop


def breakdown_groups(ctx: AuditContext) -> list[Breakdown]:
    """Return each 其中/分别为 list's total and parts, then those of the figures' 其中 links the lists missed."""
    report, text = ctx.report, ctx.report.text
    groups: list[Breakdown] = []
    done: set[int] = set()
    for match in patterns.BREAKDOWN_START.finditer(text):
        paragraph = ctx.paragraph_at(match.start())
        if paragraph is None:
            continue
        sentence_start = text.rfind("。", paragraph.start, match.start()) + 1 or paragraph.start
        if text[sentence_start : match.start()].strip(" (") == "":  # 其中 opens a sentence: the previous one's total
            sentence_start = text.rfind("。", paragraph.start, sentence_start - 1) + 1 or paragraph.start
        before = [f for f in ctx.figures_between(sentence_start, match.start()) if f.kind in {"amount", "count"}]
        total = qualified_total(ctx, before, match.start())
        if total is None or total.index in done or not summable_total(ctx, total):
            continue
        if PARTIAL_LIST.search(text[match.end() : match.end() + 6]):
            done.add(total.index)
            continue  # 其中较大的项目有…: some of the parts, not all
        end = sentence_end(ctx, match.end())
        nested = patterns.BREAKDOWN_START.search(text, match.end(), end)
        listed = list_parts(ctx, total, match.end(), nested.start() if nested else end)
        parts = listed.parts
        if len(parts) >= 2 and not ETC_AFTER.match(text[parts[-1].end : parts[-1].end + 3]):
            groups.append(Breakdown(total, parts, listed.unread))
        done.add(total.index)
    by_index = {f.index: f for f in report.figures}
    linked: dict[int, list[Figure]] = defaultdict(list)
    for figure in report.figures:
        if figure.part_of is not None and figure.part_of in by_index:
            linked[figure.part_of].append(figure)
    for t, linked_parts in linked.items():
        total = by_index[t]
        if t in done or not ctx.own_amount(total) or not summable_total(ctx, total):
            continue
        opener = patterns.BREAKDOWN_START.search(text, total.end, linked_parts[0].start)
        start = opener.end() if opener else total.end
        listed = list_parts(ctx, total, start, linked_parts[-1].end)
        parts = [p for p in listed.parts if p in linked_parts]
        if len(parts) >= 2 and not ETC_AFTER.match(text[parts[-1].end : parts[-1].end + 3]):
            groups.append(Breakdown(total, parts, listed.unread))
    return sorted(groups, key=lambda g: g.total.start)


def _same_measure(total: Figure, part: Figure) -> bool:
    """Tell whether a part is measured like its total (money with money, 个 with 个)."""
    return total.kind == "amount" or total.unit == part.unit


@check(
    "breakdown",
    "report",
    "a total followed by its 其中 parts against their sum",
    also={"share": "a part's 占X% against part / total"},
)
def breakdown_checks(ctx: AuditContext) -> list[Check]:
    """A total followed by its 其中 parts against their sum; a part's 占X% against part / total."""
    report = ctx.report
    checks: list[Check] = []
    for group in breakdown_groups(ctx):
        total, parts = group.total, group.parts
        stated = fig_num(report, total)
        nums = [fig_num(report, p) for p in parts]
        if stated is None or any(n is None for n in nums):
            continue
        what = f"breakdown of {stated.surface} into {len(parts)} parts"
        if stated.half >= Decimal("0.5"):
            what += f" (total printed to whole {stated.unit or 'units'}: ±{fmt(stated.half)})"
        check_ = sum_check("breakdown", stated, nums, what)
        if check_.status == "fail":
            # The list may end before the sentence does (…保洁243.96万元,结余资金838.36万元): the first
            # run of parts that reaches the total is the list.
            for n in range(2, len(nums)):
                shorter = sum_check("breakdown", stated, nums[:n], f"breakdown of {stated.surface} into its first {n} parts (the list ends there)")
                if shorter.status == "pass":
                    check_, parts, nums = shorter, parts[:n], nums[:n]
                    break
        if check_.status == "fail" and group.unread:
            check_ = unverifiable("breakdown", stated, check_.computed, [stated, *nums], f"{what}: a part printed without a unit ({group.unread}) is not read, so the sum cannot be verified")
        elif check_.status == "fail" and main_items_only(ctx, stated, check_.computed, parts):
            share = f"{check_.computed / stated.value:.0%}"
            check_ = unverifiable(
                "breakdown", stated, check_.computed, [stated, *nums],
                f"{what}: the parts add up to {fmt(check_.computed, stated.unit)}, {share} of the total, and name no residual (其他…) part: the list may name the main items only, so the sum cannot be verified",
            )  # fmt: skip
        checks.append(check_)
        for part, num in zip(parts, nums):
            share = next((f for f in ctx.figures_from(part.end + 1) if f.kind == "rate"), None)
            if share is None or ctx.role_of.get(share.index) != "share" or report.text[part.end : share.start].count(",") > 1:
                continue
            if patterns.SHARE_WORD.search(report.text[part.end : share.start]):
                checks.append(rate_check("share", fig_num(report, share), num, stated, f"share of {num.surface} in {stated.surface}"))
    return checks


def main_items_only(ctx: AuditContext, stated: Num, computed: Decimal, parts: list[Figure]) -> bool:
    """Tell whether a 其中 list's parts fall well short of its total (PARTIAL_LIST_SHARE) and none names the rest (其他…)."""
    if stated.value <= 0 or computed >= stated.value * PARTIAL_LIST_SHARE:
        return False
    previous_end = 0
    for part in parts:
        if RESIDUAL_PART.search(window(ctx.report, part, previous_end)):
            return False
        previous_end = part.end
    return True


def last_before(ctx: AuditContext, position: int, role: str, paragraph: int | None) -> int | None:
    """Return the position of the nearest earlier figure with `role` in the same paragraph."""
    items = ctx.items
    for i in range(position - 1, -1, -1):
        figure, r = items[i]
        if ctx.paragraph_index(figure.start) != paragraph:
            return None
        if r == role:
            return i
    return None


@check("difference", "report", "送审 − 审定 = 审减, from the figures of one paragraph")
def difference_checks(ctx: AuditContext) -> list[Check]:
    """送审 − 审定 = 审减, each from the figures of one paragraph."""
    report, items = ctx.report, ctx.items
    checks: list[Check] = []
    for i, (figure, role) in enumerate(items):
        if role != "cut":
            continue
        paragraph = ctx.paragraph_index(figure.start)
        sub, app = last_before(ctx, i, "submitted", paragraph), last_before(ctx, i, "approved", paragraph)
        if sub is not None and app is not None:
            cut, submitted, approved = (fig_num(report, items[k][0]) for k in (i, sub, app))
            sv, sh = in_unit(submitted, cut.unit)
            av, ah = in_unit(approved, cut.unit)
            how = f"{submitted.surface} − {approved.surface}"
            checks.append(judge("difference", cut, sv - av, sh + ah, [cut, submitted, approved], "cut = submitted − approved", how))
    return checks


@check("cut_rate", "report", "审减率 (核减率) = 审减 / 送审, from the figures of one paragraph")
def cut_rate_checks(ctx: AuditContext) -> list[Check]:
    """审减率 (核减率) = 审减 / 送审, each from the figures of one paragraph."""
    report, items = ctx.report, ctx.items
    checks: list[Check] = []
    for i, (figure, role) in enumerate(items):
        if role != "cut_rate":
            continue
        paragraph = ctx.paragraph_index(figure.start)
        cut_at, sub = last_before(ctx, i, "cut", paragraph), last_before(ctx, i, "submitted", paragraph)
        if cut_at is not None and sub is not None:
            rate, cut, submitted = fig_num(report, figure), fig_num(report, items[cut_at][0]), fig_num(report, items[sub][0])
            checks.append(rate_check("cut_rate", rate, cut, submitted, "cut rate = cut / submitted"))
    return checks


@check("execution_rate", "report", "an execution rate against spending / budget printed in its sentence")
def execution_checks(ctx: AuditContext) -> list[Check]:
    """Execution rate = spending / budget, both printed in the rate's sentence, each budget used once."""
    report, items = ctx.report, ctx.items
    checks: list[Check] = []
    for i, (figure, role) in enumerate(items):
        if role != "execution_rate":
            continue
        start, _ = ctx.sentence_span(figure.start)
        earlier = []
        for k in range(i - 1, -1, -1):
            if items[k][0].start < start:
                break
            if items[k][0].kind == "amount":
                earlier.append((k, items[k][0], items[k][1]))
        earlier.reverse()
        spend = next(((k, f) for k, f, r in reversed(earlier) if r == "spending"), None)
        if spend is None:
            continue
        budget = next(((k, f) for k, f, r in reversed(earlier) if k < spend[0] and r == "budget"), None)
        between = [r for k, f, r in earlier if budget and budget[0] < k < spend[0]]
        if budget is None or "spending" in between:
            continue  # the budget printed belongs to another spending figure
        rate, spending, planned = fig_num(report, figure), fig_num(report, spend[1]), fig_num(report, budget[1])
        checks.append(rate_check("execution_rate", rate, spending, planned, "execution rate = spending / budget"))
    return checks


def base_phrase(report: Report, sentence: tuple[int, int], before: int) -> str | None:
    """Return the base a change is compared with (`2025年预算执行数` in 比2025年预算执行数增加), if named."""
    text = report.text[sentence[0] : before]
    matches = list(patterns.COMPARED_WITH.finditer(text))
    if not matches:
        return None
    phrase = matches[-1]["base"] or matches[-1]["base2"]
    return phrase.strip() if phrase else None


def stated_base(ctx: AuditContext, phrase: str, exclude: tuple[int, ...] = ()) -> Figure | None:
    """Find the amount a named base is stated with anywhere in the report, its own sentence first.

    `2025年预算执行数400.00万元` or, in the sentence of the change, `…当年预算执行数为X万元`;
    `exclude` holds the start offsets of the figures the check already uses.
    """
    noun = BASE_YEAR.sub("", phrase)
    if len(patterns.HAN_CHAR.findall(noun)) < 2:
        return None  # only a year: the base is not named as an item
    text = ctx.report.text
    start = text.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        if end < len(text) and text[end] in BASE_VERBS:
            end += 1  # 预算执行数为400.00万元
        figure = ctx.amount_at.get(end)
        if figure is not None and figure.start not in exclude:
            return figure
        start = text.find(phrase, end)
    return None


def _direction(check: Check, negative: bool, delta: Decimal) -> Check:
    """Fail a change-rate check whose word (增长/下降) contradicts the sign of the change."""
    if delta and (delta < 0) != negative and check.status == "pass":
        check.status = "fail"
        check.message += f"; but the report says {'下降/减少' if negative else '增长/增加'} while the numbers go the other way"
    return check


@check(
    "change_rate",
    "report",
    "a change rate 比…增长/下降 R% against the current value and the base (stated, or implied by the change)",
    also={"change_amount": "a change 比…增加/减少 D against the current value and the stated base"},
)
def change_checks(ctx: AuditContext) -> list[Check]:
    """A change 比…增加 D / 增长 R% against the current value and the base (stated, or implied by D)."""
    report, items = ctx.report, ctx.items
    checks: list[Check] = []
    for i, (figure, role) in enumerate(items):
        if role != "change_rate":
            continue
        sentence = ctx.sentence_span(figure.start)
        paragraph = ctx.paragraph_index(figure.start)
        rate = fig_num(report, figure)
        negative = bool(NEGATIVE_CHANGE.search(window(report, figure, items[i - 1][0].end if i else 0)))
        change_at = i - 1 if i and items[i - 1][1] == "change" and items[i - 1][0].start >= sentence[0] else None
        current_at = None
        for k in range(i - 1, -1, -1):
            candidate = items[k][0]
            if ctx.paragraph_index(candidate.start) != paragraph:
                break
            # The amount changed is the last own one outside brackets (…收入282736万元(含…13650万元),同比增收…).
            if candidate.kind == "amount" and ctx.own_amount(candidate) and bracket_depth(report.text, candidate.end, figure.start) == 0:
                current_at = k
                break
        if current_at is None:
            continue
        current = fig_num(report, items[current_at][0])
        change = fig_num(report, items[change_at][0]) if change_at is not None else None
        rate_word_negative = negative
        if change_at is not None:  # the change's own word (减少221.68万元) sets the direction of the base
            negative = bool(NEGATIVE_CHANGE.search(window(report, items[change_at][0], items[change_at - 1][0].end if change_at else 0)))
        phrase = base_phrase(report, sentence, figure.start)
        used = (items[current_at][0].start, figure.start) + ((items[change_at][0].start,) if change_at is not None else ())
        base_figure = stated_base(ctx, phrase, used) if phrase else None
        what = f"change rate {'down' if negative else 'up'} {rate.surface}"
        if base_figure is not None:
            base = fig_num(report, base_figure)
            bv, bh = in_unit(base, current.unit)
            delta = Num(abs(current.value - bv), current.unit, current.half + bh, f"({current.surface} − {base.surface})", current.source, current.page)
            base_num = Num(bv, current.unit, bh, base.surface, base.source, base.page)
            checks.append(_direction(rate_check("change_rate", rate, delta, base_num, f"{what} against the stated base «{phrase}»", [current]), negative, current.value - bv))
            if change is not None:
                checks.append(judge("change_amount", change, abs(current.value - bv), current.half + bh, [change, current, base], f"change against the stated base «{phrase}»", f"|{current.surface} − {base.surface}|"))
        elif change is not None:
            cv, ch = in_unit(change, current.unit)
            base_value = current.value + cv if negative else current.value - cv
            base_num = Num(base_value, current.unit, current.half + ch, f"({current.surface} {'+' if negative else '−'} {change.surface})", "base implied by the current value and the change", current.page)
            delta = Num(cv, current.unit, ch, change.surface, change.source, change.page)
            if base_value == 0:
                checks.append(unverifiable("change_rate", rate, None, [rate, current, change], f"{what}: the implied base ({base_num.surface}) is zero, so a rate is undefined (a new item?); the report prints {rate.surface}"))
            else:
                check_ = rate_check("change_rate", rate, delta, base_num, f"{what} = change / (base implied as {base_num.surface})", [current])
                if rate_word_negative != negative and check_.status == "pass":
                    check_.status = "fail"
                    check_.message += f"; but the rate is printed as {'下降' if rate_word_negative else '增长'} while the change is {'a decrease' if negative else 'an increase'}"
                checks.append(check_)
        else:
            checks.append(unverifiable("change_rate", rate, None, [rate, current], f"{what}: the base ({phrase or 'previous period'}) is not stated anywhere in the report"))
    return checks


def compatible(a: SubjectPath, b: SubjectPath) -> bool:
    """Tell whether two paths may name one item: fund, scope and measure equal where both name one."""
    return all(x is None or y is None or x == y for x, y in ((a.fund, b.fund), (a.scope, b.scope), (a.measure, b.measure)))


def sibling_items(ctx: AuditContext, a: Figure, b: Figure) -> bool:
    """Tell whether two amounts sit under two sibling sub-headings (two items of one list), so name two things."""
    pa, pb = ctx.paragraph_at(a.start), ctx.paragraph_at(b.start)
    sa = pa.section if pa is not None else None
    sb = pb.section if pb is not None else None
    if sa is None or sb is None or sa == sb:
        return False
    sections = ctx.report.sections
    # Top-level parts (一、二、) restate one report's figures; sub-headings under one parent list items.
    parent = sections[sa].parent
    return parent is not None and parent == sections[sb].parent and sections[sa].title != sections[sb].title


@check("consistency", "report", "one item, with the same fund, scope, year and measure, stated twice with two different amounts")
def consistency_checks(ctx: AuditContext) -> list[Check]:
    """The same item stated with two different amounts in one report fails; repeated equal amounts pass."""
    report = ctx.report
    mentions: dict[tuple[str, SubjectPath], list[Figure]] = defaultdict(list)
    previous_end = 0
    for figure in report.figures:
        if figure.kind in MEASURED_KINDS:
            continue  # a count inside a name (`住房公积金(01项)`) is part of the label, not a boundary
        label = item_label(report, figure, previous_end) if figure.kind == "amount" else None
        previous_end = figure.end
        # A bound (单位价值50万元以上) or a change is not an item's own amount.
        if label and ctx.role_of.get(figure.index) != "change" and figure.approx not in ("lower", "upper"):
            # Fund, scope and measure are often named once and left out after: compared pair by pair below.
            mentions[(label_key(label), replace(subject_path(ctx, figure), fund=None, scope=None, measure=None))].append(figure)
    checks: list[Check] = []
    for (label, path), figures in mentions.items():
        if len(figures) < 2 or len({ctx.sentence_span(f.start) for f in figures}) < 2:
            continue
        first = fig_num(report, figures[0])
        for other in figures[1:]:
            if sibling_items(ctx, figures[0], other) or not compatible(subject_path(ctx, figures[0]), subject_path(ctx, other)):
                continue  # (一)因公出国(境)经费 … 预算安排0万元 and (二)公务接待费 … 预算安排30万元: two items
            num = fig_num(report, other)
            check_ = printed_twice("consistency", first, num, f"«{label}» ({describe(path)}) stated twice", f"elsewhere {num.surface}")
            checks.append(check_)
            if check_.status == "fail":
                break
    return checks


@check("zero_change", "report", "a change stated against a zero amount (支出0万元,比上年增加X万元: last year would be −X)")
def zero_change_checks(ctx: AuditContext) -> list[Check]:
    """An increase stated for an amount printed as 0 fails (the year before would be negative); a decrease passes."""
    report, text = ctx.report, ctx.report.text
    checks: list[Check] = []
    for figure, role in ctx.items:
        if role != "change" or figure.kind != "amount":
            continue
        sentence_start, _ = ctx.sentence_span(figure.start)
        before = [f for f in ctx.figures_between(sentence_start, figure.start) if f.kind == "amount"]
        current = qualified_total(ctx, before, figure.start)
        if current is None or fig_num(report, current).value != 0:
            continue
        change, zero = fig_num(report, figure), fig_num(report, current)
        if change.value == 0:
            continue
        previous_end = max((f.end for f in before), default=sentence_start)
        negative = bool(NEGATIVE_CHANGE.search(window(report, figure, previous_end)))
        implied = change.value if negative else -change.value
        base = Num(implied, change.unit, change.half, f"({zero.surface} {'+' if negative else '−'} {change.surface})", "the year before, implied by the amount and its change", change.page)
        what = f"{zero.surface} with a change of {'−' if negative else '+'}{change.surface}"
        if negative:
            checks.append(judge("zero_change", zero, zero.value, ZERO, [zero, change, base], what, "a decrease to zero"))
        else:
            check_ = unverifiable("zero_change", zero, implied, [zero, change, base], f"{what}: the year before would be {fmt(implied, change.unit)}, below zero: real error?")
            check_.status = "fail"
            checks.append(check_)
    return checks
