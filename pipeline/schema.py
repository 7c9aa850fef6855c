"""The database schema: the only place tables are defined, as sqlite-utils migrations.

Every table and column is explained in docs/data-dictionary.md; a test checks that the
dictionary names every column the migrations create.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("govreports")


@migrations()
def m001_reports_and_text(db: Database) -> None:
    """Reports, their text structure, runs and errors."""
    db["runs"].create(
        {
            "id": int,
            "started_at": str,
            "finished_at": str,
            "pipeline_version": str,
            "paths": str,
            "loaded": int,
            "skipped": int,
            "failed": int,
            "removed": int,
            "seconds": float,
        },
        pk="id",
    )
    db["reports"].create(
        {
            "id": int,
            "path": str,
            "name": str,
            "sha256": str,
            "format": str,
            "status": str,
            "error": str,
            "encoding": str,
            "pages": int,
            "title": str,
            "issuer": str,
            "issuer_source": str,
            "doc_number": str,
            "signing_date": str,
            "addressee": str,
            "region": str,
            "admin_level": str,
            "report_type": str,
            "year": int,
            "years": str,
            "manifest_sha256": str,
            "text": str,
            "pipeline_version": str,
            "run_id": int,
            "loaded_at": str,
        },
        pk="id",
        not_null={"path", "sha256", "status"},
        foreign_keys=[("run_id", "runs", "id")],
    )
    db["reports"].create_index(["path"], unique=True)
    db["sections"].create(
        {
            "report_id": int,
            "idx": int,
            "level": int,
            "marker": str,
            "title": str,
            "heading": str,
            "path": str,
            "parent_idx": int,
            "page": int,
            "start": int,
            "end": int,
        },
        pk=("report_id", "idx"),
        foreign_keys=[("report_id", "reports", "id")],
    )
    db["paragraphs"].create(
        {
            "id": int,
            "report_id": int,
            "idx": int,
            "kind": str,
            "section_idx": int,
            "page": int,
            "start": int,
            "end": int,
            "text": str,
        },
        pk="id",
        foreign_keys=[("report_id", "reports", "id")],
    )
    db["paragraphs"].create_index(["report_id", "idx"], unique=True)
    # Trigram FTS reads Chinese without word segmentation (queries of 3+ characters).
    db["paragraphs"].enable_fts(["text"], tokenize="trigram", create_triggers=True)
    db["sentences"].create(
        {
            "report_id": int,
            "paragraph_idx": int,
            "idx": int,
            "page": int,
            "start": int,
            "end": int,
            "text": str,
        },
        pk=("report_id", "paragraph_idx", "idx"),
        foreign_keys=[("report_id", "reports", "id")],
    )
    db["errors"].create(
        {"id": int, "report_id": int, "run_id": int, "stage": str, "kind": str, "message": str, "fatal": int},
        pk="id",
        foreign_keys=[("report_id", "reports", "id"), ("run_id", "runs", "id")],
    )


@migrations()
def m002_tables(db: Database) -> None:
    """Annex tables, their rows (merged entries keep their physical lines) and typed cells."""
    db["tables"].create(
        {
            "report_id": int,
            "idx": int,
            "caption": str,
            "pages": str,
            "header": str,
            "method": str,
            "quality": str,
            "quality_score": float,
            "no_table": int,
            "note": str,
            "n_rows": int,
            "n_entries": int,
            "start": int,
            "end": int,
        },
        pk=("report_id", "idx"),
        foreign_keys=[("report_id", "reports", "id")],
    )
    db["table_rows"].create(
        {
            "report_id": int,
            "table_idx": int,
            "idx": int,
            "kind": str,
            "parent_idx": int,
            "section_idx": int,
            "is_sub_item": int,
            "page": int,
            "cells": str,
        },
        pk=("report_id", "table_idx", "idx"),
        foreign_keys=[("report_id", "reports", "id")],
    )
    db["table_cells"].create(
        {
            "report_id": int,
            "table_idx": int,
            "row_idx": int,
            "col": int,
            "header": str,
            "raw": str,
            "text": str,
            "kind": str,
            "value": str,  # the exact Decimal as text; value_num is the same number as REAL for SQL sums
            "value_num": float,
            "unit": str,
            "masked": int,
            "page": int,
            "x0": float,
            "top": float,
            "x1": float,
            "bottom": float,
        },
        pk=("report_id", "table_idx", "row_idx", "col"),
        foreign_keys=[("report_id", "reports", "id")],
    )


@migrations()
def m003_figures(db: Database) -> None:
    """Key figures of the narrative, and a view lining up each metric across reports."""
    db["figures"].create(
        {
            "report_id": int,
            "idx": int,
            "kind": str,
            "surface": str,
            "value": str,  # the exact Decimal (or ISO date) as text; value_num is the same number as REAL
            "value_num": float,
            "unit": str,
            "approx": str,
            "noun": str,
            "metric": str,
            "process": str,
            "role": str,
            "part_of_idx": int,
            "page": int,
            "section_path": str,
            "paragraph_idx": int,
            "sentence": str,
            "start": int,
            "end": int,
        },
        pk=("report_id", "idx"),
        foreign_keys=[("report_id", "reports", "id")],
    )
    db["figures"].create_index(["metric"])
    db.create_view(
        "metric_comparison",
        """
        select f.metric, f.process, f.role, r.id as report_id, r.name as report, r.title, r.region, r.year, r.years,
               f.idx as figure_idx, f.kind, f.value, f.value_num, f.unit, f.approx, f.noun, f.surface, f.page,
               f.part_of_idx, f.sentence
        from figures f join reports r on r.id = f.report_id
        where f.metric is not null and r.status != 'removed'
        order by f.metric, r.year, r.name, f.idx
        """,
    )


@migrations()
def m004_checks(db: Database) -> None:
    """Audit checks (stated totals, breakdowns, rates against their parts) and a view of the problems."""
    db["checks"].create(
        {
            "report_id": int,
            "idx": int,
            "kind": str,
            "status": str,
            "stated": str,  # exact Decimals as text, in `unit`
            "stated_source": str,
            "computed": str,
            "difference": str,
            "tolerance": str,
            "unit": str,
            "page": int,
            "message": str,
            "inputs": str,  # JSON list of {surface, value, source, page}
        },
        pk=("report_id", "idx"),
        foreign_keys=[("report_id", "reports", "id")],
    )
    db["checks"].create_index(["status"])
    db.create_view(
        "check_failures",
        """
        select r.name as report, c.report_id, c.idx, c.kind, c.status, c.stated, c.computed, c.difference,
               c.tolerance, c.unit, c.page, c.message, c.stated_source, c.inputs
        from checks c join reports r on r.id = c.report_id
        where c.status in ('fail', 'unverifiable')
        order by r.name, c.status, c.idx
        """,
    )


@migrations()
def m005_table_unit_and_issuer(db: Database) -> None:
    """A table's money unit (`单位:万元`) and issuer (`编制部门:…`), printed between its title and its grid."""
    db["tables"].add_column("unit", str)
    db["tables"].add_column("issuer", str)


