"""Runs: the bundled corpus, idempotence, changed/removed files, bad files in a batch."""

import shutil

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.errors import StageOrderError
from pipeline.manifest import read_manifest, sha256_of
from pipeline.runner import run
from pipeline.schema import open_database
from pipeline.settings import RunSettings
from pipeline.stages import check_order, default_stages
from tests.conftest import CORPUS, TEXT_REPORTS

# Tables whose content must be identical after a second run over the same files.
DATA_TABLES = ["reports", "sections", "paragraphs", "sentences", "errors"]
VOLATILE = {"loaded_at", "run_id"}


def snapshot(db) -> dict:
    """Return the database's data tables without run bookkeeping columns."""
    return {
        table: [{k: v for k, v in row.items() if k not in VOLATILE} for row in db[table].rows]
        for table in DATA_TABLES
        if db[table].exists()
    }


@pytest.fixture
def corpus_copy(tmp_path):
    """A writable copy of the text corpus with its manifest."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in TEXT_REPORTS + [CORPUS / "manifest.csv"]:
        shutil.copy(path, folder / path.name)
    return folder


def test_bundled_corpus_loads_five_reports_ok_and_a_rerun_skips_them(corpus_copy, tmp_path):
    settings = RunSettings(paths=(corpus_copy,), db_path=tmp_path / "g.db")
    first = run(settings)
    db = open_database(settings.db_path)
    assert len(first.loaded) == 5 and not first.failed
    assert [r["status"] for r in db["reports"].rows] == ["ok"] * 5
    before = snapshot(db)
    second = run(settings)
    assert (len(second.loaded), len(second.skipped)) == (0, 5)
    assert snapshot(open_database(settings.db_path)) == before
    assert [r["skipped"] for r in db["runs"].rows] == [0, 5]


def test_manifest_metadata_reaches_the_reports_table(corpus_copy, tmp_path):
    settings = RunSettings(paths=(corpus_copy,), db_path=tmp_path / "g.db")
    run(settings)
    row = next(open_database(settings.db_path).query("select * from reports where name like 'baoji%'"))
    assert (row["region"], row["year"], row["issuer"], row["issuer_source"]) == ("陕西省/宝鸡市", 2023, "宝鸡市财政局", "manifest")


def test_changed_file_replaces_its_rows_and_removed_file_is_reported(corpus_copy, tmp_path, golden_reports):
    settings = RunSettings(paths=(corpus_copy,), db_path=tmp_path / "g.db")
    run(settings)
    korla = corpus_copy / "korla-2020-performance-management.txt"
    korla.write_text(korla.read_text(encoding="utf-8").replace("库尔勒市 2020 年度", "库尔勒市 2021 年度", 1), encoding="utf-8")
    (corpus_copy / "baoji-2023-performance-management.txt").unlink()
    summary = run(settings)
    assert summary.loaded == [str(korla)]
    assert summary.removed == [str(corpus_copy / "baoji-2023-performance-management.txt")]
    assert summary.manifest_problems == [f"{corpus_copy / 'baoji-2023-performance-management.txt'}: listed in {corpus_copy / 'manifest.csv'} but missing"]
    db = open_database(settings.db_path)
    row = next(db.query("select * from reports where path = ?", [str(korla)]))
    assert row["title"] == "库尔勒市2021年度预算绩效管理情况报告"
    assert row["status"] == "partial"  # the manifest's sha256 no longer matches: reported, not fatal
    assert "differs from the manifest" in row["error"]
    headings = golden_reports["korla-2020-performance-management.txt"]
    expected_sections = sum(headings[f"level{n}"] for n in range(1, 5))  # 5 + 4 + 8 + 5, read off the report
    assert db.execute("select count(*) from sections where report_id = ?", [row["id"]]).fetchone()[0] == expected_sections


def test_a_changed_file_that_fails_early_gets_nothing_from_a_manifest_describing_other_bytes(corpus_copy, tmp_path):
    """The reports row falls back on the manifest only where the metadata stage would take it: its sha256 is the file's."""
    korla = corpus_copy / "korla-2020-performance-management.txt"
    baoji = corpus_copy / "baoji-2023-performance-management.txt"
    korla.write_bytes(bytes(range(0x80, 0x100)) * 8)  # replaced by bytes load refuses: no stage reads a title
    baoji.write_bytes(b"")  # emptied likewise
    run(RunSettings(paths=(corpus_copy,), db_path=tmp_path / "g.db"))
    db = open_database(tmp_path / "g.db")
    manifest = read_manifest(corpus_copy / "manifest.csv")
    for name in (korla.name, baoji.name):
        manifest_sha256 = manifest[name].sha256  # the sha256 of the bytes before the change (8a1bd2f9…, 2bddd570…)
        assert manifest_sha256 and manifest_sha256 != sha256_of(corpus_copy / name)
        row = next(db.query("select * from reports where name = ?", [name]))
        assert row["status"] == "failed"
        # not 库尔勒市2020年度预算绩效管理情况报告 / 库尔勒市财政局 / 2020 …: the manifest describes the bytes before the change
        assert [row[k] for k in ("title", "issuer", "issuer_source", "region", "admin_level", "report_type", "year", "years")] == [None] * 8
        assert row["manifest_sha256"] == manifest_sha256  # kept: it shows what the manifest expected
    unchanged = next(db.query("select * from reports where name like 'lhasa-2020%'"))
    assert unchanged["region"] == "西藏自治区/拉萨市"


