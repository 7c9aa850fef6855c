"""Heading trees found in the real web-exported documents against the hand-read tests/golden/headings.yaml.

The golden file was written by reading the documents (branch issue-10-gold); scripts/match_headings.py
prints the same comparison per document. First contact (step-1 code, before any look at the golden
file): 385 of 395 entries (12 documents) matched in level and marker, 266 also in title. The three
documents added later (镇镇有干线, 2021 and 2024-12 直达资金) at their first contact: 54 of 57, 44 exact.
"""

from __future__ import annotations

import pytest
import yaml

from scripts.match_headings import GOLDEN, PINGTAN, measure

pytestmark = pytest.mark.skipif(not PINGTAN.is_dir(), reason="../shared/real-docs is not beside the checkout")
# Documents whose tree is not matched entry for entry, and why (see the report of issue 10):
# - 2018 东庠乡: reuses 一、/1. as the second level under 四、/五、 — the markers alone cannot tell;
# - 2018 中楼乡: `（－）` printed for `（一）`; 2017 美丽乡村: a `3.` heading glued to a table's last cell;
# - 2024-12 直达资金: `1.` items straight under `三、` are depth 2 in the golden file, marker level 3 here.
NOT_EXACT_SHAPE = {
    "2018-dongxiang-township-operating-funds-self-assessment.txt",
    "2024-12-pingtan-direct-funds-execution-monitoring-report.txt",
    "2018-zhonglou-township-budget-execution-and-2019-draft-budget-report.txt",
    "2017-beautiful-villages-project-performance-evaluation.txt",
}


def golden() -> dict:
    """The hand-read heading entries per document."""
    return yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def results() -> dict[str, dict]:
    """The comparison of every golden document, keyed by file name."""
    return {name: measure(name, entries) for name, entries in golden().items()}


@pytest.mark.parametrize("name", sorted(set(golden()) - NOT_EXACT_SHAPE))
def test_heading_tree_shape_matches_the_golden_file(name, results):
    result = results[name]
    assert result["found"] == result["golden"] == result["level_marker"], result


def test_heading_titles_match_the_golden_file_at_least_as_well_as_measured(results):
    exact = sum(r["exact"] for r in results.values())
    shape = sum(r["level_marker"] for r in results.values())
    total = sum(r["golden"] for r in results.values())
    assert total == 452
    assert shape >= 439  # level and marker
    assert exact >= 417  # level, marker and title
