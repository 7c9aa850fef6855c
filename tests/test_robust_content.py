"""Content checks: format by magic bytes, encodings by plausibility, unusable text layers, bounded pages."""

import io
import time

import pdfplumber
import pytest

from extractors import content, pdf_guard
from extractors.load import LOAD
from pipeline.runner import new_report, run_file
from tests import hostile
from tests.conftest import CORPUS

KORLA = CORPUS / "korla-2020-performance-management.txt"
KORLA_TITLE = "库尔勒市2020年度预算绩效管理情况报告"  # read off the report


def loaded(path):
    """Return the report after the load stage only."""
    return LOAD(new_report(path))


@pytest.mark.parametrize(
    "head,expected",
    [
        (b"%PDF-1.4\n", ("pdf", None)),
        (b"junk before the header %PDF-1.7", ("pdf", None)),
        (b"\x89PNG\r\n\x1a\n\x00", ("binary", "a PNG image")),
        (b"PK\x03\x04rest", ("binary", "a ZIP archive (or a .docx/.xlsx/.ofd document)")),
        ("库尔勒市".encode(), ("txt", None)),
    ],
)
def test_format_is_sniffed_from_the_bytes(head, expected):
    assert content.sniff_format(head) == expected


def test_big5_is_told_from_gb18030_by_plausibility(tmp_path):
    path = tmp_path / "big5.txt"
    path.write_bytes(hostile.TRADITIONAL_REPORT.encode("big5"))
    report = loaded(path)
    assert (report.encoding, report.encoding_confidence, report.errors) == ("big5", 1.0, [])
    assert "本年度共對85個項目開展績效評價，涉及資金3.2億元" in report.pages[0].text
    as_gb = content.score_encoding(hostile.TRADITIONAL_REPORT.encode("big5"), "gb18030")
    assert as_gb.bad_bytes == 0 and as_gb.confidence < 0.6  # GB18030 reads the bytes without error, into nonsense


@pytest.mark.parametrize("encoding,expected", [("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be"), ("gb18030", "gb18030"), ("utf-8", "utf-8")])
def test_encodings_without_a_bom_give_the_same_report(tmp_path, encoding, expected):
    path = tmp_path / "korla.txt"
    path.write_bytes(KORLA.read_text(encoding="utf-8").encode(encoding))
    report = run_file(path)
    assert (report.encoding, report.status, report.title) == (expected, "ok", KORLA_TITLE)


@pytest.mark.parametrize(
    "damage,count",
    [(lambda b: b[:600] + b"\x00" + b[600:], 1), (lambda b: b[:900] + b"\xe9\xe8" + b[900:], 2), (lambda b: b.replace("。".encode(), "。".encode() + b"\xff", 2), 2)],
)
def test_a_few_bad_bytes_are_replaced_and_counted_not_a_lost_report(tmp_path, damage, count):
    path = tmp_path / "damaged.txt"
    path.write_bytes(damage(KORLA.read_bytes()))
    report = run_file(path)
    assert (report.status, report.encoding, report.title) == ("partial", "utf-8", KORLA_TITLE)
    assert [(e.kind, e.fatal) for e in report.errors] == [("bad-bytes", False)]
    assert report.errors[0].message == f"{path}: {count} byte(s) that utf-8 cannot read were replaced (U+FFFD) or dropped (NUL)"


def test_a_text_that_is_not_chinese_is_not_a_report(tmp_path):
    path = tmp_path / "paper.txt"
    path.write_text(hostile.ENGLISH_PAPER, encoding="utf-8")
    report = run_file(path)
    assert [(e.kind, e.message) for e in report.errors] == [
        ("not-a-report", f"{path}: not a report: decoded as utf-8 but holds almost no Chinese text (0.0% Chinese characters)")
    ]


def test_an_english_pdf_is_not_a_report(tmp_path):
    path = tmp_path / "paper.pdf"
    path.write_bytes(hostile.english_pdf())
    report = run_file(path)
    assert [(e.kind, e.message) for e in report.errors] == [("not-a-report", f"{path}: not a report: its text is not Chinese (0.0% Chinese characters)")]


