"""Report metadata read from the document: gazetteer, fiscal years, report types, PDF titles, the stage, storage.

Expected values are written by reading the documents (the real Pingtan texts, the Shanghai 部门决算
PDFs, the five corpus reports) and the conventions (region paths, levels, the type vocabulary).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from extractors.metadata.cover import cover_title
from extractors.metadata.fiscal_years import years_in
from extractors.metadata.gazetteer import Region, region_of
from extractors.load_pdf import read_pdf_pages
from extractors.metadata.stage import read_metadata
from extractors.metadata.report_types import report_type_of, type_names
from pipeline.runner import run_file, run_until
from pipeline.store import store_report
from tests.conftest import CORPUS, ROOT

SHARED = ROOT.parent / "shared"
PINGTAN = SHARED / "real-docs" / "pingtan"
SHANGHAI = SHARED / "real-pdfs" / "zxj6827111-blip_GOV" / "samples"
needs_shared = pytest.mark.skipif(not PINGTAN.is_dir(), reason="../shared is not beside the checkout")


@pytest.mark.parametrize(
    "name, path, level",
    [
        ("上海市普陀区财政局", "上海市/普陀区", "district"),  # a municipality is not repeated as its own city
        ("中共上海市普陀区委社会工作部", "上海市/普陀区", "district"),
        ("平潭综合实验区财政金融局", "福建省/福州市/平潭县", "county"),  # alias: the pilot zone is 平潭县
        ("平潭县东庠乡人民政府", "福建省/福州市/平潭县/东庠乡", "township"),
        ("库尔勒市财政局", "新疆维吾尔自治区/巴音郭楞蒙古自治州/库尔勒市", "county"),  # a county-level city
        ("拉萨市人民政府", "西藏自治区/拉萨市", "city"),
        ("西藏自治区外事办公室", "西藏自治区", "province"),
        ("财政部", "全国", "national"),
    ],
)
def test_region_and_level_from_the_issuers_name(name, path, level):
    assert region_of(name) == Region(path, level)


def test_a_government_web_site_is_placed_by_its_host_name():
    from extractors.metadata.gazetteer import region_of_site

    assert region_of_site("https://www.pingtan.gov.cn/zwgk/gsgg/201812/t20181213_11870.htm") == Region("福建省/福州市/平潭县", "county")
    assert region_of_site("https://www.putuo.gov.cn/") is None  # 普陀区 of 上海市 or of 舟山市: ambiguous
    assert region_of_site("https://example.com/") is None


@needs_shared
def test_a_bare_township_is_placed_by_the_site_its_page_was_saved_from():
    # 2016-aoqian-town-budget-report.txt: issuer 澳前镇 (its 发布机构); the text never names its county.
    metadata = read_metadata(PINGTAN / "2016-aoqian-town-budget-report.txt")
    assert (metadata["issuer"].value, metadata["region"].value, metadata["level"].value) == ("澳前镇", "福建省/福州市/平潭县/澳前镇", "township")


def test_a_bare_township_or_a_company_without_a_place_is_not_placed():
    assert region_of("澳前镇") is None  # cpca would guess 台湾省/高雄市/前镇区 from 前镇
    assert region_of("Employment Development Department") is None


@pytest.mark.parametrize(
    "title, years",
    [
        ("关于平潭2015年预算执行情况及2016年预算草案的报告", [2015, 2016]),
        ("平潭综合实验区环境与国土资源局2017—2019年预算编制说明", [2017, 2018, 2019]),
        ("关于芦洋乡二0一四年财政预算执行情况和 二O一五财政预算（草案）的报告", [2014, 2015]),
        ("平潭综合实验区2018年12月财政预算执行情况分析", [2018]),
        ("平潭综合实验区财政金融局关于做好《2018年办法》的通知", []),  # a cited document's year is not covered
    ],
)
def test_fiscal_years_from_the_title(title, years):
    assert years_in(title) == years


@pytest.mark.parametrize(
    "title, kind",
    [
        ("平潭综合实验区财政金融局2016年预算说明", "部门预算"),
        ("2017年度平潭综合实验区卫生和计划生育局部门决算说明", "部门决算"),
        ("2018年平潭综合实验区潭城镇人民政府部门决算", "部门决算"),  # holds 自评表 and stays 部门决算
        ("平潭综合实验区2022年9月直达资金预算执行和监控分析报告", "资金执行监控报告"),
        ("平潭综合实验区财政金融局关于2018年财政支出绩效评价情况通报", "绩效评价结果通报"),
        ("2017年度平潭综合实验区本级一般公共预算“三公”经费支出决算情况", "三公经费"),
        ("关于中楼乡2018年度财政预算执行情况及2019年度财政预算(草案)的报告", "预算执行情况和预算草案报告"),
        ("平潭县人民政府关于呈送2018年平潭财政决算情况的报告", "财政决算报告"),
        ("2018年度东庠乡平安村居经费项目绩效自评报告", "项目绩效自评报告"),
        ("库尔勒市2020年度预算绩效管理情况报告", "预算绩效管理工作报告"),
        ("Table 1: STATE WISE COVERAGE", None),
    ],
)
def test_report_type_from_the_title(title, kind):
    assert report_type_of(title) == kind


def test_the_taxonomy_uses_exactly_the_conventions_vocabulary():
    assert set(type_names()) == {
        "预算绩效管理工作报告", "项目绩效自评报告", "部门整体支出绩效自评报告", "项目绩效评价报告", "绩效评价结果通报",
        "部门预算", "部门决算", "预算执行情况和预算草案报告", "预算执行情况分析", "财政决算报告", "三公经费",
        "资金执行监控报告", "其他",
    }


@needs_shared
@pytest.mark.parametrize(
    "file, title",
    [
        ("good/上海市普陀区财政局2024年度部门决算.pdf", "上海市普陀区财政局2024年度部门决算"),
        ("bad/上海市普陀区规划和自然资源局 2024 年度部门决算.pdf", "上海市普陀区规划和自然资源局2024年度部门决算"),
        ("bad/中共上海市普陀区委社会工作部 2024 年度部门决算.pdf", "中共上海市普陀区委社会工作部2024年度部门决算"),
    ],
)
def test_a_cover_title_printed_over_several_lines_is_joined(file, title):
    page = read_pdf_pages(SHANGHAI / file, max_pages=1)[0]
    assert cover_title(page) == (title, "cover")


def test_a_cover_title_is_never_glued_to_the_budget_unit_line_below_it(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "cover.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    pdf.setFont("STSong-Light", 26)
    pdf.drawCentredString(width / 2, height - 250, "某市2025年单位预算")
    pdf.setFont("STSong-Light", 14)
    pdf.drawCentredString(width / 2, height - 290, "预算单位:某市某局")
    pdf.drawCentredString(width / 2, height - 320, "2025年2月")
    pdf.save()
    metadata = read_metadata(path)
    assert metadata["title"].value == "某市2025年单位预算"
    assert (metadata["issuer"].value, metadata["issuer"].source) == ("某市某局", "cover")


@needs_shared
def test_web_export_metadata_with_sources():
    # 2018-dongxiang-township-safe-village-project-self-assessment.txt, read by hand.
    metadata = read_metadata(PINGTAN / "2018-dongxiang-township-safe-village-project-self-assessment.txt")
    assert (metadata["title"].value, metadata["title"].source) == ("2018年度东庠乡平安村居经费项目绩效自评报告", "first_page")
    assert metadata["years"].value == [2018]
    assert metadata["report_type"].value == "项目绩效自评报告"
    assert (metadata["region"].value, metadata["level"].value, metadata["region"].source) == ("福建省/福州市/平潭县/东庠乡", "township", "gazetteer")
    assert (metadata["published"].value, metadata["published"].source) == ("2019-06-10 10:25", "header")


@needs_shared
def test_header_title_without_the_site_column_tag_when_the_body_prints_none():
    # 2016-finance-bureau-department-budget-explanation.txt: the body starts with prose, not a title.
    metadata = read_metadata(PINGTAN / "2016-finance-bureau-department-budget-explanation.txt")
    assert (metadata["title"].value, metadata["title"].source) == ("平潭综合实验区财政金融局2016年预算说明", "header")
    assert (metadata["issuer"].value, metadata["issuer"].source) == ("平潭综合实验区财政金融局", "title")
    assert metadata["report_type"].value == "部门预算"


@pytest.mark.parametrize(
    "file, region, level, years",
    [
        ("korla-2020-performance-management.txt", "新疆维吾尔自治区/巴音郭楞蒙古自治州/库尔勒市", "county", [2020]),
        ("lhasa-2024-2025-performance-management-summary.txt", "西藏自治区/拉萨市", "city", [2024, 2025]),
        ("tibet-foreign-affairs-2022-performance-management-summary.txt", "西藏自治区", "province", [2022]),
    ],
)
def test_corpus_metadata_from_the_document_when_no_manifest_is_given(file, region, level, years, tmp_path):
    copy = tmp_path / file  # outside corpus/, so no manifest.csv applies
    copy.write_bytes((CORPUS / file).read_bytes())
    metadata = read_metadata(copy)
    assert (metadata["region"].value, metadata["level"].value, metadata["years"].value) == (region, level, years)
    assert metadata["report_type"].value == "预算绩效管理工作报告"


def test_the_manifest_wins_over_the_document(corpus_reports):
    metadata = corpus_reports["korla-2020-performance-management.txt"].metadata
    assert (metadata["region"].value, metadata["region"].source) == ("新疆维吾尔自治区/巴音郭楞蒙古自治州/库尔勒市", "manifest")
    assert (metadata["level"].value, metadata["level"].source) == ("county", "manifest")
    assert (metadata["issuer"].value, metadata["issuer"].source)[0] == "库尔勒市财政局"


@needs_shared
def test_metadata_and_contents_are_stored_with_their_sources(fresh_db):
    report = run_file(PINGTAN / "2017-health-family-planning-bureau-final-accounts-explanation.txt")
    report_id = store_report(fresh_db, report, None, "test")
    rows = {r["field"]: (r["value"], r["source"]) for r in fresh_db["report_metadata"].rows_where("report_id = ?", [report_id])}
    assert rows["title"] == ("2017年度平潭综合实验区卫生和计划生育局部门决算说明", "first_page")
    assert rows["years"] == ("2017", "first_page")
    assert rows["region"] == ("福建省/福州市/平潭县", "gazetteer")
    stored = fresh_db["reports"].get(report_id)
    assert (stored["region"], stored["admin_level"], stored["year"], stored["report_type"]) == ("福建省/福州市/平潭县", "county", 2017, "部门决算")
    contents = [r["title"] for r in fresh_db["contents"].rows_where("report_id = ?", [report_id], order_by="idx")]
    # 目 录 of this 决算说明, read by hand: 一、…九、, (一)…(四) under 九、, 十、, 十一、.
    assert len(contents) == 15
    assert contents[0] == "一、部门主要职责" and contents[-1] == "十一、附表:2017年度部门决算表"
    assert contents[9] == "(一)机关运行经费情况"


@needs_shared
@pytest.mark.slow
def test_a_pdf_table_of_contents_is_kept_apart_from_the_heading_tree():
    # 上海市普陀区财政局2024年度部门决算.pdf: page 1 cover, pages 2-3 目录 (no page numbers printed), page 4 on the text.
    report = run_until(SHANGHAI / "good" / "上海市普陀区财政局2024年度部门决算.pdf", "segment")
    assert report.title == "上海市普陀区财政局2024年度部门决算"
    titles = [e.title for e in report.contents]
    assert len(titles) == 26  # 4 parts, 2 + 9 + 11 entries under the first three, read on pages 2-3
    assert titles[:3] == ["第一部分上海市普陀区财政局概况", "一、主要职能", "二、部门决算单位构成"]
    assert titles[-1] == "第四部分名词解释"
    assert {e.page for e in report.contents} == {2, 3}
    assert min(s.page for s in report.sections) == 4  # no heading from the contents pages
    assert report.sections[0].heading == "一、主要职能"


@needs_shared
def test_flat_contents_with_dot_leaders_are_not_headings():
    # 2018-tancheng-town-final-accounts-with-performance-self-assessment-tables.txt: title, then 目 录 with dot
    # leaders and no page numbers: 4 parts with 3, 10 and 7 entries under the first three (24 in all).
    report = run_until(PINGTAN / "2018-tancheng-town-final-accounts-with-performance-self-assessment-tables.txt", "segment")
    assert report.title == "2018年度平潭综合实验区潭城镇人民政府部门决算"
    titles = [e.title for e in report.contents]
    assert len(titles) == 24
    assert titles[:2] == ["第一部分部门概况", "一、部门主要职责"]
    assert titles[-2:] == ["七、其他重要事项情况明", "第四部分名词解释"]  # 情况明 as printed
    assert all(e.page_ref is None for e in report.contents)
    contents = next(p for p in report.paragraphs if p.kind == "contents")
    assert all(s.start >= contents.end for s in report.sections)


def test_contents_entry_with_leaders_and_a_page_number():
    from extractors.contents import parse_entry, split_entries

    assert split_entries("第一部分 部门概况 ........ 3 一、部门主要职责 ....... 4") == ["第一部分 部门概况 ........ 3", "一、部门主要职责 ....... 4"]
    assert parse_entry("一、部门主要职责 ....... 4") == ("一、部门主要职责", 4)
    assert parse_entry("二、部门决算单位构成") == ("二、部门决算单位构成", None)


# reports column ← report_metadata field: the two must hold the same decision
REPORT_COLUMNS = {"title": "title", "issuer": "issuer", "doc_number": "doc_number", "region": "region", "admin_level": "level",
                  "report_type": "report_type", "years": "years"}


def stored_reports_agree_with_their_metadata(db, report_id: int) -> None:
    """Assert each metadata column of a `reports` row equals its `report_metadata` value, and the issuer's source too."""
    row = db["reports"].get(report_id)
    fields = {r["field"]: (r["value"], r["source"]) for r in db["report_metadata"].rows_where("report_id = ?", [report_id])}
    for column, field in REPORT_COLUMNS.items():
        assert row[column] == fields.get(field, (None, None))[0], (row["name"], column)
    assert row["issuer_source"] == fields.get("issuer", (None, None))[1]


