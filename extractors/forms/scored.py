"""Scored assessment tables of another shape (部门预算管理绩效考核自评表): section rows, indicator rows, a total.

The Tibet 2022 annex keeps its own table (Report.tables) and also feeds assessments and indicators:
a section row (一、重大决策部署落实) is a first-level indicator with its weight and score, each data row
an indicator with its weight (指标值) and score (考核结果), the 合计 row the total.
"""

from __future__ import annotations

from decimal import Decimal

from extractors.forms import patterns
from extractors.forms.tokens import normalise_cell
from extractors.forms.values import parse_value
from pipeline.models import Assessment, Indicator, Provenance, Row, Table


def is_scored_table(table: Table) -> bool:
    """Tell whether a table is a scored assessment table with name, weight and score columns."""
    return bool(table.caption and patterns.SCORED_TABLE_TITLE.search(table.caption)) and scored_columns(table.header) is not None


def scored_columns(header: list[str]) -> dict[str, int] | None:
    """Return the column index of name, group, weight, score (and penalty) from a header, or None if one is missing."""
    found: dict[str, int] = {}
    for j, label in enumerate(normalise_cell(h).replace(" ", "") for h in header):
        for key, pattern in (("name", patterns.SCORED_NAME_COLUMN), ("group", patterns.SCORED_GROUP_COLUMN), ("weight", patterns.SCORED_WEIGHT_COLUMN),
                             ("score", patterns.SCORED_SCORE_COLUMN), ("penalty", patterns.SCORED_PENALTY_COLUMN)):  # fmt: skip
            if key not in found and pattern.match(label):
                found[key] = j
    return found if {"name", "weight", "score"} <= found.keys() else None


def number(text: str) -> Decimal | None:
    """Return a cell's number (a weight or a score), else None."""
    text = normalise_cell(text)
    return Decimal(text) if patterns.BARE_NUMBER.match(text) else None


def row_score(row: Row, columns: dict[str, int]) -> Decimal | None:
    """Return the row's score: the score column, else (as section rows print it) the penalty column."""
    score = number(cell_text(row, columns["score"]))
    if score is None and "penalty" in columns:
        score = number(cell_text(row, columns["penalty"]))
    return score


def cell_text(row: Row, col: int) -> str:
    """Return a row's cleaned cell text at `col` ('' past the end)."""
    return row.cells[col].text if col < len(row.cells) else ""


def read_scored_table(table: Table, index: int, year: int | None) -> Assessment:
    """Given a scored assessment table, return its Assessment: sections as first-level indicators, rows as indicators."""
    columns = scored_columns(table.header) or {}
    page = table.pages[0] if table.pages else None
    form = Assessment(index=index, kind="budget_management", variant="tibet_budget_management", title=normalise_cell(table.caption or ""), year=year,
                      provenance=Provenance(source="table", page=page, table=table.index))  # fmt: skip
    named = {j: normalise_cell(h) for j, h in enumerate(table.header) if j not in columns.values()}
    level1 = level2 = None
    for row in table.rows:
        first = cell_text(row, 0)
        if row.kind == "section":
            level1, level2 = first, None
            weight, score = number(cell_text(row, columns["weight"])), row_score(row, columns)
            if weight is not None:
                form.level_weights[level1] = weight
            if score is not None:
                form.level_scores[level1] = score
        elif row.kind == "total":
            form.total_weight, form.total_score = number(cell_text(row, columns["weight"])), row_score(row, columns)
        else:
            group = cell_text(row, columns["group"]) if "group" in columns else ""
            if group and group != cell_text(row, columns["name"]):  # a group cell repeating the name continues the group above
                level2 = group
            form.indicators.append(
                Indicator(
                    index=len(form.indicators),
                    level1=level1,
                    level2=level2,
                    level3=cell_text(row, columns["name"]),
                    target=parse_value(""),
                    actual=parse_value(""),
                    weight=number(cell_text(row, columns["weight"])),
                    score=row_score(row, columns),
                    extra={label: cell_text(row, j) for j, label in named.items() if cell_text(row, j)},
                    provenance=Provenance(source="table", page=row.page or page, table=table.index, row=row.index),
                )
            )
    return form
