"""Audit checks on the narrative: annex references, 其中 breakdowns, differences, rates, changes, repeats.

Each check kind is a function of the report's AuditContext (extractors/audit/registry.py) returning
`list[Check]`. What a number *is* (送审, 审定, 预算, 决算, a change, a share) is its role
(extractors/audit/roles.py), read once per report.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from extractors import patterns
from extractors.audit.core import ZERO, Num, fmt, in_unit, judge, printed_half, printed_twice, rate_check, sum_check, unverifiable
from extractors.audit.paths import SubjectPath, describe, subject_path
from extractors.audit.patterns import BASE_YEAR, GENERIC_LABEL, LABEL_LEAD, LABEL_TAIL, LABEL_VARIANT, NEGATIVE_CHANGE, NOT_AN_ITEM_LABEL, OPEN_BRACKET, YEAR
from extractors.audit.registry import AuditContext, Items, check
from extractors.audit.roles import fig_num, window
from extractors.table_rows import entry_count
from pipeline.models import Check, Figure, Report, Table

BASE_VERBS = "为是达共"  # one verb may stand between a base's name and its amount
# Names too generic to say two amounts are the same item (年初预算为…, 采购金额…).
GENERIC_LABELS = frozenset(
    {"年初预算", "支出决算", "决算", "预算", "金额", "资金", "采购金额", "涉及金额", "涉及资金", "涉及预算金额", "预算金额", "总额", "单价", "其中", "合计", "共计"}
)


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


def breakdown_groups(ctx: AuditContext) -> list[tuple[Figure, list[Figure]]]:
    """Return (total, parts) from the figures' 其中 links, then from 其中/分别为 the links missed."""
    if "breakdown_groups" in ctx.cache:
        return ctx.cache["breakdown_groups"]
    report = ctx.report
    by_index = {f.index: f for f in report.figures}
    linked: dict[int, list[Figure]] = defaultdict(list)
    for figure in report.figures:
        if figure.part_of is not None and figure.part_of in by_index:
            linked[figure.part_of].append(figure)
    groups = [(by_index[t], parts) for t, parts in linked.items() if len(parts) >= 2]
    done = {t.index for t, _ in groups}
    for match in patterns.BREAKDOWN_START.finditer(report.text):
        paragraph = ctx.paragraph_at(match.start())
        if paragraph is None:
            continue
        sentence_start = report.text.rfind("。", paragraph.start, match.start()) + 1 or paragraph.start
        candidates = [f for f in ctx.figures_between(paragraph.start, match.start()) if f.kind in {"amount", "count"}]
        if sentence_start >= match.start() - 1 and candidates:  # 其中 opens a sentence: the previous one's figure
            previous_start = report.text.rfind("。", paragraph.start, sentence_start - 1) + 1 or paragraph.start
            previous = [f for f in candidates if f.start >= previous_start]
            total = previous[0] if len(previous) == 1 else None
        else:
            inside = [f for f in candidates if f.start >= sentence_start]
            total = inside[-1] if inside else None
        if total is None or total.index in done:
            continue
        # The parts end at the sentence's 。 or at a line break (a heading glued to a list ending in ;).
        heading = patterns.INLINE_HEADING.search(report.text, match.end(), paragraph.end)
        ends = [e for e in (report.text.find("。", match.end(), paragraph.end), report.text.find("\n", match.end(), paragraph.end), heading.start() if heading else -1) if e >= 0]
        end = min(ends) if ends else paragraph.end
        parts = [f for f in ctx.figures_between(match.end(), end) if f.kind == total.kind and _same_measure(total, f)]
        if len(parts) >= 2:
            groups.append((total, parts))
            done.add(total.index)
    ctx.cache["breakdown_groups"] = groups = sorted(groups, key=lambda g: g[0].start)
    return groups


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
    for total, parts in breakdown_groups(ctx):
        stated = fig_num(report, total)
        nums = [fig_num(report, p) for p in parts]
        if stated is None or any(n is None for n in nums):
            continue
        what = f"breakdown of {stated.surface} into {len(parts)} parts"
        if stated.half >= Decimal("0.5"):
            what += f" (total printed to whole {stated.unit or 'units'}: ±{fmt(stated.half)})"
        checks.append(sum_check("breakdown", stated, nums, what))
        for part, num in zip(parts, nums):
            share = next((f for f in ctx.figures_between(part.end + 1, len(report.text) + 1) if f.kind == "rate"), None)
            if share is None or ctx.role_of.get(share.index) != "share" or report.text[part.end : share.start].count(",") > 1:
                continue
            if patterns.SHARE_WORD.search(report.text[part.end : share.start]):
                checks.append(rate_check("share", fig_num(report, share), num, stated, f"share of {num.surface} in {stated.surface}"))
    return checks


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


