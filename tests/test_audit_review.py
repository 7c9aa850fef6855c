"""The leftovers of the audit review: the breakdown's unread parts as data, one rounding rule for forms and tables."""

from decimal import Decimal as D

from extractors.audit.registry import AuditContext
from extractors.audit.text import breakdown_checks, breakdown_groups
from pipeline.runner import run_file

UNREAD_PART = """某某镇2026年项目支出说明

一、项目情况

项目总投资10000.00万元,其中建安费用5000.00万元、设备费3000.00、监理费1000.00万元。
"""


def test_a_part_printed_without_a_unit_travels_with_its_breakdown(tmp_path):
    path = tmp_path / "unread-part.txt"
    path.write_text(UNREAD_PART, encoding="utf-8")
    report = run_file(path)
    ctx = AuditContext(report)
    (group,) = breakdown_groups(ctx)
    # 设备费3000.00 has no unit, so it is not a part: 5000.00 + 1000.00 against 10000.00
    assert ([p.surface for p in group.parts], group.unread) == (["5000.00万元", "1000.00万元"], "3000.00")
    (check,) = breakdown_checks(AuditContext(report))
    assert (check.status, check.computed) == ("unverifiable", D("6000.00"))
    assert "3000.00" in check.message


def fujian_form(rows: dict[str, list[str]]) -> "Assessment":
    """Return a Fujian-layout form with the given funds rows (label → printed ①…⑧)."""
    from extractors.forms.read import FUJIAN_FUNDS_COLUMNS
    from pipeline.models import Assessment, FundsLine

    roles = {"财政资金小计": "fiscal", "③地方财政资金": "part", "其他资金小计": "other", "合计": "total"}
    funds = [
        FundsLine(label, roles[label], {k: D(v) for k, v in zip(FUJIAN_FUNDS_COLUMNS, printed)}, dict(zip(FUJIAN_FUNDS_COLUMNS, printed)))
        for label, printed in rows.items()
    ]
    return Assessment(index=0, kind="project", variant="fujian_2018", title="财政支出项目绩效自评表", funds=funds, funds_unit="万元")


def test_a_form_total_is_judged_like_a_table_total_of_the_same_numbers():
    from extractors.audit.tables import table_total_checks
    from extractors.forms.checks import funds_total_checks
    from pipeline.models import Cell, Row, Table

    # Two parts and their total each rounded to 0.1 on their own (5.06 + 5.06 → 5.1 + 5.1, total 10.12 → 10.1):
    # 0.1 apart, within the halves of the three printed numbers (3 × 0.05 = 0.15).
    form = fujian_form({
        "财政资金小计": ["5.1", "0", "5.1", "0", "5.1", "5.1", "0", "0"],
        "其他资金小计": ["5.1", "0", "5.1", "0", "5.1", "5.1", "0", "0"],
        "合计": ["10.1", "0", "10.1", "0", "10.1", "10.1", "0", "0"],
    })  # fmt: skip
    form_check = next(c for c in funds_total_checks(form) if c.stated_source.endswith("合计 年初部门预算安排金额①"))

    def amount(text: str) -> Cell:
        return Cell(raw=text, text=text, value=D(text), kind="amount", unit="万元")

    rows = [
        Row(index=0, kind="data", cells=[Cell(raw="财政资金", text="财政资金"), amount("5.1")]),
        Row(index=1, kind="data", cells=[Cell(raw="其他资金", text="其他资金"), amount("5.1")]),
        Row(index=2, kind="total", cells=[Cell(raw="合计", text="合计"), amount("10.1")]),
    ]
    (table_check,) = table_total_checks(Table(index=0, caption="资金结构", header=["项目", "金额(万元)"], rows=rows, pages=[1], method="hand"))
    assert (form_check.status, form_check.computed, form_check.tolerance) == ("pass", D("10.2"), D("0.15"))
    assert (table_check.status, table_check.tolerance) == (form_check.status, form_check.tolerance)


