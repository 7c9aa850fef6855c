"""The subject path of a stated amount: which fund, scope, year and measure it is stated for.

Two statements are the same item only when their labels and subject paths match. Each part of the
path is the last one named before the amount: in its own sentence first, else in the numbered part
of the text it sits in (from the last 一、 / (一) / 1、 marker), else in its headings. The same rule
serves a segmented report (headings give the numbered parts) and a one-line body (inline markers).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extractors.audit.patterns import MONEY_AMOUNT, AMOUNT_DIGITS, FIRST_CLAUSE_END, FUND, INTRODUCES_LIST, ITEM_TITLE, NOT_A_NAME, RELATIVE_LABEL, LIST_MARKER, MEASURE, PART_MARKER, PREVIOUS_YEAR, SCOPE, TOP_PART_MARKER, YEAR
from extractors.audit.registry import AuditContext
from pipeline.models import Figure

HAN_DIGITS = {c: str(i) for i, c in enumerate("零一二三四五六七八九")} | {"○": "0", "〇": "0", "O": "0", "0": "0"}
PART_LOOKBACK = 4000  # characters searched back for the numbered part an amount sits in


@dataclass(frozen=True)
class SubjectPath:
    """Fund, scope, year and measure of a stated amount (None where the text names none)."""

    fund: str | None
    scope: str | None
    year: str | None
    measure: str | None
    item: str | None = None  # the title of the list item ((1)金融业:…) the amount is stated under
    subject: str | None = None  # the thing a sentence's first clause names when the amount is in a later one


def year_of(match: regex.Match) -> str:
    """Return the year a YEAR match names, as four digits."""
    if match["arabic"]:
        return match["arabic"]
    return "".join(HAN_DIGITS.get(c, c) for c in match["han"])


def last_named(pattern: regex.Pattern, texts: list[str]) -> str | None:
    """Return the group name of the last match of `pattern` in the first of `texts` that has one."""
    for text in texts:
        matches = list(pattern.finditer(text))
        if matches:
            return matches[-1].lastgroup
    return None


def year_named(text: str, last: bool) -> str | None:
    """Return the last (else the first) year named in `text` (上年 → 'previous'), or None."""
    years = [(m.start(), year_of(m)) for m in YEAR.finditer(text)]
    years += [(m.start(), "previous") for m in PREVIOUS_YEAR.finditer(text)]
    if not years:
        return None
    return max(years)[1] if last else min(years)[1]


def list_item(text: str) -> str | None:
    """Return the title of the list item a part of text opens with ((1)金融业:… → 金融业), or None."""
    marker = LIST_MARKER.match(text.strip())
    if marker is None:
        return None
    title = ITEM_TITLE.match(text.strip(), marker.end())
    return title.group(0) if title else None


def sentence_subject(before: str) -> str | None:
    """Return the thing an amount in a later clause of its sentence is stated for.

    The sentence's first clause when it only names a thing (路面工程:…); else the clause just
    before, when it states its own amount (路面工程完成4892.85万元,累计完成6171.98万元: the 累计
    is the 路面工程's).
    """
    clauses = FIRST_CLAUSE_END.split(before)
    if len(clauses) < 2:
        return None
    first = clauses[0].strip()
    if not AMOUNT_DIGITS.search(first) and not INTRODUCES_LIST.search(first):
        return NOT_A_NAME.sub("", first) or None
    previous = clauses[-2].strip()
    if RELATIVE_LABEL.match(clauses[-1].strip()) and MONEY_AMOUNT.search(previous):
        return NOT_A_NAME.sub("", previous) or None
    return None


def part_start(ctx: AuditContext, offset: int, marker: regex.Pattern = PART_MARKER) -> int:
    """Return where the numbered part of the text holding `offset` starts (its last `marker`: 一、/(一)/1、)."""
    paragraph = ctx.paragraph_at(offset)
    floor = paragraph.start if paragraph is not None else 0
    start = max(floor, offset - PART_LOOKBACK)
    markers = list(marker.finditer(ctx.report.text, start, offset))
    return markers[-1].start() if markers else floor


def subject_path(ctx: AuditContext, figure: Figure) -> SubjectPath:
    """Return the subject path of an amount: sentence, then its numbered part, then its headings."""
    cached = ctx.cache.setdefault("subject_paths", {})
    if figure.index in cached:
        return cached[figure.index]
    text = ctx.report.text
    sentence_start, _ = ctx.sentence_span(figure.start)
    sentence = text[sentence_start : figure.start]
    part = text[part_start(ctx, figure.start) : figure.start]
    top_part = text[part_start(ctx, figure.start, TOP_PART_MARKER) : figure.start]
    headings = ctx.section_path_at(figure.start)
    texts = [sentence, part, top_part, headings]
    # A part's year is the one its opening names (二、2015年预算草案), not a year it compares with later.
    year = year_named(sentence, last=True) or year_named(part, last=False) or year_named(top_part, last=False) or year_named(headings, last=True)
    path = SubjectPath(last_named(FUND, texts), last_named(SCOPE, texts), year, last_named(MEASURE, texts), list_item(part), sentence_subject(sentence))
    cached[figure.index] = path
    return path


def describe(path: SubjectPath) -> str:
    """Return a subject path for a message: `fund general, year 2014, measure actual`."""
    parts = [f"{name} {value}" for name, value in vars(path).items() if value]
    return ", ".join(parts) or "no fund, scope, year or measure named"
