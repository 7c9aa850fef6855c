"""Models to rows: write one report, and everything extracted from it, in one transaction."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from decimal import Decimal

from sqlite_utils import Database

from extractors.numbers import format_value
from extractors.tables.rows import entry_count
from pipeline.manifest import entry_describing
from pipeline.models import Assessment, Provenance, Report
from pipeline.paths import stored_path
from pipeline.schema import REPORT_CHILD_TABLES

def now() -> str:
    """Return the current UTC time as ISO 8601."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def report_row(report: Report, run_id: int | None) -> dict:
    """Return the `reports` row for a report: its metadata as the metadata stage decided it (report_metadata holds
    the same values with their sources), else the manifest's (a report that failed before that stage) if it
    describes the file's bytes, as the metadata stage requires."""
    entry = entry_describing(report.manifest, report.sha256)
    issuer, issuer_source = metadata_text(report, "issuer"), report.metadata["issuer"].source if "issuer" in report.metadata else None
    if not issuer and entry and entry.issuer:
        issuer, issuer_source = entry.issuer, "manifest"
    fatal = [e for e in report.errors if e.fatal]
    years = years_of(report)
    return {
        "path": stored_path(report.path),
        "name": report.name,
        "sha256": report.sha256,
        "format": report.format,
        "status": str(report.status),
        "error": "; ".join(e.message for e in (fatal or report.errors)) or None,
        "encoding": report.encoding,
        "pages": report.page_count or None,
        "title": metadata_text(report, "title") or (entry.title if entry else None),
        "issuer": issuer,
        "issuer_source": issuer_source,
        "doc_number": metadata_text(report, "doc_number") or (entry.doc_number if entry else None),
        "signing_date": report.signing_date,
        "addressee": report.addressee,
        # from the metadata stage (the manifest wins there), else the manifest (a report that failed early)
        "region": metadata_text(report, "region") or (entry.region if entry else None),
        "admin_level": metadata_text(report, "level") or (entry.admin_level if entry else None),
        "report_type": metadata_text(report, "report_type") or (entry.report_type if entry else None),
        "year": years[0] if years else None,
        "years": ";".join(map(str, years)) or None,
        "manifest_sha256": report.manifest.sha256 if report.manifest else None,  # kept when it is another file's: it shows the change
        "text": report.text or None,
        "run_id": run_id,
        "loaded_at": now(),
    }


def metadata_text(report: Report, name: str) -> str | None:
    """Return a metadata field as stored text (years joined by `;`), or None when not found."""
    if name not in report.metadata:
        return None
    value = report.metadata[name].value
    return ";".join(map(str, value)) if isinstance(value, list) else (value or None)


def years_of(report: Report) -> list[int]:
    """Return the fiscal years of a report: the metadata stage's, else the manifest's if it describes the file's bytes."""
    if "years" in report.metadata:
        return list(report.metadata["years"].value)
    entry = entry_describing(report.manifest, report.sha256)
    return list(entry.years) if entry else []


def metadata_rows(report_id: int, report: Report) -> dict[str, Iterable[dict]]:
    """Return the rows of report_metadata (field, value, source) and contents for one report."""
    metadata = [
        {"report_id": report_id, "field": name, "value": metadata_text(report, name), "source": meta.source}
        for name, meta in report.metadata.items()
    ]
    contents = [
        {"report_id": report_id, "idx": e.index, "title": e.title, "page_ref": e.page_ref, "page": e.page}
        for e in report.contents
    ]
    return {"report_metadata": metadata, "contents": contents}


def text_rows(report_id: int, report: Report) -> dict[str, Iterable[dict]]:
    """Return the rows of sections, paragraphs and sentences for one report."""
    sections = [
        {
            "report_id": report_id,
            "idx": s.index,
            "level": s.level,
            "marker": s.marker,
            "title": s.title,
            "heading": s.heading,
            "path": report.section_path(s.index),
            "parent_idx": s.parent,
            "page": s.page,
            "start": s.start,
            "end": s.end,
        }
        for s in report.sections
    ]
    paragraphs = [
        {
            "report_id": report_id,
            "idx": p.index,
            "kind": p.kind,
            "section_idx": p.section,
            "page": p.page,
            "start": p.start,
            "end": p.end,
            "text": p.text,
        }
        for p in report.paragraphs
    ]
    sentences = [
        {
            "report_id": report_id,
            "paragraph_idx": p.index,
            "idx": s.index,
            "page": s.page,
            "start": s.start,
            "end": s.end,
            "text": s.text,
        }
        for p in report.paragraphs
        for s in p.sentences
    ]
    return {"sections": sections, "paragraphs": paragraphs, "sentences": sentences}