@migrations()
def m006_report_metadata_and_contents(db: Database) -> None:
    """Each metadata field of a report with its source; the printed table of contents."""
    db["report_metadata"].create(
        {"report_id": int, "field": str, "value": str, "source": str},
        pk=("report_id", "field"),
        foreign_keys=[("report_id", "reports", "id")],
    )
    db["contents"].create(
        {"report_id": int, "idx": int, "title": str, "page_ref": int, "page": int},
        pk=("report_id", "idx"),
        foreign_keys=[("report_id", "reports", "id")],
    )


@migrations()
def m007_forms_assessments_indicators(db: Database) -> None:
    """Performance self-assessment forms (绩效自评表): one row per form, one per indicator, and a comparison view."""
    db["assessments"].create(
        {
            "report_id": int,
            "idx": int,
            "kind": str,
            "variant": str,
            "title": str,
            "year": int,
            "project": str,
            "department": str,
            "unit": str,
            "funds_unit": str,
            "total_initial_budget": float,
            "total_full_budget": float,
            "total_executed": float,
            "fiscal_initial_budget": float,
            "fiscal_full_budget": float,
            "fiscal_executed": float,
            "carryover_initial_budget": float,
            "carryover_full_budget": float,
            "carryover_executed": float,
            "other_initial_budget": float,
            "other_full_budget": float,
            "other_executed": float,
            "funds_weight": float,
            "execution_rate": float,
            "funds_score": float,
            "funds": str,
            "goal_expected": str,
            "goal_actual": str,
            "level_weights": str,
            "level_scores": str,
            "total_weight": float,
            "total_score": float,
            "grade": str,
            "n_indicators": int,
            "source": str,
            "page": int,
            "start": int,
            "end": int,
            "raw_start": int,
            "raw_end": int,
            "table_idx": int,
        },
        pk=("report_id", "idx"),
        foreign_keys=[("report_id", "reports", "id")],
    )
    db["indicators"].create(
        {
            "report_id": int,
            "assessment_idx": int,
            "idx": int,
            "level1": str,
            "level2": str,
            "level3": str,
            "target": str,
            "target_operator": str,
            "target_number": float,
            "target_unit": str,
            "target_kind": str,
            "actual": str,
            "actual_operator": str,
            "actual_number": float,
            "actual_unit": str,
            "actual_kind": str,
            "weight": float,
            "score": float,
            "deviation": str,
            "extra": str,
            "source": str,
            "page": int,
            "start": int,
            "end": int,
            "raw_start": int,
            "raw_end": int,
            "table_idx": int,
            "row_idx": int,
        },
        pk=("report_id", "assessment_idx", "idx"),
        foreign_keys=[("report_id", "reports", "id")],
    )
    db.create_view(
        "form_comparison",
        """
        select r.name as report, a.report_id, a.idx as assessment_idx, a.year, a.kind, a.project, a.department, a.unit, r.issuer,
               a.total_full_budget, a.total_executed, a.funds_unit, a.execution_rate,
               round(100.0 * a.total_executed / coalesce(a.total_full_budget, a.total_initial_budget), 2) as computed_rate,
               a.funds_score, a.total_score, a.grade, a.title,
               a.n_indicators,
               (select count(*) from indicators i where i.report_id = a.report_id and i.assessment_idx = a.idx
                and i.score is not null and i.weight is not null and i.score >= i.weight) as full_marks,
               (select count(*) from indicators i where i.report_id = a.report_id and i.assessment_idx = a.idx
                and i.score < i.weight) as points_lost
        from assessments a join reports r on r.id = a.report_id
        where r.status != 'removed'
        order by a.year, r.name, a.idx
        """,
    )


