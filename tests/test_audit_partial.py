"""A report read only in part says so in every audit output, and checks across the unread page are unverifiable."""

import json
from decimal import Decimal as D

import pytest
from click.testing import CliRunner

from extractors.audit.coverage import mark_unread
from pipeline.cli import cli
from pipeline.models import Check, CheckInput
from tests.test_audit_shanghai import NO_TEXT_LAYER

NOTE = "partial: page 4 not read"  # page 4 of the extract (page 14 of the 财政局 report) is an image


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    """The extract with a page without text layer, run into a database."""
    tmp = tmp_path_factory.mktemp("partial")
    db = tmp / "p.db"
    assert CliRunner().invoke(cli, ["run", str(NO_TEXT_LAYER), "--db", str(db)]).exit_code == 0
    return db, tmp


@pytest.mark.slow
def test_partial_report_says_so_in_cli_json_and_html(audited):
    db, tmp = audited
    runner = CliRunner()
    text = runner.invoke(cli, ["audit", "--db", str(db)]).output
    assert f"PARTIAL      {NO_TEXT_LAYER.name}: {NOTE}" in text
    data = json.loads(runner.invoke(cli, ["audit", "--db", str(db), "--json", "--html", str(tmp / "a.html")]).output)
    assert {c["partial"] for c in data} == {NOTE}
    assert [c["message"] for c in data if c["kind"] == "coverage"] == [NOTE]
    assert NOTE in (tmp / "a.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_unknown_report_name_is_an_error(audited):
    db, _ = audited
    result = CliRunner().invoke(cli, ["audit", "--db", str(db), "--report", "no-such-report.pdf"])
    assert result.exit_code != 0 and "no report 'no-such-report.pdf'" in result.output
    known = CliRunner().invoke(cli, ["audit", "--db", str(db), "--report", NO_TEXT_LAYER.name])
    assert known.exit_code == 0 and NOTE in known.output


def test_a_check_whose_inputs_lie_around_an_unread_page_is_unverifiable():
    # a table total on page 3 whose rows continue on page 5: page 4 may hold rows it needs
    across = Check("table_total", "pass", D("10"), D("10"), D(0), "total", inputs=[CheckInput("10", D("10"), "t", 3), CheckInput("4", D("4"), "t", 5)], page=3)
    beside = Check("table_total", "fail", D("10"), D("9"), D(0), "total", inputs=[CheckInput("10", D("10"), "t", 5), CheckInput("9", D("9"), "t", 5)], page=5)
    mark_unread([across, beside], [4])
    assert (across.status, beside.status) == ("unverifiable", "fail")
    assert "page 4, between its inputs, was not read" in across.message