def stated_base(ctx: AuditContext, phrase: str, exclude: tuple[int, int]) -> Figure | None:
    """Find the amount a named base is stated with anywhere in the report (`2025年预算执行数400.00万元`)."""
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
        if figure is not None and not exclude[0] <= start < exclude[1]:
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
            if items[k][0].kind == "amount" and items[k][1] != "change":
                current_at = k if ctx.paragraph_index(items[k][0].start) == paragraph else None
                break
        if current_at is None:
            continue
        current = fig_num(report, items[current_at][0])
        change = fig_num(report, items[change_at][0]) if change_at is not None else None
        phrase = base_phrase(report, sentence, figure.start)
        base_figure = stated_base(ctx, phrase, sentence) if phrase else None
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
                checks.append(rate_check("change_rate", rate, delta, base_num, f"{what} = change / (base implied as {base_num.surface})", [current]))
        else:
            checks.append(unverifiable("change_rate", rate, None, [rate, current], f"{what}: the base ({phrase or 'previous period'}) is not stated anywhere in the report"))
    return checks


def item_label(report: Report, figure: Figure, previous_end: int) -> str | None:
    """Return the item an amount is stated for (`住房公积金(01项)` in 住房公积金(01项)80万元), or None."""
    words = window(report, figure, previous_end)
    if ")" not in words:
        words = OPEN_BRACKET.sub("", words)  # (其中农业支出55.36万元: the label starts inside the bracket
    words = LABEL_TAIL.sub("", LABEL_LEAD.sub("", words.strip()))
    if len(patterns.HAN_CHAR.findall(words)) < 4 or words in GENERIC_LABELS or GENERIC_LABEL.match(words):
        return None
    # A 涉及… clause gives the scope of something else (涉及财政资金达44.40亿元), not an item's own amount.
    if patterns.CHANGE_WORD.search(words) or NOT_AN_ITEM_LABEL.search(words):
        return None
    return words


def label_key(label: str) -> str:
    """Return a label without its year and spelling variants (2017年政府性债务余额 → 政府债务余额)."""
    return LABEL_VARIANT.sub("", YEAR.sub("", label)).removeprefix("年度").removeprefix("年")


@check("consistency", "report", "one item, with the same fund, scope, year and measure, stated twice with two different amounts")
def consistency_checks(ctx: AuditContext) -> list[Check]:
    """The same item stated with two different amounts in one report fails; repeated equal amounts pass."""
    report = ctx.report
    mentions: dict[tuple[str, SubjectPath], list[Figure]] = defaultdict(list)
    previous_end = 0
    for figure in report.figures:
        if figure.kind == "count":
            continue  # a count inside a name (`住房公积金(01项)`) is part of the label, not a boundary
        label = item_label(report, figure, previous_end) if figure.kind == "amount" else None
        previous_end = figure.end
        # A bound (单位价值50万元以上) or a change is not an item's own amount.
        if label and ctx.role_of.get(figure.index) != "change" and figure.approx not in ("lower", "upper"):
            mentions[(label_key(label), subject_path(ctx, figure))].append(figure)
    checks: list[Check] = []
    for (label, path), figures in mentions.items():
        if len(figures) < 2 or len({ctx.sentence_span(f.start) for f in figures}) < 2:
            continue
        first = fig_num(report, figures[0])
        for other in figures[1:]:
            num = fig_num(report, other)
            check_ = printed_twice("consistency", first, num, f"«{label}» ({describe(path)}) stated twice", f"elsewhere {num.surface}")
            checks.append(check_)
            if check_.status == "fail":
                break
    return checks
