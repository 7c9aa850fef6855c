"""Loading: encodings a Chinese text export comes in, and inputs that are not reports."""

import shutil

import pytest

from extractors.load_text import detect_encoding, read_text_pages
from pipeline.errors import UnreadableFile
from pipeline.runner import run_file
from tests.conftest import CORPUS

KORLA = CORPUS / "korla-2020-performance-management.txt"


@pytest.mark.parametrize("encoding,expected", [("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("gbk", "gb18030"), ("utf-16", "utf-16")])
def test_every_encoding_gives_the_same_cleaned_text(tmp_path, encoding, expected):
    original = run_file(KORLA)
    copy = tmp_path / "korla.txt"
    copy.write_bytes(KORLA.read_text(encoding="utf-8").encode(encoding))
    report = run_file(copy)
    assert report.encoding == expected
    assert report.text == original.text
    assert report.title == "库尔勒市2020年度预算绩效管理情况报告"


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        ("just some english text, not a report\n".encode(), "almost no Chinese text"),
    ],
)
def test_a_file_that_is_not_a_report_is_refused_with_its_name(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(UnreadableFile, match=message) as info:
        read_text_pages(path)
    assert str(path) in str(info.value)


def test_bytes_that_no_encoding_reads_are_refused(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 4)
    with pytest.raises(UnreadableFile):
        read_text_pages(path)


def test_utf8_is_preferred_to_gb18030_when_both_decode():
    assert detect_encoding("预算绩效".encode("utf-8"), KORLA) == "utf-8"


def test_a_text_named_pdf_is_read_as_text_with_a_warning(tmp_path):
    path = tmp_path / "mislabelled.pdf"
    shutil.copy(KORLA, path)
    report = run_file(path)
    assert (report.status, report.format, report.title) == ("partial", "txt", "库尔勒市2020年度预算绩效管理情况报告")
    assert [e.kind for e in report.errors] == ["format-mismatch"]
    assert report.errors[0].message == f"{path}: named .pdf but holds text; read as txt"


def test_a_pdf_that_is_not_a_pdf_fails_with_its_name(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + KORLA.read_bytes())
    report = run_file(path)
    assert report.status == "failed"
    assert report.errors[0].kind == "unreadable" and str(path) in report.errors[0].message
