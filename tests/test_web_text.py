"""Text saved from web pages (../shared/real-docs/pingtan): header lines, furniture, structure of one-line bodies.

Expected values were written by reading the raw files (their manifest entries are in
../shared/real-docs/MANIFEST.json), never from the program's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.flat_text import cut_flat_text, is_flat
from extractors.web_text import split_labelled_header, strip_web_furniture
from pipeline.models import Report
from pipeline.runner import run_until
from tests.conftest import ROOT, TEXT_REPORTS

REAL_DOCS = ROOT.parent / "shared" / "real-docs" / "pingtan"
REAL_TEXTS = sorted(REAL_DOCS.glob("*.txt"))
pytestmark = pytest.mark.skipif(not REAL_TEXTS, reason="../shared/real-docs is not beside the checkout")


@pytest.fixture(scope="module")
def real_reports() -> dict[str, Report]:
    """Every real web-exported document run through all stages, keyed by file name."""
    return {path.name: run_until(path, "segment") for path in REAL_TEXTS}


def headings(report: Report, level: int) -> list[str]:
    """Return the titles of a report's headings of one level, in order."""
    return [s.title for s in report.sections if s.level == level]


def test_labelled_header_is_metadata_not_body():
    text = (REAL_DOCS / "2016-finance-bureau-department-budget-explanation.txt").read_text(encoding="utf-8")
    header, body = split_labelled_header(text)
    assert header["标题"] == "【部门预算公开】平潭综合实验区财政金融局2016年预算说明"
    assert header["发布时间"] == "2016-02-26 19:26"
    assert header["文号"] == ""
    assert header["发布机构"] == "平潭综合实验区财政金融局"
    assert header["栏目"] == "部门预算公开"
    assert header["原文链接"].startswith("https://www.pingtan.gov.cn/zwgk/")
    assert "原文链接" not in body and "正文 ====" not in body
    assert body.startswith("当前位置：")


def test_text_without_a_header_is_left_alone():
    text = (ROOT / "corpus" / "korla-2020-performance-management.txt").read_text(encoding="utf-8")
    assert split_labelled_header(text) == ({}, text)


def test_site_chrome_and_source_line_are_furniture():
    text = (REAL_DOCS / "2018-dongxiang-township-operating-funds-self-assessment.txt").read_text(encoding="utf-8")
    body = strip_web_furniture(split_labelled_header(text)[1])
    assert body.startswith("2018年东庠乡部门业务费和其他专项资金绩效自评报告 为提高本单位")
    assert body.endswith("平潭县东庠乡人民政府")  # the signature stays; `来源：东庠乡 附件下载 ….xls` goes


def test_leaked_word_comments_css_and_styles_are_furniture():
    for name, before, after in [
        ("2017-health-family-planning-bureau-final-accounts-explanation.txt", "重点抓好以下工作：", "（一）抓健康事业"),
        ("2021-pingtan-direct-transfer-funds-annual-summary.txt", "现将2021年工作总结报告如下", "为持续抓好常态化"),
        ("2018-12-pingtan-budget-execution-analysis.txt", "资金集中用于对“八大工程”", "来源："),
    ]:
        body = strip_web_furniture(split_labelled_header((REAL_DOCS / name).read_text(encoding="utf-8"))[1])
        for leak in ("<!--", "@font-face", "mso-", "MsoNormal", "Style Definitions", "X-NONE", "QQ空间", "附件下载"):
            assert leak not in body, (name, leak)
        assert before in body and (after == "来源：" or after in body)


@pytest.mark.parametrize("path", REAL_TEXTS, ids=lambda p: p.stem[:40])
def test_every_real_document_is_flat_and_gets_headings_paragraphs_and_sentences(path, real_reports):
    report = real_reports[path.name]
    assert is_flat(strip_web_furniture(split_labelled_header(path.read_text(encoding="utf-8"))[1]))
    assert report.errors == []
    assert report.sections, "no heading found"
    assert len(report.paragraphs) >= 4
    for paragraph in report.paragraphs:
        for leak in ("当前位置", "QQ空间", "附件下载", "<!--", "@font-face", "mso-", "原文链接"):
            assert leak not in paragraph.text
    assert len(report.paragraphs) > len(report.sections)
    assert all(s.title for s in report.sections), "a heading without a title"


def test_corpus_reports_are_not_flat():
    for path in TEXT_REPORTS:
        assert not is_flat(path.read_text(encoding="utf-8")), path.name


