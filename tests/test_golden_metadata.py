"""The hand-read metadata golden file (tests/golden/metadata.yaml) is complete and follows its own conventions."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

GOLDEN = Path(__file__).parent / "golden" / "metadata.yaml"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
REPORT_TYPES = {
    "预算绩效管理工作报告", "项目绩效自评报告", "部门整体支出绩效自评报告", "项目绩效评价报告", "绩效评价结果通报",
    "部门预算", "部门决算", "预算执行情况和预算草案报告", "预算执行情况分析", "财政决算报告", "三公经费",
    "资金执行监控报告", "其他",
}
LEVELS = {"", "national", "province", "city", "county", "district", "township"}
# A space with a CJK ideograph or CJK punctuation on either side: the title rule removes it.
SPACE_TOUCHING_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef] | [\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _golden() -> dict:
    """The metadata golden file, keyed by path relative to the shared folder."""
    return yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))


@pytest.mark.skipif(not (SHARED / "real-docs").is_dir(), reason="../shared/real-docs not present")
def test_every_real_document_has_an_entry():
    on_disk = {str(p.relative_to(SHARED)) for p in (SHARED / "real-docs").rglob("*.txt")}
    on_disk |= {str(p.relative_to(SHARED)) for p in (SHARED / "real-pdfs").rglob("*.pdf")}
    assert set(_golden()) == on_disk


@pytest.mark.parametrize("key, entry", sorted(_golden().items()))
def test_entry_follows_the_conventions(key, entry):
    assert set(entry) == {"title", "issuer", "years", "region", "level", "report_type"}
    assert entry["report_type"] in REPORT_TYPES
    assert entry["level"] in LEVELS
    assert all(isinstance(y, int) for y in entry["years"]) and entry["years"] == sorted(entry["years"])
    assert entry["title"] == unicodedata.normalize("NFKC", entry["title"])
    assert not SPACE_TOUCHING_CJK.search(entry["title"])
    if entry["report_type"] == "其他":
        assert entry["years"] == []
    # The level names the lowest part of the region; an empty region has no level.
    assert (entry["region"] == "") == (entry["level"] == "")
