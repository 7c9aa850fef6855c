"""Change ONE printed amount in a copy of a corpus report: exactly the checks using it must turn to fail."""

from pathlib import Path

from pipeline.runner import run_file
from tests.conftest import CORPUS


def statuses(path: Path) -> dict[tuple[str, str, str], str]:
    """Return {(kind, what is checked (the message head), stated value): status} for a report's checks."""
    return {(c.kind, c.message.split(":")[0], str(c.stated)): c.status for c in run_file(path).checks}


def altered_copy(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = (CORPUS / name).read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def changed(before: dict, after: dict) -> dict:
    assert before.keys() == after.keys()
    return {key: (before[key], after[key]) for key in before if before[key] != after[key]}


def test_baoji_approved_amount_altered(tmp_path):
    name = "baoji-2023-performance-management.txt"
    before = statuses(CORPUS / name)
    after = statuses(altered_copy(tmp_path, name, "14,892.89", "14,982.89"))
    # Only 送审 − 审定 = 审减 uses 审定; the cut rate (审减 / 送审) does not.
    assert changed(before, after) == {("difference", "cut = submitted − approved", "9160.33"): ("pass", "fail")}


def test_lhasa_annex_2_amount_altered(tmp_path):
    name = "lhasa-2020-performance-management.txt"
    before = statuses(CORPUS / name)
    after = statuses(altered_copy(tmp_path, name, "57,211.57", "57,211.67"))
    changes = changed(before, after)
    assert list(changes.values()) == [("pass", "fail")]
    ((kind, _, stated),) = changes
    assert (kind, stated) == ("table_total", "679917.21")