def test_monitoring_report_heading_tree(real_reports):
    # 2023-h1-pingtan-direct-funds-execution-monitoring-report.txt, read by hand.
    report = real_reports["2023-h1-pingtan-direct-funds-execution-monitoring-report.txt"]
    assert headings(report, 1) == ["基本情况", "工作做法", "政策效果", "监控监管", "存在的问题和下一步工作建议"]
    paths = [report.section_path(s.index) for s in report.sections]
    assert "一、基本情况 > (二)支出使用情况" in paths
    assert "五、存在的问题和下一步工作建议 > (一)存在的问题 > 2.预警问题处理不及时" in paths
    assert "五、存在的问题和下一步工作建议 > (二)下一步工作计划" in paths
    assert len(headings(report, 3)) == 3


def test_performance_evaluation_heading_tree(real_reports):
    # 2017-beautiful-villages-project-performance-evaluation.txt: 6 parts; (一)… counted by hand per part (2+3+3+0+7+4).
    report = real_reports["2017-beautiful-villages-project-performance-evaluation.txt"]
    assert headings(report, 1) == ["项目基本情况", "绩效评价工作情况", "绩效评价指标分析情况", "综合评价情况及评价结论", "存在的问题", "具体建议"]
    assert len(headings(report, 2)) == 19
    paths = [report.section_path(s.index) for s in report.sections]
    assert "一、项目基本情况 > (一)项目概况" in paths
    assert "二、绩效评价工作情况 > (三)绩效评价工作过程 > 1.前期准备 > (1)积极沟通,加强协调" in paths


def test_department_budget_heading_tree(real_reports):
    # 2016-finance-bureau-department-budget-explanation.txt: run-in headings cut from their paragraphs.
    report = real_reports["2016-finance-bureau-department-budget-explanation.txt"]
    assert headings(report, 1)[:5] == ["部门主要职责", "部门预算单位基本情况", "主要工作任务", "预算收支总体情况", "一般公共预算拨款支出情况"]
    assert headings(report, 1)[5] == "一般公共预算“三公”经费支出情况"  # printed `六 、` with a space
    under = [s for s in report.sections if s.level == 2 and report.sections[s.parent].title == "一般公共预算拨款支出情况"]
    assert len(under) == 10  # (一)2010601行政运行 … (十)2210202提租补贴
    assert under[0].title == "2010601行政运行946.93万元"


def test_budget_report_sentences_end_at_sentence_marks(real_reports):
    # 2015-pingtan-budget-execution-and-2016-draft-budget-report.txt, 一、 > (一) > 1.一般公共预算.
    report = real_reports["2015-pingtan-budget-execution-and-2016-draft-budget-report.txt"]
    sentences = [s.text for p in report.paragraphs for s in p.sentences]
    assert "2015年全区(县)一般公共预算总收入250156万元,完成年度预算的116.8%,同比增收67155万元,增长36.7%。" in sentences
    assert "一、2015年预算执行情况 > (一)2015年预算收支情况 > 1.一般公共预算" in [report.section_path(s.index) for s in report.sections]
    assert headings(report, 1) == ["2015年预算执行情况", "2016年预算草案"]


def test_cut_flat_text_splits_a_pdf_export_run_the_same_way():
    # A PDF export whose lines were joined (Shanghai 部门决算 style), one line, markers after sentence ends.
    line = "一、部门主要职能上海市普陀区财政局主要职能是:贯彻执行财政方针。二、部门机构设置情况上海市普陀区财政局下设9个科室。"
    assert cut_flat_text(line) == [
        "一、部门主要职能", "上海市普陀区财政局主要职能是:贯彻执行财政方针。", "二、部门机构设置情况", "上海市普陀区财政局下设9个科室。",
    ]


