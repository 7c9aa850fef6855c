"""Quality of a candidate grid (text agreement, numeric columns, rows, columns) and the choice among candidates."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pdfplumber

from extractors.normalize import clean_line, normalize_unicode
from extractors.tables.pdf.base import Bbox, Grid
from extractors.tables.pdf.cells import is_numeric
from extractors.tables.pdf.headers import header_row_count

# Two grids on a page are the same table when their boxes overlap this much (intersection over the smaller box).
SAME_TABLE_OVERLAP = 0.6
# Scores closer than this are a tie; the method listed first in the preference wins.
SCORE_TIE = 0.005
# Fill (share of non-empty cells) is reported but not scored: a parser that shifts text into the
# wrong rows fills more cells, and many real tables are mostly empty.
QUALITY_WEIGHTS = {"text_agreement": 0.4, "numeric_parse": 0.3, "multi_cell_rows": 0.2, "columns_used": 0.1}
# The weighted score is scaled by `unmixed_cells`: a figure never shares a cell with a line of text
# (figures do not wrap), so a cell printing both holds two columns or two rows run together.


def mixes_figure_and_text(cell: str) -> bool:
    """Tell whether a cell's lines hold both a figure on a line of its own and a line of text."""
    lines = [line.strip() for line in cell.split("\n") if line.strip()]
    figures = sum(map(is_numeric, lines))
    return 0 < figures < len(lines)


def page_text_chars(page: pdfplumber.page.Page, bbox: Bbox) -> Counter:
    """Return the multiset of non-space characters pdfplumber reads inside a box of a prepared (visible, de-duplicated) page."""
    x0, top, x1, bottom = bbox
    inside = page.within_bbox((max(x0 - 1, 0), max(top - 1, 0), min(x1 + 1, page.width), min(bottom + 1, page.height)))
    return Counter(normalize_unicode("".join(c["text"] for c in inside.chars)).replace(" ", ""))


def grid_quality(grid: Grid, page: pdfplumber.page.Page) -> dict[str, float]:
    """Given a grid and its prepared page (page.prepared_page), return its quality measures (each 0..1) and their weighted score."""
    body = grid.cells[header_row_count(grid) :] or grid.cells
    real = [c for r in grid.cells for c in r if c is not None]
    filled = [c for c in real if c.strip()]
    columns = range(grid.width)
    column_cells = {j: [r[j].strip() for r in body if j < len(r) and r[j] and r[j].strip()] for j in columns}
    numeric_columns = [cells for cells in column_cells.values() if cells and sum(map(is_numeric, cells)) >= 0.6 * len(cells)]
    parsed = [is_numeric(c) for cells in numeric_columns for c in cells]
    grid_chars = Counter(normalize_unicode("".join(filled)).replace(" ", "").replace("\n", ""))
    page_chars = page_text_chars(page, grid.bbox)
    union = sum((grid_chars | page_chars).values())
    measures = {
        "text_agreement": sum((grid_chars & page_chars).values()) / union if union else 0.0,
        "numeric_parse": sum(parsed) / len(parsed) if parsed else 1.0,
        "multi_cell_rows": sum(1 for r in body if sum(1 for c in r if c and c.strip()) >= 2) / len(body) if body else 0.0,
        # a fragment (a few rows cut off by a page break) takes its columns from the part it continues: some may stay empty
        "columns_used": 1.0 if grid.extra.get("fragment") else sum(1 for cells in column_cells.values() if cells) / grid.width if grid.width else 0.0,
        "fill": len(filled) / len(real) if real else 0.0,
        "unmixed_cells": 1 - sum(map(mixes_figure_and_text, filled)) / len(filled) if filled else 1.0,
    }
    measures = {k: round(v, 4) for k, v in measures.items()}
    measures["score"] = round(sum(QUALITY_WEIGHTS[k] * measures[k] for k in QUALITY_WEIGHTS) * measures["unmixed_cells"], 4)
    return measures


def overlap(a: Bbox, b: Bbox) -> float:
    """Return the intersection of two boxes over the area of the smaller one."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return 0.0
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return width * height / smaller if smaller > 0 else 0.0


def cell_agreement(a: Grid, b: Grid) -> float | None:
    """Return the share of cells two same-shaped grids print identically (after cleaning), None if shapes differ."""
    if len(a.cells) != len(b.cells) or a.width != b.width:
        return None
    pairs = [(clean_line(x or ""), clean_line(y or "")) for ra, rb in zip(a.cells, b.cells) for x, y in zip(ra, rb)]
    return round(sum(x == y for x, y in pairs) / len(pairs), 4) if pairs else None


def choose(grids: list[Grid], preference: list[str]) -> list[tuple[Grid, list[Grid]]]:
    """Given every candidate grid and the methods in order of preference, return per table the kept grid and the candidates it beat."""
    rank = {name: k for k, name in enumerate(preference)}
    ordered = sorted(grids, key=lambda g: (-g.score, rank.get(g.method, 99)))
    kept: list[tuple[Grid, list[Grid]]] = []
    for grid in ordered:
        for winner, losers in kept:
            if winner.page == grid.page and overlap(winner.bbox, grid.bbox) >= SAME_TABLE_OVERLAP:
                losers.append(grid)
                break
        else:
            kept.append((grid, []))
    # Within SCORE_TIE of the best score, the method listed first in `preference` wins.
    result = []
    for winner, losers in kept:
        tied = [g for g in losers if winner.score - g.score <= SCORE_TIE and rank.get(g.method, 99) < rank.get(winner.method, 99)]
        if tied:
            best = min(tied, key=lambda g: rank.get(g.method, 99))
            losers = [winner] + [g for g in losers if g is not best]
            winner = best
        result.append((winner, losers))
    return sorted(result, key=lambda wl: (wl[0].page, wl[0].bbox[1]))


def part_quality(grid: Grid, losers: list[Grid]) -> dict[str, Any]:
    """Return the quality record of one kept part: its measures, why it won, and the losing candidates."""
    record: dict[str, Any] = {"page": grid.page, "method": grid.method, "score": grid.score, "measures": grid.measures}
    record.update({k: v for k, v in grid.extra.items() if k.startswith("camelot")})
    if losers:
        record["reason"] = "highest score" if all(grid.score - l.score > SCORE_TIE for l in losers) else "tie: preferred method"
        record["candidates"] = [
            {"method": l.method, "score": l.score, "shape": [len(l.cells), l.width], "cells_identical": cell_agreement(grid, l)}
            for l in losers
        ]
    else:
        record["reason"] = "only candidate"
    return record
