"""What a file holds, judged by its bytes and text rather than its name.

- The format by magic bytes (`%PDF-`, a PNG, a ZIP…), whatever the suffix says.
- Which encoding reads a text file as Chinese, with a confidence: every candidate decoding is
  scored by the share of its characters that are plausible in a Chinese document (the commonest
  Han characters of GB2312 and Big5, ASCII, CJK punctuation). Big5 bytes decode as GB18030
  without error, but into rare characters, kana and Greek: the score tells them apart.
- Whether a page's text layer is usable: `(cid:NNN)` tokens, U+FFFD and private-use characters.
- Whether a text is Chinese at all.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

from extractors import patterns

# Magic bytes at the start of a file and what the file then is; a PDF header may follow some junk.
PDF_MAGIC = b"%PDF-"
PDF_HEADER_WINDOW = 1024
BINARY_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.ofd document)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc/.xls/.wps)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"\x7fELF", "a program (ELF)"),
)
# Encodings a Chinese report's text export comes in without a byte-order mark, preferred in this order on a tie.
CANDIDATE_ENCODINGS = ("utf-8", "gb18030", "big5", "utf-16-le", "utf-16-be")
# Bytes of a text scored to choose its encoding (scoring every character of 50 MB would cost seconds).
SCORED_BYTES = 64 * 1024
# Below this plausibility no candidate reads the file as text.
MIN_PLAUSIBILITY = 0.6
# Share of undecodable bytes (replaced by U+FFFD) a text may hold and still be read, with a warning.
MAX_BAD_SHARE = 0.01
# Share of Han characters below which a text is not a Chinese report.
MIN_HAN_SHARE = 0.05
# Share of a page's characters that are `(cid:)` tokens, U+FFFD or private-use above which its text layer is unusable.
MAX_UNUSABLE_SHARE = 0.3


def sniff_format(head: bytes) -> tuple[str, str | None]:
    """Given a file's first bytes, return ("pdf" | "txt" | "binary", what a binary file is)."""
    if PDF_MAGIC in head[:PDF_HEADER_WINDOW]:
        return "pdf", None
    for magic, kind in BINARY_MAGIC:
        if head.startswith(magic):
            return "binary", kind
    return "txt", None


@cache
def common_han() -> frozenset[str]:
    """Return the commonest Han characters: GB2312 level 1 (3,755) and Big5's common set (5,401)."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        chars.update(bytes([lead, trail]).decode("gb2312", errors="ignore") for trail in range(0xA1, 0xFF))
    for lead in range(0xA4, 0xC7):
        for trail in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            chars.add(bytes([lead, trail]).decode("big5", errors="ignore"))
    chars.discard("")
    return frozenset(chars)


def is_plausible(char: str, common: frozenset[str]) -> bool:
    """Tell whether a character is expected in a Chinese document: common Han, ASCII, punctuation, full-width forms."""
    if char.isascii():
        return char.isprintable() or char in "\t\n\r"
    if char in common:
        return True
    category = unicodedata.category(char)
    return category.startswith("P") or "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uffef" or char in "℃°×÷±…—–‰№"


def plausibility(text: str) -> float:
    """Return the share of a text's non-space characters that are plausible in a Chinese document."""
    common = common_han()
    visible = [c for c in text if not c.isspace()]
    if not visible:
        return 0.0
    return sum(is_plausible(c, common) for c in visible) / len(visible)


def han_share(text: str) -> float:
    """Return the share of a text's non-space characters that are Han characters."""
    visible = [c for c in text if not c.isspace()]
    return sum(1 for c in visible if patterns.HAN_CHAR.match(c)) / len(visible) if visible else 0.0


def is_chinese(text: str) -> bool:
    """Tell whether a text is Chinese enough to be a report: at least MIN_HAN_SHARE of its visible characters are Han."""
    return han_share(text) >= MIN_HAN_SHARE


@dataclass(frozen=True)
class Decoding:
    """One way to read a text file's bytes: the encoding, how plausible its text is, and bytes it could not read."""

    encoding: str
    confidence: float
    bad_bytes: int


def score_encoding(sample: bytes, encoding: str) -> Decoding:
    """Return how well `encoding` reads a sample: plausibility minus the share of undecodable characters."""
    text = sample.decode(encoding, errors="replace")
    bad = text.count("\ufffd") - sample.decode(encoding, errors="ignore").count("\ufffd")
    visible = max(1, sum(1 for c in text if not c.isspace()))
    return Decoding(encoding, max(0.0, plausibility(text) - bad / visible), bad)


def choose_encoding(data: bytes) -> Decoding:
    """Given a text file's bytes (no BOM), return the candidate encoding that reads it most plausibly."""
    sample = data[:SCORED_BYTES]
    scored = [score_encoding(sample, encoding) for encoding in CANDIDATE_ENCODINGS]
    return max(scored, key=lambda d: d.confidence)  # max keeps the first on a tie: utf-8 before gb18030


def unusable_counts(text: str) -> tuple[int, int, int]:
    """Return (`(cid:)` tokens, characters that carry no text, visible characters) of a page's text."""
    cids = len(patterns.CID_TOKEN.findall(text))
    rest = patterns.CID_TOKEN.sub("", text)
    visible = sum(1 for c in rest if not c.isspace()) + cids
    return cids, len(patterns.NO_TEXT_CHAR.findall(rest)), visible


def unusable_text_layer(text: str) -> str | None:
    """Given a page's text, return why its text layer is unusable (`2,100 (cid:NNN) tokens …`), or None."""
    cids, no_text, visible = unusable_counts(text)
    if not visible or (cids + no_text) / visible <= MAX_UNUSABLE_SHARE:
        return None
    return f"{cids:,} (cid:NNN) tokens and {no_text:,} replacement or private-use characters of {visible:,}"
