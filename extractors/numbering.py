"""Where a numbered heading stands in the tree: the numbering of the headings still open above it.

Shared by extractors/flat_text.py (which markers of a one-line body open headings) and
extractors/segment.py (which section a heading belongs under), so both read a document's numbering
the same way, a marker's number included (`marker_number`). A heading continues the sequence of the
innermost open heading of its marker kind numbered one less (`二、` after `一、`, closing what was open
under it); a `一、` numbered 1 right under a `四、存在问题` is a list nested under that heading (a
document does not restart its top numbering), so the later `五、` still follows `四、`; any other
heading closes the headings of its kind or deeper.
"""

from __future__ import annotations

from dataclasses import dataclass

# Marker kinds (1: 一、, 2: (一)) whose restart at 1 right under a heading of the same kind is a
# nested list; an Arabic `1.` after `2.` is as often a second list under the same heading.
MAX_NESTED_RESTART_LEVEL = 2
# `-` is 一 typed as a dash, a look-alike (`（－）狠抓税收征管` for `（一）`, 2018 中楼乡).
CHINESE_DIGITS = {"-": 1, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def chinese_number(text: str) -> int:
    """Given a Chinese numeral up to 99 (三, 十二, 二十一), return its value."""
    if len(text) == 1:
        return CHINESE_DIGITS.get(text, 0)
    if text[0] == "十":
        return 10 + CHINESE_DIGITS.get(text[1], 0)
    tens = CHINESE_DIGITS.get(text[0], 0) * 10
    return tens + (CHINESE_DIGITS.get(text[2], 0) if len(text) == 3 else 0)


def marker_number(printed: str) -> int:
    """Given the number of a heading marker as printed (`number` of patterns.HEADING_LEVELS or FLAT_HEADING_MARKERS: 12, 十二, -), return its value."""
    return int(printed) if printed.isdigit() else chinese_number(printed)


@dataclass(frozen=True)
class Placement:
    """Where a heading goes: how many open headings stay open above it, and how its number follows theirs."""

    keep: int  # the open headings kept above it; its parent is the last of them
    follows: str  # `next` (after an open sibling), `first` (1, none of its kind open), `nested`, `restart` (1 again), `other`

    @property
    def in_sequence(self) -> bool:
        """Whether its number continues the numbering (anything but `other`)."""
        return self.follows != "other"

    @property
    def exactly_next(self) -> bool:
        """Whether its number is the very next at its level (a sibling's, or 1 where none of its kind is open)."""
        return self.follows in ("next", "first")


def place(open_numbers: list[tuple[int, int]], level: int, number: int) -> Placement:
    """Given the open headings' (marker level, number), outermost first, and a new heading's, return its placement."""
    for depth in range(len(open_numbers) - 1, -1, -1):
        if open_numbers[depth] == (level, number - 1):
            return Placement(depth, "next")  # the next sibling: what was open under the previous one closes
    if number == 1 and nests_a_list(open_numbers, level):
        return Placement(len(open_numbers), "nested")  # 四、存在问题 一、…: a list under the heading just opened
    keep = len(open_numbers)
    while keep and open_numbers[keep - 1][0] >= level:
        keep -= 1
    if number != 1:
        return Placement(keep, "other")
    return Placement(keep, "restart" if any(lv == level for lv, _ in open_numbers) else "first")


def nests_a_list(open_numbers: list[tuple[int, int]], level: int) -> bool:
    """Tell whether a heading numbered 1 starts a list under the innermost open heading, which is of its own kind.

    Only under a later heading of a top sequence (`四、`, not `一、`: a flattened table repeats `一、…一、…`
    rows) and only one list deep (a restarted list inside a restarted list is table rows again).
    """
    if not open_numbers or open_numbers[-1][0] != level or level > MAX_NESTED_RESTART_LEVEL:
        return False
    return open_numbers[-1][1] > 1 and sum(lv == level for lv, _ in open_numbers) == 1