def test_a_rate_of_a_negative_balance_has_a_positive_tolerance():
    from extractors.forms.checks import balance_rate_checks

    # ⑦ −5.00 of ⑤ 10 (printed whole): ⑧ −50.00% is exactly the quotient; the tolerance is a magnitude
    form = fujian_form({"合计": ["10", "0", "10", "0", "10", "15.00", "-5.00", "-50.00"]})
    (check,) = balance_rate_checks(form)
    assert check.tolerance > 0
    assert (check.status, check.computed) == ("pass", D("-50.0000"))


def test_form_check_kinds_are_registered_like_every_other_kind():
    from extractors.audit.registry import CHECKS
    from extractors.audit.stage import load_checks
    from extractors.forms import checks

    load_checks()
    form_kinds = {k.kind for k in CHECKS.values() if k.scope == "form"}
    assert form_kinds == {
        "form_funds_total", "form_balance", "form_score_total", "form_score_cap", "form_execution_rate", "form_funds_score", "form_target_met", "form_weights",
    }  # fmt: skip
    assert not hasattr(checks, "FORM_CHECKS")  # no second list: form_checks runs the registry's form kinds
    # which of them read which real form: tests/test_forms_checks.py


def test_one_unit_rule_reads_every_money_unit_a_table_prints():
    from extractors import patterns
    from extractors.audit.core import convert
    from extractors.tables.captions import read_labels

    lines = {
        "单位:千元": "千元", "金额单位:万元": "万元", "单位：元": "元", "(单位:亿元)": "亿元", "单位:万亿元": "万亿元",
        # cleaned text removes the space before a CJK word: a flattened web table's unit line runs into its header
        "单位:万元项目名称": "万元", "公开01表单位:千元": "千元",
    }  # fmt: skip
    assert {line: patterns.TABLE_UNIT.search(line)["unit"] for line in lines} == lines
    assert read_labels(["单位:千元"]).unit == "千元"
    assert not hasattr(patterns, "TABLE_MONEY_UNIT")
    # a 千元 amount converts like any other money unit: 1,234 千元 = 123.4 万元
    assert convert(D("1234"), "千元", "万元") == D("123.4")


def test_run_on_a_non_terminal_prints_one_plain_line_per_report_and_no_bar_label(tmp_path):
    from click.testing import CliRunner

    from pipeline.cli import cli
    from tests.conftest import ROOT

    source = ROOT / "corpus" / "korla-2020-performance-management.txt"
    result = CliRunner().invoke(cli, ["run", str(source), "--db", str(tmp_path / "one.db"), "--workers", "0"])
    assert result.exit_code == 0, result.output
    # click's bar prints its label `reports` once when stderr is not a terminal, and nothing else
    assert "korla-2020-performance-management.txt" in result.stderr.splitlines()
    assert "reports" not in result.stderr


MAIN_ITEMS = """某某区2018年预算执行情况分析

一、收入情况

全区小税种收入完成7.73亿元,增收1.79亿元。其中:城市维护建设税收入1.23亿元、城镇土地使用税收入0.88亿元、土地增值税收入3.54亿元。

非税收入完成10.00亿元。其中:专项收入2.00亿元、行政事业性收费收入1.00亿元、其他收入3.00亿元。

乡镇其他资金收入完成241.64万元。其中计生经费分成收入24.14万元、征地和拆迁工作经费收入49.39万元、其他资金收入167.56万元。
"""


def test_a_list_of_the_main_items_only_is_unverifiable_but_a_list_naming_the_rest_fails(tmp_path):
    path = tmp_path / "main-items.txt"
    path.write_text(MAIN_ITEMS, encoding="utf-8")
    found = {c.stated: c for c in breakdown_checks(AuditContext(run_file(path)))}
    # 1.23 + 0.88 + 3.54 = 5.65 of 7.73 (73%), no 其他 part: the main small taxes, not all of them
    assert (found[D("7.73")].status, found[D("7.73")].computed) == ("unverifiable", D("5.65"))
    assert "main items only" in found[D("7.73")].message
    # 6.00 of 10.00 but 其他收入 is listed: the list claims to be complete, so it fails
    assert found[D("10.00")].status == "fail"
    # 241.09 of 241.64: a complete list with a misprinted part (Pingtan 2017 平原镇), still a failure
    assert (found[D("241.64")].status, found[D("241.64")].computed) == ("fail", D("241.09"))
