"""Per-file isolation: each file in a worker process under a wall-time and a memory limit."""

import os
import time

import pytest

from pipeline import progress
from pipeline.runner import run
from pipeline.schema import open_database
from pipeline.settings import RunSettings
from pipeline.workers import Killed, Limits, Supervisor
from tests.conftest import CORPUS

KORLA = CORPUS / "korla-2020-performance-management.txt"


def work(item):
    """A stand-in for extraction: behave as the item says, noting progress like the stages do."""
    progress.note(stage="load", page=3, pages=8)
    if item == "sleep":
        time.sleep(60)
    if item == "hog":
        hoard = []
        while True:
            hoard.append(bytearray(64 * 1024 * 1024))
            time.sleep(0.05)
    if item == "die":
        os._exit(3)
    if item == "raise":
        raise RuntimeError("boom")
    return item.upper()


def outcomes(items, limits, workers=2):
    """Return {item: outcome} for items run by a Supervisor."""
    return dict(Supervisor(work, limits, workers).run(items))


def test_a_file_over_its_time_is_killed_with_stage_and_page_and_the_rest_finish():
    started = time.monotonic()
    done = outcomes(["a", "sleep", "b"], Limits(timeout=1.5))
    assert time.monotonic() - started < 10
    assert done["a"] == "A" and done["b"] == "B"
    assert isinstance(done["sleep"], Killed) and done["sleep"].reason == "timeout"
    assert done["sleep"].message == "timeout after 2 s in stage load at page 3 of 8"


def test_a_file_over_its_memory_is_killed_and_recorded():
    done = outcomes(["hog", "a"], Limits(timeout=30, memory_mb=300))
    assert done["a"] == "A"
    killed = done["hog"]
    assert isinstance(killed, Killed) and killed.reason == "memory"
    assert killed.message.startswith("memory limit: ")
    assert killed.message.endswith(" MB used, over the limit of 300 MB, in stage load at page 3 of 8")


def test_a_worker_that_dies_or_raises_is_recorded_not_fatal():
    done = outcomes(["die", "raise", "c"], Limits(timeout=30), workers=1)
    assert done["c"] == "C"
    assert done["die"].message == "worker process exited with code 3 before returning a result in stage load at page 3 of 8"
    assert done["raise"].message == "worker error RuntimeError: boom in stage load at page 3 of 8"


def test_limits_scale_with_pages_and_bytes_unless_given():
    scaled = Limits()
    assert scaled.seconds_for(0, None) == 120 and scaled.seconds_for(0, 100) == 420
    assert scaled.seconds_for(10 * 1024 * 1024, None) == 220
    assert scaled.memory_mb_for(0, 500) == 2024
    assert Limits(timeout=5, memory_mb=100).seconds_for(10**9, 1000) == 5


@pytest.mark.slow
def test_a_stage_that_hangs_on_one_file_fails_that_file_only(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "hang.txt", "c.txt"):
        (folder / name).write_bytes(KORLA.read_bytes().replace(b"2020", name.encode()[:1] * 4, 1))
    import dataclasses

    import pipeline.runner as runner

    stages = runner.default_stages()
    segment = stages[2]

    def hang_on_one(report):
        if report.name == "hang.txt":
            time.sleep(120)
        return segment.run(report)

    stages[2] = dataclasses.replace(segment, run=hang_on_one)
    monkeypatch.setattr(runner, "default_stages", lambda: stages)  # forked workers inherit the patch
    summary = run(RunSettings(paths=(folder,), db_path=tmp_path / "g.db", timeout=8, workers=2))
    assert sorted(p.rsplit("/", 1)[1] for p in summary.loaded) == ["a.txt", "c.txt"]
    row = next(open_database(tmp_path / "g.db").query("select * from reports where name = 'hang.txt'"))
    assert row["status"] == "failed"
    assert row["error"] == f"{folder / 'hang.txt'}: timeout after 8 s in stage segment"
    assert summary.peak_memory_mb > 0


def test_worker_results_equal_in_process_results(tmp_path):
    """The parent stores what the worker returns: the same rows as a run in one process."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / KORLA.name).write_bytes(KORLA.read_bytes())
    tables = ["sections", "paragraphs", "sentences", "tables", "table_cells", "figures", "checks"]

    def rows(db_name, workers):
        run(RunSettings(paths=(folder,), db_path=tmp_path / db_name, workers=workers))
        db = open_database(tmp_path / db_name)
        return {t: list(db.query(f"select * from [{t}]")) for t in tables}

    forked, here = rows("w.db", 1), rows("p.db", 0)
    assert forked == here and len(forked["paragraphs"]) > 20


@pytest.mark.slow
def test_the_worker_function_runs_under_a_pickling_scheduler(tmp_path):
    """What a cluster scheduler (Dask) does: pickle the function and the Report, run it in a fresh process, pickle back."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from pipeline.runner import extract, new_report, run_file

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        remote = pool.submit(extract, new_report(KORLA)).result(timeout=300)
    local = run_file(KORLA)
    assert remote.pages == [] and remote.status == "ok"
    assert [(p.kind, p.text) for p in remote.paragraphs] == [(p.kind, p.text) for p in local.paragraphs]
    assert [(f.surface, f.value, f.metric) for f in remote.figures] == [(f.surface, f.value, f.metric) for f in local.figures]


def test_a_file_killed_in_tables_is_recorded_at_the_page_tables_reached(tmp_path, monkeypatch):
    """Tables notes its page like load: a worker killed there is recorded in stage tables at the page it was parsing, not at load's last page."""
    import pipeline.runner as runner
    from extractors.tables.pdf import finder
    from tests.hostile import paged_pdf

    folder = tmp_path / "in"
    folder.mkdir()
    path = paged_pdf(folder / "paged-30.pdf", 30)  # a ruled table on pages 10, 20 and 30
    parse_page = finder.parse_page

    def hang_on_page_20(parsers, kind, page, number, *rest):
        if number == 20:
            time.sleep(120)
        return parse_page(parsers, kind, page, number, *rest)

    monkeypatch.setattr(finder, "parse_page", hang_on_page_20)  # forked workers inherit the patch
    stages = runner.stages_until("tables")
    monkeypatch.setattr(runner, "default_stages", lambda: stages)
    run(RunSettings(paths=(folder,), db_path=tmp_path / "g.db", timeout=10, workers=1))
    row = next(open_database(tmp_path / "g.db").query("select * from reports"))
    assert row["status"] == "failed"
    assert row["error"] == f"{path}: timeout after 10 s in stage tables at page 20 of 30"
    assert list(open_database(tmp_path / "g.db").query("select stage, kind, page from errors")) == [{"stage": "tables", "kind": "timeout", "page": 20}]


def test_a_stage_after_load_is_not_recorded_at_load_s_last_page():
    """A stage that notes no page is described without the page the stage before it reached."""
    where = {}
    progress.listen(where.update)
    try:
        progress.note(stage="load", page=30, pages=30)
        from pipeline.runner import new_report, process
        from pipeline.stages import Stage

        seen = []
        process(new_report(KORLA), [Stage("segment", frozenset(), frozenset(), lambda report: seen.append(dict(where)))])
    finally:
        progress.listen(None)
    assert progress.describe(seen[0]) == "in stage segment" and where["pages"] == 30
