"""Word lists kept as data, and jieba's dictionary in one fixed state for the whole process.

The measure words (量词) that make a printed number a count are extractors/data/measure_words.yaml;
this module reads them and turns them into the alternation the count pattern of extractors/patterns.py
is built from. The physical units among them (公里, 平方米, 吨: extractors/data/quantity_units.yaml) make a
`quantity` instead, with what it measures and its base unit.

jieba keeps one global dictionary; the figures stage teaches it the taxonomy's words when it first
builds its spaCy pipeline, and the clean stage cuts words with it to decide whether a page break
splits a word. Were the words added on first use, the first report would be cleaned with the plain
dictionary and every later one with the extended dictionary (issue 12: 211 paragraphs alone, 210
after another file). `load_dictionary`, called once before any report, fixes the dictionary's state.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import regex
import yaml

MEASURE_WORDS_FILE = Path(__file__).parent / "data" / "measure_words.yaml"


@cache
def measure_words(path: Path = MEASURE_WORDS_FILE) -> dict[str, str]:
    """Return {measure word: its group (individual, verbal, measurement...)} from the data file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    words: dict[str, str] = {}
    for group, listed in data.items():
        for word in listed:
            words.setdefault(str(word), group)
    return words


def measure_word_alternation(path: Path = MEASURE_WORDS_FILE) -> str:
    """Return a regex alternation of every measure word, longest first (人次 before 人)."""
    return "|".join(regex.escape(w) for w in sorted(measure_words(path), key=lambda w: (-len(w), w)))


@cache
def load_dictionary() -> None:
    """Build jieba's dictionary and add the taxonomy's words, once per process."""
    import jieba

    from extractors.taxonomy import taxonomy

    jieba.initialize()
    for word in sorted(taxonomy().words()):
        jieba.add_word(word)


QUANTITY_UNITS_FILE = Path(__file__).parent / "data" / "quantity_units.yaml"


@cache
def quantity_units(path: Path = QUANTITY_UNITS_FILE) -> dict[str, tuple[str, str, Decimal]]:
    """Return {printed unit: (dimension, base unit, base units per printed unit)} of physical quantities (公里, 平方米, 吨)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {str(unit): (dimension, base, Decimal(str(factor))) for unit, (dimension, base, factor) in data.items()}
