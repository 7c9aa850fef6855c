"""The database schema: the only place tables are defined, as sqlite-utils migrations.

Every table and column is explained in docs/data-dictionary.md; a test checks that the
dictionary names every column the migrations create.
"""

from __future__ import annotations

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


# Tables holding one report's extracted rows, deleted and rewritten when the report changes.
REPORT_CHILD_TABLES = ["errors", "sentences", "paragraphs", "sections"]


def open_database(path: Path | str) -> Database:
    """Open (creating if needed) the database at `path` with every migration applied."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA foreign_keys = ON")
    migrations.apply(db)
    return db
