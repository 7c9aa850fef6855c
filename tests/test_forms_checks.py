"""Form checks: each check on forms read from text, the real Tancheng forms, and altered copies that
fail exactly the expected checks."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import pytest

from extractors.forms import checks
from extractors.forms.read import read_form
from extractors.forms.stage import forms_of_file
from extractors.forms.tokens import text_tokens
from pipeline.models import Assessment
from tests.forms_render import load_spec, render_flat

FIXTURES = Path(__file__).parent / "fixtures" / "forms"
RENDERED = ["form-1", "form-2", "form-3", "form-4", "small-1", "small-2", "department-1"]
FORM2 = "form 0 (项目支出绩效自评表 社区养老服务补助)"  # how messages name the rendered form-2


def read_spec(spec: dict) -> Assessment:
    """Render a spec as flattened text and read it back."""
    form = read_form(text_tokens(render_flat(spec), page=1))
    assert form is not None
    return form


def failures(form: Assessment) -> list[tuple[str, str]]:
    """Return (kind, stated_source) of every failing check of a form."""
    return [(c.kind, c.stated_source) for c in checks.form_checks(form) if c.status != "pass"]


@pytest.mark.parametrize("name", RENDERED)
def test_consistent_rendered_forms_pass_every_check(name):
    form = read_spec(load_spec(name))
    found = checks.form_checks(form)
    assert {c.kind for c in found} >= {"form_funds_total", "form_score_total", "form_score_cap", "form_execution_rate", "form_funds_score", "form_weights"}
    assert failures(form) == []


def test_funds_total_checks_each_amount_column():
    # form-2 prints 年度资金总额 1285.1 / 1292.2 / 1227.6 = 当年财政拨款 + 0 + 0 in 年初预算数, 全年预算数, 全年执行数
    found = checks.funds_total_checks(read_spec(load_spec("form-2")))
    assert [(c.stated, c.computed, c.status) for c in found] == [
        (Decimal("1285.1"), Decimal("1285.1"), "pass"),
        (Decimal("1292.2"), Decimal("1292.2"), "pass"),
        (Decimal("1227.6"), Decimal("1227.6"), "pass"),
    ]


def test_execution_rate_and_funds_score_follow_the_template_rule():
    form = read_spec(load_spec("form-2"))
    (rate,) = checks.execution_rate_checks(form)
    (score,) = checks.funds_score_checks(form)
    # 1292.2 × 95% = 1227.59, so 1227.6 / 1292.2 = 95.0008% (to 4 places), printed 95.00%; 95.00% × 10 = 9.5 printed 9.50
    assert (rate.status, rate.stated, rate.computed) == ("pass", Decimal("95.00"), Decimal("95.0008"))
    assert (score.status, score.stated, score.computed) == ("pass", Decimal("9.50"), Decimal("9.5000"))


def test_score_total_adds_funds_score_and_indicator_scores():
    (total,) = checks.score_total_checks(read_spec(load_spec("form-2")))
    # 9.50 + 10 + 5 + 10 + 25 + 10 + 20 + 8 = 97.50
    assert (total.status, total.stated, total.computed) == ("pass", Decimal("97.50"), Decimal("97.50"))


def test_target_met_is_checked_only_for_full_marks_with_comparable_values():
    found = checks.target_met_checks(read_spec(load_spec("form-2")))
    # 项目完成时间 (按期完成) is qualitative; 学生家长满意度 scored 8 of 10: neither is checked
    assert [c.message.split(": ", 1)[1].split(" scored")[0] for c in found] == [
        "indicator 0 开展培训次数", "indicator 1 改造道路长度", "indicator 3 资金拨付及时率", "indicator 4 带动农户增收", "indicator 5 垃圾无害化处理率",
    ]  # fmt: skip


def test_weights_per_level_and_total():
    found = checks.weights_checks(read_spec(load_spec("form-2")))
    assert [(c.stated_source.removeprefix(FORM2 + " "), c.stated, c.computed) for c in found] == [
        ("产出指标 分值", 50, 50), ("效益指标 分值", 30, 30), ("满意度指标 分值", 10, 10), ("总分 分值", 100, 100),
    ]  # fmt: skip


def test_altered_score_fails_only_the_total():
    spec = copy.deepcopy(load_spec("form-2"))
    spec["indicators"][1][6] = "4"  # 改造道路长度 scored 4 of 5; 总分 left at 97.50
    assert failures(read_spec(spec)) == [("form_score_total", f"{FORM2} 总分")]


def test_altered_score_above_its_weight_fails_the_cap_and_the_total():
    spec = copy.deepcopy(load_spec("form-2"))
    spec["indicators"][6][6] = "12"  # 学生家长满意度 scored 12 of a weight of 10
    # … and it now has (more than) full marks although its 80% misses the ≥85% target
    assert sorted(failures(read_spec(spec))) == [
        ("form_score_cap", f"{FORM2} indicator 6 学生家长满意度 得分"),
        ("form_score_total", f"{FORM2} 总分"),
        ("form_target_met", f"{FORM2} indicator 6 学生家长满意度 实际完成值"),
    ]


def test_altered_execution_amount_fails_the_funds_sum_and_the_rate():
    spec = copy.deepcopy(load_spec("form-2"))
    spec["funds"]["年度资金总额"][2] = "1200.6"  # 全年执行数 of the total changed; its parts and 95.00% left alone
    assert sorted(failures(read_spec(spec))) == [
        ("form_execution_rate", f"{FORM2} 年度资金总额 执行率"),
        ("form_funds_total", f"{FORM2} 年度资金总额 全年执行数"),
    ]


def test_altered_actual_below_target_with_full_marks_is_flagged():
    spec = copy.deepcopy(load_spec("form-2"))
    spec["indicators"][0][4] = "10次"  # 开展培训次数: target ≥12次, actual 10次, still 10 of 10
    assert failures(read_spec(spec)) == [("form_target_met", f"{FORM2} indicator 0 开展培训次数 实际完成值")]


def test_altered_funds_score_above_the_rule_fails():
    spec = copy.deepcopy(load_spec("form-2"))
    spec["funds"]["年度资金总额"][5] = "10.00"  # 95.00% × 10 = 9.5, printed 10.00; 总分 adjusted so only the rule fails
    spec["total_score"] = "98.00"
    assert failures(read_spec(spec)) == [("form_funds_score", f"{FORM2} 年度资金总额 得分")]


def test_real_tancheng_forms_pass_except_the_printed_level_weights_of_the_department_form():
    report = forms_of_file(FIXTURES / "tancheng-2018-self-assessment-forms-excerpt.txt")
    found = {f.index: failures(f) for f in report.assessments}
    # Read from the form: 产出 指标 （60分） over 15+15+10+10 = 50, 效益 指标 （30分） over 10+10+10+10 = 40
    assert found == {
        0: [],
        1: [],
        2: [("form_weights", "form 2 (部门业务费绩效自评表) 产出指标 分值"), ("form_weights", "form 2 (部门业务费绩效自评表) 效益指标 分值")],
    }
    totals = [c for c in checks.score_total_checks(report.assessments[0])]
    assert [(c.stated, c.computed) for c in totals] == [(Decimal(97), Decimal(97))]  # 15+15+10+10+10+10+10+10+7
    # the Fujian block: 合计 = 财政资金小计 + 其他资金小计, and 财政资金小计 = ①中央 + ②省级 + ③地方, in each printed amount column
    funds = checks.funds_total_checks(report.assessments[2])
    assert {c.stated_source.rsplit(" ", 1)[-1] for c in funds} == {"年初部门预算安排金额①", "实际到位金额⑤", "实际支出金额⑥"}


def test_a_score_printed_without_decimals_is_read_to_its_precision():
    spec = copy.deepcopy(load_spec("form-2"))
    spec["funds"]["年度资金总额"][5] = "10"  # 9.5 printed as a whole number rounds to 10: not a failure
    spec["total_score"] = "98"
    assert failures(read_spec(spec)) == []


def test_scored_table_sums_are_left_to_the_table_audit_but_caps_are_checked():
    report = forms_of_file(Path(__file__).parent.parent / "corpus" / "tibet-foreign-affairs-2022-performance-management-summary.txt")
    (form,) = report.assessments
    assert checks.score_total_checks(form) == [] and checks.weights_checks(form) == []
    caps = checks.score_cap_checks(form)
    assert len(caps) == 47 and all(c.status == "pass" for c in caps)  # every 考核结果 is at most its 指标值


def test_the_audit_stage_runs_the_form_checks_from_the_registry():
    from extractors.audit.registry import CHECKS
    from pipeline.runner import run_file

    report = run_file(FIXTURES / "tancheng-2018-self-assessment-forms-excerpt.txt")
    assert {"form_funds_total", "form_score_total", "form_score_cap", "form_execution_rate", "form_funds_score", "form_target_met", "form_weights"} <= CHECKS.keys()
    form_failures = [(c.kind, c.stated_source) for c in report.checks if c.kind.startswith("form_") and c.status == "fail"]
    assert form_failures == [("form_weights", "form 2 (部门业务费绩效自评表) 产出指标 分值"), ("form_weights", "form 2 (部门业务费绩效自评表) 效益指标 分值")]


def test_each_real_form_is_read_by_the_kinds_of_what_it_prints():
    from tests.conftest import CORPUS

    tancheng = forms_of_file(FIXTURES / "tancheng-2018-self-assessment-forms-excerpt.txt").assessments
    tibet = forms_of_file(CORPUS / "tibet-foreign-affairs-2022-performance-management-summary.txt").assessments
    kinds = [{c.kind for c in checks.form_checks(form)} for form in tancheng + tibet]
    scored = {"form_score_total", "form_score_cap", "form_target_met", "form_weights"}  # 分值/得分 per indicator, level weights, 合计
    # The two 2018年财政支出项目绩效自评表 print the Fujian funds block in full: 小计 and 合计 (funds_total, with ④ = ① + ② − ③),
    # ⑦ = ⑤ − ⑥ (balance) and ⑧ = ⑦ / ⑤ (execution_rate); no 执行率 × 分值 line, so no funds_score. Full marks on 48人 / 14.4万元.
    fujian_project = scored | {"form_funds_total", "form_balance", "form_execution_rate"}
    # The 部门业务费绩效自评表 prints ∕ for ② ③ ④ ⑦: its 小计 and 合计 add up (funds_total) but there is no balance to check nor rate of it.
    department = scored | {"form_funds_total"}
    # Tibet's 部门预算管理绩效考核自评表 is a scored table (指标值, 考核结果): no funds block, no targets; its sections and 合计 are the
    # table audit's (section_subtotal, table_total), so only each score against its weight is a form check.
    assert kinds == [fujian_project, fujian_project, department, {"form_score_cap"}]


def test_altered_pdf_copies_read_back_and_fail_exactly_the_expected_checks(tmp_path):
    from tests.forms_render import render_pdf
    from tests.test_forms_read import assert_matches_spec

    score = copy.deepcopy(load_spec("small-2"))
    score["indicators"][0][6] = "33.5"  # 资助学生人数: 33 of 35 printed as 33.5; 总分 left at 95.32
    executed = copy.deepcopy(load_spec("department-1"))
    executed["funds"]["当年财政拨款"][2] = "1150.2"  # a part of 全年执行数 changed (was 1159.2); its total and rate left alone
    path = tmp_path / "altered.pdf"
    render_pdf([[score, executed]], path)
    first, second = forms_of_file(path).assessments
    assert_matches_spec(first, score)
    assert_matches_spec(second, executed)
    assert failures(first) == [("form_score_total", "form 0 (项目支出绩效自评表 农村人居环境整治专项) 总分")]
    assert failures(second) == [("form_funds_total", "form 1 (部门整体支出绩效自评表) 年度资金总额 全年执行数")]


def test_altered_copy_of_the_real_fujian_form_fails_its_printed_formula_and_its_subtotal(tmp_path):
    text = (FIXTURES / "tancheng-2018-self-assessment-forms-excerpt.txt").read_text(encoding="utf-8")
    row = "③地方财政资金 14.4 0 14.4 0 14.4 14.4 0 0"
    assert text.count(row) == 1
    path = tmp_path / "tancheng-altered.txt"
    path.write_text(text.replace(row, "③地方财政资金 14.4 0 14.4 1 14.4 14.4 0 0"), encoding="utf-8")  # ④ printed 1 instead of 0
    form = forms_of_file(path).assessments[0]
    assert sorted(failures(form)) == [
        ("form_funds_total", "form 0 (2018年财政支出项目绩效自评表 参战退役人员补助经费) ③地方财政资金 本年度结余金额④"),
        ("form_funds_total", "form 0 (2018年财政支出项目绩效自评表 参战退役人员补助经费) 财政资金小计 本年度结余金额④"),
    ]


def test_fujian_printed_formulas_hold_on_the_real_forms():
    report = forms_of_file(FIXTURES / "tancheng-2018-self-assessment-forms-excerpt.txt")
    formulas = [checks.fujian_formula_checks(f) for f in report.assessments]
    rates = [checks.balance_rate_checks(f) for f in report.assessments]
    # ④ = ① + ② − ③ in the 7 rows of each project form (0 = 14.4 + 0 − 14.4 …); the 部门业务费 form prints ∕ there
    assert [len(f) for f in formulas] == [7, 7, 0] and all(c.status == "pass" for f in formulas for c in f)
    # 结余率 ⑧ = ⑦ / ⑤ where ⑤ is not 0: 财政资金小计, ③地方财政资金, 合计 of each project form
    assert [len(r) for r in rates] == [3, 3, 0] and all(c.status == "pass" for r in rates for c in r)


@pytest.mark.parametrize("name", ["fujian-1", "fujian-2"])
def test_consistent_fujian_forms_pass_their_formulas_and_sums(name):
    form = read_spec(load_spec(name))
    found = checks.form_checks(form)
    assert {c.kind for c in found} >= {"form_funds_total", "form_score_total", "form_score_cap", "form_execution_rate", "form_weights"}
    assert failures(form) == []


def test_altered_fujian_spending_fails_its_subtotal_and_balance():
    spec = copy.deepcopy(load_spec("fujian-1"))
    spec["funds"]["③地方财政资金"][5] = "50.9"  # 实际支出金额⑥ of one part changed; 小计, 合计, ⑦ and ⑧ left as printed
    # 财政资金小计 ⑥ 54.9 is no longer 0.0 + 0.0 + 50.9, and ③'s own 本年度结余金额⑦ 3.5 is no longer ⑤ 58.4 − ⑥ 50.9
    assert sorted((kind, source.rsplit(" ", 2)[-2:]) for kind, source in failures(read_spec(spec))) == [
        ("form_balance", ["③地方财政资金", "本年度结余金额⑦"]),
        ("form_funds_total", ["财政资金小计", "实际支出金额⑥"]),
    ]


def test_the_fujian_balance_is_what_arrived_less_what_was_spent_on_the_real_forms():
    report = forms_of_file(FIXTURES / "tancheng-2018-self-assessment-forms-excerpt.txt")
    balances = [checks.balance_checks(f) for f in report.assessments]
    # ⑦ = ⑤ − ⑥ in the 7 rows of each project form (合计 14.4 − 14.4 = 0, 28 − 28 = 0); the 部门业务费 form prints ∕ for ⑦
    assert [len(b) for b in balances] == [7, 7, 0] and all(c.status == "pass" for b in balances for c in b)
    assert [(c.stated, c.computed) for c in balances[0] if c.stated_source.endswith("合计 本年度结余金额⑦")] == [(0, Decimal("0.0"))]


def test_a_balance_that_does_not_follow_from_its_row_fails():
    spec = copy.deepcopy(load_spec("fujian-2"))
    spec["funds"]["②省级财政资金"][6] = "1.6"  # ⑦ printed 1.6 where ⑤ 16.1 − ⑥ 15.0 = 1.1; 小计, 合计 and ⑧ 6.83% left alone
    name = f"form 0 ({spec['title']} {spec['project']})"
    # … which also breaks 财政资金小计 ⑦ 10.1 (= 0.0 + 1.6 + 9.0 now) and ②'s 结余率 6.83% (1.6 / 16.1 = 9.94%)
    assert sorted(failures(read_spec(spec))) == [
        ("form_balance", f"{name} ②省级财政资金 本年度结余金额⑦"),
        ("form_execution_rate", f"{name} ②省级财政资金 结余率⑧"),
        ("form_funds_total", f"{name} 财政资金小计 本年度结余金额⑦"),
    ]
