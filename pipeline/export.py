"""Exports: every table and view of the database as CSV, JSON Lines, Parquet and one Excel workbook."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from sqlite_utils import Database

FORMATS = ("csv", "jsonl", "parquet", "xlsx")
# Tables sqlite-utils and FTS5 keep for themselves: never exported.
INTERNAL = re.compile(r"^(_sqlite_migrations|.*_fts(_.*)?|sqlite_.*)$")
# Excel refuses cells over this many characters; longer text is cut in the workbook only.
EXCEL_CELL_LIMIT = 32_767


def exportable(db: Database) -> list[str]:
    """Return the names of the tables and views worth exporting, tables first."""
    return [n for n in db.table_names() + db.view_names() if not INTERNAL.match(n)]


def read_frame(db: Database, name: str) -> pd.DataFrame:
    """Return a table or view as a DataFrame."""
    return pd.read_sql_query(f"select * from [{name}]", db.conn)


def export_database(db: Database, out_dir: Path, formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """Write every exportable table/view in each format into `out_dir`; return the files written."""
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown export format(s): {sorted(unknown)}; choose from {FORMATS}")
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    frames = {name: read_frame(db, name) for name in exportable(db)}
    for name, frame in frames.items():
        if "csv" in formats:
            written.append(out_dir / f"{name}.csv")
            frame.to_csv(written[-1], index=False, encoding="utf-8-sig")  # BOM: Excel opens Chinese CSV right
        if "jsonl" in formats:
            written.append(out_dir / f"{name}.jsonl")
            frame.to_json(written[-1], orient="records", lines=True, force_ascii=False)
        if "parquet" in formats:
            written.append(out_dir / f"{name}.parquet")
            frame.to_parquet(written[-1], index=False)
    if "xlsx" in formats:
        written.append(out_dir / "govreports.xlsx")
        with pd.ExcelWriter(written[-1], engine="openpyxl") as excel:
            for name, frame in frames.items():
                frame.map(clip_for_excel).to_excel(excel, sheet_name=name[:31], index=False)
    return written


def clip_for_excel(value: object) -> object:
    """Cut a string to Excel's cell limit, saying so; leave other values alone."""
    if isinstance(value, str) and len(value) > EXCEL_CELL_LIMIT:
        return value[: EXCEL_CELL_LIMIT - 20] + "…[cut for Excel]"
    return value
