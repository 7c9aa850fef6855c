"""Forms read back exactly: the real Tancheng forms (flattened text), rendered standard forms (flattened
text, tab-separated text, ruled PDF one per page and two on a page) and the Tibet scored table."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.forms.read import STANDARD_FUNDS_COLUMNS, read_form
from extractors.forms.stage import forms_of_file
from extractors.forms.tokens import header_rows, normalise_cell, table_cell_text, text_tokens
from extractors.forms.find import find_forms
from pipeline.models import Assessment, Page, Report
from tests.conftest import CORPUS, GOLDEN
from tests.forms_render import load_spec, render_flat, render_pdf, render_tabs, text_document

FIXTURES = Path(__file__).parent / "fixtures" / "forms"
TANCHENG = yaml.safe_load((GOLDEN / "forms" / "tancheng-2018.yaml").read_text(encoding="utf-8"))
RENDERED = ["form-1", "form-2", "form-3", "form-4", "small-1", "small-2", "department-1"]
STANDARD_KEYS = list(STANDARD_FUNDS_COLUMNS.values())


def indicator_rows(form: Assessment, with_deviation: bool = True) -> list[list]:
    """Return a form's indicators as [level1, level2, level3, target, actual, weight, score(, deviation)]."""
    rows = []
    for i in form.indicators:
        row = [i.level1, i.level2, i.level3, i.target.text, i.actual.text, str(i.weight), str(i.score)]
        rows.append(row + [i.deviation or ""] if with_deviation else row)
    return rows


def assert_matches_spec(form: Assessment, spec: dict) -> None:
    """Assert that a form read back is the spec it was rendered from, cell for cell."""
    assert (form.title, form.kind, form.year) == (spec["title"], spec["kind"], spec["year"])
    assert (form.project, form.department, form.unit, form.funds_unit) == (spec["project"], spec["department"], spec["unit"], spec["funds_unit"])
    assert {line.label: [line.printed.get(k) for k in STANDARD_KEYS] for line in form.funds} == spec["funds"]
    assert (form.goal_expected, form.goal_actual) == (spec["goal_expected"], spec["goal_actual"])
    assert form.level_weights == {k: Decimal(v) for k, v in spec["level_weights"].items()}
    assert indicator_rows(form) == spec["indicators"]
    assert (form.total_weight, form.total_score) == (Decimal(spec["total_weight"]), Decimal(spec["total_score"]))


@pytest.fixture(scope="module")
def tancheng():
    """The Tancheng excerpt run through the stages up to forms."""
    return forms_of_file(FIXTURES / TANCHENG["file"])


def test_tancheng_three_flattened_forms_are_read(tancheng):
    assert [(f.title, f.kind, f.variant) for f in tancheng.assessments] == [(g["title"], g["kind"], g["variant"]) for g in TANCHENG["forms"]]


@pytest.mark.parametrize("n", range(3))
def test_tancheng_form_reads_as_printed(tancheng, n):
    form, gold = tancheng.assessments[n], TANCHENG["forms"][n]
    assert (form.year, form.project, form.department, form.funds_unit) == (gold["year"], gold["project"], gold["department"], gold["funds_unit"])
    assert {line.label: list(line.printed.values()) for line in form.funds} == {normalise_cell(k): v for k, v in gold["funds"].items()}
    assert (form.goal_expected, form.goal_actual) == (gold["goal_expected"], gold["goal_actual"])
    assert form.level_weights == {k: Decimal(v) for k, v in gold["level_weights"].items()}
    assert indicator_rows(form, with_deviation=False) == [[*row[:5], str(row[5]), str(row[6])] for row in gold["indicators"]]
    assert (form.total_weight, form.total_score, form.grade) == (Decimal(gold["total_weight"]), Decimal(gold["total_score"]), gold["grade"])


def test_tancheng_provenance_points_at_the_printed_row(tancheng):
    satisfaction = tancheng.assessments[0].indicators[-1].provenance
    raw = tancheng.pages[0].text[satisfaction.raw_start : satisfaction.raw_end]
    assert satisfaction.source == "text" and raw == "参战退役人员满意率 满意率不低于95% 参战退役人员满意率是否低于95% 满意率95%以上 97% 10 7"
    assert tancheng.text[satisfaction.start : satisfaction.end] == "参战退役人员满意率满意率不低于95%参战退役人员满意率是否低于95%满意率95%以上97% 10 7"
    title = tancheng.assessments[2].provenance
    assert tancheng.text[title.start : title.end].startswith("部门业务费绩效自评表") and tancheng.text[: title.end].endswith("合计100 100自评得分等次优秀")


