"""Numbers in text: every amount, rate, count, score, multiple and full date of one sentence.

Numbers are found with `regex` (extractors/patterns.py) on the sentence folded to simplified
characters (extractors/simplified.py: same length, so offsets hold; stored text stays as printed);
a count is a number with any measure word of extractors/data/measure_words.yaml, a quantity one with
a physical unit of extractors/data/quantity_units.yaml (公里, 平方米, 吨; value in the base unit). jieba words,
segmented lazily block by block, tell a numeral from part of a word (一次性, 350,000项目). What a
figure means is extractors/figures/meaning.py's; the stage is extractors/figures/stage.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

import regex

from extractors import numbers, patterns
from extractors.numbers import MEASURED_KINDS
from extractors.lexicon import load_dictionary, measure_words, quantity_units
from extractors.segment import iso_date
from extractors.simplified import fold_to_simplified

# How many characters around a figure its bound words (约, 不超过, 以上, 左右) are looked for in.
BOUND_WORD_WINDOW = 8
# Figure kinds that stay figures inside quotation marks (“完成1,500亿元投资”); a quoted count is a name (“四个意识”).
MONEY_KINDS = frozenset({"amount", "rate"})
# Figure kinds in the order overlapping matches are preferred (a date over a count inside it).
KIND_PRIORITY = ("date", "rate", "amount", "multiple", "score", "count", "quantity")


@dataclass
class Found:
    """A figure found in one sentence; offsets are into the sentence text."""

    kind: str
    start: int
    end: int
    value: Decimal | str
    unit: str | None
    approx: str | None = None
    arabic: bool = True
    noun: str | None = None
    noun_span: tuple[int, int] | None = None
    process: str | None = None
    role: str | None = None
    total: Found | None = None


@cache
def nlp():
    """Return a blank Chinese spaCy pipeline segmenting with jieba, taught the taxonomy's words (built once)."""
    import spacy

    load_dictionary()
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})


class Words:
    """The jieba words around places of one sentence, segmented lazily one jieba block at a time.

    jieba segments each run of Han/alphanumeric characters (its `re_han_default` block) on its own,
    so a block gets the same words alone as inside its sentence; segmenting only the blocks that hold
    a count or a Chinese numeral keeps a long sentence from costing a segmentation of all of it.
    """

    def __init__(self, text: str):
        self.text = text
        self._words: dict[tuple[int, int], list[tuple[str, int]]] = {}

    def block_around(self, start: int, end: int) -> tuple[int, int]:
        """Return the smallest run of whole jieba blocks covering [start, end)."""
        left, right = start, max(end, start)
        while left > 0 and patterns.JIEBA_BLOCK_CHAR.match(self.text, left - 1):
            left -= 1
        while right < len(self.text) and patterns.JIEBA_BLOCK_CHAR.match(self.text, right):
            right += 1
        return left, right

    def words(self, start: int, end: int) -> list[tuple[str, int]]:
        """Return (word, offset) of the words of the blocks covering [start, end), segmented once."""
        span = self.block_around(start, end)
        if span not in self._words:
            nlp()  # the taxonomy's words are taught to jieba once, before any segmentation
            import jieba

            at, found = span[0], []
            for word in jieba.cut(self.text[span[0] : span[1]]):
                found.append((word, at))
                at += len(word)
            self._words[span] = found
        return self._words[span]

    def is_whole(self, start: int, end: int) -> bool:
        """Tell whether [start, end) begins and ends on word boundaries."""
        words = self.words(start, end)
        bounds = {at for _, at in words} | {at + len(w) for w, at in words}
        return start in bounds and end in bounds

    def word_from(self, start: int, end: int) -> tuple[str, int] | None:
        """Return (text, offset) of the word that begins at `start`, if one does."""
        return next(((w, at) for w, at in self.words(start, end) if at == start), None)

    def first_word_in(self, start: int, end: int) -> tuple[str, int] | None:
        """Return (text, offset) of the first whole word inside [start, end), if any."""
        for word, at in self.words(start, start + 1):
            if at >= start and at + len(word) <= end and not word.isspace():
                return word, at
        return None


