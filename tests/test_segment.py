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
    # the golden counts headings by marker form (一、 / (一) …); Section.level is the depth in the tree
    levels = Counter(find_heading(section.marker + section.title).level for section in corpus_reports[path.name].sections)
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


def test_section_level_is_the_depth_under_the_heading_it_stands_in():
    from extractors.segment import build_sections_and_paragraphs
    from pipeline.models import Block, Report

    # as printed in two real one-line bodies: 2024-12 直达资金 (1. straight under 三、) and
    # 2018 东庠乡 (一、 restarted under 四、存在问题, then 五、 and its 1.)
    lines = ["三、政策效果", "1.重点保障各类医社保资金支出。", "2.关爱弱势群体、优抚对象。", "四、存在问题",
             "一、相关资金的支出没有及时公开。", "二、人员对绩效评价工作认识不够。", "五、项目改进建议", "1.对于人员经费方面。"]
    text, blocks = "", []
    for line in lines:
        blocks.append(Block(line, 1, len(text), len(text) + len(line)))
        text += line + "\n"
    report = Report(path=None, text=text, blocks=blocks)
    build_sections_and_paragraphs(report, 0, len(blocks), len(blocks))
    assert [(s.level, s.marker) for s in report.sections] == [
        (1, "三、"), (2, "1."), (2, "2."), (1, "四、"), (2, "一、"), (2, "二、"), (1, "五、"), (2, "1.")
    ]
    assert [s.parent for s in report.sections] == [None, 0, 0, None, 3, 3, None, 6]


def test_a_dash_typed_for_one_in_a_parenthesised_marker_is_the_first_heading():
    from extractors.flat_text import marker_candidates

    # 2018 中楼乡 prints `（－）狠抓税收征管，确保财政收入稳定增长` (cleaned: `(-)`) before (二)(三)(四)
    heading = find_heading("(-)狠抓税收征管,确保财政收入稳定增长")
    assert (heading.level, heading.marker, heading.number, heading.title) == (2, "(-)", 1, "狠抓税收征管,确保财政收入稳定增长")
    markers = ("(-)x", "(二)x", "十二、x", "二十一、x", "(12)x", "3.x")
    assert [find_heading(m).number for m in markers] == [1, 2, 12, 21, 12, 3]
    # the one reading of a marker's number: a flattened body's markers read the same
    assert [marker_candidates(m)[0].number for m in markers] == [1, 2, 12, 21, 12, 3]
    assert find_heading("-)不是标题") is None


def test_every_heading_marker_form_starts_a_heading_block_for_the_other_stages():
    from extractors import patterns
    from extractors.clean import RawBlock, continues_after_break
    from extractors.segment import is_title_line
    from pipeline.models import Block

    # HEADING_START is HEADING_LEVELS' markers: (-) too (it was a hand copy without it)
    for text in ("四、2019年财政工作主要措施", "(-)狠抓税收征管,确保财政收入稳定增长", "(二)x", "3.x", "3、x", "(4)x"):
        assert patterns.HEADING_START.match(text) and find_heading(text), text
    assert not patterns.HEADING_START.match("-)不是标题") and not patterns.HEADING_START.match("3.5万元")
    # 2018 中楼乡's `（－）狠抓税收征管…` opening a page is a heading, not the rest of the page before's lead-in
    lead_in = RawBlock("2019年,我们将围绕上述预算安排,坚持依法聚财、科学理财,合理用财,攻坚克难,真抓实干,确保全年预算目标顺利完成", 1, False)
    heading = RawBlock("(-)狠抓税收征管,确保财政收入稳定增长", 2, False, indented=False)
    assert not continues_after_break(lead_in, heading)
    assert not is_title_line(Block("(-)狠抓税收征管,确保财政收入稳定增长", 1, 0, 17))


def test_a_restarted_list_nests_only_under_a_later_heading_and_one_deep():
    from extractors.numbering import place

    assert place([(1, 4)], 1, 1).follows == "nested"  # 四、存在问题 一、… (2018 东庠乡)
    assert place([(1, 4), (1, 3)], 1, 5).keep == 0  # 五、 follows 四、 past the nested 三、
    # a flattened table repeats 一、 rows (2018 潭城镇 决算 tables): no list under 一、, none inside a nested list
    assert place([(1, 1)], 1, 1).follows == "restart"
    assert place([(1, 4), (1, 2)], 1, 1).follows == "restart"
    assert place([(1, 2), (3, 2)], 3, 1).keep == 1  # 1. again under 二、: Arabic lists restart as siblings