def test_tancheng_targets_are_parsed(tancheng):
    cost, satisfaction = tancheng.assessments[0].indicators[3], tancheng.assessments[1].indicators[8]
    assert (cost.target.operator, cost.target.number, cost.target.unit) == ("≤", Decimal("14.4"), "万元")
    assert (satisfaction.target.operator, satisfaction.target.number, satisfaction.target.unit, satisfaction.actual.number) == ("≥", Decimal(95), "%", Decimal(98))
    assert tancheng.assessments[0].indicators[1].target.kind == "qualitative"


@pytest.mark.parametrize("name", RENDERED)
@pytest.mark.parametrize("render", [render_flat, render_tabs], ids=["flat", "tabs"])
def test_rendered_text_form_reads_back_exactly(name, render):
    spec = load_spec(name)
    form = read_form(text_tokens(render(spec), page=1))
    assert form is not None
    assert_matches_spec(form, spec)


@pytest.mark.parametrize("render", [render_flat, render_tabs], ids=["flat", "tabs"])
def test_text_report_with_two_forms_reads_both_through_the_pipeline(tmp_path, render):
    specs = [load_spec("form-3"), load_spec("department-1")]
    path = tmp_path / f"report-{render.__name__}.txt"
    path.write_text(text_document(specs, render), encoding="utf-8")
    report = forms_of_file(path)
    assert len(report.assessments) == 2
    for form, spec in zip(report.assessments, specs):
        assert_matches_spec(form, spec)
    assert report.assessments[1].indicators[0].provenance.source == "text"


@pytest.mark.slow
def test_rendered_pdf_forms_one_per_page_and_two_on_a_page(tmp_path):
    names = [["form-1"], ["form-2"], ["small-1", "small-2"]]
    path = tmp_path / "forms.pdf"
    render_pdf([[load_spec(n) for n in page] for page in names], path)
    report = forms_of_file(path)
    flat = [n for page in names for n in page]
    assert len(report.assessments) == len(flat)
    for form, name in zip(report.assessments, flat):
        assert_matches_spec(form, load_spec(name))
    assert [f.provenance.page for f in report.assessments] == [1, 2, 3, 3]
    assert report.assessments[3].indicators[0].provenance.source == "table"


def test_two_small_pdf_forms_on_one_page(tmp_path):
    specs = [load_spec("small-2"), load_spec("department-1")]
    path = tmp_path / "two.pdf"
    render_pdf([specs], path)
    report = forms_of_file(path)
    assert len(report.assessments) == 2
    for form, spec in zip(report.assessments, specs):
        assert_matches_spec(form, spec)


@pytest.fixture(scope="module")
def tibet():
    """The Tibet 2022 corpus report up to forms."""
    return forms_of_file(CORPUS / "tibet-foreign-affairs-2022-performance-management-summary.txt")


TIBET_GOLDEN = json.loads((GOLDEN / "tables" / "tibet-foreign-affairs-2022-performance-management-summary.json").read_text(encoding="utf-8"))[0]


@pytest.mark.slow
@pytest.mark.parametrize("producer", ["reportlab", "chromium", "libreoffice"])
def test_tibet_pdf_renderings_feed_the_same_indicators(producer):
    report = forms_of_file(CORPUS / "pdf" / f"tibet-foreign-affairs-2022-performance-management-summary.{producer}.pdf")
    (form,) = report.assessments
    data = [r["cells"] for r in TIBET_GOLDEN["rows"] if r["kind"] == "data"]
    assert [(i.level3, str(i.weight), str(i.score)) for i in form.indicators] == [(c[1], c[2], c[7] or c[8]) for c in data]
    assert (form.total_score, form.indicators[0].provenance.source) == (Decimal("90.5"), "table")


def test_tibet_annex_keeps_its_table_and_feeds_indicators(tibet):
    golden = TIBET_GOLDEN
    assert any(t.caption == golden["caption"] for t in tibet.tables)
    (form,) = tibet.assessments
    assert (form.kind, form.year, form.total_score) == ("budget_management", 2022, Decimal("90.5"))
    data = [r["cells"] for r in golden["rows"] if r["kind"] == "data"]
    assert [(i.level3, str(i.weight), str(i.score)) for i in form.indicators] == [(c[1], c[2], c[7] or c[8]) for c in data]
    # section rows as printed: 一、重大决策部署落实 10 … 10; 二、预算编制管理 25 … 24; 五、资产管理 5 … 4.5
    assert form.level_weights["二、预算编制管理"] == 25 and form.level_scores["二、预算编制管理"] == 24
    assert form.level_scores["五、资产管理"] == Decimal("4.5")
    assert form.indicators[0].level2 == "(一)重大决策执行效力" and form.indicators[0].extra["指标性质"] == "定性"


