"""Measure report metadata read from the documents against tests/golden/metadata.yaml (hand-read).

For every document of ../shared/real-docs and ../shared/real-pdfs the golden file lists, compare
title, issuer, years, region, level and report_type exactly; print per field how many match, and
with `--diff` every mismatch. The manifest plays no part (those folders have none).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.metadata.stage import read_metadata  # noqa: E402

GOLDEN = ROOT / "tests" / "golden" / "metadata.yaml"
SHARED = ROOT.parent / "shared"
COMPARED = ("title", "issuer", "years", "region", "level", "report_type")


def found_values(path: Path) -> dict:
    """Return the compared fields of a file's metadata as plain values ('' / [] where none)."""
    metadata = read_metadata(path)
    return {name: metadata[name].value if name in metadata else ([] if name == "years" else "") for name in COMPARED}


def compare(golden: dict) -> list[dict]:
    """Return one row per document: its key and, per field, (expected, found)."""
    rows = []
    for key, expected in sorted(golden.items()):
        found = found_values(SHARED / key)
        rows.append({"document": key, **{name: (expected[name], found[name]) for name in COMPARED}})
    return rows


def main() -> None:
    """Print per-field match counts (and mismatches with --diff)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--diff", action="store_true", help="print every mismatch")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    parser.add_argument("--only", help="only documents whose key contains this")
    args = parser.parse_args()
    golden = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))
    if args.only:
        golden = {k: v for k, v in golden.items() if args.only in k}
    rows = compare(golden)
    counts = {name: sum(r[name][0] == r[name][1] for r in rows) for name in COMPARED}
    counts["all_fields"] = sum(all(r[name][0] == r[name][1] for name in COMPARED) for r in rows)
    if args.json:
        print(json.dumps({"documents": len(rows), **counts}, ensure_ascii=False))
        return
    if args.diff:
        for r in rows:
            for name in COMPARED:
                if r[name][0] != r[name][1]:
                    print(f"{r['document'][:70]:<70} {name:<11} expected {r[name][0]!r} found {r[name][1]!r}")
    print(f"{len(rows)} documents: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
