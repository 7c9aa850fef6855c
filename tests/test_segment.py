"""Front matter and heading structure of the five corpus reports, against tests/golden/reports.yaml."""

from collections import Counter

import pytest

from extractors.segment import find_heading, split_sentences
from tests.conftest import TEXT_REPORTS


@pytest.mark.parametrize("path", TEXT_REPORTS, ids=lambda p: p.stem)
def test_front_matter_matches_the_printed_report(path, corpus_reports, golden_reports):
    report, expected = corpus_reports[path.name], golden_reports[path.name]
    assert report.errors == []
    assert report.title == expected["title"]
    assert report.issuer == expected["issuer"]
    assert report.doc_number == expected["doc_number"]
    assert report.signing_date == expected["signing_date"]
    if "addressee" in expected:
        assert report.addressee == expected["addressee"]


@pytest.mark.parametrize("path", TEXT_REPORTS, ids=lambda p: p.stem)
def test_heading_counts_per_level(path, corpus_reports, golden_reports):
    levels = Counter(section.level for section in corpus_reports[path.name].sections)
    expected = golden_reports[path.name]
    for level in (1, 2, 3, 4):
        if f"level{level}" in expected:
            assert levels[level] == expected[f"level{level}"], f"level {level}"


def test_heading_tree_of_korla_links_children_to_parents(corpus_reports):
    report = corpus_reports["korla-2020-performance-management.txt"]
    paths = [report.section_path(s.index) for s in report.sections]
    assert "二、库尔勒市实施预算绩效管理工作开展情况 > (一)编制绩效目标 > 1、项目绩效目标" in paths
    # 三、 has 1、2、3、 directly under it, with no (一) level in between.
    assert "三、库尔勒市预算绩效管理保障措施建设情况 > 2、信息化建设情况" in paths


def test_run_in_heading_takes_its_first_sentence_as_title():
    heading = find_heading("(一)完善内部工作机制。完善财政部门内部预算绩效管理领导机制。")
    assert (heading.level, heading.marker, heading.title, heading.run_in) == (2, "(一)", "完善内部工作机制", True)
    assert find_heading("1.2019年部门预算项目支出财政重点评价结果汇总表") is None  # a year, not item 1.


def test_sentences_keep_offsets_into_the_cleaned_text(corpus_reports):
    report = corpus_reports["baoji-2023-performance-management.txt"]
    sentences = [s for p in report.paragraphs for s in p.sentences]
    assert all(report.text[s.start : s.end] == s.text for s in sentences)
    target = [s.text for s in sentences if "送审金额" in s.text]
    assert len(target) == 1 and target[0].endswith("预算平均审减率38.08%;")


def test_split_sentences_keeps_closing_quotes_with_the_sentence():
    pieces = split_sentences("他说“好。”然后走了。", 10)
    assert [(t, a, b) for t, a, b in pieces] == [("他说“好。”", 10, 16), ("然后走了。", 16, 21)]