def test_a_form_whose_rows_cannot_be_read_is_a_recorded_non_fatal_error(tmp_path):
    spec = load_spec("small-1")
    text = render_flat(spec)
    broken = text[: text.index("产出指标(50分)")] + "产出指标(50分) 以下内容见附件 总分 100 99.20"  # the rows were cut from the page
    path = tmp_path / "broken.txt"
    path.write_text(text_document([], render_flat) + broken + "\n\n" + render_flat(load_spec("small-2")), encoding="utf-8")
    report = forms_of_file(path)
    assert len(report.assessments) == 1 and report.assessments[0].project == load_spec("small-2")["project"]
    (error,) = report.errors
    assert (error.stage, error.kind, error.fatal) == ("forms", "form-unreadable", False)
    assert str(path) in error.message and "项目支出绩效自评表" in error.message


def test_flattened_form_followed_by_a_tab_separated_table_still_reads():
    spec = load_spec("form-4")
    text = render_flat(spec) + "\n\n附表1\n项目\t金额\n合计\t100\n"
    form = read_form(text_tokens(text, page=1))
    assert form is not None
    assert_matches_spec(form, spec)


@pytest.mark.slow
def test_pdf_form_running_over_two_pages(tmp_path):
    spec = load_spec("form-3")
    path = tmp_path / "big.pdf"
    render_pdf([[spec]], path, size=14)  # 14 pt: the indicator block runs onto page 2
    report = forms_of_file(path)
    (form,) = report.assessments
    assert_matches_spec(form, spec)
    assert report.page_count == 2 and form.indicators[-1].provenance.page == 2


@pytest.mark.parametrize("printed, read", [("99. 60", "99.60"), ("96. 03 %", "96.03%"), ("1,2 85.1", "1,285.1"), ("产出 指标", "产出指标"), ("≥ 95%", "≥ 95%")])  # not a number alone: left to the value parser
def test_a_number_wrapped_in_a_narrow_pdf_cell_is_joined(printed, read):
    assert table_cell_text(printed) == read


def test_forms_stage_changes_only_what_it_declares():
    import dataclasses

    from extractors.forms.stage import FORMS
    from pipeline.runner import run_file
    from pipeline.stages import default_stages

    stages = default_stages()
    report = run_file(FIXTURES / TANCHENG["file"], stages[: [s.name for s in stages].index("forms")])  # up to, not including, forms
    before = {f.name: copy.deepcopy(getattr(report, f.name)) for f in dataclasses.fields(report)}
    FORMS(report)
    changed = {name for name, value in before.items() if getattr(report, name) != value}
    assert changed == {"assessments"} == set(FORMS.produces)
    assert FORMS.requires == {"pages", "tables", "format", "text", "page_starts"}  # text: text forms are located in it


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(min_value=0, max_value=10**9), kind=st.sampled_from(["project", "department"]), small=st.booleans())
def test_any_generated_form_reads_back_from_flat_and_tab_text(seed, kind, small):
    import random

    from tests.forms_render import make_spec

    spec = make_spec(random.Random(seed), "generated", kind=kind, small=small)
    for render in (render_flat, render_tabs):
        form = read_form(text_tokens(render(spec), page=1))
        assert form is not None
        assert_matches_spec(form, spec)


def test_funds_labels_spelled_otherwise_and_grouped_read_the_same():
    spec = load_spec("form-1")
    text = render_flat(spec).replace("其中:当年财政拨款", "按收入性质分 其中：本年财政拨款")  # 本年 for 当年, a group label, a full-width colon
    form = read_form(text_tokens(text, page=1))
    assert [(line.label, line.role) for line in form.funds] == [("年度资金总额", "total"), ("本年财政拨款", "fiscal"), ("上年结转资金", "carryover"), ("其他资金", "other")]
    assert [form.funds[1].printed[k] for k in STANDARD_KEYS] == spec["funds"]["当年财政拨款"]


REAL_DOCS = Path(__file__).resolve().parent.parent.parent / "shared" / "real-docs" / "pingtan"


