"""Measure table recovery on the generated stress corpus, per producer and per layout variant.

Renders seeded cases (tests/stress: golden tables printed by reportlab, chromium with and without
its own header/footer, LibreOffice; ruled or borderless, portrait or landscape, random font size and
margins, page breaks forced at every body line in the sweep) and prints, per case and then per
producer and per variant: cell accuracy, entry accuracy, the share of renderings where each golden
table came back as one table with its caption ("stitched"), and the share of merged entries (Lhasa
entry 76) recovered whole with all their lines.

    .venv/bin/python scripts/measure_stress.py                 # the CI sample
    .venv/bin/python scripts/measure_stress.py --sweep -v 5    # the slow sweep, with differences
    .venv/bin/python scripts/measure_stress.py --sweep --producers reportlab --stride 4
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.stress.check import StressResult, check_pdf  # noqa: E402
from tests.stress.documents import stress_stems  # noqa: E402
from tests.stress.layouts import PRODUCERS, SWEEP_SEED, Case, ci_cases, sweep_cases  # noqa: E402
from tests.stress.render import missing_program, render_case  # noqa: E402

DEFAULT_CACHE = Path(os.environ.get("GOVREPORTS_STRESS_CACHE", "/tmp/govreports-stress-renderings"))


def summary_line(label: str, results: list[StressResult]) -> str:
    """One line of totals over several renderings."""
    cells = sum(r.score.right_cells for r in results) / max(sum(r.score.golden_cells for r in results), 1)
    entries = 1 - sum(r.score.entry_error for r in results) / max(sum(r.score.golden_entries for r in results), 1)
    stitched = sum(r.stitched for r in results) / len(results)
    merged_golden = sum(r.merged_golden for r in results)
    merged = f"{sum(r.merged_right for r in results) / merged_golden:>7.1%}" if merged_golden else f"{'-':>7}"
    perfect = sum(r.perfect for r in results)
    return f"{label:<46} {len(results):>5} {max(entries, 0):>9.1%} {cells:>8.1%} {stitched:>9.1%} {merged} {perfect:>4}/{len(results):<4}"


def main() -> None:
    """Render the selected cases, score them and print the per-case and summary tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sweep", action="store_true", help="the slow sweep (default: the CI sample)")
    parser.add_argument("--seed", type=int, default=SWEEP_SEED, help="seed of the sweep's layouts")
    parser.add_argument("--stride", type=int, default=12, help="sweep: renderings per document and producer")
    parser.add_argument("--producers", nargs="+", choices=PRODUCERS, default=list(PRODUCERS))
    parser.add_argument("--stems", nargs="+", default=None, help="documents (default: all of the stress corpus)")
    parser.add_argument("--only", nargs="+", default=None, help="only the cases whose name contains one of these")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="folder for the rendered PDFs")
    parser.add_argument("-v", "--verbose", type=int, nargs="?", const=10, default=0, help="show up to N differences per case")
    args = parser.parse_args()
    stems = args.stems or stress_stems()
    if args.sweep:
        cases = sweep_cases(args.seed, stems, tuple(args.producers), args.stride)
    else:
        cases = [c for c in ci_cases() if c.producer in args.producers and c.stem in stems]
    if args.only:
        cases = [c for c in cases if any(part in c.name for part in args.only)]
    header = f"{'case':<46} {'variant':<36} {'tables':>6} {'entry acc':>9} {'cell acc':>8} {'stitched':>8} {'merged':>6} {'s':>5}"
    print(header)
    print("-" * len(header))
    results: list[tuple[Case, StressResult]] = []
    for case in cases:
        reason = missing_program(case.producer)
        if reason:
            print(f"{case.name:<46} skipped: {reason}")
            continue
        result = check_pdf(render_case(case, args.cache), case.stem)
        results.append((case, result))
        merged = f"{result.merged_right}/{result.merged_golden}" if result.merged_golden else "-"
        print(
            f"{case.name:<46} {case.variant:<36} {len(result.captions):>3}/{len(result.golden_captions):<2} "
            f"{result.score.entry_accuracy:>9.1%} {result.score.cell_accuracy:>8.1%} {'yes' if result.stitched else 'no':>8} {merged:>6} {result.seconds:>5.1f}"
            + (f"  ({result.error})" if result.error else ""),
            flush=True,  # a sweep runs for long: show each case as it is done
        )
        captions = [] if result.stitched else [f"captions {result.captions}, golden {result.golden_captions}"]
        for line in (captions + result.score.differences + result.metadata_wrong)[: args.verbose]:
            print(f"    {line}")
    if not results:
        return
    print()
    print(f"{'group':<46} {'cases':>5} {'entry acc':>9} {'cell acc':>8} {'stitched':>9} {'merged':>7} {'perfect':>9}")
    groups: dict[str, list[StressResult]] = defaultdict(list)
    for case, result in results:
        groups[f"producer {case.producer}"].append(result)
        groups[f"variant {case.variant}"].append(result)
        groups[f"document {case.stem[:36]}"].append(result)
        groups["ALL"].append(result)
    for label in sorted(groups, key=lambda g: (g == "ALL", g)):
        print(summary_line(label, groups[label]))


if __name__ == "__main__":
    main()
