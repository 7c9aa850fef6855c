"""Run the stages over many files: per-file isolation in worker processes, status, skip-if-unchanged, duplicates, a summary."""

from __future__ import annotations

import functools
import os
import signal
import socket
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from pipeline import __version__
from pipeline.errors import GovReportsError
from pipeline.manifest import MANIFEST_NAME, entry_describing, manifest_for, read_manifest, sha256_of
from pipeline.models import Report, StageError, Status
from pipeline.paths import is_utf8_name, name_bytes, readable_name, readable_path, stored_path
from pipeline.progress import note as note_progress
from pipeline.schema import open_database, writing
from pipeline.settings import RunSettings
from pipeline.stages import Stage, check_order, default_stages
from pipeline.store import now, store_report
from pipeline.workers import STOP, Killed, Limits, Supervisor, stop_if_asked


@dataclass
class RunSummary:
    """What a run did: counts per status, totals and problems worth a person's attention."""

    run_id: int
    loaded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    partial: list[tuple[str, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (path, path of the report it copies)
    manifest_problems: list[str] = field(default_factory=list)
    interrupted_runs: list[int] = field(default_factory=list)  # earlier runs found killed before they finished
    sections: int = 0
    paragraphs: int = 0
    seconds: float = 0.0
    peak_memory_mb: float = 0.0


def pipeline_version(stages: Iterable[Stage]) -> str:
    """Return a version string that changes when the package version or the stage list changes."""
    return f"{__version__}:" + ",".join(s.name for s in stages)


def folder_entries(folder: Path, recursive: bool) -> Iterator[Path]:
    """Yield the entries of a folder (all below it with `recursive`); a subfolder that cannot be listed raises."""
    for entry in folder.iterdir():
        if recursive and entry.is_dir() and not entry.is_symlink():
            yield from folder_entries(entry, recursive)
        else:
            yield entry


def discover(paths: Iterable[Path], suffixes: tuple[str, ...], recursive: bool = False, problems: list[str] | None = None) -> list[Path]:
    """Return the report files in `paths` (files as given, folders' own files, or all below with `recursive`).

    Paths are made absolute, so the same file named relatively and absolutely is one path. Any
    entry with a report suffix that is not a folder is kept, FIFOs and devices included: they are
    refused, and recorded, when opened. A folder that cannot be listed is added to `problems`.
    """
    found: set[Path] = set()
    for path in (Path(p).absolute() for p in paths):
        if not path.is_dir():
            found.add(path)
            continue
        try:
            found.update(p for p in folder_entries(path, recursive) if p.suffix.lower() in suffixes and not p.is_dir())
        except OSError as exc:
            if problems is not None:
                problems.append(f"{readable_path(path)}: cannot list the folder ({exc.strerror})")
    return sorted(found)


def process(report: Report, stages: list[Stage]) -> Report:
    """Run the stages on one report; a bad input or a bug is recorded as a fatal error, never raised."""
    for stage in stages:
        note_progress(stage=stage.name, page=None)  # a stage that reads pages notes them; the page of the stage before is no longer where it is
        try:
            stage(report)
            report.stages_run.append(stage.name)
        except GovReportsError as exc:
            report.errors.append(StageError(stage.name, exc.kind, str(exc)))
            break
        except MemoryError:  # the address-space limit of a worker, reached inside a library
            report.pages = []
            report.errors.append(StageError(stage.name, "memory", f"{report.path}: out of memory (over the per-file limit) in stage {stage.name}"))
            break
        except Exception as exc:  # a bug: keep the traceback so it is never silent
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            where = traceback.extract_tb(exc.__traceback__)[-1]
            report.errors.append(
                StageError(stage.name, "bug", f"{report.path}: internal error {detail} at {where.filename}:{where.lineno}")
            )
            break
    return report


def extract(report: Report, stages: list[Stage] | None = None) -> Report:
    """The worker function: run the stages on one report and return it without its raw pages.

    It never touches the database, so it can run in a worker process or on a cluster (Dask's
    `client.map(extract, reports)`), with the parent storing what comes back.
    """
    process(report, stages or default_stages())
    report.pages = []  # the parent stores text and what was extracted, never the raw pages
    return report


def new_report(path: Path) -> Report:
    """Return a Report for `path` with its hash, format and manifest entry; a hash mismatch is recorded.

    A path that is not a readable regular file raises UnreadableFile naming it (readably).
    """
    report = Report(path=path, name=readable_name(name_bytes(path.name)), sha256=sha256_of(path), format=path.suffix.lower().lstrip("."))
    report.manifest = manifest_for(path) if is_utf8_name(path) else None
    if report.manifest and not entry_describing(report.manifest, report.sha256):
        report.errors.append(
            StageError(
                "manifest",
                "hash-mismatch",
                f"{path}: sha256 {report.sha256[:12]}… differs from the manifest's {report.manifest.sha256[:12]}…",
                fatal=False,
            )
        )
    return report


def failed_report(path: Path, stage: str, kind: str, message: str, sha256: str = "", page: int | None = None) -> Report:
    """Return a Report that records one fatal problem with `path` (nothing was extracted), at `page` if it is about one."""
    report = Report(path=path, name=readable_name(name_bytes(path.name)), sha256=sha256, format=path.suffix.lower().lstrip("."))
    report.errors.append(StageError(stage, kind, message, page=page))
    return report


def opened_report(path: Path) -> Report:
    """Return the Report for a listed path, or a failed one saying why the path cannot be read."""
    try:
        return new_report(path)
    except GovReportsError as exc:
        return failed_report(path, "path", exc.kind, str(exc))
    except OSError as exc:  # a read error while hashing (I/O error, file truncated under us)
        return failed_report(path, "path", "unreadable", f"{readable_path(path)}: cannot read ({exc.strerror or exc})")


def storable(report: Report) -> Report:
    """Make a report's messages safe for SQLite: the path shown readably, never with lone surrogates."""
    raw, shown = str(report.path), readable_path(report.path)
    for error in report.errors:
        error.message = error.message.replace(raw, shown).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return report


def robust_columns(report: Report, original_id: int | None) -> dict:
    """Return the columns this module adds to a stored report: raw name bytes, real path, duplicate, warnings."""
    return {
        "path_bytes": None if is_utf8_name(report.path) else name_bytes(report.path),
        "real_path": stored_path(os.path.realpath(report.path)),
        "duplicate_of": original_id,
        "warnings": sum(not e.fatal for e in report.errors),
        "encoding_confidence": report.encoding_confidence,
        "error": f"{readable_path(report.path)}: duplicate of {report.duplicate_of}" if report.duplicate_of else None,
    }


def store_safely(db: Database, report: Report, run_id: int, version: str, original_id: int | None = None) -> None:
    """Store a report; if storing fails, its transaction is rolled back and the failure is stored instead."""
    storable(report)
    try:
        with writing(db):  # take the write lock first: a concurrent run makes us wait, not fail
            report_id = store_report(db, report, run_id, version)
            extra = robust_columns(report, original_id)
            db["reports"].update(report_id, extra if report.duplicate_of else {k: v for k, v in extra.items() if k != "error"})
    except Exception as exc:  # a bug in a row writer must not stop the batch nor leave half a report
        failed = Report(path=report.path, name=report.name, sha256=report.sha256, format=report.format, manifest=report.manifest)
        failed.errors = [StageError("store", "bug", f"{readable_path(report.path)}: could not store ({type(exc).__name__}: {exc})")]
        with writing(db):
            report_id = store_report(db, failed, run_id, version)
            db["reports"].update(report_id, {k: v for k, v in robust_columns(failed, None).items() if k != "error"})
        report.errors.extend(failed.errors)


# The SHA-256 of zero bytes.
EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
# Statuses whose rows are redone on the next run even when the file is unchanged.
REDONE = {"removed", "duplicate"}


def is_unchanged(db: Database, path: Path, sha256: str, version: str, retry_failed: bool = True) -> bool:
    """Tell whether the database already holds this exact file, processed by this pipeline version (a failure is retried)."""
    rows = list(db["reports"].rows_where("path = ?", [stored_path(path)], select="sha256, pipeline_version, status"))
    redone = REDONE | ({"failed"} if retry_failed else set())
    return bool(rows) and rows[0]["sha256"] == sha256 and rows[0]["pipeline_version"] == version and rows[0]["status"] not in redone


def stored_id(db: Database, path: Path) -> int | None:
    """Return the id of the report stored for `path`, if any."""
    rows = list(db["reports"].rows_where("path = ?", [stored_path(path)], select="id"))
    return rows[0]["id"] if rows else None


def original_in_database(db: Database, report: Report) -> tuple[int, str] | None:
    """Return (id, path) of another stored report with the same bytes, if one is loaded (ok or partial)."""
    sql = "select id, path from reports where sha256 = ? and path != ? and status in ('ok', 'partial') order by id limit 1"
    rows = list(db.query(sql, [report.sha256, stored_path(report.path)]))
    return (rows[0]["id"], rows[0]["path"]) if rows else None


def mark_removed(db: Database, scanned: Iterable[Path], present: set[str], recursive: bool) -> list[str]:
    """Mark reports under the scanned folders whose file is gone as `removed`; return their paths."""
    folders = {Path(stored_path(Path(p).absolute())) for p in scanned if Path(p).is_dir()}
    removed = []
    for row in db["reports"].rows_where("status != 'removed'", select="id, path"):
        path = Path(row["path"])
        inside = path.parent in folders or (recursive and any(f in path.parents for f in folders))
        if row["path"] not in present and inside:
            with writing(db):
                db["reports"].update(row["id"], {"status": "removed", "error": f"{row['path']}: file no longer exists"})
            removed.append(row["path"])
    return removed


def manifest_files_missing(paths: Iterable[Path]) -> list[str]:
    """Return the files a scanned folder's manifest lists but the folder does not hold."""
    missing = []
    for folder in (Path(p) for p in paths if Path(p).is_dir()):
        manifest = folder / MANIFEST_NAME
        if manifest.exists():
            missing += [f"{folder / name}: listed in {manifest} but missing" for name in read_manifest(manifest) if not (folder / name).exists()]
    return missing


def process_alive(pid: int | None) -> bool:
    """Tell whether a process with this id is running on this machine."""
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def mark_interrupted_runs(db: Database) -> list[int]:
    """Mark earlier runs that never finished and whose process is gone as `interrupted`; return their ids."""
    host = socket.gethostname()
    rows = list(db.query("select id, pid, host from runs where finished_at is null and coalesce(status, 'running') = 'running'"))
    stale = [r["id"] for r in rows if r["host"] is None or (r["host"] == host and not process_alive(r["pid"]))]
    for run_id in stale:
        with writing(db):
            db["runs"].update(run_id, {"status": "interrupted"})
    return stale


def start_run(db: Database, settings: RunSettings, version: str) -> int:
    """Insert the `runs` row of a new run (status running, with this process's id) and return its id."""
    row = {
        "started_at": now(),
        "pipeline_version": version,
        "paths": " ".join(stored_path(p) for p in settings.paths),
        "status": "running",
        "pid": os.getpid(),
        "host": socket.gethostname(),
    }
    with writing(db):
        return db["runs"].insert(row).last_pk


@contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """While a run is going, let SIGTERM stop it between files (SystemExit), so it can mark itself interrupted."""

    def stop(signum, frame):  # noqa: ARG001 - the signal handler's signature
        STOP.set()  # acted on between files: raising here could land inside a fork or a commit

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    STOP.clear()
    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
        STOP.clear()


def prepare_process() -> None:
    """Load everything a report's rows may depend on once, before any file (so order cannot change rows).

    Workers are forked from this process, so what is built here (jieba's dictionary, the blank spaCy
    pipeline, the division tables) is built once per run, not once per file.
    """
    from extractors import pdf_guard
    from extractors.figures.find import nlp
    from extractors.lexicon import load_dictionary
    from extractors.metadata import gazetteer

    default_stages()  # imports every stage module
    load_dictionary()
    nlp()
    gazetteer.warm_up()
    pdf_guard.install()


def plan(db: Database, settings: RunSettings, version: str, files: list[Path], summary: RunSummary) -> list[tuple[Report, int | Path | None]]:
    """Return (report, its original: a stored report's id, a path loaded in this run, or None) for each file to store.

    Unchanged files are skipped (recorded in `summary`); the second path to the same real file, or
    to the same bytes as a report already loaded (now or before), is a duplicate and is not processed.
    """
    todo: list[tuple[Report, int | Path | None]] = []
    by_real_path: dict[str, Path] = {}
    by_hash: dict[str, Path] = {}
    for path in sorted(files, key=age_order):  # the first file on disk is the original, its later copies duplicates
        report = opened_report(path)
        if report.status is Status.FAILED:
            todo.append((report, None))
            continue
        if not settings.force and is_unchanged(db, path, report.sha256, version, settings.retry):
            summary.skipped.append(stored_path(path))
            continue
        real = os.path.realpath(path)
        original = by_real_path.get(real) or by_hash.get(report.sha256)
        if report.sha256 == EMPTY_SHA256:  # empty files are all alike, and none is a report: each fails on its own
            original = None
        stored = None if original or report.sha256 == EMPTY_SHA256 else original_in_database(db, report)
        if original or stored:
            report.duplicate_of = readable_path(original) if original else stored[1]
            todo.append((report, original or stored[0]))
            continue
        by_real_path[real] = by_hash[report.sha256] = path
        todo.append((report, None))
    return sorted(todo, key=lambda item: item[0].path)


def age_order(path: Path) -> tuple[int, bool, Path]:
    """Sort key: files modified earlier first, a real file before a symlink to it, then by path."""
    try:
        return os.stat(path).st_mtime_ns, path.is_symlink(), path
    except OSError:
        return 0, False, path


def outcomes(settings: RunSettings, stages: list[Stage], reports: Iterable[Report], summary: RunSummary) -> Iterator[Report]:
    """Yield each report processed: in worker processes under the limits, or here when workers is 0."""
    if settings.workers == 0:
        yield from (extract(report, stages) for report in reports)
        return

    def size_of(report: Report) -> int:
        try:
            return report.path.stat().st_size
        except OSError:
            return 0

    supervisor = Supervisor(functools.partial(extract, stages=stages), Limits(settings.timeout, settings.max_memory_mb), settings.workers, size_of)
    try:
        for report, outcome in supervisor.run(reports):
            if isinstance(outcome, Killed):
                stage = outcome.where.get("stage") or "worker"
                page = outcome.where.get("page")  # the page the stage was at when killed (errors.page)
                killed = failed_report(report.path, stage, outcome.reason, f"{readable_path(report.path)}: {outcome.message}", report.sha256, page)
                killed.format, killed.manifest = report.format, report.manifest
                yield killed
            else:
                yield outcome
    finally:
        summary.peak_memory_mb = supervisor.peak_mb


def count(summary: RunSummary, report: Report) -> None:
    """Add one stored report to the summary under its status."""
    shown = readable_path(report.path)
    if report.status is Status.DUPLICATE:
        summary.duplicates.append((shown, report.duplicate_of))
    elif report.status is Status.FAILED:
        summary.failed.append((shown, "; ".join(e.message for e in report.errors if e.fatal)))
    else:
        summary.loaded.append(shown)
        if report.status is Status.PARTIAL:
            summary.partial.append((shown, "; ".join(e.message for e in report.errors)))


def run(settings: RunSettings, progress: Callable[[list[Path]], Iterator[Path]] | None = None) -> RunSummary:
    """Process every report file under the settings' paths into the database; return the summary.

    No file stops the batch: a path that cannot be read, a file over its time or memory limit, or a
    bug is recorded for that file. A run stopped by SIGTERM or Ctrl-C is marked `interrupted`.
    """
    stages = default_stages()
    check_order(stages)  # before any file is opened
    version = pipeline_version(stages)
    prepare_process()
    db = open_database(settings.db_path)
    started = time.perf_counter()
    interrupted = mark_interrupted_runs(db)
    run_id = start_run(db, settings, version)
    summary = RunSummary(run_id=run_id, interrupted_runs=interrupted)
    status = "interrupted"
    try:
        with stop_on_sigterm():
            files = discover(settings.paths, settings.suffixes, settings.recursive, summary.manifest_problems)
            todo = plan(db, settings, version, files, summary)
            by_path = {report.path: report for report, _ in todo if report.status is not Status.FAILED and not report.duplicate_of}
            for report, _ in todo:  # path problems need no worker
                if report.status is Status.FAILED:
                    store_safely(db, report, run_id, version)
                    count(summary, report)
            paths = progress(list(by_path)) if progress else iter(by_path)
            for report in outcomes(settings, stages, (by_path[p] for p in paths), summary):
                store_safely(db, report, run_id, version)
                count(summary, report)
                stop_if_asked()
            for report, original in todo:  # after their originals, so that each points at a stored row
                if report.duplicate_of:
                    store_safely(db, report, run_id, version, original if isinstance(original, int) else stored_id(db, original))
                    count(summary, report)
            summary.manifest_problems += manifest_files_missing(settings.paths)
            summary.removed = mark_removed(db, settings.paths, {stored_path(p) for p in files}, settings.recursive)
        status = "finished"
    finally:
        summary.sections = db["sections"].count
        summary.paragraphs = db["paragraphs"].count
        summary.seconds = time.perf_counter() - started
        finished = {
            "finished_at": now(),
            "status": status,
            "loaded": len(summary.loaded),
            "skipped": len(summary.skipped),
            "failed": len(summary.failed),
            "removed": len(summary.removed),
            "seconds": round(summary.seconds, 3),
            "peak_memory_mb": round(summary.peak_memory_mb, 1),
        }
        with writing(db):
            db["runs"].update(run_id, finished)
    return summary


def run_file(path: Path, stages: list[Stage] | None = None) -> Report:
    """Process one file without a database (for `govreports tables/figures FILE` and notebooks)."""
    stages = stages or default_stages()
    check_order(stages)
    prepare_process()
    return process(new_report(Path(path)), stages)


def stages_until(stage: str) -> list[Stage]:
    """Return the default stages up to and including `stage`."""
    stages = default_stages()
    names = [s.name for s in stages]
    if stage not in names:
        raise ValueError(f"no stage {stage!r}; the stages are {', '.join(names)}")
    return stages[: names.index(stage) + 1]


def run_until(path: Path, stage: str) -> Report:
    """Run the default stages up to and including `stage` on one file, without a database; return the report."""
    return run_file(path, stages_until(stage))
