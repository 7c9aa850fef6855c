"""The corpus manifest: curated metadata per file, checked against the file's hash."""

from __future__ import annotations

import csv
import hashlib
import os
from pathlib import Path

from pipeline.models import ManifestEntry
from pipeline.paths import open_regular

MANIFEST_NAME = "manifest.csv"


def sha256_of(path: Path) -> str:
    """Return the hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with os.fdopen(open_regular(path), "rb") as handle:  # a FIFO or device is refused, never read forever
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_manifest(path: Path) -> dict[str, ManifestEntry]:
    """Given a manifest.csv, return its entries keyed by file name."""
    entries: dict[str, ManifestEntry] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            entries[row["file"]] = ManifestEntry(
                file=row["file"],
                sha256=row["sha256"],
                title=row.get("title", ""),
                issuer=row.get("issuer", ""),
                region=row.get("region", ""),
                admin_level=row.get("admin_level", ""),
                report_type=row.get("report_type", ""),
                years=[int(y) for y in row.get("years", "").split(";") if y.strip()],
                signing_date=row.get("signing_date") or None,
                doc_number=row.get("doc_number") or None,
            )
    return entries


def entry_describing(entry: ManifestEntry | None, sha256: str) -> ManifestEntry | None:
    """Given a file's manifest entry and the sha256 of its bytes, return the entry if it describes them (its sha256 is
    that one, or it names none), else None: a file changed since the manifest was written is not what it describes."""
    return entry if entry is not None and (not entry.sha256 or entry.sha256 == sha256) else None


def manifest_for(file: Path) -> ManifestEntry | None:
    """Return the manifest entry for `file` from the manifest.csv beside it (or in its parent)."""
    for folder in (file.parent, file.parent.parent):
        manifest = folder / MANIFEST_NAME
        if manifest.exists():
            key = file.relative_to(folder).as_posix()
            return read_manifest(manifest).get(key)
    return None
