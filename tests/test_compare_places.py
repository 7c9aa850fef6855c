"""`govreports compare --reports` shows region and year for every report, over the corpus plus real-docs."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.runner import run
from pipeline.settings import RunSettings
from tests.conftest import CORPUS, ROOT

PINGTAN = ROOT.parent / "shared" / "real-docs" / "pingtan"
pytestmark = pytest.mark.skipif(not PINGTAN.is_dir(), reason="../shared is not beside the checkout")


def places(db_path) -> list[str]:
    """Return the report lines `compare --reports` prints (the last line is the count)."""
    result = CliRunner().invoke(cli, ["compare", "--reports", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_reports_of_three_kinds_of_places_are_listed_with_region_and_years(tmp_path):
    files = [
        CORPUS / "korla-2020-performance-management.txt",  # manifest
        PINGTAN / "2014-luyang-township-budget-execution-and-2015-draft-budget-report.txt",  # a township, read
        PINGTAN / "2017-2019-environment-land-bureau-budget-preparation-explanation.txt",  # a rolling plan
    ]
    db_path = tmp_path / "p.db"
    run(RunSettings(paths=tuple(files), db_path=db_path))
    lines = places(db_path)
    assert lines[-1] == "3 report(s), 3 with region and year"
    by_report = {line.split()[-1]: line.split() for line in lines[:-1]}
    assert by_report["2014-luyang-township-budget-execution-and-2015-draft-budget-report.txt"][:3] == ["2014;2015", "福建省/福州市/平潭县/芦洋乡", "township"]
    assert by_report["2017-2019-environment-land-bureau-budget-preparation-explanation.txt"][:4] == ["2017;2018;2019", "福建省/福州市/平潭县", "county", "部门预算"]
    assert by_report["korla-2020-performance-management.txt"][:2] == ["2020", "新疆维吾尔自治区/巴音郭楞蒙古自治州/库尔勒市"]


@pytest.mark.slow
def test_every_report_of_the_corpus_and_real_docs_has_region_and_year(tmp_path):
    db_path = tmp_path / "all.db"
    # recursive: corpus/pdf's renderings too (the Tibet 公文's masthead once stood in for its title: no year)
    run(RunSettings(paths=(CORPUS, PINGTAN), db_path=db_path, recursive=True))
    assert places(db_path)[-1] == "45 report(s), 45 with region and year"
