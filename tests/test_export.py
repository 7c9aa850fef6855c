"""Exports and the browsable database, on a database built from the real corpus."""

import asyncio
import json
import shutil

import pandas as pd
import pytest

from pipeline.browse import datasette_metadata
from pipeline.export import export_database
from pipeline.runner import run
from pipeline.schema import open_database
from pipeline.settings import RunSettings
from tests.conftest import CORPUS, TEXT_REPORTS


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    """A database built from the five text reports."""
    folder = tmp_path_factory.mktemp("corpus")
    for path in TEXT_REPORTS + [CORPUS / "manifest.csv"]:
        shutil.copy(path, folder / path.name)
    db_path = folder / "govreports.db"
    run(RunSettings(paths=(folder,), db_path=db_path))
    return db_path


def test_every_format_round_trips_the_reports_table(corpus_db, tmp_path):
    written = export_database(open_database(corpus_db), tmp_path)
    names = {p.name for p in written}
    assert {"reports.csv", "reports.jsonl", "reports.parquet", "sections.parquet", "govreports.xlsx"} <= names
    csv = pd.read_csv(tmp_path / "reports.csv", encoding="utf-8-sig")
    parquet = pd.read_parquet(tmp_path / "reports.parquet")
    lines = [json.loads(line) for line in (tmp_path / "reports.jsonl").read_text(encoding="utf-8").splitlines()]
    excel = pd.read_excel(tmp_path / "govreports.xlsx", sheet_name="reports")
    for frame in (csv, parquet, pd.DataFrame(lines), excel):
        row = frame[frame["name"] == "tibet-foreign-affairs-2022-performance-management-summary.txt"].iloc[0]
        assert row["doc_number"] == "藏外发〔2023〕2号"
        assert row["signing_date"] == "2023-01-05"
    assert len(parquet) == 5


def test_datasette_serves_the_database_with_the_dictionary_as_metadata(corpus_db):
    from datasette.app import Datasette

    ds = Datasette([str(corpus_db)], metadata=datasette_metadata(corpus_db.stem))

    async def fetch(path):
        return await ds.client.get(path)

    rows = asyncio.run(fetch("/govreports/reports.json?_shape=array&_col=title&name__startswith=korla")).json()
    assert [row["title"] for row in rows] == ["库尔勒市2020年度预算绩效管理情况报告"]
    page = asyncio.run(fetch("/govreports/reports")).text
    assert "the report&#39;s own document number" in page or "the report's own document number" in page
    hits = asyncio.run(fetch("/govreports/search_paragraphs.json?_shape=array&query=审减率")).json()
    assert [h["report"] for h in hits] == ["baoji-2023-performance-management.txt"]
