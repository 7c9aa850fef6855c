"""Word lists kept as data: the measure words (量词) that make a printed number a count.

The list is extractors/data/measure_words.yaml; this module only reads it and turns it into the
alternation the count pattern of extractors/patterns.py is built from.
"""

from __future__ import annotations

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
