"""Benchmark the pipeline's stages on the corpus, as ratios against a baseline timed in the same run.

Machines here are shared and noisy, so absolute seconds mean little; each stage's time is divided by
a baseline measured alongside it on the same file:
- text reports: reading the file and applying NFKC to it (the least any loader must do);
- PDF reports: pdfplumber's plain `page.extract_text()` over every page.
Each measurement is the median of --repeat runs. Usage: python scripts/benchmark.py [--repeat 3] [FILES...]

`--slope` instead measures how cost grows with the work (issue 12): generated PDFs of 5 pages at
500…8,000 characters per page, and text files of one paragraph of 5,000…80,000 characters. It prints
seconds per page (per file) against characters, the least-squares slope, and the cost per character
at the largest size relative to the smallest: about 1 when linear, about 16 for a square law over
a 16-fold range. The baseline (pdfplumber's plain text, read + NFKC) is timed in the same run.

`--pages` measures memory against document length (issue 12): a generated PDF of 100 and of 500
pages (tests/hostile.py's paged_pdf: Chinese prose, a ruled table every tenth page) goes through
every stage in a fresh process each; it prints each run's peak RSS, time and tables found, and the
500/100 ratio of peak memory. Flat (a ratio near 1, a difference of a few tens of MB) means pages are released.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # --slope and --pages build their PDFs with tests/hostile.py

from pipeline.runner import new_report, prepare_process, stages_until  # noqa: E402
from pipeline.stages import default_stages  # noqa: E402
from tests.hostile import paged_pdf  # noqa: E402


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


# Characters per page (PDF) and per paragraph (text) measured by --slope.
PDF_CHARS_PER_PAGE = (500, 1000, 2000, 4000, 8000)
PDF_PAGES = 5
TEXT_PARAGRAPH_CHARS = (5_000, 10_000, 20_000, 40_000, 80_000)


def slope_pdf(folder: Path, chars_per_page: int) -> Path:
    """Write a PDF of PDF_PAGES pages of Chinese prose, `chars_per_page` characters each (lines of 40)."""
    from tests.hostile import CHINESE_FONT, chinese_content, pdf_bytes

    prose = "".join(line for line in (ROOT / "corpus" / "korla-2020-performance-management.txt").read_text(encoding="utf-8").split("\n"))
    prose = (prose * (chars_per_page // len(prose) + 1))[:chars_per_page]
    lines = [prose[i : i + 40] for i in range(0, len(prose), 40)]
    content = chinese_content(lines).replace(b"10 Tf 14 TL 50 800", b"%.2f Tf %.2f TL 20 830" % (800 / max(len(lines), 1) * 0.9, 800 / max(len(lines), 1)))
    path = folder / f"slope-{chars_per_page}.pdf"
    path.write_bytes(pdf_bytes([content] * PDF_PAGES, font=CHINESE_FONT))
    return path


def slope_text(folder: Path, chars: int) -> Path:
    """Write a text report whose body is one paragraph of `chars` characters (a web export without line breaks)."""
    korla = (ROOT / "corpus" / "korla-2020-performance-management.txt").read_text(encoding="utf-8")
    body = "".join(korla.split("\n")[2:])
    path = folder / f"slope-{chars}.txt"
    path.write_text(korla.split("\n")[0] + "\n\n" + (body * (chars // len(body) + 1))[:chars] + "\n", encoding="utf-8")
    return path


def least_squares(xs: list[float], ys: list[float]) -> float:
    """Return the slope of the least-squares line through the points."""
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)


def print_slope(label: str, sizes: tuple[int, ...], paths: list[Path], units: int, repeat: int) -> None:
    """Time every stage and the baseline on each file; print seconds per unit, the slope and the growth of cost per character."""
    names = [s.name for s in default_stages()]
    print(f"\n{label}: {'chars':>7} {'baseline s':>10} {'stages s':>9}  " + "  ".join(f"{n:>8}" for n in names))
    per_unit = []
    for size, path in zip(sizes, paths):
        base = median_of(repeat, lambda: baseline_seconds(path)) / units
        stages = median_of(repeat, lambda: stage_seconds(path))
        total = sum(stages.values()) / units
        per_unit.append(total)
        print(f"{'':{len(label) + 1}} {size:>7} {base:>10.4f} {total:>9.4f}  " + "  ".join(f"{stages[n] / units:>8.4f}" for n in names))
    slope = least_squares([float(s) for s in sizes], per_unit)
    growth = (per_unit[-1] / sizes[-1]) / (per_unit[0] / sizes[0])
    print(f"{'':{len(label) + 1}} slope {slope * 1000:.4f} s per 1,000 characters; cost per character at {sizes[-1]:,} is {growth:.2f}x that at {sizes[0]:,} (1 = linear, {sizes[-1] / sizes[0]:.0f} = square law)")


def slope_main(repeat: int) -> None:
    """Measure time per page against characters per page (PDF) and per paragraph length (text)."""
    import tempfile

    prepare_process()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdfs = [slope_pdf(folder, n) for n in PDF_CHARS_PER_PAGE]
        texts = [slope_text(folder, n) for n in TEXT_PARAGRAPH_CHARS]
        stage_seconds(pdfs[0])  # warm up
        print_slope("pdf, per page", PDF_CHARS_PER_PAGE, pdfs, PDF_PAGES, repeat)
        print_slope("text, one paragraph", TEXT_PARAGRAPH_CHARS, texts, 1, repeat)


# Page counts compared by --pages (tests/hostile.py's paged_pdf prints a ruled table on every PAGED_TABLE_EVERY-th page).
PAGED_COUNTS = (100, 500)


def peak_rss_mb() -> float:
    """Return this process's peak resident memory in MB: VmHWM, which starts afresh at exec (ru_maxrss keeps the
    peak of the process that forked it, so a child of a big pytest process would report at least that)."""
    for line in Path("/proc/self/status").read_text().splitlines():  # Linux, as the workers
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    raise RuntimeError("no VmHWM line in /proc/self/status")


def paged_child(path: Path, until: str | None = None) -> None:
    """Run every stage (up to `until`, if given) on one file in this process; print as JSON its peak RSS (MB) after each stage, seconds and tables found."""
    prepare_process()
    stages = stages_until(until) if until else default_stages()
    report = new_report(path)
    peaks = {}
    start = time.perf_counter()
    for stage in stages:
        stage(report)
        peaks[stage.name] = round(peak_rss_mb(), 1)
    seconds = time.perf_counter() - start
    found = [t for t in report.tables if not t.no_table]
    print(json.dumps({"peak_rss_mb": peaks[stages[-1].name], "peak_after": peaks, "seconds": round(seconds, 1), "tables": len(found), "captions_without_table": len(report.tables) - len(found)}))


def paged_run(path: Path, until: str | None = None) -> dict:
    """Run every stage (up to `until`) on `path` in a fresh Python process; return what paged_child printed."""
    command = [sys.executable, __file__, "--pages-child", str(path)] + (["--until", until] if until else [])
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def paged_main() -> dict[int, dict]:
    """Print peak memory and time of the whole pipeline on generated PDFs of PAGED_COUNTS pages, and the ratio of the peaks."""
    import tempfile

    runs: dict[int, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for pages in PAGED_COUNTS:
            runs[pages] = paged_run(paged_pdf(Path(tmp) / f"paged-{pages}.pdf", pages))
            run = runs[pages]
            print(f"{pages:>4} pages: peak RSS {run['peak_rss_mb']:,.0f} MB (after load {run['peak_after']['load']:,.0f} MB), {run['seconds']:.1f} s ({run['seconds'] / pages:.3f} s a page), {run['tables']} tables (and {run['captions_without_table']} numbered lines read as captions without a table)")
    small, large = (runs[n]["peak_rss_mb"] for n in PAGED_COUNTS)
    print(f"peak memory at {PAGED_COUNTS[1]} pages / {PAGED_COUNTS[0]} pages: {large / small:.2f}x ({large - small:+,.0f} MB)")
    growth = {name: runs[PAGED_COUNTS[1]]["peak_after"][name] - runs[PAGED_COUNTS[0]]["peak_after"][name] for name in runs[PAGED_COUNTS[0]]["peak_after"]}
    print("growth of the peak by the end of each stage: " + ", ".join(f"{name} {mb:+,.0f} MB" for name, mb in growth.items()))
    return runs


def main() -> None:
    """Print a table: file, baseline seconds, and each stage's time as a multiple of the baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--slope", action="store_true", help="Print time per page against characters per page, and its slope.")
    parser.add_argument("--pages", action="store_true", help="Print peak memory of the whole pipeline on 100 and 500 generated pages, and their ratio.")
    parser.add_argument("--pages-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--until", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.pages_child:
        paged_child(args.pages_child, args.until)
        return
    if args.pages:
        paged_main()
        return
    if args.slope:
        slope_main(args.repeat)
        return
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
