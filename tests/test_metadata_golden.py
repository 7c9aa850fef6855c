"""Metadata of every real document and PDF against the hand-read tests/golden/metadata.yaml, and the golden file's conventions.

The golden file (branch issue-10-gold) was written by reading each document. Scoring is pipeline/measure.py
(scripts/measure_metadata.py prints it): the metadata the pipeline decides (stages up to `metadata`, as
stored), each field exact. First contact (before any change made after seeing a mismatch, read from each
file's first page): of 59 documents, title 44, issuer 53, years 59, region 52, level 52, report_type 58
matched; 38 in every field.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from extractors import patterns
from pipeline.measure import METADATA_FIELDS, METADATA_GOLDEN, SHARED, load_golden, metadata_misses, metadata_of_file, metadata_values

REPORT_TYPES = {
    "预算绩效管理工作报告", "项目绩效自评报告", "部门整体支出绩效自评报告", "项目绩效评价报告", "绩效评价结果通报",
    "部门预算", "部门决算", "预算执行情况和预算草案报告", "预算执行情况分析", "财政决算报告", "三公经费",
    "资金执行监控报告", "其他",
}
LEVELS = {"", "national", "province", "city", "county", "district", "township"}
# A space with a CJK ideograph or CJK punctuation on either side: the title rule removes it.
SPACE_TOUCHING_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef] | [\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
needs_shared = pytest.mark.skipif(not (SHARED / "real-docs").is_dir(), reason="../shared is not beside the checkout")


def golden() -> dict:
    """The hand-read metadata, keyed by path relative to the shared folder."""
    return load_golden(METADATA_GOLDEN)


@needs_shared
def test_every_real_document_has_an_entry():
    on_disk = {str(p.relative_to(SHARED)) for p in (SHARED / "real-docs").rglob("*.txt")}
    on_disk |= {str(p.relative_to(SHARED)) for p in (SHARED / "real-pdfs").rglob("*.pdf")}
    assert set(golden()) == on_disk


@pytest.mark.parametrize("key, entry", sorted(golden().items()))
def test_entry_follows_the_conventions(key, entry):
    assert set(entry) == set(METADATA_FIELDS)
    assert entry["report_type"] in REPORT_TYPES
    assert entry["level"] in LEVELS
    assert all(isinstance(y, int) for y in entry["years"]) and entry["years"] == sorted(entry["years"])
    assert entry["title"] == unicodedata.normalize("NFKC", entry["title"])
    assert not SPACE_TOUCHING_CJK.search(entry["title"])
    if entry["report_type"] == "其他":
        assert entry["years"] == []
    # The level names the lowest part of the region; an empty region has no level.
    assert (entry["region"] == "") == (entry["level"] == "")


def test_a_miss_is_any_field_not_exactly_the_golden_value():
    expected = golden()["real-docs/pingtan/2014-baiqing-township-final-accounts-explanation.txt"]
    found = dict(expected, years=[2014, 2015], level="")
    assert metadata_misses(expected, found) == {"years": ([2014], [2014, 2015]), "level": ("township", "")}
    assert metadata_values({}) == {"title": "", "issuer": "", "years": [], "region": "", "level": "", "report_type": ""}


def check(key: str, expected: dict) -> None:
    """Assert every field of one document matches exactly; a file the pipeline refuses must be a 其他 in the golden file."""
    found, was_refused = metadata_of_file(SHARED / key)
    if was_refused:  # load's rule: almost no Chinese text; the pipeline stores no metadata for it
        assert (expected["report_type"], expected["years"], expected["region"]) == ("其他", [], "")
        return
    assert metadata_misses(expected, found) == {}


@needs_shared
@pytest.mark.parametrize("key", sorted(k for k in golden() if k.endswith(".txt")))
def test_web_export_metadata_matches_the_golden_file(key):
    check(key, golden()[key])


@needs_shared
@pytest.mark.slow
@pytest.mark.parametrize("key", sorted(k for k in golden() if k.endswith(".pdf")))
def test_pdf_metadata_matches_the_golden_file(key):
    check(key, golden()[key])


def test_a_company_opening_a_title_is_its_issuer():
    # real-pdfs/tabulapdf_tabula-java/twotables.pdf (Japanese 決算短信, running head); a Chinese listed company's
    # annual report title names its company the same way (constructed after the common form).
    assert patterns.TITLE_COMPANY.match("株式会社極洋(1301)平成26年3月期決算短信")["org"] == "株式会社極洋"
    assert patterns.TITLE_COMPANY.match("贵州茅台酒股份有限公司2023年年度报告")["org"] == "贵州茅台酒股份有限公司"
    assert patterns.TITLE_COMPANY.match("上海市普陀区财政局2024年度部门决算") is None
