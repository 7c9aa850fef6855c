"""Measure heading trees against tests/golden/headings.yaml (hand-read): the scoring is pipeline/measure.py.

Each golden document (../shared/real-docs/pingtan/<name>) is run through the stages up to `segment` (no
database); golden and found (level, marker, title) are aligned in document order. Prints per document the
golden entries, found sections, entries matched in level and marker and matched exactly, and how many
trees match entry for entry; `--json`.

    .venv/bin/python scripts/measure_headings.py
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.measure import HEADINGS_GOLDEN, load_golden, measure_headings, tree_is_exact  # noqa: E402


def main() -> None:
    """Print the per-document and total heading match counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()
    scores = dict(sorted(measure_headings(load_golden(HEADINGS_GOLDEN)).items()))
    total = {k: sum(s[k] for s in scores.values()) for k in ("golden", "found", "level_marker", "exact")}
    exact_trees = sum(tree_is_exact(s) for s in scores.values())
    if args.json:
        print(json.dumps({"documents": scores, "total": total, "exact_trees": exact_trees}, ensure_ascii=False, indent=1))
        return
    for name, s in [*scores.items(), ("TOTAL", total)]:
        print(f"{name[:60]:<60} golden {s['golden']:>4} found {s['found']:>4} level+marker {s['level_marker']:>4} exact {s['exact']:>4}")
    print(f"trees matched entry for entry: {exact_trees} of {len(scores)}")


if __name__ == "__main__":
    main()
