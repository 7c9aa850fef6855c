"""Scoring against the hand-read golden files of report metadata and heading trees: one rule each for "exact".

Metadata (tests/golden/metadata.yaml): a document's six fields (title, issuer, years, region, level,
report_type) as the metadata stage decides them are compared exactly with the golden values; a field
the stage leaves out is '' (years: []), so a file the pipeline refuses as not a report (load: almost no
Chinese text; it stores no metadata) matches only in the fields its golden entry leaves empty. Headings (tests/golden/headings.yaml): each golden entry and
each found section is (level, marker, title), the golden's normalised like the cleaned text (NFKC,
spaces touching CJK removed); the two lists are aligned in document order (difflib's longest matching
blocks) and an entry is `exact` when all three agree, `level_marker` when level and marker do. A
document is matched entry for entry when its found and golden lists are equal.

The scripts scripts/measure_metadata.py and scripts/measure_headings.py print these scores; the tests
tests/test_metadata_golden.py and tests/test_headings_golden.py assert them.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import yaml

from extractors.normalize import clean_line
from pipeline.errors import NotAReport
from pipeline.models import MetaValue, Report, Section
from pipeline.runner import run_until

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"  # ../shared beside the checkout: real-docs/ and real-pdfs/
PINGTAN = SHARED / "real-docs" / "pingtan"
METADATA_GOLDEN = ROOT / "tests" / "golden" / "metadata.yaml"
HEADINGS_GOLDEN = ROOT / "tests" / "golden" / "headings.yaml"
METADATA_FIELDS = ("title", "issuer", "years", "region", "level", "report_type")

Heading = tuple[int, str, str]  # (level, marker, title)


def load_golden(path: Path) -> dict:
    """Return a golden file's entries, keyed by document."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def metadata_values(metadata: dict[str, MetaValue]) -> dict:
    """Given the metadata stage's values, return the compared fields as plain values ('' / [] where none)."""
    return {name: metadata[name].value if name in metadata else ([] if name == "years" else "") for name in METADATA_FIELDS}


def refused(report: Report) -> bool:
    """Tell whether the pipeline refused the file as not a report (load's rule: almost no Chinese text), so it stores no metadata."""
    return any(error.kind == NotAReport.kind for error in report.errors)


def metadata_of_file(path: Path) -> tuple[dict, bool]:
    """Run the stages up to `metadata` on one file; return its compared fields as plain values, and whether it was refused."""
    report = run_until(Path(path), "metadata")
    return metadata_values(report.metadata), refused(report)


def metadata_misses(expected: dict, found: dict) -> dict[str, tuple]:
    """Return the fields whose found value is not exactly the golden one: field → (golden, found)."""
    return {name: (expected[name], found[name]) for name in METADATA_FIELDS if expected[name] != found[name]}


def measure_metadata(golden: dict, shared: Path = SHARED) -> dict[str, dict]:
    """Return, per golden document (keyed as in the golden file), its misses (empty when every field is exact) and whether it was refused."""
    results = {}
    for key, expected in golden.items():
        found, was_refused = metadata_of_file(shared / key)
        results[key] = {"misses": metadata_misses(expected, found), "refused": was_refused}
    return results


def golden_headings(entries: list[dict]) -> list[Heading]:
    """Return (level, marker, title) of each golden entry, normalised like the cleaned text."""
    return [(e["level"], clean_line(e["marker"]), clean_line(e["title"])) for e in entries]


def found_headings(sections: list[Section]) -> list[Heading]:
    """Return (level, marker, title) of each section found."""
    return [(s.level, s.marker, s.title) for s in sections]


def headings_of_file(path: Path) -> list[Heading]:
    """Run the stages up to `segment` on one file; return its headings."""
    return found_headings(run_until(Path(path), "segment").sections)


def score_headings(golden: list[Heading], found: list[Heading]) -> dict[str, int]:
    """Count golden entries, found sections, and entries matched in level and marker, and in all three (document order)."""

    def matched(a: list, b: list) -> int:
        return sum(block.size for block in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_matching_blocks())

    return {
        "golden": len(golden),
        "found": len(found),
        "level_marker": matched([g[:2] for g in golden], [f[:2] for f in found]),
        "exact": matched(golden, found),
    }


def measure_headings(golden: dict, folder: Path = PINGTAN) -> dict[str, dict[str, int]]:
    """Score every golden document's heading tree, keyed by file name."""
    return {name: score_headings(golden_headings(entries), headings_of_file(folder / name)) for name, entries in golden.items()}


def tree_is_exact(score: dict[str, int]) -> bool:
    """Tell whether a document's tree is matched entry for entry (same count, every entry exact)."""
    return score["golden"] == score["found"] == score["exact"]
