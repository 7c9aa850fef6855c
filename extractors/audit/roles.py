"""What a figure is in a check (送审, 审定, 预算, 决算, a change, a share), and a figure as a Num.

The role is read from the figure's metric when it has a specific one, else from the words printed
just before it in its clause (its "window"): the same rule for the corpus and for other reports.
"""

from __future__ import annotations

from decimal import Decimal

from extractors.audit.core import ZERO, Num, number_text, printed_half
from extractors.audit.patterns import ROLE_WORDS
from extractors.numbers import printed_value
from pipeline.models import Figure, Report

CLAUSE_CHARS = ",;:。!?\n"
METRIC_ROLES = {"submitted", "approved", "cut", "cut_rate", "execution_rate"}


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
