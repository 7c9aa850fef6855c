"""Make hostile input files, each of a kind a researcher's download folder holds (issue 12).

`make_corpus(folder)` writes one file of each kind and returns what each must give: its status and
a phrase its message must hold. Big and slow files (500 pages, a 3-million-character page, a
50 MB line) are made at test time here, never stored. Run `python -m tests.hostile FOLDER` to look at them.
The long PDFs of the benchmark (scripts/benchmark.py --pages) and of the paging tests are `paged_pdf`'s.
"""

from __future__ import annotations

import os
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KORLA = ROOT / "corpus" / "korla-2020-performance-management.txt"
# A short report in traditional characters (written for these tests), to be saved as Big5.
TRADITIONAL_REPORT = (
    "關於2020年度預算績效管理工作情況的報告\n\n"
    "一、全面實施預算績效管理\n\n"
    "本年度共對85個項目開展績效評價，涉及資金3.2億元，評價結果與下年度預算安排相結合。\n\n"
    "二、存在的問題\n\n"
    "部分單位績效目標設定不夠明確，評價指標體系有待完善。\n"
)
# A short paper in English: text, but not a Chinese report.
ENGLISH_PAPER = (
    "Fiscal decentralisation and performance budgeting: evidence from 58 figures\n\n"
    "We study 1,204 counties over 2015-2020. Figure 3 shows spending rose 12.5% while revenue fell 3%.\n"
) * 20


@dataclass(frozen=True)
class Expected:
    """What a hostile file must give: its status and a phrase of its error message (None: no error)."""

    status: str
    phrase: str | None
    kind: str | None = None


