"""Run settings: a dataclass that validates itself (pdfplumber-style)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import SettingsError

DEFAULT_CORPUS = Path("corpus")
DEFAULT_DB = Path("outputs/govreports.db")
# File suffixes the loader reads; anything else in a corpus folder is ignored.
REPORT_SUFFIXES = (".txt", ".pdf")


@dataclass(frozen=True)
class RunSettings:
    """What to read, where to write, whether to redo unchanged files, and how to bound each file."""

    paths: tuple[Path, ...] = (DEFAULT_CORPUS,)
    db_path: Path = DEFAULT_DB
    force: bool = False
    recursive: bool = False
    suffixes: tuple[str, ...] = field(default=REPORT_SUFFIXES)
    workers: int = 1  # files processed at once, each in its own process; 0 runs in this process (no limits)
    timeout: float | None = None  # seconds per file; None scales with pages and bytes
    max_memory_mb: float | None = None  # MB per file; None scales with pages and bytes
    retry: bool = True  # reprocess files that failed last time even when unchanged

    def __post_init__(self) -> None:
        if not self.paths:
            raise SettingsError("no input paths given")
        missing = [str(p) for p in self.paths if not Path(p).exists()]
        if missing:
            raise SettingsError(f"input path does not exist: {', '.join(missing)}")
        if Path(self.db_path).is_dir():
            raise SettingsError(f"--db must be a file, not a directory: {self.db_path}")
        if self.workers < 0:
            raise SettingsError(f"--workers must be 0 or more, not {self.workers}")
        if self.timeout is not None and self.timeout <= 0:
            raise SettingsError(f"--timeout must be positive seconds, not {self.timeout}")
        if self.max_memory_mb is not None and self.max_memory_mb <= 0:
            raise SettingsError(f"--max-memory must be positive MB, not {self.max_memory_mb}")
        bad = [s for s in self.suffixes if not s.startswith(".")]
        if bad:
            raise SettingsError(f"suffixes must start with a dot: {bad}")
