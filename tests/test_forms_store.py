"""Forms in the database: assessments and indicators rows, the form_comparison view, `compare --forms`, exports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.export import export_database
from pipeline.runner import run
from pipeline.schema import REPORT_CHILD_TABLES, open_database
from pipeline.settings import RunSettings

TANCHENG = Path(__file__).parent / "fixtures" / "forms" / "tancheng-2018-self-assessment-forms-excerpt.txt"


@pytest.fixture(scope="module")
def forms_db(tmp_path_factory):
    """A database built from the Tancheng forms (the Tibet scored table is read in test_forms_read.py)."""
    folder = tmp_path_factory.mktemp("forms")
    for path in (TANCHENG,):
        shutil.copy(path, folder / path.name)
    db_path = folder / "forms.db"
    run(RunSettings(paths=(folder,), db_path=db_path))
    return db_path


def test_forms_are_report_children():
    assert {"assessments", "indicators"} <= set(REPORT_CHILD_TABLES)


def test_assessment_rows_hold_the_printed_form(forms_db):
    db = open_database(forms_db)
    rows = list(db.query("select a.* from assessments a join reports r on r.id = a.report_id where r.name like 'tancheng%' order by idx"))
    assert [(r["project"], r["total_score"], r["grade"]) for r in rows] == [("参战退役人员补助经费", 97, "优秀"), ("2017年“平安村居奖励金”", 98, "优秀"), (None, 100, "优秀")]
    # 部门业务费: 合计 1574.71 in 年初部门预算安排金额① and 实际支出金额⑥, 万元; no full-year budget column in this layout
    dept = rows[2]
    assert (dept["total_initial_budget"], dept["total_executed"], dept["total_full_budget"], dept["funds_unit"]) == (1574.71, 1574.71, None, "万元")
    assert json.loads(dept["level_weights"]) == {"产出指标": "60", "效益指标": "30", "满意度指标": "10"}
    assert (dept["source"], dept["page"]) == ("text", 1)


def test_indicator_rows_hold_target_and_actual_parsed(forms_db):
    db = open_database(forms_db)
    row = next(db.query("select i.* from indicators i join reports r on r.id = i.report_id where r.name like 'tancheng%' and assessment_idx = 1 and level3 = '平安村居奖励发放数量'"))
    assert (row["target"], row["target_operator"], row["target_number"], row["target_unit"], row["actual_number"], row["weight"], row["score"]) == ("不少于6个", "≥", 6, "个", 6, 15, 15)
    counts = dict(db.execute("select r.name, count(*) from indicators i join reports r on r.id = i.report_id group by r.name").fetchall())
    assert counts == {TANCHENG.name: 27}  # 9 indicators in each of the three forms


def test_form_comparison_lines_up_the_forms(forms_db):
    db = open_database(forms_db)
    rows = list(db.query("select report, assessment_idx, year, computed_rate, total_score, full_marks, n_indicators from form_comparison"))
    tancheng = [(r["computed_rate"], r["total_score"], r["full_marks"], r["n_indicators"]) for r in rows if r["report"] == TANCHENG.name]
    # 14.4/14.4, 28/28, 1574.71/1574.71 executed of budget; 满意度 scored 7 and 8 of 10 in the two project forms
    assert tancheng == [(100.0, 97, 8, 9), (100.0, 98, 8, 9), (100.0, 100, 9, 9)]


def test_compare_forms_command(forms_db):
    result = CliRunner().invoke(cli, ["compare", "--forms", "2018", "--db", str(forms_db)])
    assert result.exit_code == 0, result.output
    assert "参战退役人员补助经费" in result.output and "总分    97" in result.output and "3 form(s)" in result.output


def test_exports_include_the_forms(forms_db, tmp_path):
    written = {p.name for p in export_database(open_database(forms_db), tmp_path, formats=("csv",))}
    assert {"assessments.csv", "indicators.csv", "form_comparison.csv"} <= written
    indicators = pd.read_csv(tmp_path / "indicators.csv", encoding="utf-8-sig")
    assert len(indicators) == 27


def test_forms_command_reads_a_file_without_a_database():
    result = CliRunner().invoke(cli, ["forms", str(TANCHENG)])
    assert result.exit_code == 0, result.output
    assert "满意度指标 > 服务对象满意度指标 > 参战退役人员满意率: target «满意率95%以上» actual «97%» 7/10" in result.output
    assert result.output.rstrip().endswith(f"3 form(s) in {TANCHENG.name}")
    as_json = json.loads(CliRunner().invoke(cli, ["forms", str(TANCHENG), "--json"]).output)
    assert [f["total_score"] for f in as_json] == ["97", "98", "100"]


def test_datasette_offers_the_points_lost_query(forms_db):
    from pipeline.browse import datasette_metadata

    query = datasette_metadata("forms")["databases"]["forms"]["queries"]["form_points_lost"]["sql"]
    rows = list(open_database(forms_db).query(query))
    # read from the forms: 满意率 scored 7 of 10 (97% against 95%以上) and 8 of 10 (98% against 不低于95%)
    assert [(r["level3"], r["actual"], r["score"]) for r in rows] == [("参战退役人员满意率", "97%", 7), ("村居干部满意率", "98%", 8)]
