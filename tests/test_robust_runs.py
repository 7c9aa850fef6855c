"""Runs that share a database, runs that are killed, and files that failed last time."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.runner import run
from pipeline.schema import open_database
from pipeline.settings import RunSettings
from tests.conftest import ROOT, TEXT_REPORTS


def copy_corpus(folder: Path, prefix: str = "") -> Path:
    """Copy the five text reports into `folder` (names prefixed) and return it."""
    folder.mkdir(parents=True)
    for path in TEXT_REPORTS:
        # a different first line keeps the copies from being duplicates of each other
        (folder / f"{prefix}{path.name}").write_bytes(f"{prefix}\n".encode() + path.read_bytes())
    return folder


def big_folder(folder: Path, copies: int = 8) -> Path:
    """Return a folder of 5 x `copies` distinct reports: a run long enough to be stopped half-way."""
    for n in range(copies):
        copy_corpus(folder / f"c{n}", f"c{n}-")
    return folder


def cli_process(*args: str) -> subprocess.Popen:
    """Start `govreports run ARGS` in a process of its own."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "pipeline.cli", "run", *args], env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def count(db: Path, sql: str) -> int:
    """Return one number from the database, read without waiting for writers (WAL)."""
    with sqlite3.connect(db, timeout=30) as conn:
        return conn.execute(sql).fetchone()[0]


def wait_for_rows(db: Path, table: str, seconds: float = 120) -> None:
    """Wait until `table` exists in the database at `db` and holds a row (a run has written something)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if db.exists() and count(db, f"select count(*) from sqlite_master where name = '{table}'") and count(db, f"select count(*) from {table}"):
            return
        time.sleep(0.05)


@pytest.mark.slow
def test_two_concurrent_runs_on_one_database_both_finish(tmp_path):
    first, second = copy_corpus(tmp_path / "a", "a-"), copy_corpus(tmp_path / "b", "b-")
    db = tmp_path / "shared.db"
    runs = [cli_process(str(first), "--db", str(db)), cli_process(str(second), "--db", str(db))]
    outputs = [p.communicate(timeout=300) for p in runs]
    assert [p.returncode for p in runs] == [0, 0], outputs
    assert all("5 loaded" in out for out, _ in outputs)
    assert count(db, "select count(*) from reports where status = 'ok'") == 10
    assert count(db, "select count(*) from runs where status = 'finished'") == 2


@pytest.mark.slow
def test_a_killed_run_is_marked_interrupted_and_the_rerun_finishes_the_rest(tmp_path):
    folder = big_folder(tmp_path / "in")
    db = tmp_path / "k.db"
    killed = cli_process(str(folder), "-r", "--db", str(db))
    wait_for_rows(db, "reports")
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    stored = count(db, "select count(*) from reports")
    assert 1 <= stored < 40
    summary = run(RunSettings(paths=(folder,), db_path=db, recursive=True))
    assert summary.interrupted_runs == [1]
    assert (len(summary.loaded), len(summary.skipped), len(summary.failed)) == (40 - stored, stored, 0)
    database = open_database(db)
    assert [r["status"] for r in database.query("select status from runs order by id")] == ["interrupted", "finished"]
    # every report complete: the killed run left no half-written report
    sentences = {r["report_id"]: r["n"] for r in database.query("select report_id, count(*) as n from sentences group by report_id")}
    assert sorted(sentences) == [r["id"] for r in database.query("select id from reports order by id")]


@pytest.mark.slow
def test_a_run_stopped_by_sigterm_marks_itself_interrupted(tmp_path):
    folder = big_folder(tmp_path / "in")
    db = tmp_path / "t.db"
    stopped = cli_process(str(folder), "-r", "--db", str(db))
    wait_for_rows(db, "runs")
    stopped.send_signal(signal.SIGTERM)
    stopped.wait(timeout=60)
    assert stopped.returncode != 0
    assert count(db, "select count(*) from runs where status = 'interrupted' and finished_at is not null") == 1


def test_a_failed_file_is_retried_on_the_next_run_unless_no_retry(tmp_path, monkeypatch):
    folder = copy_corpus(tmp_path / "in")
    import dataclasses

    import pipeline.runner as runner

    stages = runner.default_stages()
    audit = stages[-1]

    def full_disk(report):
        if report.name.startswith("korla"):
            raise OSError(28, "No space left on device")
        return audit.run(report)

    with monkeypatch.context() as patch:
        patch.setattr(runner, "default_stages", lambda: stages[:-1] + [dataclasses.replace(audit, run=full_disk)])
        first = run(RunSettings(paths=(folder,), db_path=tmp_path / "r.db"))
    assert len(first.failed) == 1 and "No space left on device" in first.failed[0][1]
    kept = run(RunSettings(paths=(folder,), db_path=tmp_path / "r.db", retry=False))
    assert (len(kept.loaded), len(kept.skipped), len(kept.failed)) == (0, 5, 0)
    retried = run(RunSettings(paths=(folder,), db_path=tmp_path / "r.db"))
    assert retried.loaded == [str(folder / "korla-2020-performance-management.txt")] and len(retried.skipped) == 4
    assert count(tmp_path / "r.db", "select count(*) from reports where status = 'ok'") == 5
