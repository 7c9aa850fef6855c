"""Measure the heading tree found by the segment stage against tests/golden/headings.yaml.

Each golden document (../shared/real-docs/pingtan/<name>) is run through the stages up to `segment` (no database).
A found section matches a golden heading when marker and title agree after NFKC with all whitespace removed
(multisets per document, so order is not required); level accuracy is measured on the matched pairs, paired in
document order. Golden list items (`list_item: true`) are left out unless --items is given.

    .venv/bin/python scripts/measure_headings.py
    .venv/bin/python scripts/measure_headings.py --items --json
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.runner import new_report, process  # noqa: E402
from pipeline.stages import default_stages  # noqa: E402

GOLDEN = ROOT / "tests" / "golden" / "headings.yaml"
DOCS = ROOT.parent / "shared" / "real-docs" / "pingtan"


def squeeze(text: str) -> str:
    """Return text in NFKC with all whitespace removed, for comparison."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def sections_of(path: Path) -> list:
    """Run the stages up to `segment` on one file; return its sections."""
    stages = default_stages()
    upto = [s.name for s in stages].index("segment") + 1
    return process(new_report(path), stages[:upto]).sections


def score(golden: list[dict], found: list) -> dict:
    """Counts for one document: golden, found, matched (marker+title) and matched with the right level."""
    golden_keys = Counter((squeeze(g["marker"]), squeeze(g["title"])) for g in golden)
    found_keys = Counter((squeeze(s.marker), squeeze(s.title)) for s in found)
    waiting = defaultdict(list)
    for section in found:
        waiting[(squeeze(section.marker), squeeze(section.title))].append(section)
    level_right = 0
    for entry in golden:
        queue = waiting[(squeeze(entry["marker"]), squeeze(entry["title"]))]
        if queue:
            level_right += queue.pop(0).level == entry["level"]
    return {
        "golden": len(golden),
        "found": len(found),
        "matched": sum((golden_keys & found_keys).values()),
        "level_right": level_right,
    }


def ratios(counts: dict) -> dict:
    """Precision, recall and level accuracy from counts."""
    return {
        "precision": counts["matched"] / counts["found"] if counts["found"] else 1.0,
        "recall": counts["matched"] / counts["golden"] if counts["golden"] else 1.0,
        "level_accuracy": counts["level_right"] / counts["matched"] if counts["matched"] else 1.0,
    }


def measure(items: bool = False) -> dict:
    """Score every golden document; return per-document and total counts with ratios."""
    golden = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))
    documents, total = {}, Counter()
    for name, entries in golden.items():
        wanted = [e for e in entries if items or not e.get("list_item")]
        counts = score(wanted, sections_of(DOCS / name))
        total.update(counts)
        documents[name] = {**counts, **ratios(counts)}
    return {"documents": documents, "total": {**total, **ratios(total)}}


def main() -> None:
    """Print (or --json) per-document heading precision, recall and level accuracy."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", action="store_true", help="also expect the golden list items as sections")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    result = measure(args.items)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    print(f"{'document':<72} {'golden':>6} {'found':>6} {'match':>6} {'prec':>6} {'recall':>6} {'level':>6}")
    for name, r in [*result["documents"].items(), ("ALL", result["total"])]:
        print(
            f"{name:<72} {r['golden']:>6} {r['found']:>6} {r['matched']:>6} "
            f"{r['precision']:>6.1%} {r['recall']:>6.1%} {r['level_accuracy']:>6.1%}"
        )


if __name__ == "__main__":
    main()
