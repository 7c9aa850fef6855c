"""Column gaps of a borderless table's lines: whitespace rivers, column starts set too tightly for a river, the words of each column."""

from __future__ import annotations

from collections import Counter

from extractors import patterns
from extractors.tables.pdf.cells import is_numeric
from extractors.tables.pdf.page import TextLine

# Two words closer than this many character widths are one cell split at a space.
SPACE_CHARS = 1.0
# A column gap in a borderless table is at least this wide (points) and crossed by no word.
MIN_RIVER_WIDTH = 3.0
# A word reaching less than this many character widths past a column start does not cross it (a glyph's box
# overhangs its advance: a cell filled to its edge touches the next column's text in a tightly set table).
OVERHANG_CHARS = 0.25
# A header name marks a column start with no whitespace river when the cells of at least this many body lines start under it.
MIN_ALIGNED_STARTS = 2


def ink_right(word: dict) -> float:
    """Return where a word's text ends, less a closing punctuation mark hung past the edge of its cell."""
    if not patterns.HANGING_PUNCTUATION.search(word["text"]):
        return word["x1"]
    return word["x1"] - (word["x1"] - word["x0"]) / max(len(word["text"]), 1)


def crosses(word: dict, x: float, char_width: float) -> bool:
    """Tell whether a word runs across an x position by more than a glyph's overhang on either side (a hung punctuation mark does not count)."""
    slack = OVERHANG_CHARS * char_width
    return word["x0"] < x - slack and ink_right(word) > x + slack


def crossed_separators(line: TextLine, separators: list[float]) -> int:
    """Return how many column gaps the words of a line run across (a hung punctuation mark does not count)."""
    return sum(1 for s in separators if any(w["x0"] < s < ink_right(w) for w in line.words))


def header_lines(lines: list[TextLine]) -> list[TextLine]:
    """Return a region's leading lines before its first line printing a figure."""
    head: list[TextLine] = []
    for line in lines:
        if prints_figure(line):
            break
        head.append(line)
    return head


def prints_figure(line: TextLine) -> bool:
    """Tell whether a line prints a figure (a word that is a plain number): no header line."""
    return any(is_numeric(w["text"]) for w in line.words)


def column_extents(lines: list[TextLine], separators: list[float]) -> dict[int, tuple[float, float]]:
    """Return, per column, the leftmost and rightmost x its words reach on the given lines."""
    extents: dict[int, tuple[float, float]] = {}
    for line in lines:
        for column, words in line_cells(line, separators).items():
            left, right = extents.get(column, (words[0]["x0"], words[-1]["x1"]))
            extents[column] = (min(left, words[0]["x0"]), max(right, words[-1]["x1"]))
    return extents


def column_separators(lines: list[TextLine], header_count: int | None = None) -> list[float]:
    """Given a region's lines (and how many of them are its header, when known), return x positions of the column gaps (whitespace crossed by almost no line).

    A gap inside one chunk that would leave a column printed on a single line (a header split at a
    space, 评定 | 级别) is not a column gap; a column alone in the header (备注, empty so far) is.
    """
    separators = whitespace_rivers(lines)
    separators = sorted(separators + aligned_column_starts(lines, separators))
    while True:
        split = split_chunk_separator(lines, separators)
        if split is None:
            break
        del separators[split]
    while (apart := header_set_apart(lines, separators, header_count)) is not None:
        del separators[apart]
    return separators