def test_bad_files_fail_alone_and_the_batch_goes_on(corpus_copy, tmp_path):
    (corpus_copy / "empty.txt").write_bytes(b"")
    (corpus_copy / "image.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (corpus_copy / "gibberish.txt").write_bytes(bytes(range(0x80, 0x100)) * 8)
    summary = run(RunSettings(paths=(corpus_copy,), db_path=tmp_path / "g.db"))
    assert len(summary.loaded) == 5
    assert sorted(p.rsplit("/", 1)[1] for p, _ in summary.failed) == ["empty.txt", "gibberish.txt", "image.pdf"]
    db = open_database(tmp_path / "g.db")
    failed = {r["name"]: r for r in db.query("select * from reports where status = 'failed'")}
    assert "empty file" in failed["empty.txt"]["error"] and failed["empty.txt"]["path"] in failed["empty.txt"]["error"]
    assert db.execute("select count(*) from errors where fatal = 1").fetchone()[0] == 3


def test_a_report_whose_rows_cannot_be_stored_leaves_nothing_half_written(corpus_copy, tmp_path, monkeypatch):
    import pipeline.store as store

    real = store.text_rows

    def broken(report_id, report):
        rows = real(report_id, report)
        if report.name.startswith("korla") and report.sections:
            rows["sentences"] = [{"report_id": report_id, "no_such_column": 1}]
        return rows

    monkeypatch.setattr(store, "text_rows", broken)
    summary = run(RunSettings(paths=(corpus_copy,), db_path=tmp_path / "g.db"))
    assert len(summary.loaded) == 4 and len(summary.failed) == 1
    db = open_database(tmp_path / "g.db")
    korla = next(db.query("select * from reports where name like 'korla%'"))
    assert korla["status"] == "failed" and "could not store" in korla["error"]
    assert db.execute("select count(*) from sections where report_id = ?", [korla["id"]]).fetchone()[0] == 0


def test_stage_order_is_checked_before_any_file_is_opened():
    load, clean, segment = default_stages()[:3]
    check_order([load, clean, segment])
    with pytest.raises(StageOrderError, match="'segment' requires"):
        check_order([load, segment, clean])


def test_cli_run_prints_a_summary_and_search_finds_chinese(corpus_copy, tmp_path):
    db = str(tmp_path / "cli.db")
    result = CliRunner().invoke(cli, ["run", str(corpus_copy), "--db", db])
    assert result.exit_code == 0, result.output
    assert "5 loaded, 0 skipped" in result.output
    hits = CliRunner().invoke(cli, ["search", "审减率", "--db", db])
    assert "baoji-2023-performance-management.txt" in hits.output and "1 paragraph(s)" in hits.output
    shown = CliRunner().invoke(cli, ["show", "tibet-foreign-affairs-2022-performance-management-summary", "--db", db])
    assert "藏外发〔2023〕2号" in shown.output and "(二)全面实施绩效管理全覆盖" in shown.output
