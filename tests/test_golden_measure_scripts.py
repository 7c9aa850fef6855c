"""The measuring script scores what it claims to: scripts/measure_figures.py, fed with golden entries of a real
document turned into found ones (the heading and metadata scoring is tested in tests/test_headings_golden.py
and tests/test_metadata_golden.py)."""

from __future__ import annotations

import importlib.util
import sys
from decimal import Decimal
from pathlib import Path

import yaml

from pipeline.models import Figure

ROOT = Path(__file__).resolve().parent.parent
NOTICE = ROOT / "tests" / "golden" / "figures_heldout" / "2018-finance-bureau-performance-evaluation-results-notice.yaml"


def _script(name: str):
    """Import scripts/<name>.py (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _as_found(entry: dict, **changes) -> Figure:
    """A found Figure carrying a golden entry's kind, value, unit and metric (with changes)."""
    value = entry["value"] if entry["kind"] == "date" else Decimal(entry["value"])
    fields = dict(surface=entry["surface"], kind=entry["kind"], value=value, unit=entry["unit"], start=0, end=0,
                  page=1, sentence="", metric=entry["metric"])
    return Figure(**{**fields, **changes})


def test_figures_all_found_scores_one():
    measure = _script("measure_figures")
    golden = yaml.safe_load(NOTICE.read_text(encoding="utf-8"))["figures"]
    scores = measure.score_document(golden, [_as_found(g) for g in golden])
    assert sum(s.matched for s in scores.values()) == len(golden) == 9
    assert all(s.metric_right == s.matched for s in scores.values())


def test_figures_unit_and_metric_matter():
    measure = _script("measure_figures")
    golden = yaml.safe_load(NOTICE.read_text(encoding="utf-8"))["figures"]
    # 145601万元 found as 145601 万 (other unit) and 19个单位 found with metric `unknown` instead of self_evaluation.units
    found = [
        _as_found(g, unit="万") if g["surface"] == "145601万元" else _as_found(g, metric="unknown") if g["surface"] == "19个" else _as_found(g)
        for g in golden
    ]
    scores = measure.score_document(golden, found)
    assert (scores["amount"].matched, scores["amount"].matched_value_only) == (0, 2)
    assert (scores["count"].matched, scores["count"].metric_right) == (4, 3)
