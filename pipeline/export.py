"""Exports: every table and view of the database as CSV, JSON Lines, Parquet and one Excel workbook."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlite_utils import Database

FORMATS = ("csv", "jsonl", "parquet", "xlsx")
# Tables sqlite-utils and FTS5 keep for themselves: never exported.
INTERNAL = re.compile(r"^(_sqlite_migrations|.*_fts(_.*)?|sqlite_.*)$")
# Excel refuses cells over this many characters; longer text is cut in the workbook only.
EXCEL_CELL_LIMIT = 32_767
# A table name that is safe as a file name as it is: letters (any script), digits, `_`, `-`, not starting with a dot.
SAFE_FILE_STEM = re.compile(r"[^\W][\w-]{0,99}")
# Characters replaced in a table name that is not safe as a file name (separators, dots, controls…).
UNSAFE_FILE_CHARS = re.compile(r"[^\w-]+")
# Characters Excel refuses in a sheet name.
UNSAFE_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def exportable(db: Database) -> list[str]:
    """Return the names of the tables and views worth exporting, tables first."""
    return [n for n in db.table_names() + db.view_names() if not INTERNAL.match(n)]


def read_frame(db: Database, name: str) -> pd.DataFrame:
    """Return a table or view as a DataFrame."""
    quoted = '"' + name.replace('"', '""') + '"'  # any name, even one holding ] or quotes, is one identifier
    return pd.read_sql_query(f"select * from {quoted}", db.conn)


def export_database(db: Database, out_dir: Path, formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """Write every exportable table/view in each format into `out_dir`; return the files written."""
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown export format(s): {sorted(unknown)}; choose from {FORMATS}")
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    frames = {name: read_frame(db, name) for name in exportable(db)}
    for name, frame in frames.items():
        base = file_stem(name)
        if "csv" in formats:
            written.append(inside(out_dir, f"{base}.csv"))
            frame.to_csv(written[-1], index=False, encoding="utf-8-sig")  # BOM: Excel opens Chinese CSV right
        if "jsonl" in formats:
            written.append(inside(out_dir, f"{base}.jsonl"))
            frame.to_json(written[-1], orient="records", lines=True, force_ascii=False)
        if "parquet" in formats:
            written.append(inside(out_dir, f"{base}.parquet"))
            frame.to_parquet(written[-1], index=False)
    if "xlsx" in formats:
        written.append(out_dir / "govreports.xlsx")
        with pd.ExcelWriter(written[-1], engine="openpyxl") as excel:
            for name, frame in frames.items():
                frame.map(clip_for_excel).to_excel(excel, sheet_name=sheet_name(name), index=False)
    return written


def clip_for_excel(value: object) -> object:
    """Make a string fit an Excel cell: Word's manual line break (vertical tab) as a newline, other
    control characters Excel refuses dropped, cut to the cell limit saying so; leave other values alone."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value.replace("\v", "\n"))
    if len(value) > EXCEL_CELL_LIMIT:
        return value[: EXCEL_CELL_LIMIT - 20] + "…[cut for Excel]"
    return value


def file_stem(name: str) -> str:
    """Return a table's name as a file name: itself when plain, else its safe characters and a short hash.

    A shared database may hold a table named `../../x`: its name must not choose where a file goes.
    """
    if SAFE_FILE_STEM.fullmatch(name):
        return name
    safe = UNSAFE_FILE_CHARS.sub("_", name).strip("._")[:80] or "table"
    return f"{safe}-{hashlib.sha256(name.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


def inside(out_dir: Path, file_name: str) -> Path:
    """Return out_dir/file_name, refusing any name that would land outside out_dir."""
    target = (out_dir / file_name).resolve()
    if target.parent != out_dir.resolve():
        raise ValueError(f"refusing to write {file_name!r} outside {out_dir}")
    return target


def sheet_name(name: str) -> str:
    """Return a valid Excel sheet name for a table (at most 31 characters, none of []:*?/\\)."""
    return UNSAFE_SHEET_CHARS.sub("_", name)[:31] or "sheet"
