"""Audit checks on the narrative: annex references, 其中 breakdowns, differences, rates, changes, repeats.

Given a report whose `figures` are extracted (extractors/figures.py: value, surface, offsets, metric),
each function returns `list[Check]`. What a number *is* (送审, 审定, 预算, 决算, a change, a share)
is read from the figure's metric when it has a specific role, else from the words printed just
before it in its clause (its "window"): the same rule for the corpus and for other reports.
"""

from __future__ import annotations

import regex
from collections import defaultdict
from decimal import Decimal

from extractors import patterns
from extractors.audit_core import ZERO, Num, fmt, in_unit, judge, number_text, printed_half, printed_twice, rate_check, sum_check, unverifiable
from extractors.numbers import printed_value
from extractors.tables.rows import entry_count
from pipeline.models import Check, Figure, Report, Table

CLAUSE_CHARS = ",;:。!?\n"
# Role words, checked in the window before a figure (most specific first).
ROLE_WORDS: list[tuple[str, str, regex.Pattern]] = [
    ("rate", "cut_rate", regex.compile(r"审减率|核减率")),
    ("rate", "change_rate", regex.compile(r"增加|减少|增长|下降|上升|降低")),
    # 完成(年初)预算的98.20%; `预算的` alone catches a 完成 cut off by a line break.
    ("rate", "execution_rate", regex.compile(r"执行率|完成.{0,6}预算|为.{0,8}预算|预算的$")),
    ("rate", "share", regex.compile(r"占")),
    ("amount", "submitted", regex.compile(r"送审|申报")),
    ("amount", "approved", regex.compile(r"审定")),
    ("amount", "cut", regex.compile(r"审减|核减")),
    ("amount", "change", regex.compile(r"增加|减少|增长|下降|减")),
    ("amount", "spending", regex.compile(r"决算|完成.{0,6}支出")),
    ("amount", "budget", regex.compile(r"预算")),
]
METRIC_ROLES = {"submitted", "approved", "cut", "cut_rate", "execution_rate"}
NEGATIVE_CHANGE = regex.compile(r"减少|下降|降低|减")
# Names too generic to say two amounts are the same item (年初预算为…, 采购金额…).
GENERIC_LABELS = frozenset(
    {"年初预算", "支出决算", "决算", "预算", "金额", "资金", "采购金额", "涉及金额", "涉及资金", "涉及预算金额", "预算金额", "总额", "单价", "其中", "合计", "共计"}
)
# Role words alone (全年预算, 年初预算数, 决算): they name a column of a statement, not an item.
GENERIC_LABEL = regex.compile(r"^(?:全年|年初|本年|当年|调整)?(?:预算|决算|支出决算|支出预算)(?:数|金额)?$")
LABEL_LEAD = regex.compile(r"^(?:其中|主要用于|包括|以及|和|及|、|:)+")
LABEL_TAIL = regex.compile(r"(?:为|是|达|共|计|约|合计为|总计为)+$")


def context(report: Report, start: int, end: int, width: int = 14) -> str:
    """Return the text around an offset range, for a check's evidence."""
    return report.text[max(start - width, 0) : end + 4].replace("\n", " ")


def fig_num(report: Report, figure: Figure) -> Num | None:
    """Given a figure, return it as a Num in its printed unit (counts exact), or None for dates."""
    if figure.kind not in {"amount", "rate", "count", "score"} or isinstance(figure.value, str):
        return None
    printed = number_text(figure.surface)
    if figure.kind == "count":
        value, half = Decimal(figure.value), ZERO
    elif not printed:  # Chinese numerals: back from the normalised value to the printed unit, exact
        value, half = printed_value(figure.kind, Decimal(figure.value), figure.unit or ""), ZERO
    else:
        value = Decimal(printed.replace(",", ""))
        half = ZERO if figure.approx == "approx" else printed_half(printed)
    source = f"text «…{context(report, figure.start, figure.end)}…»"
    return Num(value, figure.unit, half, figure.surface, source, figure.page)


