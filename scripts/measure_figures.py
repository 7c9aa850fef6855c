"""Measure the figure extractor against a folder of hand-read golden figure files (precision, recall, metric accuracy).

Each golden file (tests/golden/figures/README.md schema) names its document in `report:`; the document is looked
up in --docs, run through the pipeline's stages up to `figures` (no database), and its figures are compared
with the golden ones.

Matching rule: a found figure matches a golden one when kind, value and unit agree. Values are compared as
exact numbers (Decimal: `0.30` = `0.3`; dates as text); units are compared after NFKC with no unit, `` and
None the same. Matching is a multiset intersection per document: two golden `3万元` are both matched only if
two such figures are found. Everything the extractor finds counts, including figures in a crawler's header
or site chrome (a new user gets those too). For metric accuracy the matched figures are paired in document
order within each (kind, value, unit) key and their metrics compared, with null, `` and `unknown` the same.
A second recall, on (kind, value) alone, shows how much is lost to units only.

    .venv/bin/python scripts/measure_figures.py                          # tests/golden/figures_heldout
    .venv/bin/python scripts/measure_figures.py tests/golden/figures --docs corpus --json
    .venv/bin/python scripts/measure_figures.py --metric-field metric_reread   # metrics read again (extended taxonomy)
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.runner import run_until  # noqa: E402

DEFAULT_GOLDEN = ROOT / "tests" / "golden" / "figures_heldout"
DEFAULT_DOCS = ROOT.parent / "shared" / "real-docs" / "pingtan"
KINDS = ("amount", "rate", "count", "score", "multiple", "date")
NO_METRIC = {None, "", "unknown"}

Key = tuple[str, str, str]


@dataclass
class Score:
    """Counts behind precision, recall and metric accuracy for one document or one kind."""

    golden: int = 0
    found: int = 0
    matched: int = 0
    matched_value_only: int = 0
    metric_right: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        """Add another score's counts to this one."""
        self.golden += other.golden
        self.found += other.found
        self.matched += other.matched
        self.matched_value_only += other.matched_value_only
        self.metric_right += other.metric_right
        self.errors += other.errors

    @property
    def precision(self) -> float:
        """Share of found figures that match a golden one (1.0 when nothing was found)."""
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        """Share of golden figures found (1.0 when there is no golden figure)."""
        return self.matched / self.golden if self.golden else 1.0

    @property
    def recall_value_only(self) -> float:
        """Recall when the unit is ignored."""
        return self.matched_value_only / self.golden if self.golden else 1.0

    @property
    def metric_accuracy(self) -> float:
        """Share of matched figures whose metric agrees with the golden one."""
        return self.metric_right / self.matched if self.matched else 1.0

    def summary(self) -> dict:
        """Counts and ratios, for --json."""
        ratios = {k: round(getattr(self, k), 4) for k in ("precision", "recall", "recall_value_only", "metric_accuracy")}
        return {**{k: v for k, v in asdict(self).items() if k != "errors"}, **ratios, "errors": self.errors}


def number_text(kind: str, value: object) -> str:
    """Return a value as comparable text: an exact plain decimal for numbers, the text itself for dates."""
    if kind == "date":
        return str(value)
    try:
        return format(Decimal(str(value)).normalize(), "f")
    except InvalidOperation:
        return str(value)


def unit_text(unit: str | None) -> str:
    """Return a unit as comparable text (NFKC, no unit = '')."""
    return unicodedata.normalize("NFKC", unit or "").strip()


def metric_text(metric: str | None) -> str:
    """Return a metric as comparable text, with every form of 'no metric' the same."""
    return "" if metric in NO_METRIC else str(metric)


def golden_key(entry: dict) -> Key:
    """Return the match key of a golden figure."""
    return entry["kind"], number_text(entry["kind"], entry["value"]), unit_text(entry.get("unit"))


def found_key(figure) -> Key:
    """Return the match key of a found figure."""
    return figure.kind, number_text(figure.kind, figure.value), unit_text(figure.unit)


def figures_of(path: Path, text_only: bool = False) -> tuple[list, str | None]:
    """Run the stages up to and including `figures` on one file; return its figures and any fatal error.

    The figures are the text's and the table cells' (`Report.table_figures`: cells of recovered tables and of
    tables flattened into the text), since the golden files list table cells too; `text_only` leaves the latter out.
    """
    report = run_until(path, "figures")
    fatal = "; ".join(e.message for e in report.errors if getattr(e, "fatal", True)) or None
    return report.figures + ([] if text_only else list(getattr(report, "table_figures", []))), fatal