@pytest.mark.skipif(not REAL_DOCS.exists(), reason="../shared/real-docs is not beside the checkout")
def test_among_the_34_real_pingtan_texts_only_tancheng_prints_forms():
    # Read in their README and bodies: the Dongxiang 自评报告 attach their 自评表 as .xls (not in the text), the
    # 2017 卫计局 and 2016 教育局 项目绩效自评报告 sections are prose, the 2017 评价报告 print 评价指标体系 without scores.
    found = {}
    for path in sorted(REAL_DOCS.glob("*.txt")):
        report = forms_of_file(path)
        assert not [e for e in report.errors if e.stage == "forms"], path.name
        if report.assessments:
            found[path.name] = [f.title for f in report.assessments]
    assert found == {"2018-tancheng-town-final-accounts-with-performance-self-assessment-tables.txt": ["2018年财政支出项目绩效自评表", "2018年财政支出项目绩效自评表", "部门业务费绩效自评表"]}


@pytest.mark.parametrize("title", ["专项资金绩效自评表", "项目绩效目标自评表", "2021年度项目支出绩效自评表"])
def test_other_spellings_of_the_title_are_recognised(title):
    spec = load_spec("small-1")
    report = Report(path=Path("x.txt"), format="txt", pages=[Page(1, "自评情况如下。 " + render_flat(spec).replace(spec["title"], title, 1))])
    (form,) = find_forms(report)
    assert form.title == title and len(form.indicators) == len(spec["indicators"])


def test_a_form_printing_only_scores_per_indicator():
    spec = load_spec("small-1")
    flat = render_flat(spec).replace(" 分值 得分 ", " 得分 ")
    for l1, l2, l3, target, actual, weight, score, deviation in spec["indicators"]:
        flat = flat.replace(f" {l3} {target} {actual} {weight} {score}", f" {l3} {target} {actual} {score}")
    form = read_form(text_tokens(flat, page=1))
    assert [(i.level3, i.weight, str(i.score)) for i in form.indicators] == [(row[2], None, row[6]) for row in spec["indicators"]]


def assert_matches_fujian_spec(form: Assessment, spec: dict) -> None:
    """Assert that a Fujian 2018 form read back is its spec, cell for cell."""
    assert (form.title, form.variant, form.year, form.project, form.department) == (spec["title"], "fujian_2018", int(spec["title"][:4]), spec["project"], spec["department"])
    assert {line.label: list(line.printed.values()) for line in form.funds} == {normalise_cell(k): v for k, v in spec["funds"].items()}
    assert (form.goal_expected, form.goal_actual) == (spec["goal_expected"], spec["goal_actual"])
    assert form.level_weights == {k: Decimal(v) for k, v in spec["level_weights"].items()}
    rows = [[i.level1, i.level2, i.level3, i.extra["指标解释"], i.extra["评分标准"], i.target.text, i.actual.text, str(i.weight), str(i.score)] for i in form.indicators]
    assert rows == spec["indicators"]
    assert (form.total_weight, form.total_score, form.grade) == (Decimal(spec["total_weight"]), Decimal(spec["total_score"]), spec["grade"])


@pytest.mark.parametrize("name", ["fujian-1", "fujian-2"])
@pytest.mark.parametrize("render", [render_flat, render_tabs], ids=["flat", "tabs"])
def test_rendered_fujian_forms_read_back_exactly(name, render):
    # The Fujian 2018 layout on documents other than Tancheng's: level names split into characters as the pages print them
    spec = load_spec(name)
    form = read_form(text_tokens(render(spec), page=1))
    assert_matches_fujian_spec(form, spec)


def test_rendered_fujian_pdf_forms_read_back_exactly(tmp_path):
    # ruled PDF: the table's cleaning turns ①…⑧ into digits (the reader uses the printed cell text) and its
    # stacked header has a '/' inside the formula ⑧=⑦/⑤
    specs = [load_spec("fujian-1"), load_spec("fujian-2")]
    path = tmp_path / "fujian.pdf"
    render_pdf([[spec] for spec in specs], path)
    report = forms_of_file(path)
    assert len(report.assessments) == 2
    for form, spec in zip(report.assessments, specs):
        assert_matches_fujian_spec(form, spec)


def test_stacked_pdf_header_rows_are_recovered():
    # the finder's joined header of the standard form (rows 项目名称 / 主管部门 … 实施单位 / 项目资金 and the funds columns)
    header = ["项目名称/主管部门/项目资金(万元)", "X项目/Y局/项目资金(万元)", "X项目/Y局", "X项目/Y局/年初预算数", "X项目/实施单位/全年预算数", "X项目/Z中心/全年执行数"]
    assert header_rows(header) == [["项目名称", "X项目"], ["主管部门", "Y局", "实施单位", "Z中心"], ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数"]]