def is_whole_tokens(words: Words, start: int, end: int) -> bool:
    """Tell whether [start, end) of the sentence begins and ends on word boundaries."""
    return words.is_whole(start, end)


def number_value(kind: str, number: Decimal, unit: str, magnitude: str | None = None) -> Decimal:
    """Given a kind, a parsed number and its printed unit, return the normalised value."""
    if kind == "amount":
        return numbers.amount_in_yuan(number, unit)
    if kind == "rate":
        return numbers.rate_fraction(number, unit.removeprefix("个"))
    if kind == "count":
        return numbers.count_value(number, magnitude)
    if kind == "quantity":
        return numbers.plain(numbers.count_value(number, magnitude) * quantity_units()[unit][2])  # in the base unit: 3.5公里 → 3500 (米)
    return numbers.plain(number)


def printed_number(found: Found) -> Decimal | str:
    """Return the number a figure printed before its unit was converted (一公里 → 1, not 1000 米)."""
    if found.kind == "quantity":
        return numbers.plain(found.value / quantity_units()[found.unit][2])
    return found.value


def from_match(kind: str, match: regex.Match) -> list[Found]:
    """Given a figure pattern's match, return its figure (or the two bounds of a printed range)."""
    groups = match.groupdict()
    unit = groups["unit"]
    if kind == "count" and unit in quantity_units():
        kind = "quantity"  # a physical measure (平方米, 公里, 吨), not a number of things
    magnitude = groups.get("mag")
    first = numbers.parse_number(groups["num"])
    if first is None:
        return []
    arabic = numbers.is_arabic(groups["num"])
    mid = numbers.APPROX_AFTER.get(groups.get("mid") or "")
    if not groups.get("num2"):
        value = number_value(kind, first, unit, magnitude)
        return [Found(kind, match.start(), match.end(), value, unit, mid, arabic)]
    second = numbers.parse_number(groups["num2"])
    if second is None or second <= first:
        return []
    low_end = match.start("num") + len(groups["num"])
    return [
        Found(kind, match.start(), low_end, number_value(kind, first, unit, magnitude), unit, "lower", arabic),
        Found(kind, match.start("num2"), match.end(), number_value(kind, second, unit, magnitude), unit, "upper", arabic),
    ]


def raw_candidates(text: str) -> list[Found]:
    """Return every match of the figure patterns in a sentence, overlaps included."""
    found: list[Found] = []
    for match in patterns.FULL_DATE.finditer(text):
        found.append(Found("date", match.start(), match.end(), iso_date(match.group()), None))
    for match in patterns.RATE_FIGURE.finditer(text):
        found.extend(from_match("rate", match))
    for match in patterns.RATE_CHINESE_FIGURE.finditer(text):
        number = numbers.parse_number(match["num"])
        if number is not None:
            found.append(Found("rate", match.start(), match.end(), numbers.rate_fraction(number), "%", arabic=False))
    for kind, pattern in (
        ("amount", patterns.AMOUNT_FIGURE),
        ("multiple", patterns.MULTIPLE_FIGURE),
        ("score", patterns.SCORE_FIGURE),
        ("count", patterns.COUNT_FIGURE),
    ):
        for match in pattern.finditer(text):
            found.extend(from_match(kind, match))
    return found


def starts_a_dictionary_word(words: Words, start: int, end: int) -> bool:
    """Tell whether the measure word at [start, end) begins a longer dictionary word (350,000项目: 项目).

    Only words of jieba's dictionary count: its HMM also glues unknown pairs (178个市(属)单位 → 个市),
    which leave the measure word a measure word.
    """
    import jieba

    word = words.word_from(start, end)
    return word is not None and len(word[0]) > end - start and jieba.dt.FREQ.get(word[0], 0) > 0


def is_ordinal_count(found: Found, text: str) -> bool:
    """Tell whether a count is a session, phase or year number or a duration: 五届二次会议, 二期工程, 一期配套设施, 2015本年, 33个月."""
    if found.unit == "期" and patterns.PHASE_AFTER.match(text, found.end):
        return True
    if found.unit in ("个", "人") and patterns.DURATION_AFTER.match(text, found.end):
        return True  # 工期33个月: a duration (as 连续5年), not a count
    if patterns.YEAR_BEFORE_YEAR_WORD.match(text, found.start, found.end + 1):
        return True  # (一)2015本年收入: a year before 本年, not 2015 copies
    return found.unit == "次" and bool(patterns.SESSION_AFTER.match(text, found.end) and patterns.SESSION_BEFORE.search(text[max(0, found.start - 16) : found.start]))