def score_document(golden: list[dict], found: list, metric_field: str = "metric") -> dict[str, Score]:
    """Score one document per kind (multiset matching on (kind, value, unit); metrics on pairs in order,
    against the golden field `metric_field`)."""
    golden_keys = Counter(golden_key(g) for g in golden)
    found_keys = Counter(found_key(f) for f in found)
    golden_loose = Counter(k[:2] for k in golden_keys.elements())
    found_loose = Counter(k[:2] for k in found_keys.elements())
    scores = {kind: Score() for kind in KINDS}
    for key, n in golden_keys.items():
        scores[key[0]].golden += n
    for key, n in found_keys.items():
        scores.setdefault(key[0], Score()).found += n
    for key, n in (golden_keys & found_keys).items():
        scores[key[0]].matched += n
    for key, n in (golden_loose & found_loose).items():
        scores[key[0]].matched_value_only += n
    waiting = defaultdict(list)
    for figure in found:
        waiting[found_key(figure)].append(figure)
    for entry in golden:
        queue = waiting[golden_key(entry)]
        if not queue:
            continue
        figure = queue.pop(0)
        if metric_text(figure.metric) == metric_text(entry.get(metric_field)):
            scores[entry["kind"]].metric_right += 1
        else:
            scores[entry["kind"]].errors.append(
                f"metric {entry['surface']}: golden {entry.get(metric_field)} found {figure.metric}"
            )
    return scores


def measure(golden_dir: Path, docs: Path, text_only: bool = False, metric_field: str = "metric") -> dict:
    """Measure every golden file of a folder; return per-document, per-kind and total scores."""
    per_document, per_kind, total = {}, {kind: Score() for kind in KINDS}, Score()
    for path in sorted(golden_dir.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found, fatal = figures_of(docs / data["report"], text_only)
        scores = score_document(data["figures"], found, metric_field)
        document = Score()
        for kind, score in scores.items():
            document.add(score)
            per_kind.setdefault(kind, Score()).add(score)
        if fatal:
            document.errors.insert(0, f"fatal: {fatal}")
        total.add(document)
        per_document[data["report"]] = document
    return {"documents": per_document, "kinds": per_kind, "total": total}


def print_table(result: dict, verbose: int) -> None:
    """Print the per-document and per-kind tables."""
    header = f"{'':<72} {'golden':>6} {'found':>6} {'match':>6} {'prec':>6} {'recall':>6} {'rec(v)':>6} {'metric':>6}"

    def row(label: str, s: Score) -> str:
        return (
            f"{label:<72} {s.golden:>6} {s.found:>6} {s.matched:>6} {s.precision:>6.1%} {s.recall:>6.1%} "
            f"{s.recall_value_only:>6.1%} {s.metric_accuracy:>6.1%}"
        )

    print(header)
    for name, score in result["documents"].items():
        print(row(name, score))
        for error in score.errors[:verbose]:
            print(f"    {error}")
    print("-" * len(header))
    for kind, score in result["kinds"].items():
        if score.golden or score.found:
            print(row(f"kind {kind}", score))
    print(row("ALL", result["total"]))


def main() -> None:
    """Measure and print (or --json) precision, recall and metric accuracy."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("golden", nargs="?", type=Path, default=DEFAULT_GOLDEN, help="folder of golden .yaml files")
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS, help="folder holding the documents the files name")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--metric-field", default="metric", help="golden field the metrics are compared with: `metric` (first contact) "
                        "or `metric_reread` (read again against the extended taxonomy)")
    parser.add_argument("--text-only", action="store_true", help="leave out the figures read from table cells")
    parser.add_argument("-v", "--verbose", type=int, nargs="?", const=10, default=0, help="show up to N metric errors per document")
    args = parser.parse_args()
    result = measure(args.golden, args.docs, args.text_only, args.metric_field)
    if args.json:
        print(json.dumps({part: {k: s.summary() for k, s in scores.items()} if part != "total" else scores.summary()
                          for part, scores in result.items()}, ensure_ascii=False, indent=1))
    else:
        print_table(result, args.verbose)


if __name__ == "__main__":
    main()