def pdf_bytes(pages: list[bytes], font: bytes = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", compress: bool = True, extra_trailer: bytes = b"") -> bytes:
    """Return a minimal valid PDF whose pages draw the given content streams with one font (F1)."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]  # 2 is the page tree, filled below
    objects.append(font)  # 3
    kids = []
    for content in pages:
        data = zlib.compress(content, 9) if compress else content
        filters = b" /Filter /FlateDecode" if compress else b""
        objects.append(b"<< /Length %d%s >>\nstream\n" % (len(data), filters) + data + b"\nendstream")
        content_id = len(objects)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content_id)
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(kids)
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, extra_trailer, xref)
    return bytes(out)


def text_content(lines: list[str]) -> bytes:
    """Return a content stream printing ASCII lines with F1, top down."""
    ops = [b"BT /F1 10 Tf 12 TL 50 800 Td"]
    ops += [b"(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1") + b") '" for line in lines]
    return b"\n".join(ops + [b"ET"])


# A Type0 font with Identity-H encoding and no ToUnicode map: pdfminer can only print `(cid:NNN)`.
CID_FONT = (
    b"<< /Type /Font /Subtype /Type0 /BaseFont /Unmapped /Encoding /Identity-H /DescendantFonts "
    b"[<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Unmapped /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
    b"/FontDescriptor << /Type /FontDescriptor /FontName /Unmapped /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >> /DW 1000 >>] >>"
)


def cid_pdf(pages: int = 2, glyphs_per_line: int = 30, lines: int = 35) -> bytes:
    """Return a PDF whose every page prints glyphs with no Unicode mapping (the `(cid:NNN)` case)."""
    content = [b"BT /F1 10 Tf 12 TL 40 800 Td"]
    for line in range(lines):
        glyphs = b"".join((0x0300 + (line * glyphs_per_line + i) % 900).to_bytes(2, "big") for i in range(glyphs_per_line))
        content.append(b"<" + glyphs.hex().encode() + b"> '")
    content.append(b"ET")
    return pdf_bytes([b"\n".join(content)] * pages, font=CID_FONT)


# Adobe's predefined simplified-Chinese font with UCS-2 codes (no font program needed to read the text back).
CHINESE_FONT = (
    b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts "
    b"[<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
    b"/FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >> /DW 1000 >>] >>"
)


def chinese_content(lines: list[str]) -> bytes:
    """Return a content stream printing Chinese lines with CHINESE_FONT (F1), top down."""
    ops = [b"BT /F1 10 Tf 14 TL 50 800 Td"]
    ops += [b"<" + line.encode("utf-16-be").hex().encode() + b"> '" for line in lines]
    return b"\n".join(ops + [b"ET"])


def bomb_pdf(inflated_mb: int = 200) -> bytes:
    """Return a two-page PDF: page 1 readable Chinese text, page 2 a content stream inflating to `inflated_mb` MB of spaces."""
    good = chinese_content(["库尔勒市2020年度预算绩效管理情况报告", "一、预算绩效管理工作开展情况"])
    bomb = b" " * (inflated_mb * 1024 * 1024)
    return pdf_bytes([good, bomb], font=CHINESE_FONT)


def many_chars_pdf(chars: int = 3_000_000) -> bytes:
    """Return a one-page PDF drawing `chars` characters in one text object."""
    return pdf_bytes([b"BT /F1 1 Tf 0 0 Td (" + b"A" * chars + b") Tj ET"])


def english_pdf() -> bytes:
    """Return a PDF of an English paper (text layer fine, not Chinese)."""
    lines = [line for line in ENGLISH_PAPER.splitlines() if line][:40]
    return pdf_bytes([text_content(lines)] * 3)


def encrypted_pdf(path: Path) -> None:
    """Write a PDF that needs a user password to open (reportlab's standard encryption)."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    pdf.drawString(72, 720, "Locked report")
    pdf.save()


# paged_pdf prints a captioned ruled table on every this-many-th page.
PAGED_TABLE_EVERY = 10


def draw_ruled_table(pdf, rows: list[list[str]], xs: tuple[float, ...] = (60, 110, 330, 450, 530), top: float = 760, height: float = 22) -> None:
    """Draw rows as a ruled table on a reportlab canvas: cell texts, then every row and column line."""
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            pdf.drawString(xs[j] + 4, top - (i + 1) * height + 7, cell)
    for i in range(len(rows) + 1):
        pdf.line(xs[0], top - i * height, xs[-1], top - i * height)
    for x in xs:
        pdf.line(x, top, x, top - len(rows) * height)


def paged_pdf(path: Path, pages: int, table_every: int | None = PAGED_TABLE_EVERY) -> Path:
    """Write a PDF of `pages` pages of Chinese prose (40 lines each, reportlab's built-in CID font) with a captioned
    ruled table instead on every `table_every`-th page (None: prose only), for long-document runs; return its path."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    prose = [line for line in KORLA.read_text(encoding="utf-8").split("\n") if 10 < len(line)]
    pdf = canvas.Canvas(str(path))
    for number in range(pages):
        pdf.setFont("STSong-Light", 10)
        if table_every and number % table_every == table_every - 1:
            table = number // table_every + 1
            pdf.drawString(60, 780, f"表{table} 2020年项目支出绩效评价结果汇总")
            rows = [["序号", "项目名称", "预算金额(万元)", "得分"]]
            rows += [[str(k), f"第{table}批重点项目{k}", f"{table * 10 + k}.{k}5", f"{80 + k}"] for k in range(1, 9)]
            draw_ruled_table(pdf, rows)
        else:
            for k in range(40):
                pdf.drawString(40, 800 - 18 * k, prose[(number * 40 + k) % len(prose)][:48])
        pdf.showPage()
    pdf.save()
    return path


def write(path: Path, data: bytes) -> Path:
    """Write bytes to a path (made with os.fsencode-safe names) and return it."""
    with open(path, "wb") as handle:
        handle.write(data)
    return path


def make_corpus(folder: Path, big: bool = True) -> dict[str, Expected]:
    """Write one hostile file of each kind into `folder`; return {file name: what it must give}.

    `big` adds the files that cost time or memory if unbounded (a 200 MB-inflating stream, a
    3-million-character page, a 50 MB single line).
    """
    folder.mkdir(parents=True, exist_ok=True)
    korla = KORLA.read_bytes()
    korla_text = KORLA.read_text(encoding="utf-8")
    expected: dict[str, Expected] = {}

    def add(name: str, data: bytes | None, status: str, phrase: str | None, kind: str | None = None) -> None:
        if data is not None:
            write(folder / name, data)
        expected[name] = Expected(status, phrase, kind)

    add("empty.pdf", b"", "failed", "empty file (0 bytes)", "unreadable")
    add("empty.txt", b"", "failed", "empty file (0 bytes)", "unreadable")
    add("png-named.pdf", b"\x89PNG\r\n\x1a\n" + bytes(200), "failed", "a PNG image, not a report", "unsupported-format")
    add("zip-named.txt", b"PK\x03\x04" + bytes(100), "failed", "a ZIP archive", "unsupported-format")
    add("text-named.pdf", korla.replace(b"2020", b"2018", 1), "partial", "named .pdf but holds text; read as txt", "format-mismatch")
    add("truncated.pdf", pdf_bytes([text_content(["cut"])])[:60], "failed", "not a readable PDF", "unreadable")
    encrypted_pdf(folder / "encrypted.pdf")
    expected["encrypted.pdf"] = Expected("failed", "encrypted PDF: it needs a password to open", "unreadable")
    add("cid-only.pdf", cid_pdf(), "failed", "no page has a usable text layer", "unreadable")
    add("english-paper.pdf", english_pdf(), "failed", "not a report: its text is not Chinese", "not-a-report")
    add("english-paper.txt", ENGLISH_PAPER.encode(), "failed", "not a report: decoded as utf-8 but holds almost no Chinese text", "not-a-report")
    add("big5.txt", TRADITIONAL_REPORT.encode("big5"), "ok", None)
    add("utf16-no-bom.txt", korla_text.encode("utf-16-le"), "ok", None)
    add("stray-nul.txt", korla[:600] + b"\x00" + korla[600:], "partial", "1 byte(s) that utf-8 cannot read were replaced", "bad-bytes")
    add("latin1-bytes.txt", korla[:900] + b"\xe9\xe8" + korla[900:], "partial", "byte(s) that utf-8 cannot read were replaced", "bad-bytes")
    add("binary-noise.txt", bytes(range(0x80, 0x100)) * 64, "failed", "not a text report", "unreadable")
    add("copy-of-korla.txt", korla, "duplicate", "duplicate of", None)
    os.symlink(folder / "copy-of-korla.txt", folder / "symlink-to-copy.txt")
    expected["symlink-to-copy.txt"] = Expected("duplicate", "duplicate of", None)
    os.mkfifo(folder / "fifo.txt")
    expected["fifo.txt"] = Expected("failed", "is a FIFO (named pipe), not a regular file", "unreadable")
    write(Path(os.fsdecode(os.fsencode(folder) + b"/" + "部门预算.txt".encode("gbk"))), korla.replace(b"2020", b"2019", 1))
    expected["部门预算.txt"] = Expected("ok", None)
    if big:
        add("stream-bomb.pdf", bomb_pdf(), "partial", "page 2 refused: a stream inflates past 64 MB", "page-refused")
        add("three-million-chars.pdf", many_chars_pdf(), "failed", "every page refused: page 1: the page draws more than 200,000 characters", "unreadable")
        add("fifty-mb-one-line.txt", korla_text.replace("\n", "").encode() * (50 * 1024 * 1024 // len(korla)), "failed", "over 20 MB", "unreadable")
    return expected


if __name__ == "__main__":
    for name, want in make_corpus(Path(sys.argv[1])).items():
        print(f"{name:32} {want.status:10} {want.phrase}")
