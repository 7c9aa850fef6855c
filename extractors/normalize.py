"""Pure normalisation functions: Unicode, spaces, numbers and units."""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from extractors import patterns

RADICALS_FILE = Path(__file__).parent / "data" / "cjk_radicals.tsv"

# Multipliers from a printed money unit to yuan.
UNIT_TO_YUAN: dict[str, Decimal] = {
    "元": Decimal(1),
    "千元": Decimal(1_000),  # a table's 单位:千元
    "万元": Decimal(10_000),
    "万": Decimal(10_000),
    "亿元": Decimal(100_000_000),
    "亿": Decimal(100_000_000),
    "万亿元": Decimal(1_000_000_000_000),
    "万亿": Decimal(1_000_000_000_000),
}


@cache
def _radical_table() -> dict[int, str]:
    """Load the CJK Radicals Supplement → ideograph table (NFKC leaves that block alone)."""
    table: dict[int, str] = {}
    for line in RADICALS_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            radical, ideograph = line.split("\t")[:2]
            table[ord(radical)] = ideograph
    return table


def normalize_unicode(text: str) -> str:
    """Given PDF or export text, return it in NFKC with CJK radical code points mapped to ideographs.

    NFKC turns full-width forms into ASCII and Kangxi radicals (⽉ U+2F49) into ideographs (月);
    the CJK Radicals Supplement (⺠ U+2EA0 → 民) needs the Unicode equivalence table.
    """
    return unicodedata.normalize("NFKC", text.translate(_radical_table()))


def tidy_spaces(text: str) -> str:
    """Drop whitespace that touches a CJK character, collapse the rest, strip the ends."""
    text = patterns.SPACE_NEXT_TO_CJK.sub("", text)
    return patterns.HSPACE_RUN.sub(" ", text).strip()


def clean_line(text: str) -> str:
    """Normalise one line of prose or one table cell the way a careful reader reads it.

    Spaces are dropped before NFKC too: a PDF's gap between `）` and `，` is a space touching
    full-width punctuation, which NFKC would turn into ASCII `) ,` and hide.
    """
    return tidy_spaces(normalize_unicode(tidy_spaces(text.replace("\n", " "))))


def has_foreign_radicals(text: str) -> bool:
    """Tell whether text still holds Kangxi or CJK-supplement radical code points."""
    return any(0x2E80 <= ord(c) <= 0x2FDF for c in text)


def parse_decimal(text: str) -> Decimal | None:
    """Given a printed number (`4,000.00`, `90.40`, `-3`), return it as Decimal, else None."""
    cleaned = text.strip().replace(",", "").replace("，", "")
    if not cleaned:
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None
