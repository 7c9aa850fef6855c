"""Measure table recovery against the golden table files, per report file and per PDF producer.

For every report with a golden file in tests/golden/tables/ (the text export and each PDF rendering
`corpus/pdf/<stem>.<producer>.pdf`) print the cell accuracy (share of golden cells recovered
exactly, rows matched by position after aligning entries) and the entry-count accuracy
(1 - |found - golden| / golden entries, summed over tables).

    .venv/bin/python scripts/measure_tables.py            # every file
    .venv/bin/python scripts/measure_tables.py --pdf-only -v   # also list the first differences
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.tables.stage import tables_of_file  # noqa: E402
from tests.golden_tables import GOLDEN_TABLES, TableScore, load_golden, score_tables  # noqa: E402

CORPUS = ROOT / "corpus"


def measured_files(text: bool = True, pdf: bool = True) -> list[tuple[str, str, Path]]:
    """Return (stem, producer, path) for every corpus file that has a golden table file."""
    files = []
    for golden in sorted(GOLDEN_TABLES.glob("*.json")):
        stem = golden.stem
        if text and (CORPUS / f"{stem}.txt").exists():
            files.append((stem, "text", CORPUS / f"{stem}.txt"))
        if pdf:
            for path in sorted((CORPUS / "pdf").glob(f"{stem}.*.pdf")):
                files.append((stem, path.name[len(stem) + 1 : -len(".pdf")], path))
    return files


def measure(path: Path, stem: str) -> tuple[TableScore | None, int, str | None, float]:
    """Run the stages up to tables on one file and score it; return score, tables found, error, seconds."""
    started = time.perf_counter()
    try:
        report = tables_of_file(path)
    except Exception as exc:  # a measurement must go on past one broken file
        return None, 0, f"{type(exc).__name__}: {exc}", time.perf_counter() - started
    error = "; ".join(e.message for e in report.errors if e.fatal) or None
    return score_tables(report.tables, load_golden(stem)), len(report.tables), error, time.perf_counter() - started


def main() -> None:
    """Print the accuracy table (and, with -v, the first differences of each file)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--text-only", action="store_true", help="only the text exports")
    parser.add_argument("--pdf-only", action="store_true", help="only the PDF renderings")
    parser.add_argument("-v", "--verbose", type=int, nargs="?", const=10, default=0, help="show up to N differences per file")
    args = parser.parse_args()
    rows = []
    header = f"{'report':<58} {'producer':<12} {'tables':>7} {'entries':>9} {'entry acc':>9} {'cells':>11} {'cell acc':>8} {'s':>5}"
    print(header)
    print("-" * len(header))
    for stem, producer, path in measured_files(text=not args.pdf_only, pdf=not args.text_only):
        score, found, error, seconds = measure(path, stem)
        golden = load_golden(stem)
        if score is None:
            print(f"{stem:<58} {producer:<12} ERROR {error}")
            continue
        rows.append((producer, score))
        print(
            f"{stem:<58} {producer:<12} {found:>3}/{len(golden):<3} {score.found_entries:>4}/{score.golden_entries:<4} "
            f"{score.entry_accuracy:>9.1%} {score.right_cells:>5}/{score.golden_cells:<5} {score.cell_accuracy:>8.1%} {seconds:>5.1f}"
            + (f"  ({error})" if error else "")
        )
        for difference in score.differences[: args.verbose]:
            print(f"    {difference}")
        if args.verbose and len(score.differences) > args.verbose:
            print(f"    … {len(score.differences) - args.verbose} more differences")
    print("-" * len(header))
    for producer in sorted({p for p, _ in rows}):
        scores = [s for p, s in rows if p == producer]
        cells = sum(s.right_cells for s in scores) / max(sum(s.golden_cells for s in scores), 1)
        entries = 1 - sum(s.entry_error for s in scores) / max(sum(s.golden_entries for s in scores), 1)
        print(f"{'ALL':<58} {producer:<12} {'':>7} {'':>9} {max(entries, 0):>9.1%} {'':>11} {cells:>8.1%}")


if __name__ == "__main__":
    main()
