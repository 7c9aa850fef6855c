"""Key figures against the gold set (tests/golden/figures/, written by reading the five reports).

A found figure matches a gold one when report, kind and value agree (as multisets, paired in
document order). Precision and recall are measured per kind; the metric, surface, bound, noun and
part_of are then compared on the matched pairs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

import pytest
import yaml

from extractors.normalize import clean_line
from extractors.numbers import format_value
from tests.conftest import GOLDEN

GOLD_DIR = GOLDEN / "figures"
MIN_PRECISION = 0.97
MIN_RECALL = 0.95
MIN_METRIC_ACCURACY = 0.95


def gold_figures() -> dict[str, list[dict]]:
    """Return {report file name: gold figures in document order}."""
    gold = {}
    for path in sorted(GOLD_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        gold[data["report"]] = data["figures"]
    return gold


def key(kind: str, value: str) -> tuple[str, str]:
    """Return the match key of a figure: kind and value (numbers compared as Decimals)."""
    return kind, value if kind == "date" else format_value(Decimal(value))


def pairs(gold: list[dict], found: list) -> list[tuple[dict, object]]:
    """Pair gold and found figures with the same kind and value, in document order."""
    waiting = defaultdict(list)
    for figure in found:
        waiting[key(figure.kind, format_value(figure.value))].append(figure)
    matched = []
    for entry in gold:
        queue = waiting[key(entry["kind"], entry["value"])]
        if queue:
            matched.append((entry, queue.pop(0)))
    return matched


@pytest.fixture(scope="module")
def scores(corpus_reports):
    """Per-kind true positives, gold and found counts, and the matched pairs, over the five reports."""
    gold_count, found_count, hit_count = Counter(), Counter(), Counter()
    matched = []
    for name, gold in gold_figures().items():
        report = corpus_reports[name]
        gold_keys = Counter(key(g["kind"], g["value"]) for g in gold)
        found_keys = Counter(key(f.kind, format_value(f.value)) for f in report.figures)
        for (kind, _), n in gold_keys.items():
            gold_count[kind] += n
        for (kind, _), n in found_keys.items():
            found_count[kind] += n
        for (kind, _), n in (gold_keys & found_keys).items():
            hit_count[kind] += n
        matched += [(name, g, f) for g, f in pairs(gold, report.figures)]
    return gold_count, found_count, hit_count, matched


def test_gold_covers_the_five_reports(corpus_reports):
    assert set(gold_figures()) == set(corpus_reports)


@pytest.mark.parametrize("kind", ["amount", "rate", "count", "multiple", "date", "score"])
def test_precision_and_recall_per_kind(scores, kind):
    gold_count, found_count, hit_count, _ = scores
    precision = hit_count[kind] / found_count[kind] if found_count[kind] else 1.0
    recall = hit_count[kind] / gold_count[kind] if gold_count[kind] else 1.0
    print(f"{kind}: gold {gold_count[kind]}, found {found_count[kind]}, precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= MIN_PRECISION
    assert recall >= MIN_RECALL


def test_precision_and_recall_overall(scores):
    gold_count, found_count, hit_count, _ = scores
    precision = sum(hit_count.values()) / sum(found_count.values())
    recall = sum(hit_count.values()) / sum(gold_count.values())
    print(f"all: gold {sum(gold_count.values())}, found {sum(found_count.values())}, precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL


def test_metric_accuracy(scores):
    matched = scores[3]
    wrong = [(name, g["surface"], g["metric"], f.metric) for name, g, f in matched if g["metric"] != f.metric]
    accuracy = 1 - len(wrong) / len(matched)
    print(f"metric accuracy {accuracy:.3f} on {len(matched)} matched figures; wrong: {wrong}")
    assert accuracy >= MIN_METRIC_ACCURACY, wrong


def test_surface_unit_bound_and_noun_agree(scores):
    for name, g, f in scores[3]:
        assert f.surface == clean_line(g["surface"]).replace(" ", ""), (name, g["surface"])
        assert (f.unit, f.approx, f.noun) == (g["unit"], g["approx"], g["noun"]), (name, g["surface"], g["context"])


def test_parts_point_to_their_totals(scores, corpus_reports):
    for name, g, f in scores[3]:
        figures = corpus_reports[name].figures
        total = figures[f.part_of].surface if f.part_of is not None else None
        expected = clean_line(g["part_of"]).replace(" ", "") if g["part_of"] else None
        assert total == expected, (name, g["surface"], g["context"])


def test_every_figure_points_at_its_surface(corpus_reports):
    for report in corpus_reports.values():
        for figure in report.figures:
            assert report.text[figure.start : figure.end] == figure.surface
            assert figure.surface in figure.sentence
            assert figure.page == report.page_at(figure.start)