def window(report: Report, figure: Figure, previous_end: int) -> str:
    """Return the words before a figure in its clause, after the previous figure."""
    start = max(previous_end, 0)
    text = report.text[start : figure.start]
    cut = max(text.rfind(c) for c in CLAUSE_CHARS)
    return text[cut + 1 :] if cut >= 0 else text


def roles(report: Report) -> list[tuple[Figure, str | None]]:
    """Return every figure with its role in a check (submitted, cut_rate, change, share...)."""
    out: list[tuple[Figure, str | None]] = []
    previous_end = 0
    for figure in report.figures:
        words = window(report, figure, previous_end)
        previous_end = figure.end
        metric_role = (figure.metric or ".").split(".", 1)[1]
        role = metric_role if metric_role in METRIC_ROLES else None
        if role is None:
            family = "rate" if figure.kind == "rate" else "amount" if figure.kind == "amount" else None
            role = nearest_role(words, family)
        out.append((figure, role))
    return out


def nearest_role(words: str, family: str | None) -> str | None:
    """Return the role whose word stands closest before the number (a glued heading's 决算 loses to 年初预算为)."""
    best, best_end = None, -1
    for fam, role, pattern in ROLE_WORDS:
        if fam != family:
            continue
        ends = [m.end() for m in pattern.finditer(words)]
        if ends and max(ends) > best_end:
            best, best_end = role, max(ends)
    return best


def sentence_span(report: Report, offset: int) -> tuple[int, int]:
    """Return the (start, end) of the sentence holding an offset (the paragraph if no sentence does)."""
    for paragraph in report.paragraphs:
        if paragraph.start <= offset < paragraph.end:
            for sentence in paragraph.sentences:
                if sentence.start <= offset < sentence.end:
                    return sentence.start, sentence.end
            return paragraph.start, paragraph.end
    return offset, offset


def paragraph_of(report: Report, offset: int) -> int | None:
    """Return the index of the paragraph holding an offset."""
    return next((p.index for p in report.paragraphs if p.start <= offset < p.end), None)


def last_before(items: list[tuple[Figure, str | None]], position: int, role: str, paragraph: int | None, report: Report) -> int | None:
    """Return the position of the nearest earlier figure with `role` in the same paragraph."""
    for i in range(position - 1, -1, -1):
        figure, r = items[i]
        if paragraph_of(report, figure.start) != paragraph:
            return None
        if r == role:
            return i
    return None


def difference_checks(report: Report, items: list[tuple[Figure, str | None]]) -> list[Check]:
    """送审 − 审定 = 审减 and 审减率 (核减率) = 审减 / 送审, each from the figures of one paragraph."""
    checks: list[Check] = []
    for i, (figure, role) in enumerate(items):
        paragraph = paragraph_of(report, figure.start)
        if role == "cut":
            sub, app = last_before(items, i, "submitted", paragraph, report), last_before(items, i, "approved", paragraph, report)
            if sub is not None and app is not None:
                cut, submitted, approved = (fig_num(report, items[k][0]) for k in (i, sub, app))
                sv, sh = in_unit(submitted, cut.unit)
                av, ah = in_unit(approved, cut.unit)
                how = f"{submitted.surface} − {approved.surface}"
                checks.append(judge("difference", cut, sv - av, sh + ah, [cut, submitted, approved], "cut = submitted − approved", how))
        if role == "cut_rate":
            cut_at, sub = last_before(items, i, "cut", paragraph, report), last_before(items, i, "submitted", paragraph, report)
            if cut_at is not None and sub is not None:
                rate, cut, submitted = fig_num(report, figure), fig_num(report, items[cut_at][0]), fig_num(report, items[sub][0])
                checks.append(rate_check("cut_rate", rate, cut, submitted, "cut rate = cut / submitted"))
    return checks


