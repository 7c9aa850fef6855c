"""The hard cases of key figures, read from the real reports, and the cross-report comparison view."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from click.testing import CliRunner

from extractors import patterns
from pipeline.cli import cli
from pipeline.queries import metric_comparison
from pipeline.runner import run
from pipeline.schema import open_database
from pipeline.settings import RunSettings
from tests.conftest import CORPUS

LHASA_2024 = "lhasa-2024-2025-performance-management-summary.txt"
KORLA = "korla-2020-performance-management.txt"


def figure(report, surface, occurrence=0):
    """Return the `occurrence`-th figure of a report with this surface."""
    return [f for f in report.figures if f.surface == surface][occurrence]


def test_amount_across_a_page_break_is_read_in_yuan(corpus_reports):
    # Printed "总额2.02" + page break + "亿元": joined by cleaning, 2.02亿元 = 202,000,000 yuan.
    f = figure(corpus_reports[LHASA_2024], "2.02亿元")
    assert (f.kind, f.value, f.unit, f.metric) == ("amount", Decimal("202000000"), "亿元", "ex_ante_assessment.submitted")


def test_cut_and_cut_rate_in_one_sentence_belong_to_ex_ante_assessment(corpus_reports):
    report = corpus_reports[LHASA_2024]
    cut, rate = figure(report, "0.68亿元"), figure(report, "34%")
    assert cut.sentence == rate.sentence
    assert (cut.value, cut.approx, cut.metric) == (Decimal("68000000"), "lower", "ex_ante_assessment.cut")
    assert (rate.value, rate.approx, rate.metric) == (Decimal("0.34"), "lower", "ex_ante_assessment.cut_rate")


def test_korla_breakdown_after_qizhong_points_to_the_total(corpus_reports):
    report = corpus_reports[KORLA]
    total = figure(report, "645215万元")
    parts = [f for f in report.figures if f.part_of == total.index]
    assert [p.surface for p in parts] == ["300202.87万元", "176145.19万元", "164544.54万元", "4322.41万元"]
    assert all(p.metric == total.metric == "performance_targets.funds" for p in parts)
    # The printed parts add up to 645215.01万元: the report rounds; the values stay as printed.
    assert sum(p.value for p in parts) == Decimal("6452150100")


def test_about_130_units_is_a_lower_bound(corpus_reports):
    f = figure(corpus_reports[LHASA_2024], "130余家")
    assert (f.kind, f.value, f.unit, f.approx, f.noun) == ("count", Decimal("130"), "家", "lower", "预算单位")


def test_masked_values_years_and_document_numbers_are_never_figures(corpus_reports):
    for report in corpus_reports.values():
        doc_numbers = [(m.start(), m.end()) for m in patterns.DOC_NUMBER.finditer(report.text)]
        for f in report.figures:
            assert "*" not in f.surface
            assert not any(a < f.end and f.start < b for a, b in doc_numbers), (report.name, f.surface)
            if f.kind in ("amount", "count"):
                assert not f.surface.endswith(("年", "年度")), (report.name, f.surface)


def test_figures_stay_out_of_tables_front_matter_and_annexes(corpus_reports):
    for report in corpus_reports.values():
        kinds = {p.index: p.kind for p in report.paragraphs}
        for f in report.figures:
            assert kinds[f.paragraph] in ("body", "heading") or (kinds[f.paragraph] == "back" and f.kind == "date")


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    """The corpus loaded into a temporary database by the library call behind `govreports run`."""
    path = tmp_path_factory.mktemp("figures") / "corpus.db"
    run(RunSettings(paths=(CORPUS,), db_path=path))
    return path


def test_comparison_view_lines_up_ex_ante_cut_rates(corpus_db):
    rows = metric_comparison(open_database(corpus_db), "ex_ante_assessment.cut_rate")
    by_report = {r["report"]: r for r in rows}
    assert by_report[LHASA_2024]["value"] == "0.34"
    assert by_report["baoji-2023-performance-management.txt"]["value"] == "0.3808"
    assert by_report["baoji-2023-performance-management.txt"]["year"] == 2023
    assert by_report[LHASA_2024]["years"] == "2024;2025"
    assert by_report[LHASA_2024]["region"] == "西藏自治区/拉萨市"


def test_figures_rows_keep_exact_values_and_parts(corpus_db):
    db = open_database(corpus_db)
    rows = list(db.query("select f.* from figures f join reports r on r.id = f.report_id where r.name = ? order by idx", [KORLA]))
    total = next(r for r in rows if r["surface"] == "645215万元")
    assert total["value"] == "6452150000" and total["value_num"] == 6452150000.0
    assert sum(r["part_of_idx"] == total["idx"] for r in rows) == 4


def test_compare_command_prints_both_cut_rates(corpus_db):
    result = CliRunner().invoke(cli, ["compare", "ex_ante_assessment.cut_rate", "--db", str(corpus_db)])
    assert result.exit_code == 0, result.output
    assert "38.08%" in result.output and "34%" in result.output


def test_figures_command_json(tmp_path):
    result = CliRunner().invoke(cli, ["figures", str(CORPUS / KORLA), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output[result.output.index("[") :])
    first = figures[0]
    assert {"surface", "kind", "value", "unit", "approx", "metric", "sentence", "start", "end", "page", "noun", "part_of", "section_path"} <= set(first)
    assert (first["surface"], first["value"], first["noun"]) == ("178个", "178", "预算单位")
