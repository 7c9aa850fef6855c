"""Project forms in borderless text (绩效目标表): the 项目名称 start, the indicator header, field rows whose values span columns."""

from __future__ import annotations

from extractors import patterns
from extractors.normalize import clean_line
from extractors.tables.pdf.borderless_columns import column_of, column_separators
from extractors.tables.pdf.page import TextLine
from extractors.tables.rows import is_indicator_header

# A space is at most this many (CJK) character widths wide: in a form's field row, a wider gap parts a label from its value.
FIELD_SPACE_CHARS = 0.5


def is_form_start(line: TextLine) -> bool:
    """Tell whether a line is a project form's first row: its first chunk is the 项目名称 label."""
    return bool(patterns.FORM_START.match(clean_line(" ".join(w["text"] for w in line.chunks[0]))))


def indicator_line(region: list[TextLine]) -> int:
    """Return the index of a project form's indicator header line (一级指标 … 三级指标 …) in a region that starts a form, else 0.

    The lines above it are the form's field rows (label | value, a value spanning the columns
    left); only the indicator lines below show the form's columns.
    """
    if not region or not is_form_start(region[0]):
        return 0
    return next((k for k, line in enumerate(region) if is_indicator_line(line)), 0)


def is_indicator_line(line: TextLine) -> bool:
    """Tell whether a line is a project form's indicator header (一级指标 … 三级指标 …)."""
    return is_indicator_header([" ".join(w["text"] for w in chunk) for chunk in line.chunks])


def region_separators(region: list[TextLine], min_chunks: int = 1) -> list[float]:
    """Return the column gaps of a region's lines split into `min_chunks` chunks or more: of those from a form's indicator header on (the header their first), when it is a project form."""
    fields = indicator_line(region)
    return column_separators([l for l in region[fields:] if len(l.chunks) >= min_chunks], 1 if fields else None)


def space_runs(line: TextLine) -> list[list[dict]]:
    """Return a line's words grouped into runs that nothing wider than a space parts."""
    runs: list[list[dict]] = []
    for word in line.words:
        if runs and word["x0"] - runs[-1][-1]["x1"] < FIELD_SPACE_CHARS * line.char_width:
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def field_row_cells(lines: list[TextLine], separators: list[float]) -> list[dict[int, list[dict]]]:
    """Given the lines of one field row of a project form, return each line's words per column.

    A field's value spans the columns up to the next label, so the form's column gaps do not
    divide it: on each line a cell is a run of words only spaces apart, runs of the row's lines
    that overlap horizontally are one cell wrapped (left-aligned or centred), and the cells go,
    left to right, each into the column it starts in or the next one free.
    """
    cells: list[list[tuple[int, dict]]] = []  # each cell's (line, word) pairs
    for k, line in enumerate(lines):
        for run in space_runs(line):
            x0, x1 = run[0]["x0"], run[-1]["x1"]
            wrapped = [c for c in cells if min(w["x0"] for _, w in c) < x1 and x0 < max(w["x1"] for _, w in c)]
            cells = [c for c in cells if all(c is not other for other in wrapped)] + [[(k, w) for w in run] + [item for c in wrapped for item in c]]
    placed: list[dict[int, list[dict]]] = [{} for _ in lines]
    column = -1
    for cell in sorted(cells, key=lambda c: min(w["x0"] for _, w in c)):
        column = min(max(column_of(min(w["x0"] for _, w in cell), separators), column + 1), len(separators))
        for k, word in cell:
            placed[k].setdefault(column, []).append(word)
    for words in (words for line in placed for words in line.values()):
        words.sort(key=lambda w: w["x0"])
    return placed
