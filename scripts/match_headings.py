"""Measure heading trees found by the pipeline against tests/golden/headings.yaml (hand-read).

A golden entry matches a found section when level, marker and title are equal after the clean
stage's normalisation (NFKC, spaces touching CJK removed), aligned in document order. Prints per
document: golden entries, found sections, matched (level+marker) and matched exactly; `--json`.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.normalize import clean_line  # noqa: E402
from pipeline.runner import run_file  # noqa: E402
from pipeline.stages import default_stages  # noqa: E402

GOLDEN = ROOT / "tests" / "golden" / "headings.yaml"
PINGTAN = ROOT.parent / "shared" / "real-docs" / "pingtan"


def golden_entries(entry_list: list[dict]) -> list[tuple[int, str, str]]:
    """Return (level, marker, title) of each golden entry, normalised like the cleaned text."""
    return [(e["level"], clean_line(e["marker"]), clean_line(e["title"])) for e in entry_list]


def structure_stages() -> list:
    """Return the stages that build the heading tree (load, clean, segment)."""
    return [s for s in default_stages() if s.name in ("load", "clean", "segment")]


def found_entries(path: Path) -> list[tuple[int, str, str]]:
    """Return (level, marker, title) of each section the pipeline finds in `path`."""
    report = run_file(path, structure_stages())
    return [(s.level, s.marker, s.title) for s in report.sections]


def measure(name: str, entries: list[dict]) -> dict:
    """Compare one document's golden headings with the found ones."""
    golden = golden_entries(entries)
    found = found_entries(PINGTAN / name)
    exact = sum(b.size for b in difflib.SequenceMatcher(a=golden, b=found, autojunk=False).get_matching_blocks())
    shape = sum(b.size for b in difflib.SequenceMatcher(a=[g[:2] for g in golden], b=[f[:2] for f in found], autojunk=False).get_matching_blocks())
    return {"document": name, "golden": len(golden), "found": len(found), "level_marker": shape, "exact": exact}


def main() -> None:
    """Print the per-document and total heading match counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON rows")
    args = parser.parse_args()
    rows = [measure(name, entries) for name, entries in sorted(yaml.safe_load(GOLDEN.read_text(encoding="utf-8")).items())]
    total = {k: sum(r[k] for r in rows) for k in ("golden", "found", "level_marker", "exact")}
    if args.json:
        print(json.dumps({"documents": rows, "total": total}, ensure_ascii=False, indent=1))
        return
    for r in rows + [{"document": "TOTAL", **total}]:
        print(f"{r['document'][:60]:<60} golden {r['golden']:>4} found {r['found']:>4} level+marker {r['level_marker']:>4} exact {r['exact']:>4}")


if __name__ == "__main__":
    main()
