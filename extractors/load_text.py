"""Read a plain-text report exported from a PDF, detecting its encoding."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from extractors import content
from pipeline.errors import NotAReport, UnreadableFile
from pipeline.models import Page
from pipeline.paths import open_regular

# Byte-order marks, checked before anything else (UTF-16 text is full of NUL bytes).
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Largest text file read (bytes): a report's text export is well under a megabyte; 50 MB is not a report.
MAX_TEXT_BYTES = 20 * 1024 * 1024
# Longest line kept whole (characters): a 50 MB single line costs every later stage; it is refused.
MAX_LINE_CHARS = 2_000_000


def detect_encoding(data: bytes, path: Path) -> str:
    """Given the bytes of a text file, return the encoding that decodes it as Chinese text."""
    return choose(data, path).encoding


def choose(data: bytes, path: Path) -> content.Decoding:
    """Given a text file's bytes, return its BOM's encoding, else the most plausible candidate; refuse binary data."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return content.Decoding(encoding, 1.0, 0)
    best = content.choose_encoding(data)
    if best.confidence < content.MIN_PLAUSIBILITY:
        kind = "binary data (NUL bytes)" if data[: content.SCORED_BYTES].count(b"\x00") > len(data) // 100 else "unknown text encoding"
        raise UnreadableFile(f"{path}: {kind}, not a text report: no encoding (UTF-8, GB18030, Big5, UTF-16) reads it as text; best {best.encoding} at confidence {best.confidence:.2f}")
    return best


def decode(data: bytes, encoding: str) -> tuple[str, int]:
    """Decode the whole file, replacing bytes the encoding cannot read and dropping NULs; return (text, bytes replaced)."""
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
    nuls = text.count("\x00")
    return text.replace("\x00", ""), bad + nuls


def read_text(path: Path) -> tuple[str, content.Decoding, int]:
    """Given a .txt report, return its text, how it was decoded and how many bad bytes were replaced; refuse what is no report."""
    with os.fdopen(open_regular(path), "rb") as handle:
        data = handle.read(MAX_TEXT_BYTES + 1)
    if len(data) > MAX_TEXT_BYTES:
        raise UnreadableFile(f"{path}: text file over {MAX_TEXT_BYTES // (1024 * 1024)} MB; not a report's text export (refused)")
    if not data.strip():
        raise UnreadableFile(f"{path}: empty file" + (" (0 bytes)" if not data else " (only whitespace)"))
    _, binary = content.sniff_format(data[: content.PDF_HEADER_WINDOW])
    if binary:
        raise UnreadableFile(f"{path}: binary data ({binary}), not a text report")
    decoding = choose(data, path)
    text, bad = decode(data, decoding.encoding)
    if bad > content.MAX_BAD_SHARE * len(text):
        raise UnreadableFile(f"{path}: {bad:,} bytes that {decoding.encoding} cannot read; not a text report")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    head = text[: 4 * content.SCORED_BYTES]
    if not content.is_chinese(head):
        raise NotAReport(f"{path}: not a report: decoded as {decoding.encoding} but holds almost no Chinese text ({content.han_share(head):.1%} Chinese characters)")
    longest = max(map(len, text.split("\n")))
    if longest > MAX_LINE_CHARS:
        raise UnreadableFile(f"{path}: a line of {longest:,} characters, over the limit of {MAX_LINE_CHARS:,} (refused: no report has one)")
    return text, decoding, bad


def read_text_pages(path: Path) -> tuple[list[Page], str]:
    """Given a .txt report, return its text as one page and the encoding used."""
    text, decoding, _ = read_text(path)
    return [Page(number=1, text=text)], decoding.encoding