@pytest.mark.parametrize(
    "run, title",
    [
        # each run is the start of a heading as printed in a real one-line body (file named in the comment)
        ("一、部门主要职责财政金融局的主要职责是:贯彻执行国家", "部门主要职责"),  # 2016 财政金融局 预算说明
        ("1.致力财源建设,促进财政收入稳步增长充分发挥中央赋予平潭", "致力财源建设,促进财政收入稳步增长"),  # 2015 预算报告
        ("(一)直达资金根据直达资金监控系统数据统计,我局收到", "直达资金"),  # 2022-09 直达资金
        ("2.预警问题处理不及时。个别预警信息", "预警问题处理不及时。"),  # 2023-h1 直达资金
        ("三、绩效评价指标分析情况(一)项目资金情况", "绩效评价指标分析情况"),  # 2017 美丽乡村
        ("(一)投入方式较为单一,尚未充分发挥市场的活力和优势", "投入方式较为单一,尚未充分发挥市场的活力和优势"),
        # a space after a comma still ends the title: the page's paragraph break
        ("5.给力政策举措,促进产业集聚发展 财税优惠政策是实验区先行先试活力之所在", "给力政策举措,促进产业集聚发展"),  # 2015 预算报告
        ("(一)用好政策,财政收入稳定增长 财政部门主动克服经济下行压力", "用好政策,财政收入稳定增长"),  # 2018 决算报告
        ("(二)调结构保重点,确保公共和重点支出需要 一是安排财政支出", "调结构保重点,确保公共和重点支出需要"),  # 2018 中楼乡
        # a heading word inside a bracketed aside, or followed by a noun that continues it, does not end the title
        ("2.项目的效率性分析(实施进度及完成质量分析)实施进度:截止2016年底", "项目的效率性分析(实施进度及完成质量分析)"),  # 2017 干线
        ("(一)财政重点评价项目情况: 2018年,我局委托会计师事务所", "财政重点评价项目情况"),  # 2018 通报
        # a title that is a verb's clause: a heading word inside the verb's object is not its end
        ("(一)明确职责分工,加强协调配合。(二)提前规划分配", "明确职责分工,加强协调配合。"),  # 2025-07 转移支付
        ("(一)坚持问题导向和目标导向,学习借鉴全国各地财政资金直达基层的经验做法(二)", "坚持问题导向和目标导向,学习借鉴全国各地财政资金直达基层的经验做法"),  # 2020 直达资金
        ("3.分析项目管理及资金使用中存在的问题,评估现有政策执行中的不足之处(一)", "分析项目管理及资金使用中存在的问题,评估现有政策执行中的不足之处"),  # 2017 干线
        # a word after 的 is the head of its phrase, not a paragraph's opener; 将 after a heading opens one
        ("(八)负责国家生育政策的落实,组织实施促进全区出生人口性别平衡的政策措施(九)", "负责国家生育政策的落实,组织实施促进全区出生人口性别平衡的政策措施"),  # 2017 卫计局
        ("三、政策效果将转移支付资金重点用于社会保障、基本公卫", "政策效果"),  # 2025-07 转移支付
        # a problem heading ends after its predicate of shortfall when a new sentence follows with no mark
        ("(四)建设规划有待进一步提升美丽乡村建设是一项系统的长期工程", "建设规划有待进一步提升"),  # 2017 美丽乡村
        ("(二)群众思想认识不到位,农民的主体作用发挥不够政府在进行美丽乡村建设时", "群众思想认识不到位,农民的主体作用发挥不够"),  # 2017 美丽乡村
        ("(一)因桩基变更导致工期滞后因场地内砂层多且厚", "因桩基变更导致工期滞后"),  # 2017 信息职业学院
        ("3.日常监督管理工作不到位区整治办每月", "日常监督管理工作不到位"),  # 2017 环卫保洁
        ("2.产业发展配套支持政策不健全金融业、总部经济是", "产业发展配套支持政策不健全"),  # 2017 产业奖补
        ("1.主材管控不够严格。2.内业资料不规范。", "主材管控不够严格。"),  # 2017 社会福利中心: 不够 qualifies 严格
    ],
)
def test_a_heading_title_is_cut_from_the_paragraph_it_runs_into(run, title):
    from extractors.heading_titles import heading_title_end

    marker_end = run.index("、") + 1 if run[1] == "、" else run.index(")") + 1 if run[0] == "(" else 2
    following = [run.find(m, 1) for m in ("(一)", "(二)", "(九)") if run.find(m, 1) > 0]
    limit = min(following, default=len(run))
    assert run[marker_end : heading_title_end(run, marker_end, limit)] == title


@pytest.mark.parametrize(
    "run, heading",
    [
        # a flattened table's last cell, a rate, glued to the next heading (2017 美丽乡村 and 坛南湾 evaluations)
        ("1.美丽乡村资金到位情况分析合计8,220.00 100.00%2.资金使用情况分析合计5,706.69 71.51%3.资金管理情况分析根据文件的要求,配套资金下拨",
         "3.资金管理情况分析"),
        ("1.资金到位情况分析项目金额(万元)资金到位率坛南湾度假区建设配套工程(一期)3,000.00100.00%2.资金使用情况分析项目金额(万元)资金使用率",
         "2.资金使用情况分析"),
    ],
)
def test_a_heading_glued_to_a_rate_ending_a_table_is_cut(run, heading):
    assert heading in cut_flat_text(run)
