"""Duplicates by content hash and real path: recorded as `duplicate of X`, never loaded twice."""

import os
import shutil

from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.runner import run
from pipeline.schema import open_database
from pipeline.settings import RunSettings
from tests.conftest import CORPUS

BAOJI = CORPUS / "baoji-2023-performance-management.txt"


def test_copies_symlinks_and_relative_paths_are_loaded_once(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    original = folder / BAOJI.name
    shutil.copy(BAOJI, original)
    shutil.copy(BAOJI, folder / "copy.txt")
    os.symlink(original, folder / "link.txt")
    monkeypatch.chdir(tmp_path)
    relative = original.relative_to(tmp_path)
    db = tmp_path / "d.db"
    summary = run(RunSettings(paths=(folder, relative, original), db_path=db))
    assert summary.loaded == [str(original)]
    assert sorted(summary.duplicates) == [(str(folder / "copy.txt"), str(original)), (str(folder / "link.txt"), str(original))]
    rows = {r["name"]: r for r in open_database(db).query("select * from reports")}
    assert sorted(rows) == [BAOJI.name, "copy.txt", "link.txt"]
    assert rows["copy.txt"]["status"] == "duplicate" and rows["copy.txt"]["duplicate_of"] == rows[BAOJI.name]["id"]
    assert rows["copy.txt"]["error"] == f"{folder / 'copy.txt'}: duplicate of {original}"
    assert rows["link.txt"]["real_path"] == str(original)
    # compare prints the baoji 审减率 once (预算平均审减率38.08%, read off the report), not once per copy
    printed = CliRunner().invoke(cli, ["compare", "ex_ante_assessment.cut_rate", "--db", str(db)]).output
    assert printed.count("«38.08%»") == 1 and printed.count("baoji") == 1


def test_a_copy_added_later_is_a_duplicate_of_the_stored_report(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(BAOJI, folder / BAOJI.name)
    db = tmp_path / "d.db"
    run(RunSettings(paths=(folder,), db_path=db))
    shutil.copy(BAOJI, folder / "downloaded-again.txt")
    summary = run(RunSettings(paths=(folder,), db_path=db))
    assert summary.duplicates == [(str(folder / "downloaded-again.txt"), str(folder / BAOJI.name))]
    assert open_database(db).execute("select count(*) from figures f join reports r on r.id = f.report_id where r.name = 'downloaded-again.txt'").fetchone()[0] == 0