# Tables holding one report's extracted rows, deleted and rewritten when the report changes.
REPORT_CHILD_TABLES = ["checks", "figures", "table_cells", "table_rows", "tables", "errors", "sentences", "paragraphs", "sections"]
REPORT_CHILD_TABLES += ["report_metadata", "contents"]
REPORT_CHILD_TABLES += ["indicators", "assessments"]  # forms (issue 11): they reference only reports


def open_database(path: Path | str) -> Database:
    """Open (creating if needed) the database at `path` with every migration applied."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA foreign_keys = ON")
    wait_for_writers(db)
    if migrations.pending(db):
        with writing(db):  # two runs opening a new database at once: the second waits, then finds nothing pending
            migrations.apply(db)
    return db


# How long a writer waits for another run's transaction to finish before giving up (milliseconds).
BUSY_TIMEOUT_MS = 120_000


def wait_for_writers(db: Database) -> None:
    """Let concurrent runs share one database: readers never block the writer (WAL), writers queue."""
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if db.execute("PRAGMA journal_mode").fetchone()[0] not in ("wal", "memory"):
        db.execute("PRAGMA journal_mode = WAL")


@contextmanager
def writing(db: Database) -> Iterator[Database]:
    """Hold the write lock for a transaction from its start (BEGIN IMMEDIATE).

    A deferred transaction that reads and then writes cannot wait for another writer: SQLite
    answers `database is locked` at once. Taking the lock first makes it wait `busy_timeout`.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")



@migrations()
def m005_robust_runs(db: Database) -> None:
    """Run status (interrupted runs), lossless file names, real paths and duplicates, error pages."""
    db["runs"].add_column("status", str)
    db["runs"].add_column("pid", int)
    db["runs"].add_column("host", str)
    db["runs"].add_column("peak_memory_mb", float)
    db["reports"].add_column("path_bytes", bytes)
    db["reports"].add_column("real_path", str)
    db["reports"].add_column("duplicate_of", int)
    db["reports"].add_column("warnings", int)
    db["reports"].add_column("encoding_confidence", float)
    db["errors"].add_column("page", int)
    db["reports"].create_index(["sha256"])


@migrations()
def m_figures_from_table_cells(db: Database) -> None:
    """Figures read from typed table cells: where they come from (text or table) and the table row and column."""
    db["figures"].add_column("source", str)
    db["figures"].add_column("table_idx", int)
    db["figures"].add_column("row_idx", int)
    db["figures"].add_column("col", int)
    db["figures"].add_column("column_header", str)


@migrations()
def m_table_form_fields(db: Database) -> None:
    """A project form's fields (项目名称, 主管部门 …) printed above its indicator table, as JSON [label, value] pairs per printed row."""
    db["tables"].add_column("fields", str)
