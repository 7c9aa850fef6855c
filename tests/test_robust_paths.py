"""Nothing aborts a batch: every path problem is recorded for that path, names are kept losslessly."""

import os
import shutil

import pytest
from click.testing import CliRunner

from pipeline import paths
from pipeline.cli import cli
from pipeline.errors import UnreadableFile
from pipeline.runner import run
from pipeline.schema import open_database
from pipeline.settings import RunSettings
from tests.conftest import CORPUS

KORLA = CORPUS / "korla-2020-performance-management.txt"
BAOJI = CORPUS / "baoji-2023-performance-management.txt"
# 报告.txt as a Chinese Windows zip leaves it on Linux: the name's GBK bytes, which are not UTF-8.
GBK_NAME = "报告.txt".encode("gbk")


@pytest.fixture
def folder(tmp_path):
    """A folder with one good report and one under a GBK-encoded name."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(KORLA, folder / KORLA.name)
    with open(os.fsencode(folder) + b"/" + GBK_NAME, "wb") as handle:
        handle.write(BAOJI.read_bytes())
    return folder


def test_a_gbk_file_name_is_loaded_stored_losslessly_and_shown_readably(folder, tmp_path):
    summary = run(RunSettings(paths=(folder,), db_path=tmp_path / "g.db"))
    assert len(summary.loaded) == 2 and not summary.failed
    row = next(open_database(tmp_path / "g.db").query("select * from reports where path_bytes is not null"))
    assert row["name"] == "报告.txt"
    assert row["path_bytes"] == os.fsencode(folder) + b"/" + GBK_NAME
    assert row["path"].endswith("/\\xb1\\xa8\\xb8\\xe6.txt")
    assert (row["title"], row["status"]) == ("关于2023年市级预算绩效管理情况的报告", "ok")  # read off the report
    again = run(RunSettings(paths=(folder,), db_path=tmp_path / "g.db"))
    assert (len(again.loaded), len(again.skipped)) == (0, 2)  # the escaped key finds the same row


def test_readable_name_decodes_gbk_and_big5_and_escapes_the_rest():
    assert paths.readable_name("报告.txt".encode("gbk")) == "报告.txt"
    assert paths.readable_name("預算績效報告.txt".encode("big5")) == "預算績效報告.txt"  # GB18030 would read 箇衡罿…
    assert paths.readable_name(b"\xff\xfe.txt") == "\\xff\\xfe.txt"
    assert paths.stored_path(os.fsdecode(b"/x/\xff.txt")) == "/x/\\xff.txt"


def test_fifo_device_and_folder_are_refused_by_kind_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "dir.pdf").mkdir()
    assert paths.path_problem(fifo) == f"{fifo}: is a FIFO (named pipe), not a regular file"
    assert paths.path_problem(tmp_path / "dir.pdf") == f"{tmp_path / 'dir.pdf'}: is a folder, not a regular file"
    assert paths.path_problem(tmp_path / "gone.txt") == f"{tmp_path / 'gone.txt'}: file vanished (it no longer exists)"
    assert "character device" in paths.path_problem(paths.Path("/dev/zero"))
    assert paths.path_problem(KORLA) is None


def test_no_permission_is_a_clear_message(monkeypatch, tmp_path):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(paths.os, "open", refuse)
    with pytest.raises(UnreadableFile, match="secret.txt: permission denied"):
        paths.open_regular(tmp_path / "secret.txt")


def test_path_problems_are_recorded_and_the_batch_goes_on_with_exit_code_1(folder, tmp_path, monkeypatch):
    os.mkfifo(folder / "pipe.txt")
    import pipeline.runner as runner

    real = runner.discover

    def listing_then_changes(*args, **kwargs):
        """The folder as listed, then one file vanishes and another becomes a folder before they are read."""
        files = real(*args, **kwargs)
        (folder / "vanished.txt").write_text("x")
        (folder / "became-a-folder.pdf").mkdir()
        files += [folder / "vanished.txt", folder / "became-a-folder.pdf"]
        (folder / "vanished.txt").unlink()
        return sorted(files)

    monkeypatch.setattr(runner, "discover", listing_then_changes)
    db = tmp_path / "g.db"
    result = CliRunner().invoke(cli, ["run", str(folder), "/dev/zero", "--db", str(db)])
    assert result.exit_code == 1, result.output
    assert "2 loaded, 0 skipped (unchanged), 4 failed" in result.output
    failed = {r["name"]: r["error"] for r in open_database(db).query("select * from reports where status = 'failed'")}
    assert failed == {
        "pipe.txt": f"{folder / 'pipe.txt'}: is a FIFO (named pipe), not a regular file",
        "zero": "/dev/zero: is a character device, not a regular file",
        "vanished.txt": f"{folder / 'vanished.txt'}: file vanished (it no longer exists)",
        "became-a-folder.pdf": f"{folder / 'became-a-folder.pdf'}: is a folder, not a regular file",
    }


@pytest.mark.xfail(strict=True, reason="two Big5 characters also read as two plausible GB18030 ones (預算 as 箇衡): a tie keeps GB18030")
def test_a_two_character_big5_name_is_read_as_big5():
    assert paths.readable_name("預算.txt".encode("big5")) == "預算.txt"
