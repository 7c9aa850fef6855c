"""Borderless table fragments: the few rows a page break leaves at a page's top or foot, read in the columns of the part they continue (placed on a page of another width)."""

from __future__ import annotations

from collections.abc import Callable

from extractors import patterns
from extractors.normalize import clean_line
from extractors.tables.captions import is_label_line
from extractors.tables.pdf.base import Grid, column_edges
from extractors.tables.pdf.borderless_columns import crossed_separators
from extractors.tables.pdf.borderless_regions import REGION_GAP_LINES, is_caption_line
from extractors.tables.pdf.page import MIN_CHUNKS, WRAPPED_HEADER_GAP, TextLine, beside_neighbour, is_furniture, overlaps, table_lines

# A cell's text starts at most this many character widths right of its column's gap (half the gap, plus padding).
CELL_START_CHARS = 2.0


def fits_columns(line: TextLine, part: Grid, loose: bool = False, shift: float = 0.0) -> bool:
    """Tell whether the words of a line fit the columns of a borderless table part (placed `shift` to the right): none runs across a column gap.

    A line the page cannot place in columns of its own (one of too few rows to show them) fits
    `loose`ly: a separator is the middle of the whitespace between two columns, and a longer cell
    of a later row may reach into that whitespace, though not into the next column's text (where
    that column prints nothing in the part, the separator is the bound).
    """
    separators = [s + shift for s in part.extra["separators"]]
    if not loose:
        return not crossed_separators(line, separators)
    bounds = [s if left == float("inf") else left + shift for s, left in zip(separators, column_edges(part)[1:])]
    return not any(w["x0"] < s < w["x1"] and w["x1"] > bound for s, bound in zip(separators, bounds) for w in line.words)


def top_fragment(lines: list[TextLine], furniture: set[str], previous: Grid, placed: set[int] = frozenset(), shift: float = 0.0) -> list[TextLine]:
    """Return the lines at the top of a page that go on with the borderless table of the page before (placed `shift` to the right on this page), if any.

    A page break may leave too few rows on a page to show columns by themselves; they continue the
    table above when they start the page and every word fits the columns of its last part (loosely
    for a line no region of the page places: ids not in `placed`). The run ends at a caption, a
    line crossing a column gap, or a wide gap.
    """
    if not previous.extra.get("separators"):
        return []
    body = table_lines(lines, furniture)
    fragment: list[TextLine] = []
    for k, line in enumerate(body):
        text = clean_line(line.text)
        if not fragment and patterns.CONTINUED_TABLE_LINE.match(text):
            continue  # a 续表 line above the rows
        beside = beside_neighbour(body, k)  # a centred cell's wrapped line
        if not fits_columns(line, previous, id(line) not in placed, shift) and not beside or is_caption_line(line):
            break
        if fragment and line.top - fragment[-1].bottom > REGION_GAP_LINES * max(line.bottom - line.top, 1.0):
            break
        fragment.append(line)
    if not any(len(line.chunks) >= 2 for line in fragment):
        return []
    return fragment


def page_width(context: dict, number: int, default: float) -> float:
    """Return the width of an open page (the one parsed or the one before it), or a default when it is not open."""
    page = context["open_pages"].get(number)
    return float(page.width) if page is not None else default


def placed_fragment(part: Grid, width_change: float, fragment_of: Callable[[float], list[TextLine]]) -> tuple[list[TextLine], list[float]]:
    """Return the lines of a page going on with a borderless table part, and its column gaps as placed on that page (wider by `width_change`).

    A table going on from a portrait page onto a landscape one keeps its column widths but moves:
    kept at the left margin, centred or kept at the right margin. The placement kept is the one
    the most lines fit, then the one where the most words start a cell (the same place on a tie).
    """
    options = []
    for shift in (0.0,) if abs(width_change) < 1 else (0.0, width_change / 2, width_change):
        gaps = [s + shift for s in part.extra.get("separators", [])]
        fragment = fragment_of(shift)
        options.append(((len(fragment), cell_starts(fragment, [part.bbox[0] + shift] + gaps)), fragment, gaps))
    _, fragment, gaps = max(options, key=lambda option: option[0])
    return fragment, gaps


def cell_starts(lines: list[TextLine], starts: list[float]) -> int:
    """Return how many words of some lines start a cell: just right of a column's start (the table's left edge or a gap)."""
    return sum(
        1
        for line in lines
        for word in line.words
        if any(0 <= word["x0"] - start <= CELL_START_CHARS * line.char_width for start in starts)
    )


def starts_region_page(grid: Grid, lines: list[TextLine], furniture: set[str]) -> bool:
    """Tell whether nothing but furniture or a 续表 line is printed above a grid on its page."""
    above = [l for l in lines if l.bottom <= grid.bbox[1] + 1 and not is_furniture(l, furniture)]
    return all(patterns.CONTINUED_TABLE_LINE.match(clean_line(l.text)) for l in above)


def bottom_fragment(lines: list[TextLine], furniture: set[str], below: Grid, shift: float = 0.0) -> list[TextLine]:
    """Return the lines at the foot of a page that begin the borderless table continued on the next page, if any.

    The mirror of `top_fragment`: going up from the page foot, lines belong to it while their words
    fit the columns of the part below (a line beside a row, as a centred header cell's wrapped
    line, fits whatever it crosses); the run ends at a caption, an issuer or unit line, a crossing line or a wide gap. It
    must hold a line split into two or more chunks.
    """
    body = table_lines(lines, furniture)
    fragment: list[TextLine] = []
    for k in range(len(body) - 1, -1, -1):
        line = body[k]
        if fragment and fragment[0].top - line.bottom > REGION_GAP_LINES * max(line.bottom - line.top, 1.0):
            break
        beside = beside_neighbour(body, k)
        split = len(line.chunks) >= MIN_CHUNKS  # a header printed once: its names are wider than the figures under them
        text = clean_line(line.text)
        if is_caption_line(line) or is_label_line(text) or (not fits_columns(line, below, shift=shift) and not beside and not split):
            break  # a caption, the table's issuer or unit line (编制部门:… | 单位:元) above it, or prose
        fragment.insert(0, line)
    while fragment and len(fragment[0].chunks) < 2 and not any(overlaps(fragment[0], other) or wraps_onto(fragment[0], other) for other in fragment[1:2]):
        fragment.pop(0)  # a single-chunk line above the rows that is no part of them (附件：)
    if not any(len(line.chunks) >= 2 for line in fragment):
        return []
    return fragment


def wraps_onto(line: TextLine, below: TextLine) -> bool:
    """Tell whether a single-chunk line is a header cell's first line wrapped just above the next (考核结果( over 以待督办)."""
    return len(line.chunks) == 1 and 0 <= below.top - line.bottom <= WRAPPED_HEADER_GAP * (below.bottom - below.top)
