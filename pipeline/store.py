"""Models to rows: write one report, and everything extracted from it, in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlite_utils import Database

from pipeline.models import Report
from pipeline.schema import REPORT_CHILD_TABLES

def now() -> str:
    """Return the current UTC time as ISO 8601."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def report_row(report: Report, run_id: int | None) -> dict:
    """Return the `reports` row for a report, with manifest metadata where the text gives none."""
    entry = report.manifest
    issuer, issuer_source = report.issuer, "printed" if report.issuer else None
    if not issuer and entry and entry.issuer:
        issuer, issuer_source = entry.issuer, "manifest"
    fatal = [e for e in report.errors if e.fatal]
    return {
        "path": str(report.path),
        "name": report.name,
        "sha256": report.sha256,
        "format": report.format,
        "status": str(report.status),
        "error": "; ".join(e.message for e in (fatal or report.errors)) or None,
        "encoding": report.encoding,
        "pages": report.page_count or None,
        "title": report.title,
        "issuer": issuer,
        "issuer_source": issuer_source,
        "doc_number": report.doc_number,
        "signing_date": report.signing_date,
        "addressee": report.addressee,
        "region": entry.region if entry else None,
        "admin_level": entry.admin_level if entry else None,
        "report_type": entry.report_type if entry else None,
        "year": entry.years[0] if entry and entry.years else None,
        "years": ";".join(map(str, entry.years)) if entry else None,
        "manifest_sha256": entry.sha256 if entry else None,
        "text": report.text or None,
        "run_id": run_id,
        "loaded_at": now(),
    }


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
        for table, rows in text_rows(report_id, report).items():
            db[table].insert_all(rows)
        db["errors"].insert_all(
            {"report_id": report_id, "run_id": run_id, "stage": e.stage, "kind": e.kind, "message": e.message, "fatal": int(e.fatal)}
            for e in report.errors
        )
    return report_id