def is_fractional_count_of_things(found: Found, text: str) -> bool:
    """Tell whether a count of discrete things is printed with decimals (129.00台创园): a money cell, not a count.

    Only physical units (平方米, 公里, 亩: quantities, not counts) take fractions; 1.5万人次 is whole once its 万 is applied.
    """
    if found.kind != "count" or measure_words().get(found.unit) == "measurement":
        return False
    number = text[found.start : found.end]
    return "." in number and not numbers.MAGNITUDE.keys() & set(number)


def is_figure(found: Found, text: str, quoted: list[tuple[int, int]], words: Words) -> bool:
    """Tell whether a candidate is a real figure: not a name, ordinal, article or part of a word."""
    if any(a < found.end and found.start < b and not (found.kind in MONEY_KINDS and text[a] == "“") for a, b in quoted):
        return False  # “1+8”, 《…2020年…》, 〔2020〕, 八项规定: names and document numbers (“完成1,500亿元投资” is money)
    if is_fractional_count_of_things(found, text):
        return False
    if found.kind in MEASURED_KINDS and (starts_a_dictionary_word(words, found.end - len(found.unit), found.end) or is_ordinal_count(found, text)):
        return False  # 350,000项目 is a cell glued to a header word; 五届二次会议, 二期工程 number sessions and phases
    if found.kind != "date" and text[max(0, found.start - 1) : found.start] in ("第", "每"):
        return False  # ordinals and "each": 第二次, 每一分
    if not found.arabic:
        if printed_number(found) == 1 and found.unit not in numbers.EVENT_UNITS:
            return False  # 一个/一套 is an article, 一次/一期 a count
        if not is_whole_tokens(words, found.start, found.end):
            return False  # the numeral is part of a word: 一次性, 一体化
    return True


def resolve_overlaps(found: list[Found]) -> list[Found]:
    """Keep the longest of overlapping candidates (then by kind priority), in text order."""
    ranked = sorted(found, key=lambda f: (-(f.end - f.start), KIND_PRIORITY.index(f.kind), f.start))
    kept: list[Found] = []
    for f in ranked:
        if all(f.end <= k.start or k.end <= f.start for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


def mark_bounds(text: str, found: list[Found]) -> None:
    """Set `approx` from the words around each figure (约, 达, 超过; 以上, 左右) and from ranges `A至B`."""
    for f in found:
        if f.kind == "date":
            continue
        if f.approx is None:
            f.approx, _ = numbers.approx_before(text[max(0, f.start - BOUND_WORD_WINDOW) : f.start])
        if f.approx is None:
            f.approx, _ = numbers.approx_after(text[f.end : f.end + BOUND_WORD_WINDOW])
    for a, b in zip(found, found[1:]):
        if a.kind == b.kind and text[a.end : b.start] in ("-", "~", "～", "至", "到", "—") and a.approx is None and b.approx is None:
            a.approx, b.approx = "lower", "upper"


def find_in_sentence(text: str, dates_only: bool = False) -> tuple[list[Found], Words | None]:
    """Given a folded sentence, return its figures in text order and its words (None when it has no numeral)."""
    if not patterns.ANY_NUMERAL.search(text):
        return [], None
    words = Words(text)
    quoted = [(m.start(), m.end()) for pattern in (patterns.QUOTED_SPAN, patterns.NUMBERED_NAME, patterns.NUMBERED_NAME_MORE) for m in pattern.finditer(text)]
    candidates = [f for f in raw_candidates(text) if (f.kind == "date" or not dates_only) and is_figure(f, text, quoted, words)]
    found = resolve_overlaps(candidates)
    mark_bounds(text, found)
    return found, words


def find_figures_in_sentence(text: str, dates_only: bool = False) -> list[Found]:
    """Given a sentence (traditional characters read as simplified), return its figures in text order with values, units and bounds."""
    return find_in_sentence(fold_to_simplified(text), dates_only)[0]
