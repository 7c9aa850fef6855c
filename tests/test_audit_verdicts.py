"""The audit's failures on the real documents against the verdicts read by hand (tests/golden/audit_verdicts.yaml).

Every failing check must have been reviewed, every real error must be reported as fail, and no real
document may carry more than one false failure.
"""

from collections import Counter
from decimal import Decimal

import pytest
import yaml

from pipeline.runner import run_file
from tests.conftest import GOLDEN, ROOT

SHARED = ROOT.parent / "shared"
PINGTAN = sorted((SHARED / "real-docs" / "pingtan").glob("*.txt"))
SHANGHAI = sorted((SHARED / "real-pdfs" / "zxj6827111-blip_GOV" / "samples").glob("[bg]*/*.pdf"))
VERDICTS = yaml.safe_load((GOLDEN / "audit_verdicts.yaml").read_text(encoding="utf-8"))

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not PINGTAN, reason="../shared/real-docs not beside the checkout")]

Key = tuple[str, str, Decimal]  # document, kind, stated value


@pytest.fixture(scope="module")
def failures() -> Counter[Key]:
    """Every failing check of the real documents, counted by (document, kind, stated)."""
    found: Counter[Key] = Counter()
    for path in PINGTAN + SHANGHAI:
        for check in run_file(path).checks:
            if check.status == "fail":
                found[(path.name, check.kind, check.stated)] += 1
    return found


def key(verdict: dict) -> Key:
    return verdict["document"], verdict["kind"], Decimal(verdict["stated"])


def test_the_verdicts_are_well_formed():
    assert all(v["verdict"] in ("real", "false") and len(v["reason"]) > 20 for v in VERDICTS)
    assert len({key(v) for v in VERDICTS}) == len(VERDICTS)


def test_every_failure_was_reviewed(failures):
    reviewed = {key(v) for v in VERDICTS}
    assert [k for k in failures if k not in reviewed] == []


def test_every_real_error_is_reported(failures):
    assert [key(v) for v in VERDICTS if v["verdict"] == "real" and key(v) not in failures] == []


def test_at_most_one_false_failure_per_document(failures):
    false = Counter(v["document"] for v in VERDICTS if v["verdict"] == "false" and key(v) in failures)
    assert {doc: n for doc, n in false.items() if n > 1} == {}