def test_cid_pages_are_flagged_per_page_and_not_read(tmp_path):
    path = tmp_path / "cid.pdf"
    path.write_bytes(hostile.cid_pdf(pages=2))
    report = run_file(path)
    flagged = [(e.kind, e.page, e.fatal) for e in report.errors]
    assert flagged == [("unusable-text-layer", 1, False), ("unusable-text-layer", 2, False), ("unreadable", None, True)]
    assert "1,050 (cid:NNN) tokens" in report.errors[0].message  # 35 lines of 30 unmapped glyphs
    assert report.errors[-1].message == f"{path}: no page has a usable text layer (unmapped glyphs or scanned images)"


def test_unusable_text_layer_counts_cid_replacement_and_private_use():
    assert content.unusable_text_layer("(cid:12)(cid:13)\ue000\ufffd预") == "2 (cid:NNN) tokens and 2 replacement or private-use characters of 5"
    assert content.unusable_text_layer("预算绩效管理(cid:12)") is None


def test_small_files_say_what_they_are(tmp_path):
    cases = {"empty.pdf": b"", "png.pdf": b"\x89PNG\r\n\x1a\n" + bytes(50)}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    hostile.encrypted_pdf(tmp_path / "locked.pdf")
    messages = {name: run_file(tmp_path / name).errors[0].message for name in [*cases, "locked.pdf"]}
    assert messages == {
        "empty.pdf": f"{tmp_path / 'empty.pdf'}: empty file (0 bytes)",
        "png.pdf": f"{tmp_path / 'png.pdf'}: a PNG image, not a report (expected a PDF or a text file)",
        "locked.pdf": f"{tmp_path / 'locked.pdf'}: encrypted PDF: it needs a password to open, which the pipeline does not have",
    }


def test_a_stream_bomb_refuses_its_page_only(tmp_path):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(hostile.bomb_pdf(inflated_mb=200))
    started = time.monotonic()
    report = run_file(path)
    assert time.monotonic() - started < 20
    assert (report.status, report.title) == ("partial", KORLA_TITLE)
    assert [(e.kind, e.page) for e in report.errors] == [("page-refused", 2)]
    assert report.errors[0].message == f"{path}: page 2 refused: a stream inflates past 64 MB (a decompression bomb)"


def test_bounded_inflation_matches_zlib_below_the_bound():
    import zlib

    data = "预算绩效".encode() * 100_000
    assert pdf_guard.bounded_decompress(zlib.compress(data)) == data
    with pytest.raises(zlib.error):
        pdf_guard.bounded_decompress(zlib.compress(data)[:-10])


def test_linear_dedupe_gives_pdfplumbers_result_on_real_pages():
    original = pdf_guard.PDFPLUMBER_DEDUPE_CHARS  # the library's own, saved before install() replaced it
    assert original is not pdf_guard.linear_dedupe_chars

    pages = 0
    for path in sorted((CORPUS / "pdf").glob("*.pdf"))[:3]:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages[:2]:
                assert pdf_guard.linear_dedupe_chars(page.chars) == original(page.chars)
                pages += 1
    assert pages == 6


def test_a_page_of_many_characters_costs_linear_time():
    """8,000 characters on a page: pdfplumber's own de-duplication took 8 s here, the linear one 0.05 s."""
    content_stream = b"BT /F1 6 Tf 7 TL 20 830 Td\n" + b"\n".join(b"(" + b"x" * 80 + b") '" for _ in range(100)) + b"\nET"
    with pdfplumber.open(io.BytesIO(hostile.pdf_bytes([content_stream]))) as pdf:
        chars = pdf.pages[0].chars
        started = time.monotonic()
        assert len(pdf_guard.linear_dedupe_chars(chars)) == 8000
        assert time.monotonic() - started < 1.0