def table_rows_for(report_id: int, report: Report) -> dict[str, Iterable[dict]]:
    """Return the rows of tables, table_rows and table_cells for one report.

    A merged entry is one `table_rows` row; each of its physical lines (the first included) is
    another row with `is_sub_item` 1 and `parent_idx` the entry's idx, numbered after the entries.
    """
    tables, rows, cells = [], [], []
    for table in report.tables:
        tables.append(
            {
                "report_id": report_id,
                "idx": table.index,
                "caption": table.caption,
                "pages": json.dumps(table.pages),
                "header": json.dumps(table.header, ensure_ascii=False),
                "method": table.method,
                "quality": json.dumps(table.quality, ensure_ascii=False, default=str),
                "quality_score": table.quality.get("score"),
                "no_table": int(table.no_table),
                "note": table.note,
                "n_rows": len(table.rows),
                "n_entries": entry_count(table),
                "start": table.start,
                "end": table.end,
                "unit": table.unit,
                "issuer": table.issuer,
                "fields": None if table.fields is None else json.dumps(table.fields, ensure_ascii=False),
            }
        )
        lines = [(row, None) for row in table.rows] + [(sub, row.index) for row in table.rows for sub in row.sub_items]
        for row, parent in lines:
            rows.append(
                {
                    "report_id": report_id,
                    "table_idx": table.index,
                    "idx": row.index,
                    "kind": row.kind,
                    "parent_idx": parent,
                    "section_idx": row.section,
                    "is_sub_item": int(parent is not None),
                    "page": row.page,
                    "cells": json.dumps([c.text for c in row.cells], ensure_ascii=False),
                }
            )
            for col, cell in enumerate(row.cells):
                x0, top, x1, bottom = cell.bbox or (None, None, None, None)
                cells.append(
                    {
                        "report_id": report_id,
                        "table_idx": table.index,
                        "row_idx": row.index,
                        "col": col,
                        "header": table.header[col] if col < len(table.header) else None,
                        "raw": cell.raw,
                        "text": cell.text,
                        "kind": cell.kind,
                        "value": None if cell.value is None else str(cell.value),
                        "value_num": None if cell.value is None else float(cell.value),
                        "unit": cell.unit,
                        "masked": int(cell.masked),
                        "page": cell.page,
                        "x0": x0,
                        "top": top,
                        "x1": x1,
                        "bottom": bottom,
                    }
                )
    return {"tables": tables, "table_rows": rows, "table_cells": cells}


def figure_rows(report_id: int, report: Report) -> dict[str, Iterable[dict]]:
    """Return the `figures` rows for one report (value as exact text, value_num as REAL)."""
    rows = [
        {
            "report_id": report_id,
            "idx": f.index,
            "kind": f.kind,
            "surface": f.surface,
            "value": format_value(f.value),
            "value_num": None if isinstance(f.value, str) else float(f.value),
            "unit": f.unit,
            "approx": f.approx,
            "noun": f.noun,
            "metric": f.metric,
            "process": f.process,
            "role": f.role,
            "part_of_idx": f.part_of,
            "page": f.page,
            "section_path": f.section_path,
            "paragraph_idx": f.paragraph,
            "sentence": f.sentence,
            "start": f.start,
            "end": f.end,
            "source": f.source,
            "table_idx": f.table_index,
            "row_idx": f.row_index,
            "col": f.column_index,
            "column_header": f.column,
        }
        for f in report.figures + report.table_figures
    ]
    return {"figures": rows}


def check_rows(report_id: int, report: Report) -> dict[str, Iterable[dict]]:
    """Return the `checks` rows for one report (numbers as exact text, inputs as a JSON list)."""
    text = lambda value: None if value is None else format(value, "f")  # noqa: E731 - exact Decimal as text
    rows = [
        {
            "report_id": report_id,
            "idx": idx,
            "kind": c.kind,
            "status": c.status,
            "stated": text(c.stated),
            "stated_source": c.stated_source,
            "computed": text(c.computed),
            "difference": text(c.difference),
            "tolerance": text(c.tolerance),
            "unit": c.unit,
            "page": c.page,
            "message": c.message,
            "inputs": json.dumps(
                [{"surface": i.surface, "value": text(i.value), "source": i.source, "page": i.page, "unit": i.unit} for i in c.inputs], ensure_ascii=False
            ),
        }
        for idx, c in enumerate(report.checks)
    ]
    return {"checks": rows}


