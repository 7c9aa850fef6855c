"""Benchmark the pipeline's stages on the corpus, as ratios against a baseline timed in the same run.

Machines here are shared and noisy, so absolute seconds mean little; each stage's time is divided by
a baseline measured alongside it on the same file:
- text reports: reading the file and applying NFKC to it (the least any loader must do);
- PDF reports: pdfplumber's plain `page.extract_text()` over every page.
Each measurement is the median of --repeat runs. Usage: python scripts/benchmark.py [--repeat 3] [FILES...]
"""

from __future__ import annotations

import argparse
import statistics
import time
import unicodedata
from pathlib import Path

import pdfplumber

from pipeline.runner import new_report
from pipeline.stages import default_stages

ROOT = Path(__file__).resolve().parent.parent


def baseline_seconds(path: Path) -> float:
    """Time the baseline for one file: read + NFKC for text, plain pdfplumber text for PDFs."""
    start = time.perf_counter()
    if path.suffix == ".pdf":
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
    else:
        unicodedata.normalize("NFKC", path.read_bytes().decode("utf-8", errors="replace"))
    return time.perf_counter() - start


def stage_seconds(path: Path) -> dict[str, float]:
    """Run every stage once on `path`; return seconds per stage name."""
    report = new_report(path)
    timings = {}
    for stage in default_stages():
        start = time.perf_counter()
        stage(report)
        timings[stage.name] = time.perf_counter() - start
    return timings


def median_of(repeat: int, measure) -> object:
    """Return the per-key (or scalar) median of `repeat` measurements."""
    runs = [measure() for _ in range(repeat)]
    if isinstance(runs[0], dict):
        return {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    return statistics.median(runs)


def main() -> None:
    """Print a table: file, baseline seconds, and each stage's time as a multiple of the baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = args.files or sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "corpus" / "pdf").glob("*.pdf"))
    stage_seconds(files[0])  # warm up: jieba's dictionary, spaCy, imports
    names = [s.name for s in default_stages()]
    width = max(len(p.name) for p in files) + 2
    print(f"{'file':<{width}} {'baseline s':>10}  " + "  ".join(f"{n:>8}" for n in names) + f"  {'total':>8}")
    for path in files:
        base = median_of(args.repeat, lambda: baseline_seconds(path))
        stages = median_of(args.repeat, lambda: stage_seconds(path))
        ratios = [stages[n] / base for n in names]
        print(f"{path.name:<{width}} {base:>10.4f}  " + "  ".join(f"{r:>7.1f}x" for r in ratios) + f"  {sum(ratios):>7.1f}x")


if __name__ == "__main__":
    main()
