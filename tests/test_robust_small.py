"""The smaller robustness items: Excel control characters, impossible dates, literal search, safe export names."""

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from extractors.segment import iso_date
from pipeline import export, queries
from pipeline.cli import cli
from pipeline.schema import open_database
from pipeline.store import store_report
from pipeline.runner import run_file
from tests.conftest import CORPUS


def test_excel_export_keeps_a_vertical_tab_as_a_line_break(fresh_db, tmp_path):
    fresh_db["notes"].insert({"text": "第一行\v第二行\x07"})  # Word's manual line break, and a bell
    written = export.export_database(fresh_db, tmp_path / "out", ("xlsx",))
    sheet = load_workbook(written[0])["notes"]
    assert sheet["A2"].value == "第一行\n第二行"


@pytest.mark.parametrize("printed,expected", [("2021年2月30日", None), ("2020年2月29日", "2020-02-29"), ("2021年13月1日", None), ("2023年3月8日", "2023-03-08")])
def test_iso_date_rejects_days_that_do_not_exist(printed, expected):
    assert iso_date(printed) == expected


@pytest.fixture
def searchable(tmp_path):
    """A database with two paragraphs, one holding a literal % and _."""
    db = open_database(tmp_path / "s.db")
    report = run_file(CORPUS / "lhasa-2024-2025-performance-management-summary.txt")
    store_report(db, report, None, "test")
    db.execute("update paragraphs set text = '完成率100%_达标' where idx = 0")
    db.conn.commit()
    return db


def test_search_treats_percent_and_underscore_literally(searchable):
    assert [h["text"] for h in queries.search_paragraphs(searchable, "%_")] == ["完成率100%_达标"]
    assert queries.search_paragraphs(searchable, "_") == queries.search_paragraphs(searchable, "%_")
    with_percent = [r["text"] for r in searchable.query("select text from paragraphs") if "%" in r["text"]]
    total = searchable.execute("select count(*) from paragraphs").fetchone()[0]
    hits = [h["text"] for h in queries.search_paragraphs(searchable, "%", limit=1000)]
    assert sorted(hits) == sorted(with_percent) and len(hits) < total


def test_an_empty_search_is_refused(searchable, tmp_path):
    with pytest.raises(ValueError, match="empty search query"):
        queries.search_paragraphs(searchable, "  ")
    result = CliRunner().invoke(cli, ["search", "", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 2 and "empty search query" in result.output


def test_crafted_table_names_cannot_write_outside_out(tmp_path):
    db = open_database(tmp_path / "shared.db")
    for name in ("../../escaped", "/tmp/absolute", "a/b", "..", "odd]name"):
        db[name].insert({"x": 1})
    out = tmp_path / "deep" / "out"
    written = export.export_database(db, out, ("csv", "jsonl", "parquet", "xlsx"))
    assert all(path.parent == out.resolve() for path in written)
    assert not (tmp_path / "escaped.csv").exists() and not list(tmp_path.glob("deep/*.csv"))
    names = sorted(p.name for p in written if p.suffix == ".csv")
    assert "runs.csv" in names and any(n.startswith("escaped-") for n in names)
    assert pd.read_csv(out / next(n for n in names if n.startswith("odd_name-")))["x"].tolist() == [1]
