"""Structure for text whose line breaks were lost (web pages saved as one line, some PDF exports).

Given such a run of text, return it cut into the pieces a reader sees: headings (一、/(一)/1./(1))
where a marker follows a sentence end, a lead-in colon, a space or the heading before it and
continues the numbering; a heading's title cut from the paragraph it runs into; and paragraphs at
the spaces a web page left where its paragraphs ended. The pieces are then cleaned and segmented
like any other blocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from extractors import patterns

HEADING_END_WORDS_FILE = Path(__file__).parent / "data" / "heading_end_words.txt"
# A text is "flat" when its lines are this long on average: prose exported with line breaks runs
# ~100-300 characters a paragraph (the corpus reports at most 261); a page saved as one line, thousands.
FLAT_MEAN_LINE_CHARS = 500
# A body of at most this many non-empty lines that holds a long line is flat too (title + one body line).
FLAT_MAX_LINES = 3
FLAT_MIN_CHARS = 200
# A heading title is short: beyond this many characters the heading runs into its paragraph.
MAX_HEADING_TITLE_CHARS = 30
# A heading printed as a whole sentence is this short (`2.预警问题处理不及时。`); a longer one runs into its text.
MAX_SENTENCE_HEADING_CHARS = 16
# A title shorter than this is too short to end at a heading word (`情况` alone is not a title).
MIN_HEADING_TITLE_CHARS = 2
# Characters after a heading word that link it to more of the heading (评价原则、评价指标, 问题和建议).
HEADING_LINK_CHARS = "和及与的、之类,，“”\"("
# Words after a heading word that continue its title: a compound's second noun or a modifier of the
# next heading word (评价工作情况, 指标体系, 目标完成情况, 评价总体情况, 决算平衡情况).
HEADING_COMPOUND_WORDS = ("总体", "整体", "基本", "主要", "具体", "平衡", "工作", "体系", "完成", "执行", "实施", "管理", "资金", "编制", "公开", "设置", "构成")
# Words before a year that make it part of the phrase, not the start of a paragraph (与2016年相比, 较2017年).
YEAR_LINK_CHARS = ("与", "较", "比", "至", "到", "和", "及", "在", "于", "的")
CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


@dataclass(frozen=True)
class Marker:
    """A heading marker found in a run of text."""

    level: int
    number: int
    start: int
    end: int


@cache
def heading_end_words() -> tuple[str, ...]:
    """Load the words a heading title ends with (extractors/data/heading_end_words.txt)."""
    lines = HEADING_END_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def is_flat(text: str) -> bool:
    """Tell whether a text lost its line breaks: very long lines on average, or one long line."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return False
    longest = max(len(line) for line in lines)
    mean = sum(len(line) for line in lines) / len(lines)
    return mean >= FLAT_MEAN_LINE_CHARS or (len(lines) <= FLAT_MAX_LINES and longest >= FLAT_MIN_CHARS)


def chinese_number(text: str) -> int:
    """Given a Chinese numeral up to 99 (三, 十二, 二十一), return its value."""
    if len(text) == 1:
        return CHINESE_DIGITS.get(text, 0)
    if text[0] == "十":
        return 10 + CHINESE_DIGITS.get(text[1], 0)
    tens = CHINESE_DIGITS.get(text[0], 0) * 10
    return tens + (CHINESE_DIGITS.get(text[2], 0) if len(text) == 3 else 0)


def marker_candidates(text: str) -> list[Marker]:
    """Return every heading marker of any level in `text`, in order of position."""
    found: list[Marker] = []
    for level, pattern in patterns.FLAT_HEADING_MARKERS:
        for match in pattern.finditer(text):
            raw = match["number"]
            number = int(raw) if raw.isdigit() else chinese_number(raw)
            found.append(Marker(level, number, match.start(), match.end()))
    return sorted(found, key=lambda m: (m.start, m.level))


def accepted_markers(text: str) -> list[Marker]:
    """Return the markers that open headings: in sequence at their level, after a boundary.

    A marker after a sentence end, a colon or a space opens a heading when its number comes next
    at its level (or restarts a list at 1); a Chinese-numeral marker glued to the title of the
    heading just opened (`一、项目基本情况(一)项目概况`) opens one only when it is exactly next.
    """
    last: dict[int, int] = {}
    accepted: list[Marker] = []
    for marker in marker_candidates(text):
        if accepted and marker.start < accepted[-1].end:
            continue
        expected = last.get(marker.level, 0) + 1
        boundary = marker.start == 0 or bool(patterns.FLAT_BOUNDARY_BEFORE.search(text[: marker.start]))
        in_sequence = marker.number == expected or (boundary and marker.number == 1)
        if not in_sequence or not (boundary or glued_in_sequence(text, accepted, marker, expected)):
            continue
        accepted.append(marker)
        last[marker.level] = marker.number
        for deeper in [lv for lv in last if lv > marker.level]:
            del last[deeper]
    return accepted


