"""Project forms (绩效目标表, 绩效自评表): one table per form, even when several share one ruled grid.

Excel/WPS exports print one form per project, often several on a page with their borders touching,
so the grid finder returns them as one grid. A form starts at its 项目名称 row; a title row printed
across the whole grid just above it (项目支出绩效目标表) is that form's caption, not a row.
"""

from __future__ import annotations

from dataclasses import replace

from extractors import patterns
from extractors.normalize import clean_line
from extractors.tables.pdf.base import Grid


def first_text(row: list[str | None]) -> str:
    """Return the cleaned text of a row's first printed cell ('' if none)."""
    return next((clean_line(c) for c in row if c and clean_line(c)), "")


def is_title_row(row: list[str | None]) -> bool:
    """Tell whether a grid row is a form title printed across the grid (one printed cell naming a form)."""
    printed = [c for c in row if c and clean_line(c)]
    return len(printed) == 1 and bool(patterns.FORM_TITLE.search(clean_line(printed[0])))


def form_starts(grid: Grid) -> list[int]:
    """Return the row indexes where a form starts (its title row, else its 项目名称 row), when the grid holds two or more."""
    starts = []
    for i, row in enumerate(grid.cells):
        if patterns.FORM_START.match(first_text(row)):
            starts.append(i - 1 if i > 0 and is_title_row(grid.cells[i - 1]) else i)
    return starts if len(starts) >= 2 else []


def split_forms(grid: Grid) -> list[Grid]:
    """Given a grid, return one grid per form it holds (the grid itself when it holds fewer than two)."""
    starts = form_starts(grid)
    if not starts:
        return [grid]
    if starts[0] > 0:
        starts = [0] + starts
    parts = []
    for begin, end in zip(starts, starts[1:] + [len(grid.cells)]):
        cells, boxes = grid.cells[begin:end], grid.boxes[begin:end]
        caption = None
        if cells and is_title_row(cells[0]):
            caption = first_text(cells[0])
            cells, boxes = cells[1:], boxes[1:]
        tops = [b[1] for row in boxes for b in row if b is not None]
        bottoms = [b[3] for row in boxes for b in row if b is not None]
        top = min(tops) if tops else grid.bbox[1]
        bottom = max(bottoms) if bottoms else grid.bbox[3]
        extra = dict(grid.extra, form_part=len(parts), form_caption=caption)
        parts.append(replace(grid, bbox=(grid.bbox[0], top, grid.bbox[2], bottom), cells=cells, boxes=boxes, extra=extra))
    return parts
