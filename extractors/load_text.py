"""Read a plain-text report exported from a PDF, detecting its encoding."""

from __future__ import annotations

import codecs
from pathlib import Path

import charset_normalizer

from extractors import patterns
from pipeline.errors import UnreadableFile
from pipeline.models import Page

# Byte-order marks, checked before anything else (UTF-16 text is full of NUL bytes).
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Encodings a Chinese government text export comes in, tried strictly in this order.
STRICT_ENCODINGS = ("utf-8", "gb18030")
# Share of Han characters below which a decoded file is not taken for a Chinese report.
MIN_HAN_SHARE = 0.05


def detect_encoding(data: bytes, path: Path) -> str:
    """Given the bytes of a text file, return the encoding that decodes it as Chinese text."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    if b"\x00" in data:
        raise UnreadableFile(f"{path}: binary data (NUL bytes), not a text report")
    for encoding in STRICT_ENCODINGS:
        try:
            data.decode(encoding)
            return encoding
        except UnicodeDecodeError:
            continue
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise UnreadableFile(f"{path}: unknown text encoding (not UTF-8, UTF-16 or GB18030)")
    return best.encoding


def read_text_pages(path: Path) -> tuple[list[Page], str]:
    """Given a .txt report, return its text as one page and the encoding used."""
    data = path.read_bytes()
    if not data.strip():
        raise UnreadableFile(f"{path}: empty file")
    encoding = detect_encoding(data, path)
    text = data.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")
    visible = [c for c in text if not c.isspace()]
    han = sum(1 for c in visible if patterns.HAN_CHAR.match(c))
    if not visible or han / len(visible) < MIN_HAN_SHARE:
        raise UnreadableFile(f"{path}: decoded as {encoding} but holds almost no Chinese text; not a report")
    return [Page(number=1, text=text)], encoding
