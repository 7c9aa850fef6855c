"""Measure report metadata (title, issuer, years, region, level, report_type) against tests/golden/metadata.yaml.

Each golden entry names a file under the shared folder (`../shared` from the repository); the file is run through
the stages up to `segment` (no database) and each field is compared exactly with the golden value. A field is read
from the Report (`report.<field>`), else from its manifest entry (`level` is the manifest's `admin_level`), so the
script measures both today's manifest-only metadata and metadata read from the document once stages set it.
Titles are compared after NFKC with spaces touching CJK removed (the golden file's own rule); a missing value
equals ''/[]; years compare as sorted lists. Accuracy is shown over all documents and over the documents
whose golden value is not empty (an empty golden value is matched by finding nothing).

    .venv/bin/python scripts/measure_metadata.py            # every golden document
    .venv/bin/python scripts/measure_metadata.py --txt-only -v
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

import regex
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.runner import new_report, process  # noqa: E402
from pipeline.stages import default_stages  # noqa: E402

GOLDEN = ROOT / "tests" / "golden" / "metadata.yaml"
SHARED = ROOT.parent / "shared"
FIELDS = ("title", "issuer", "years", "region", "level", "report_type")
MANIFEST_NAMES = {"level": "admin_level"}
# A run of spaces with a CJK character (or CJK/full-width punctuation) on either side: removed in titles.
SPACE_TOUCHING_CJK = regex.compile(r"(?<=[\p{Han}\u3000-\u303f\uff00-\uffef])\s+|\s+(?=[\p{Han}\u3000-\u303f\uff00-\uffef])")


def normal_title(title: str) -> str:
    """Return a title as the golden file writes it (NFKC, no space touching CJK)."""
    return SPACE_TOUCHING_CJK.sub("", unicodedata.normalize("NFKC", title or "")).strip()


def field_value(report, name: str):
    """Return a metadata field of a processed report: its own attribute, else its manifest's."""
    metadata = getattr(report, "metadata", {})  # the metadata stage's values (manifest first), with sources
    value = metadata[name].value if name in metadata else getattr(report, name, None)
    if value in (None, "", []) and report.manifest is not None:
        value = getattr(report.manifest, MANIFEST_NAMES.get(name, name), None)
    if name == "years":
        return sorted(int(y) for y in (value or []))
    if name == "title":
        return normal_title(value or "")
    return value or ""


def metadata_of(path: Path) -> dict:
    """Run the stages up to `segment` on one file; return its metadata fields."""
    stages = default_stages()
    names = [s.name for s in stages]
    upto = names.index("metadata" if "metadata" in names else "segment") + 1
    report = process(new_report(path), stages[:upto])
    return {name: field_value(report, name) for name in FIELDS}


def measure(golden: dict, only: str | None = None) -> dict:
    """Compare every golden entry (optionally only `.txt` or `.pdf` files); return per-field right counts and misses."""
    right = {name: 0 for name in FIELDS}
    filled = {name: 0 for name in FIELDS}  # golden value not empty
    right_filled = {name: 0 for name in FIELDS}
    misses: dict[str, list[str]] = {name: [] for name in FIELDS}
    documents = 0
    for key, expected in golden.items():
        if only and not key.lower().endswith(only):
            continue
        documents += 1
        found = metadata_of(SHARED / key)
        for name in FIELDS:
            want = sorted(expected[name]) if name == "years" else (expected[name] or "")
            filled[name] += bool(want)
            if found[name] == want:
                right[name] += 1
                right_filled[name] += bool(want)
            else:
                misses[name].append(f"{key}: golden {want!r} found {found[name]!r}")
    return {"documents": documents, "right": right, "filled": filled, "right_filled": right_filled, "misses": misses}


def main() -> None:
    """Print per-field accuracy (and, with -v, the misses)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--txt-only", action="store_true", help="only the text documents")
    group.add_argument("--pdf-only", action="store_true", help="only the PDFs")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("-v", "--verbose", type=int, nargs="?", const=10, default=0, help="show up to N misses per field")
    args = parser.parse_args()
    golden = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))
    result = measure(golden, ".txt" if args.txt_only else ".pdf" if args.pdf_only else None)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    total = result["documents"]
    print(f"{'field':<12} {'all docs':>15} {'golden not empty':>20}")
    for name in FIELDS:
        right, filled, right_filled = result["right"][name], result["filled"][name], result["right_filled"][name]
        print(
            f"{name:<12} {right:>3}/{total:<3} {right / max(total, 1):>7.1%} "
            f"{right_filled:>7}/{filled:<3} {right_filled / max(filled, 1):>7.1%}"
        )
        for miss in result["misses"][name][: args.verbose]:
            print(f"    {miss}")


if __name__ == "__main__":
    main()
