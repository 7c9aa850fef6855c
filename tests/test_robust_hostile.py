"""The hostile-file corpus (tests/hostile.py) run mixed with the good corpus.

Every good report gives exactly the rows of a clean run; every hostile file is recorded with its
expected status and message, within its limits; the run exits 1 and reports its peak memory.
"""

import shutil
import time

import psutil
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.schema import REPORT_CHILD_TABLES, open_database
from tests import hostile
from tests.conftest import CORPUS, TEXT_REPORTS

# Bookkeeping columns that differ between two runs of the same file.
VOLATILE = {"id", "report_id", "run_id", "loaded_at"}


def good_rows(db_path, names) -> dict:
    """Return every row of the named reports (and of their child tables), keyed by report name, without bookkeeping."""
    db = open_database(db_path)
    ids = {r["id"]: r["name"] for r in db.query("select id, name from reports") if r["name"] in names}
    rows = {}
    for table in ["reports", *REPORT_CHILD_TABLES]:
        key = "id" if table == "reports" else "report_id"
        rows[table] = sorted(
            (ids[r[key]], sorted((k, str(v)) for k, v in r.items() if k not in VOLATILE))
            for r in db.query(f"select * from [{table}]")
            if r[key] in ids
        )
    return rows


def run_cli(*args) -> tuple[int, str]:
    """Run `govreports run ARGS`; return exit code and output."""
    result = CliRunner().invoke(cli, ["run", *map(str, args)])
    return result.exit_code, result.output


def check_hostile(db_path, expected: dict) -> None:
    """Assert each hostile file's stored status and message."""
    stored = {r["name"]: r for r in open_database(db_path).query("select * from reports")}
    for name, want in expected.items():
        row = stored[name]
        assert row["status"] == want.status, (name, row["status"], row["error"])
        if want.phrase:
            assert want.phrase in (row["error"] or ""), (name, row["error"])
        if want.kind:
            kinds = [e["kind"] for e in open_database(db_path).query("select kind from errors where report_id = ?", [row["id"]])]
            assert want.kind in kinds, (name, kinds)


def mixed_run(tmp_path, big: bool, good: list) -> None:
    """Clean run of the good files, then the same folder with the hostile files added, into a second database."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    for path in good:
        shutil.copy(path, folder / path.name)
    names = {p.name for p in good}
    code, out = run_cli(folder, "--db", tmp_path / "clean.db")
    assert code == 0, out
    expected = hostile.make_corpus(folder, big=big)
    started = time.monotonic()
    code, out = run_cli(folder, "--db", tmp_path / "mixed.db", "--workers", "2", "--timeout", "120", "--max-memory", "1500")
    seconds = time.monotonic() - started
    assert code == 1, out  # some files failed
    assert f"{len(good) + sum(w.status in ('ok', 'partial') for w in expected.values())} loaded" in out
    assert "peak memory of one worker:" in out
    assert good_rows(tmp_path / "mixed.db", names) == good_rows(tmp_path / "clean.db", names)
    check_hostile(tmp_path / "mixed.db", expected)
    return seconds


@pytest.mark.slow
def test_small_hostile_files_mixed_with_a_good_report(tmp_path):
    mixed_run(tmp_path, big=False, good=[CORPUS / "korla-2020-performance-management.txt", CORPUS / "baoji-2023-performance-management.txt"])


@pytest.mark.slow
def test_every_hostile_kind_mixed_with_the_good_corpus_finishes_within_its_limits(tmp_path):
    good = TEXT_REPORTS + [CORPUS / "pdf" / "lhasa-2020-performance-management.chromium.pdf"]
    seconds = mixed_run(tmp_path, big=True, good=good)
    assert seconds < 240  # the 200 MB bomb, 3 million characters and the 50 MB line each end in seconds
    runs = list(open_database(tmp_path / "mixed.db").query("select * from runs"))
    assert runs[-1]["status"] == "finished" and 0 < runs[-1]["peak_memory_mb"] < 1500


@pytest.mark.slow
def test_memory_stays_flat_over_many_pages(tmp_path):
    """Pages are released as they are read: 150 pages cost what 50 do (before: about 2.9 MB more per page)."""
    from extractors.load_pdf import read_pdf_pages
    from pipeline import progress

    path = tmp_path / "long.pdf"
    hostile.paged_pdf(path, 150, table_every=None)
    rss = {}
    progress.listen(lambda where: rss.setdefault(where.get("page"), psutil.Process().memory_info().rss / 2**20))
    try:
        pages = read_pdf_pages(path)
    finally:
        progress.listen(None)
    assert len(pages) == 150 and pages[149].text.startswith(pages[149].lines[0].text)
    assert rss[150] - rss[50] < 25  # MB over 100 pages; unreleased pages cost about 290 MB here


@pytest.mark.slow
def test_a_long_pdf_over_its_time_is_recorded_with_the_page_it_reached(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    hostile.paged_pdf(folder / "long.pdf", 150, table_every=None)  # about 0.25 s a page here: far over 4 s
    shutil.copy(CORPUS / "korla-2020-performance-management.txt", folder)
    code, out = run_cli(folder, "--db", tmp_path / "t.db", "--timeout", "4")
    assert code == 1 and "1 loaded" in out, out
    row = next(open_database(tmp_path / "t.db").query("select * from reports where name = 'long.pdf'"))
    errors = list(open_database(tmp_path / "t.db").query("select * from errors where report_id = ?", [row["id"]]))
    assert row["status"] == "failed" and [(e["stage"], e["kind"]) for e in errors] == [("load", "timeout")]
    assert row["error"].startswith(f"{folder / 'long.pdf'}: timeout after 4 s in stage load at page ")
    assert row["error"].endswith(" of 150")