def number_or_none(value: Decimal | None) -> float | None:
    """Return a Decimal as a float for a REAL column (None stays None)."""
    return None if value is None else float(value)


def funds_value(assessment: Assessment, role: str, key: str) -> float | None:
    """Return one value of a form's funds block (role row, column key) as stored, or None if not printed."""
    line = assessment.funds_line(role)
    return number_or_none(line.values.get(key)) if line else None


def provenance_columns(p: Provenance | None) -> dict:
    """Return the provenance columns of a form row (source, page, offsets or table)."""
    p = p or Provenance(source="")
    return {"source": p.source or None, "page": p.page, "start": p.start, "end": p.end, "raw_start": p.raw_start, "raw_end": p.raw_end, "table_idx": p.table}


def assessment_rows(report_id: int, report: Report) -> dict[str, Iterable[dict]]:
    """Return the `assessments` and `indicators` rows of a report's self-assessment forms."""
    assessments, indicators = [], []
    for a in report.assessments:
        funds = {f"{role}_{key}": funds_value(a, role, key) for role in ("total", "fiscal", "carryover", "other") for key in ("initial_budget", "full_budget", "executed")}
        assessments.append(
            {
                "report_id": report_id,
                "idx": a.index,
                "kind": a.kind,
                "variant": a.variant,
                "title": a.title,
                "year": a.year,
                "project": a.project,
                "department": a.department,
                "unit": a.unit,
                "funds_unit": a.funds_unit,
                **funds,
                "funds_weight": funds_value(a, "total", "weight"),
                "execution_rate": funds_value(a, "total", "rate"),
                "funds_score": funds_value(a, "total", "score"),
                "funds": json.dumps([{"label": f.label, "role": f.role, "printed": f.printed} for f in a.funds], ensure_ascii=False),
                "goal_expected": a.goal_expected,
                "goal_actual": a.goal_actual,
                "level_weights": json.dumps({k: str(v) for k, v in a.level_weights.items()}, ensure_ascii=False),
                "level_scores": json.dumps({k: str(v) for k, v in a.level_scores.items()}, ensure_ascii=False),
                "total_weight": number_or_none(a.total_weight),
                "total_score": number_or_none(a.total_score),
                "grade": a.grade,
                "n_indicators": len(a.indicators),
                **provenance_columns(a.provenance),
            }
        )
        for i in a.indicators:
            indicators.append(
                {
                    "report_id": report_id,
                    "assessment_idx": a.index,
                    "idx": i.index,
                    "level1": i.level1,
                    "level2": i.level2,
                    "level3": i.level3,
                    **{f"{side}{suffix}": value for side, v in (("target", i.target), ("actual", i.actual))
                       for suffix, value in (("", v.text or None), ("_operator", v.operator), ("_number", number_or_none(v.number)), ("_unit", v.unit), ("_kind", v.kind))},
                    "weight": number_or_none(i.weight),
                    "score": number_or_none(i.score),
                    "deviation": i.deviation,
                    "extra": json.dumps(i.extra, ensure_ascii=False) if i.extra else None,
                    **provenance_columns(i.provenance),
                    "row_idx": i.provenance.row if i.provenance else None,
                }
            )
    return {"assessments": assessments, "indicators": indicators}


def store_report(db: Database, report: Report, run_id: int | None, pipeline_version: str) -> int:
    """Replace everything stored for `report.path` with this report, in one transaction; return its id."""
    row = report_row(report, run_id) | {"pipeline_version": pipeline_version}
    with db.atomic():
        existing = list(db["reports"].rows_where("path = ?", [row["path"]], select="id"))
        if existing:
            report_id = existing[0]["id"]
            for table in REPORT_CHILD_TABLES:
                db.execute(f"DELETE FROM [{table}] WHERE report_id = ?", [report_id])
            db["reports"].update(report_id, row)
        else:
            report_id = db["reports"].insert(row).last_pk
        for table, rows in (text_rows(report_id, report) | table_rows_for(report_id, report) | figure_rows(report_id, report) | check_rows(report_id, report) | metadata_rows(report_id, report) | assessment_rows(report_id, report)).items():
            db[table].insert_all(rows)
        db["errors"].insert_all(
            {"report_id": report_id, "run_id": run_id, "stage": e.stage, "kind": e.kind, "message": e.message, "fatal": int(e.fatal), "page": e.page}
            for e in report.errors
        )
    return report_id