def glued_in_sequence(text: str, accepted: list[Marker], marker: Marker, expected: int) -> bool:
    """Tell whether a Chinese-numeral marker with no boundary before it still opens a heading.

    It must be exactly the next number at its level (or the first under the heading just opened),
    and not part of an ordinal or a run of numerals (第一、二季度); an Arabic marker only as the
    first under the heading just opened (`(一)2015年预算收支情况1.一般公共预算`).
    """
    if marker.number != expected:
        return False
    if marker.number == 1 and glued_to_heading(text, accepted, marker):
        return True
    return marker.level in (1, 2) and not patterns.FLAT_NUMERAL_BEFORE.search(text[: marker.start])


def glued_to_heading(text: str, accepted: list[Marker], marker: Marker) -> bool:
    """Tell whether `marker` follows a heading opened just before it, within a title's length."""
    if not accepted:
        return False
    previous = accepted[-1]
    between = text[previous.end : marker.start]
    return previous.level < marker.level and len(between) <= MAX_HEADING_TITLE_CHARS and not patterns.SENTENCE_END.search(between)


def heading_title_end(text: str, start: int, limit: int) -> int:
    """Return where the title of a heading whose marker ends at `start` stops (an offset in `text`).

    At a sentence end with no comma before it (the heading is a sentence); else after the first
    heading word (情况, 职责, 任务 …) followed by text that does not continue it; else at the first
    space or lead-in colon (kept with the heading) within a title's length; else before a year
    opening the paragraph; else the heading keeps the whole piece (segment reads it as run-in).
    """
    window = text[start : min(limit, start + MAX_HEADING_TITLE_CHARS + 1)]
    stop = title_stop(window)
    if stop and stop.group() in "。！？!?" and stop.start() <= MAX_SENTENCE_HEADING_CHARS and "," not in window[: stop.start()]:
        return start + stop.end()  # a short heading printed as a sentence (`2.预警问题处理不及时。`)
    best = None
    for word in heading_end_words():
        position = window.find(word, MIN_HEADING_TITLE_CHARS - len(word) if len(word) < MIN_HEADING_TITLE_CHARS else 0)
        while position != -1:
            end = position + len(word)
            if end >= MIN_HEADING_TITLE_CHARS and end < len(window) and not continues_heading(window[end:]):
                if best is None or end < best:
                    best = end
                break
            position = window.find(word, position + 1)
    if best is not None and (stop is None or best < stop.start()):
        return start + best
    if stop:
        return start + (stop.start() if window[stop.start()].isspace() else stop.end())
    year = patterns.FLAT_YEAR_AFTER_TITLE.search(window, pos=MIN_HEADING_TITLE_CHARS)
    if year and "," not in window[: year.start()] and not window[: year.start()].endswith(YEAR_LINK_CHARS):
        return start + year.start()
    return limit


def title_stop(window: str) -> regex.Match[str] | None:
    """Return the first mark in `window` a heading title stops at (a space only before any comma and not before punctuation)."""
    for stop in patterns.FLAT_HEADING_STOP.finditer(window, pos=MIN_HEADING_TITLE_CHARS):
        if not stop.group().isspace():
            return stop
        after = window[stop.end() : stop.end() + 1]
        if "," not in window[: stop.start()] and not (after and patterns.FLAT_PUNCTUATION.match(after)):
            return stop
    return None


def continues_heading(rest: str) -> bool:
    """Tell whether the text after a heading word still belongs to the heading.

    It does when a linking word or mark follows (和/及/与/的/、/,) or another heading word or a
    compound's second noun (`绩效评价工作情况`, `评价指标体系`): the heading ends at a later word.
    """
    if not rest:
        return False
    return rest[0] in HEADING_LINK_CHARS or rest.startswith(heading_end_words() + HEADING_COMPOUND_WORDS)


def cut_flat_text(text: str) -> list[str]:
    """Given a run of text without line breaks, return its headings and paragraphs as separate pieces."""
    cuts = {0, len(text)}
    markers = accepted_markers(text)
    for i, marker in enumerate(markers):
        cuts.add(marker.start)
        limit = markers[i + 1].start if i + 1 < len(markers) else len(text)
        title_end = heading_title_end(text, marker.end, limit)
        if title_end < limit:
            cuts.add(title_end)
    for match in patterns.FLAT_PARAGRAPH_BREAK.finditer(text):
        cuts.add(match.end())
    bounds = sorted(cuts)
    pieces = [text[a:b].strip() for a, b in zip(bounds, bounds[1:])]
    return [piece for piece in pieces if piece]
