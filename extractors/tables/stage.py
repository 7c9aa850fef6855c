"""The tables stage: a report's annex tables, from tab-separated text or from PDF page geometry.

Given the cleaned blocks (text reports) or the loaded pages (PDF reports), return
`Report.tables`: typed tables with captions, merged entries, section links and a quality report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from extractors.tables.pdf.finder import find_pdf_tables
from extractors.tables.rows import entry_count
from extractors.tables.text import find_text_tables
from pipeline.models import Report, Row, Table
from pipeline.stages import stage

def find_tables(report: Report) -> list[Table]:
    """Given a cleaned report, return its tables by the method its format allows."""
    if report.format == "pdf":
        return find_pdf_tables(report)
    return find_text_tables(report)


@stage("tables", requires={"blocks", "text", "page_starts", "pages", "format"}, produces={"tables"})
def TABLES(report: Report) -> Report:
    """Find the report's tables and their rows, typed."""
    report.tables = find_tables(report)
    return report


def row_as_dict(row: Row) -> dict[str, Any]:
    """Given a Row, return its cleaned cell texts and kind, with `sub_items` for a merged entry."""
    data: dict[str, Any] = {"kind": row.kind, "cells": [c.text for c in row.cells]}
    if row.sub_items:
        data["sub_items"] = [{"cells": [c.text for c in sub.cells]} for sub in row.sub_items]
    return data


def table_as_dict(table: Table) -> dict[str, Any]:
    """Given a Table, return it as plain JSON data (the golden files' shape plus method, quality, pages)."""
    return {
        "caption": table.caption,
        "pages": table.pages,
        "header": table.header,
        "rows": [row_as_dict(row) for row in table.rows],
        "entries": entry_count(table),
        "method": table.method,
        "quality": table.quality,
        "no_table": table.no_table,
        "note": table.note,
    }


def tables_of_file(path: Path) -> Report:
    """Run the stages up to and including `tables` on one file, without a database; return the report."""
    from pipeline.runner import run_until

    return run_until(path, "tables")


def table_summary(table: Table, first_rows: int = 3) -> list[str]:
    """Given a Table, return readable lines: caption, pages, method, entries, header and first rows."""
    pages = ",".join(map(str, table.pages))
    lines = [f"[{table.index}] {table.caption or '(no caption)'}  (p. {pages}, {table.method})"]
    if table.no_table:
        return lines + [f"    no table: {table.note}"]
    sub_items = sum(len(r.sub_items) for r in table.rows)
    kinds = {kind: sum(r.kind == kind for r in table.rows) for kind in ("section", "total")}
    lines.append(
        f"    {entry_count(table)} entries, {kinds['section']} section rows, {kinds['total']} total rows, "
        f"{sum(bool(r.sub_items) for r in table.rows)} merged entries ({sub_items} lines)"
    )
    lines.append("    header: " + " | ".join(table.header))
    for row in table.rows[:first_rows]:
        lines.append(f"    {row.kind:>7}: " + " | ".join(c.text for c in row.cells))
    if len(table.rows) > first_rows:
        lines.append(f"    … {len(table.rows) - first_rows} more rows")
    return lines
