"""What a figure is in a check (送审, 审定, 预算, 决算, a change, a share, an item's own amount), and a figure as a Num.

The role is read from the figure's metric when it has a specific one, else from the words printed
just before it in its clause (its "window"): the same rule for the corpus and for other reports.
"""

from __future__ import annotations

from decimal import Decimal

from extractors import patterns
from extractors.audit.core import ZERO, Num, number_text, printed_half
from extractors.audit.patterns import (
    COMPARISON_WORDS,
    GENERIC_LABEL,
    INCOME_SIDE,
    LABEL_LEAD,
    LABEL_PLACE_TIME,
    LABEL_TAIL,
    LABEL_VARIANT,
    NOT_AN_ITEM_LABEL,
    OPEN_BRACKET,
    ROLE_WORDS,
    SPENDING_SIDE,
    YEAR,
)
from extractors.numbers import printed_value
from pipeline.models import Figure, Report

CLAUSE_CHARS = ",;:。!?\n"
METRIC_ROLES = {"submitted", "approved", "cut", "cut_rate", "execution_rate"}
# Names too generic to say two amounts are the same item (年初预算为…, 采购金额…).
GENERIC_LABELS = frozenset(
    {"年初预算", "支出决算", "决算", "预算", "金额", "资金", "采购金额", "涉及金额", "涉及资金", "涉及预算金额", "预算金额", "总额", "单价", "其中", "合计", "共计"}
)


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


def bracket_depth(text: str, start: int, end: int) -> int:
    """Return how many brackets open between two offsets are still open at `end` (negative: closed one)."""
    span = text[start:end]
    return span.count("(") + span.count("<") - span.count(")") - span.count(">")


def side(label: str) -> str | None:
    """Return the side of the account a label names: 'income', 'spending' or None."""
    income, spending = INCOME_SIDE.search(label), SPENDING_SIDE.search(label)
    if income and spending:
        return "income" if income.start() > spending.start() else "spending"
    return "income" if income else "spending" if spending else None


def own_amount(report: Report, role: str | None, figure: Figure, previous_end: int = 0) -> bool:
    """Tell whether an amount with `role` is an item's own: not a change (比上年增加…, 增收…) nor the base of a comparison."""
    if role == "change":
        return False
    return not COMPARISON_WORDS.search(window(report, figure, previous_end))


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
    label = LABEL_VARIANT.sub("", YEAR.sub("", label)).removeprefix("年度").removeprefix("年")
    return LABEL_PLACE_TIME.sub("", label)