def execution_checks(report: Report, items: list[tuple[Figure, str | None]]) -> list[Check]:
    """Execution rate = spending / budget, both printed in the rate's sentence, each budget used once."""
    checks: list[Check] = []
    for i, (figure, role) in enumerate(items):
        if role != "execution_rate":
            continue
        start, _ = sentence_span(report, figure.start)
        earlier = [(k, f, r) for k, (f, r) in enumerate(items[:i]) if f.start >= start and f.kind == "amount"]
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


def stated_base(report: Report, phrase: str, exclude: tuple[int, int]) -> Figure | None:
    """Find the amount a named base is stated with anywhere in the report (`2025年预算执行数400.00万元`)."""
    noun = regex.sub(r"(?:19|20)\d{2}年度?|上年度?|去年", "", phrase)
    if len(patterns.HAN_CHAR.findall(noun)) < 2:
        return None  # only a year: the base is not named as an item
    for match in regex.finditer(regex.escape(phrase) + r"(?:为|是|达|共)?", report.text):
        if exclude[0] <= match.start() < exclude[1]:
            continue
        figure = next((f for f in report.figures if f.start == match.end() and f.kind == "amount"), None)
        if figure is not None:
            return figure
    return None


def change_checks(report: Report, items: list[tuple[Figure, str | None]]) -> list[Check]:
    """A change 比…增加 D / 增长 R% against the current value and the base (stated, or implied by D)."""
    checks: list[Check] = []
    for i, (figure, role) in enumerate(items):
        if role != "change_rate":
            continue
        sentence = sentence_span(report, figure.start)
        paragraph = paragraph_of(report, figure.start)
        rate = fig_num(report, figure)
        negative = bool(NEGATIVE_CHANGE.search(window(report, figure, items[i - 1][0].end if i else 0)))
        change_at = i - 1 if i and items[i - 1][1] == "change" and items[i - 1][0].start >= sentence[0] else None
        current_at = next(
            (k for k in range(i - 1, -1, -1) if items[k][0].kind == "amount" and items[k][1] != "change" and paragraph_of(report, items[k][0].start) == paragraph),
            None,
        )
        if current_at is None:
            continue
        current = fig_num(report, items[current_at][0])
        change = fig_num(report, items[change_at][0]) if change_at is not None else None
        phrase = base_phrase(report, sentence, figure.start)
        base_figure = stated_base(report, phrase, sentence) if phrase else None
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


def _direction(check: Check, negative: bool, delta: Decimal) -> Check:
    """Fail a change-rate check whose word (增长/下降) contradicts the sign of the change."""
    if delta and (delta < 0) != negative and check.status == "pass":
        check.status = "fail"
        check.message += f"; but the report says {'下降/减少' if negative else '增长/增加'} while the numbers go the other way"
    return check


def breakdown_groups(report: Report) -> list[tuple[Figure, list[Figure]]]:
    """Return (total, parts) from the figures' 其中 links, then from 其中/分别为 the links missed."""
    by_index = {f.index: f for f in report.figures}
    linked: dict[int, list[Figure]] = defaultdict(list)
    for figure in report.figures:
        if figure.part_of is not None and figure.part_of in by_index:
            linked[figure.part_of].append(figure)
    groups = [(by_index[t], parts) for t, parts in linked.items() if len(parts) >= 2]
    done = {t.index for t, _ in groups}
    for match in patterns.BREAKDOWN_START.finditer(report.text):
        paragraph = next((p for p in report.paragraphs if p.start <= match.start() < p.end), None)
        if paragraph is None:
            continue
        sentence_start = report.text.rfind("。", paragraph.start, match.start()) + 1 or paragraph.start
        candidates = [f for f in report.figures if paragraph.start <= f.start < match.start() and f.kind in {"amount", "count"}]
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
        parts = [f for f in report.figures if match.end() <= f.start < end and f.kind == total.kind and _same_measure(total, f)]
        if len(parts) >= 2:
            groups.append((total, parts))
            done.add(total.index)
    return sorted(groups, key=lambda g: g[0].start)


def _same_measure(total: Figure, part: Figure) -> bool:
    """Tell whether a part is measured like its total (money with money, 个 with 个)."""
    return total.kind == "amount" or total.unit == part.unit


