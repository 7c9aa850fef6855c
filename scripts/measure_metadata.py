"""Measure report metadata against tests/golden/metadata.yaml (hand-read): the scoring is pipeline/measure.py.

Each golden document under ../shared is run through the stages up to `metadata` (no database) and its six
fields are compared exactly with the golden values. Prints per field how many match, how many documents match
in every field, and how many the pipeline refuses as not a report (it stores no metadata for them); `--diff`
prints every miss.

    .venv/bin/python scripts/measure_metadata.py --diff
    .venv/bin/python scripts/measure_metadata.py --only real-docs --json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.measure import METADATA_FIELDS, METADATA_GOLDEN, load_golden, measure_metadata  # noqa: E402


def main() -> None:
    """Print per-field match counts (and every miss with --diff)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--diff", action="store_true", help="print every miss")
    parser.add_argument("--json", action="store_true", help="print the counts and misses as JSON")
    parser.add_argument("--only", help="only documents whose key contains this")
    args = parser.parse_args()
    golden = {k: v for k, v in load_golden(METADATA_GOLDEN).items() if not args.only or args.only in k}
    results = measure_metadata(golden)
    misses = {key: r["misses"] for key, r in results.items()}
    counts = {name: sum(name not in m for m in misses.values()) for name in METADATA_FIELDS}
    counts["all_fields"] = sum(not m for m in misses.values())
    refused = sorted(key for key, r in results.items() if r["refused"])
    stored_exact = sum(not r["misses"] for r in results.values() if not r["refused"])
    if args.json:
        print(json.dumps({"documents": len(misses), **counts, "refused": refused, "stored_exact": stored_exact,
                          "misses": {k: m for k, m in misses.items() if m}}, ensure_ascii=False, indent=1))
        return
    if args.diff:
        for key, fields in misses.items():
            for name, (expected, found) in fields.items():
                note = " (refused: not a report)" if results[key]["refused"] else ""
                print(f"{key[:70]:<70} {name:<11} golden {expected!r} found {found!r}{note}")
    print(f"{len(misses)} documents: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print(f"refused by the pipeline as not a report (no metadata stored): {len(refused)}; "
          f"of the {len(misses) - len(refused)} it stores, every field exact: {stored_exact}")


if __name__ == "__main__":
    main()
