"""Structure for text whose line breaks were lost (web pages saved as one line, some PDF exports).

Given such a run of text, return it cut into the pieces a reader sees: headings (一、/(一)/1./(1))
where a marker follows a sentence end, a lead-in colon, a space or the heading before it and
continues the numbering; a heading's title cut from the paragraph it runs into; and paragraphs at
the spaces a web page left where its paragraphs ended. The pieces are then cleaned and segmented
like any other blocks.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from extractors import patterns
from extractors.contents import find_unspaced, flat_contents_end
from extractors.heading_titles import MAX_HEADING_TITLE_CHARS, heading_title_end
from extractors.numbering import MAX_NESTED_RESTART_LEVEL, Placement, marker_number, place

# A text is "flat" when its lines are this long on average: prose exported with line breaks runs
# ~100-300 characters a paragraph (the corpus reports at most 261); a page saved as one line, thousands.
FLAT_MEAN_LINE_CHARS = 500
# A body of at most this many non-empty lines that holds a long line is flat too (title + one body line).
FLAT_MAX_LINES = 3
FLAT_MIN_CHARS = 200
# A header's title shorter than this is no evidence of where a printed title ends.
MIN_TITLE_HINT_CHARS = 4
# How alike (difflib ratio) a body's head and the header's title must be to be the same title.
MIN_TITLE_SIMILARITY = 0.7
# How far into a body its printed title may run.
MAX_PRINTED_TITLE_CHARS = 100


@dataclass(frozen=True)
class Marker:
    """A heading marker found in a run of text."""

    level: int
    number: int
    start: int
    end: int


def is_flat(text: str) -> bool:
    """Tell whether a text lost its line breaks: very long lines on average, or one long line."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return False
    longest = max(len(line) for line in lines)
    mean = sum(len(line) for line in lines) / len(lines)
    return mean >= FLAT_MEAN_LINE_CHARS or (len(lines) <= FLAT_MAX_LINES and longest >= FLAT_MIN_CHARS)


def marker_candidates(text: str) -> list[Marker]:
    """Return every heading marker of any level in `text`, in order of position."""
    found: list[Marker] = []
    for level, pattern in patterns.FLAT_HEADING_MARKERS:
        for match in pattern.finditer(text):
            found.append(Marker(level, marker_number(match["number"]), match.start(), match.end()))
    return sorted(found, key=lambda m: (m.start, m.level))


def contents_span(text: str, start: int, title_hint: str | None) -> tuple[int, int] | None:
    """Return the (start, end) of a table of contents opening the text at `start` (目录 …), if any.

    It ends where the body repeats its first entry, or earlier where the document's title is
    printed between the contents and the body.
    """
    start += len(text[start:]) - len(text[start:].lstrip())
    end = flat_contents_end(text[start:])
    if end is None:
        return None
    hint = without_spaces(patterns.SITE_COLUMN_TAG.sub("", title_hint or ""))[:MIN_TITLE_HINT_CHARS * 2]
    if hint and (title_at := find_unspaced(text[start : start + end], hint, 1)) is not None:
        end = title_at
    return start, start + end


def accepted_markers(text: str, skip: tuple[int, int] | None = None) -> list[Marker]:
    """Return the markers that open headings: in sequence at their level, after a boundary.

    A marker after a sentence end, a colon or a space opens a heading when its number comes next
    at its level (or starts a list at 1, also a list restarted under a heading of its own kind:
    `四、存在问题一、…`); a Chinese-numeral marker glued to the title of the heading just opened
    (`一、项目基本情况(一)项目概况`) opens one only when it is exactly next.
    """
    open_numbers: list[tuple[int, int]] = []  # (level, number) of the headings open, outermost first
    accepted: list[Marker] = []
    for marker in marker_candidates(text):
        if (accepted and marker.start < accepted[-1].end) or (skip and skip[0] <= marker.start < skip[1]):
            continue  # inside the previous marker, or an entry of the table of contents
        placement = place(open_numbers, marker.level, marker.number)
        boundary = marker.start == 0 or bool(patterns.FLAT_BOUNDARY_BEFORE.search(text[: marker.start]))
        if not placement.in_sequence or not (boundary or glued_in_sequence(text, accepted, marker, placement)):
            continue
        accepted.append(marker)
        open_numbers[placement.keep :] = [(marker.level, marker.number)]
    return accepted


def glued_in_sequence(text: str, accepted: list[Marker], marker: Marker, placement: Placement) -> bool:
    """Tell whether a marker with no boundary before it still opens a heading.

    A first marker right after the heading just opened, within a title's length, does
    (`(一)2015年预算收支情况1.一般公共预算`, `四、存在问题一、相关资金…`); else a Chinese-numeral marker
    that is exactly the next number at its level and not part of an ordinal or a run of numerals (第一、二季度).
    """
    if marker.number == 1 and glued_to_heading(text, accepted, marker):
        return True
    return placement.exactly_next and marker.level in (1, 2) and not patterns.FLAT_NUMERAL_BEFORE.search(text[: marker.start])


def glued_to_heading(text: str, accepted: list[Marker], marker: Marker) -> bool:
    """Tell whether `marker` follows a heading opened just before it, within a title's length (a deeper one, or a list restarted under its own kind)."""
    if not accepted:
        return False
    previous = accepted[-1]
    between = text[previous.end : marker.start]
    deeper = previous.level < marker.level or previous.level == marker.level <= MAX_NESTED_RESTART_LEVEL
    return deeper and len(between) <= MAX_HEADING_TITLE_CHARS and not patterns.SENTENCE_END.search(between)


def without_spaces(text: str) -> str:
    """Return text with every whitespace run removed (to compare titles printed with stray spaces)."""
    return patterns.HSPACE_RUN.sub("", text)


def printed_title_end(text: str, title_hint: str | None) -> int | None:
    """Return where the title printed at the head of `text` ends, given the title a header names.

    The body of a saved web page repeats the page's title (sometimes fuller) before a space; the
    head up to the space most like the hint is the title. Returns None when the head is no title.
    """
    hint = without_spaces(patterns.SITE_COLUMN_TAG.sub("", title_hint or ""))
    if len(hint) < MIN_TITLE_HINT_CHARS:
        return None
    best, best_ratio = None, MIN_TITLE_SIMILARITY
    for space in patterns.HSPACE_RUN.finditer(text, 0, MAX_PRINTED_TITLE_CHARS):
        head = without_spaces(text[: space.start()])
        if patterns.SENTENCE_END.search(head):
            break
        ratio = difflib.SequenceMatcher(a=head, b=hint, autojunk=False).ratio()
        if ratio > best_ratio:
            best, best_ratio = space.start(), ratio
    if best is None and without_spaces(text).startswith(hint):
        seen = 0
        for i, char in enumerate(text):
            seen += not char.isspace()
            if seen == len(hint):
                return i + 1 if i + 1 < len(text) else None
    return best


def cut_flat_text(text: str, title_hint: str | None = None) -> list[str]:
    """Given a run of text without line breaks, return its headings and paragraphs as separate pieces.

    `title_hint` (a web page's `标题:`) lets the title the body prints at its head stand alone.
    """
    cuts = {0, len(text)}
    if (title_end := printed_title_end(text, title_hint)) is not None:
        cuts.add(title_end)
    contents = contents_span(text, title_end or 0, title_hint)
    if contents:
        cuts.update(contents)
        after = printed_title_end(text[contents[1] :], title_hint) if title_end is None else None
        if after is not None:  # the title printed below a table of contents that opens the page
            cuts.add(contents[1] + after)
    markers = accepted_markers(text, contents)
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