def aligned_column_starts(lines: list[TextLine], separators: list[float]) -> list[float]:
    """Return the column gaps too narrow to be whitespace rivers: where a header name and the cells of many body lines start, crossed by no word.

    A tightly set borderless table (small margins, a small font) leaves no visible gap between a
    cell filled to its edge and the next column (计算方法 text running up to 指标性质's 定性), so
    the rivers run two columns together. The header's names are separate words even then, and a
    left-aligned column's cells all start where its name starts: such a start, crossed by no word,
    is a column start. The gap is put between it and the furthest reach of the text before it.
    """
    head = header_lines(lines)
    body = lines[len(head) :]
    if not head or not body:
        return []
    words = [w for line in lines for w in line.words]
    starts: list[float] = []
    for line in head:
        char = line.char_width
        slack = OVERHANG_CHARS * char
        for word in line.words:
            x = word["x0"]
            reach = max((w["x1"] for w in words if w["x0"] < x - slack), default=None)
            if reach is None or any(reach - slack <= s <= x + slack for s in separators + starts):
                continue  # the table's left edge, or a column start the rivers or another name gave already
            if any(crosses(w, x, char) for w in words):
                continue
            if sum(any(abs(w["x0"] - x) <= slack for w in other.words) for other in body) >= MIN_ALIGNED_STARTS:
                starts.append((min(reach, x - slack) + x) / 2)  # left of the start by half a glyph overhang at least
    return starts


def header_set_apart(lines: list[TextLine], separators: list[float], header_count: int | None = None) -> int | None:
    """Return the index of a separator between a column holding only a header name and one holding only body text, if any.

    A header centred over a column whose text is left-aligned and short (单位 over 发改委, 消防支队)
    sits in the whitespace right of that text: the rivers make two columns of one, the left one
    with no header, the right one with nothing but the header. The header is the first
    `header_count` lines when known (a form's indicator header, over values such as 30个 or ≥90%
    that are no plain figures), else the leading lines printing no figure.
    """
    head = header_count if header_count is not None else len(header_lines(lines))
    if head == 0 or head == len(lines):
        return None
    def columns_of(part: list[TextLine]) -> set[int]:
        return {word_column(w, separators) for line in part for w in line.words}
    header_columns, body_columns = columns_of(lines[:head]), columns_of(lines[head:])
    for k in range(len(separators)):
        left, right = k, k + 1
        if left in body_columns and left not in header_columns and right in header_columns and right not in body_columns:
            return k
    return None


def split_chunk_separator(lines: list[TextLine], separators: list[float]) -> int | None:
    """Return the index of a separator between two words a space apart, one of them in a column printed on that line only."""
    used = Counter(column for line in lines for column in {word_column(w, separators) for w in line.words})
    for line in lines:
        for a, b in zip(line.words, line.words[1:]):
            left, right = word_column(a, separators), word_column(b, separators)
            if left != right and b["x0"] - a["x1"] < SPACE_CHARS * line.char_width and (used[left] < 2 or used[right] < 2):
                return left  # separator `left` lies between columns left and left + 1
    return None


def whitespace_rivers(lines: list[TextLine]) -> list[float]:
    """Given a region's lines, return the middles of the x ranges that (almost) no word covers."""
    left = min(l.x0 for l in lines)
    right = max(l.x1 for l in lines)
    resolution = 0.5
    size = int((right - left) / resolution) + 2
    crossing = [0] * size
    for line in lines:
        for word in line.words:
            for k in range(int((word["x0"] - left) / resolution), int((word["x1"] - left) / resolution) + 1):
                crossing[k] += 1
    allowed = 0  # a sparse column (扣罚分: a header and one figure) is covered by only two words
    separators: list[float] = []
    start = None
    for k, count in enumerate(crossing + [len(lines) + 1]):
        if count <= allowed and start is None:
            start = k
        elif count > allowed and start is not None:
            if (k - start) * resolution >= MIN_RIVER_WIDTH and start > 0:
                separators.append(left + (start + k) / 2 * resolution)
            start = None
    return separators


def column_of(x_center: float, separators: list[float]) -> int:
    """Return the index of the column an x position falls in."""
    return sum(1 for s in separators if x_center > s)


def word_column(word: dict, separators: list[float]) -> int:
    """Return the index of the column a word's middle falls in."""
    return column_of((word["x0"] + word["x1"]) / 2, separators)


def line_cells(line: TextLine, separators: list[float]) -> dict[int, list[dict]]:
    """Given a line and column separators, return its words per column."""
    cells: dict[int, list[dict]] = {}
    for word in line.words:
        cells.setdefault(word_column(word, separators), []).append(word)
    return cells