def test_the_reports_row_holds_the_metadata_stage_decision(corpus_reports, fresh_db):
    # the corpus: the manifest wins for title and type, the printed issuer (Tibet's masthead, Korla's signature) for issuer
    for report in corpus_reports.values():
        stored_reports_agree_with_their_metadata(fresh_db, store_report(fresh_db, report, None, "test"))
    row = next(fresh_db.query("select * from reports where name like 'tibet%'"))
    assert (row["issuer"], row["doc_number"]) == ("西藏自治区外事办公室", "藏外发〔2023〕2号")


@needs_shared
@pytest.mark.parametrize(
    "name",
    [
        "2017-health-family-planning-bureau-final-accounts-explanation.txt",  # title printed at the body's head
        "2016-finance-bureau-department-budget-explanation.txt",  # title from the header, issuer from the title
        "2018-dongxiang-township-operating-funds-self-assessment.txt",  # issuer signed at the end
    ],
)
def test_a_web_export_row_holds_the_metadata_stage_decision(name, fresh_db):
    stored_reports_agree_with_their_metadata(fresh_db, store_report(fresh_db, run_file(PINGTAN / name), None, "test"))


@pytest.mark.parametrize("producer", ["reportlab", "libreoffice", "chromium"])
def test_a_masthead_is_not_the_title_of_a_pdf(producer, tmp_path):
    # corpus/pdf: the Tibet 公文 rendered by three producers; its largest first-page line is the masthead
    # 西藏自治区外事办公室文件, the title is printed under 藏外发〔2023〕2号 (read off the rendering).
    name = f"tibet-foreign-affairs-2022-performance-management-summary.{producer}.pdf"
    copy = tmp_path / name  # outside corpus/, so no manifest applies
    copy.write_bytes((CORPUS / "pdf" / name).read_bytes())
    metadata = read_metadata(copy)
    assert metadata["title"].value == "西藏自治区外事办公室2022年预算绩效管理工作总结"
    assert (metadata["years"].value, metadata["report_type"].value) == ([2022], "预算绩效管理工作报告")
    assert metadata["issuer"].value == "西藏自治区外事办公室"