def breakdown_checks(report: Report, items: list[tuple[Figure, str | None]]) -> list[Check]:
    """A total followed by its 其中 parts against their sum; a part's 占X% against part / total."""
    checks: list[Check] = []
    role_of = {f.index: r for f, r in items}
    for total, parts in breakdown_groups(report):
        stated = fig_num(report, total)
        nums = [fig_num(report, p) for p in parts]
        if stated is None or any(n is None for n in nums):
            continue
        what = f"breakdown of {stated.surface} into {len(parts)} parts"
        if stated.half >= Decimal("0.5"):
            what += f" (total printed to whole {stated.unit or 'units'}: ±{fmt(stated.half)})"
        checks.append(sum_check("breakdown", stated, nums, what))
        for part, num in zip(parts, nums):
            share = next((f for f in report.figures if f.start > part.end and f.kind == "rate"), None)
            if share is None or role_of.get(share.index) != "share" or report.text[part.end : share.start].count(",") > 1:
                continue
            if patterns.SHARE_WORD.search(report.text[part.end : share.start]):
                checks.append(rate_check("share", fig_num(report, share), num, stated, f"share of {num.surface} in {stated.surface}"))
    return checks


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


def annex_checks(report: Report) -> list[Check]:
    """A sentence's count and amount before (详见附表一) against that annex's entry count and total."""
    checks: list[Check] = []
    previous_end = 0
    for match in patterns.ANNEX_REFERENCE.finditer(report.text):
        number = annex_number(match["number"])
        table = table_by_number(report, number) if number else None
        sentence_start, _ = sentence_span(report, match.start())
        start = max(sentence_start, previous_end)
        previous_end = match.end()
        if table is None or table.no_table:
            continue
        segment = [f for f in report.figures if start <= f.start < match.start()]
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


def item_label(report: Report, figure: Figure, previous_end: int) -> str | None:
    """Return the item an amount is stated for (`住房公积金(01项)` in 住房公积金(01项)80万元), or None."""
    words = window(report, figure, previous_end)
    words = LABEL_TAIL.sub("", LABEL_LEAD.sub("", words))
    if len(patterns.HAN_CHAR.findall(words)) < 4 or words in GENERIC_LABELS or GENERIC_LABEL.match(words):
        return None
    # A 涉及… clause gives the scope of something else (涉及财政资金达44.40亿元), not an item's own amount.
    if patterns.CHANGE_WORD.search(words) or regex.search(r"增加|减少|增长|下降|^比|^较|^占|^为|^涉及", words):
        return None
    return words


def consistency_checks(report: Report) -> list[Check]:
    """The same item stated with two different amounts in one report fails; repeated equal amounts pass."""
    mentions: dict[str, list[Figure]] = defaultdict(list)
    previous_end = 0
    for figure in report.figures:
        if figure.kind == "count":
            continue  # a count inside a name (`住房公积金(01项)`) is part of the label, not a boundary
        label = item_label(report, figure, previous_end) if figure.kind == "amount" else None
        previous_end = figure.end
        if label:
            mentions[label].append(figure)
    checks: list[Check] = []
    for label, figures in mentions.items():
        if len(figures) < 2 or len({sentence_span(report, f.start) for f in figures}) < 2:
            continue
        first = fig_num(report, figures[0])
        for other in figures[1:]:
            num = fig_num(report, other)
            check = printed_twice("consistency", first, num, f"«{label}» stated twice", f"elsewhere {num.surface}")
            checks.append(check)
            if check.status == "fail":
                break
    return checks


def text_checks(report: Report) -> list[Check]:
    """Return every narrative check of a report, family by family."""
    items = roles(report)  # what each figure is (送审, 审定, a change, a share …), read once
    return (
        annex_checks(report)
        + breakdown_checks(report, items)
        + difference_checks(report, items)
        + execution_checks(report, items)
        + change_checks(report, items)
        + consistency_checks(report)
    )
