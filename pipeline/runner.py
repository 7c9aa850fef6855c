"""Run the stages over many files: per-file isolation, status, skip-if-unchanged, a summary."""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from pipeline import __version__
from pipeline.errors import GovReportsError
from pipeline.manifest import MANIFEST_NAME, manifest_for, read_manifest, sha256_of
from pipeline.models import Report, StageError, Status
from pipeline.schema import open_database
from pipeline.settings import RunSettings
from pipeline.stages import Stage, check_order, default_stages
from pipeline.store import now, store_report


@dataclass
class RunSummary:
    """What a run did: counts per status, totals and problems worth a person's attention."""

    run_id: int
    loaded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    partial: list[tuple[str, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    manifest_problems: list[str] = field(default_factory=list)
    sections: int = 0
    paragraphs: int = 0
    seconds: float = 0.0


def pipeline_version(stages: Iterable[Stage]) -> str:
    """Return a version string that changes when the package version or the stage list changes."""
    return f"{__version__}:" + ",".join(s.name for s in stages)


def discover(paths: Iterable[Path], suffixes: tuple[str, ...], recursive: bool = False) -> list[Path]:
    """Return the report files in `paths` (files as given, folders' own files, or all below with `recursive`)."""
    found: set[Path] = set()
    for path in paths:
        path = Path(path)
        if path.is_dir():
            candidates = path.rglob("*") if recursive else path.iterdir()
            found.update(p for p in candidates if p.is_file() and p.suffix.lower() in suffixes)
        else:
            found.add(path)
    return sorted(found)


def process(report: Report, stages: list[Stage]) -> Report:
    """Run the stages on one report; a bad input or a bug is recorded as a fatal error, never raised."""
    for stage in stages:
        try:
            stage(report)
            report.stages_run.append(stage.name)
        except GovReportsError as exc:
            report.errors.append(StageError(stage.name, exc.kind, str(exc)))
            break
        except Exception as exc:  # a bug: keep the traceback so it is never silent
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            where = traceback.extract_tb(exc.__traceback__)[-1]
            report.errors.append(
                StageError(stage.name, "bug", f"{report.path}: internal error {detail} at {where.filename}:{where.lineno}")
            )
            break
    return report


def new_report(path: Path) -> Report:
    """Return a Report for `path` with its hash, format and manifest entry; a hash mismatch is recorded."""
    report = Report(path=path, name=path.name, sha256=sha256_of(path), format=path.suffix.lower().lstrip("."))
    report.manifest = manifest_for(path)
    if report.manifest and report.manifest.sha256 and report.manifest.sha256 != report.sha256:
        report.errors.append(
            StageError(
                "manifest",
                "hash-mismatch",
                f"{path}: sha256 {report.sha256[:12]}… differs from the manifest's {report.manifest.sha256[:12]}…",
                fatal=False,
            )
        )
    return report


def store_safely(db: Database, report: Report, run_id: int, version: str) -> None:
    """Store a report; if storing fails, its transaction is rolled back and the failure is stored instead."""
    try:
        store_report(db, report, run_id, version)
    except Exception as exc:  # a bug in a row writer must not stop the batch nor leave half a report
        failed = Report(path=report.path, name=report.name, sha256=report.sha256, format=report.format, manifest=report.manifest)
        failed.errors = [StageError("store", "bug", f"{report.path}: could not store ({type(exc).__name__}: {exc})")]
        store_report(db, failed, run_id, version)
        report.errors.extend(failed.errors)


def is_unchanged(db: Database, path: Path, sha256: str, version: str) -> bool:
    """Tell whether the database already holds this exact file, processed by this pipeline version."""
    rows = list(db["reports"].rows_where("path = ?", [str(path)], select="sha256, pipeline_version, status"))
    return bool(rows) and rows[0]["sha256"] == sha256 and rows[0]["pipeline_version"] == version and rows[0]["status"] != "removed"


def mark_removed(db: Database, scanned: Iterable[Path], present: set[str], recursive: bool) -> list[str]:
    """Mark reports under the scanned folders whose file is gone as `removed`; return their paths."""
    folders = {Path(p) for p in scanned if Path(p).is_dir()}
    removed = []
    for row in db["reports"].rows_where("status != 'removed'", select="id, path"):
        path = Path(row["path"])
        inside = path.parent in folders or (recursive and any(f in path.parents for f in folders))
        if row["path"] not in present and inside:
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


def run(settings: RunSettings, progress: Callable[[list[Path]], Iterator[Path]] | None = None) -> RunSummary:
    """Process every report file under the settings' paths into the database; return the summary."""
    stages = default_stages()
    check_order(stages)  # before any file is opened
    version = pipeline_version(stages)
    db = open_database(settings.db_path)
    started = time.perf_counter()
    run_id = db["runs"].insert({"started_at": now(), "pipeline_version": version, "paths": " ".join(map(str, settings.paths))}).last_pk
    summary = RunSummary(run_id=run_id)
    files = discover(settings.paths, settings.suffixes, settings.recursive)
    for path in progress(files) if progress else files:
        report = new_report(path)
        if not settings.force and is_unchanged(db, path, report.sha256, version):
            summary.skipped.append(str(path))
            continue
        process(report, stages)
        store_safely(db, report, run_id, version)
        if report.status is Status.FAILED:
            summary.failed.append((str(path), "; ".join(e.message for e in report.errors if e.fatal)))
        else:
            summary.loaded.append(str(path))
            if report.status is Status.PARTIAL:
                summary.partial.append((str(path), "; ".join(e.message for e in report.errors)))
    summary.manifest_problems = manifest_files_missing(settings.paths)
    summary.removed = mark_removed(db, settings.paths, {str(p) for p in files}, settings.recursive)
    summary.sections = db["sections"].count
    summary.paragraphs = db["paragraphs"].count
    summary.seconds = time.perf_counter() - started
    db["runs"].update(
        run_id,
        {
            "finished_at": now(),
            "loaded": len(summary.loaded),
            "skipped": len(summary.skipped),
            "failed": len(summary.failed),
            "removed": len(summary.removed),
            "seconds": round(summary.seconds, 3),
        },
    )
    return summary


def run_file(path: Path, stages: list[Stage] | None = None) -> Report:
    """Process one file without a database (for `govreports tables/figures FILE` and notebooks)."""
    stages = stages or default_stages()
    check_order(stages)
    return process(new_report(Path(path)), stages)
