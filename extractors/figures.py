"""The figures stage: key figures of the narrative with their meaning and provenance.

Given the sentences of body and heading paragraphs (and the signature date of the back matter),
return every amount, rate, count, score, multiple and full date as a `Figure`: its exact value
(yuan, fraction, integer, ISO date), bound (约/余/超过/以上...), counted noun, metric
`process.role` from extractors/data/metrics.yaml, the total it is a 其中 part of, and where it is.

Numbers are found with `regex` (extractors/patterns.py) on the sentence folded to simplified
characters (extractors/simplified.py: same length, so offsets hold; stored text stays as printed);
a count is a number with any measure word of extractors/data/measure_words.yaml. What they attach
to is read from the neighbouring words: trigger words of the taxonomy in the figure's own clause and
section, nouns next to the measure word (by jieba part of speech), and jieba words, segmented lazily
block by block, to tell a numeral from part of a word (一次性, 350,000项目). Every step looks at a
bounded window and sentences longer than MAX_PIECE_CHARS are searched in pieces, so the stage is
linear in a paragraph's length. Typed table cells become figures too (extractors/table_figures.py,
`Report.table_figures`).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

import regex

from extractors import numbers, patterns
from extractors.lexicon import load_dictionary, measure_words
from extractors.segment import iso_date
from extractors.simplified import fold_to_simplified
from extractors.table_figures import flattened_cell_figures, table_figures
from extractors.taxonomy import Hit, Taxonomy, find_hits, find_hits_outside, nearest, taxonomy
from pipeline.models import Figure, Paragraph, Report
from pipeline.stages import stage

# Scope words between a measure word and the counted noun, not part of the noun (178个市(属)预算单位).
SCOPE_PREFIXES = ("一级、二级", "市(属)", "县(区)", "市本级", "市直", "市属", "市级", "全市", "本级", "全区", "所有", "各")
# A noun followed by one of these modifies the money, so the count is of the shorter noun (97个项目支出资金 → 项目).
MONEY_WORDS = ("资金", "金额", "经费")
# The role an amount takes when no more specific trigger is near it (涉及…万元 is money involved).
GENERIC_ROLES = {"amount": "funds"}
# The taxonomy role of a count of things given one grade (优/良/中/差).
GRADE_ROLE = "grade_count"
# Characters that cannot be a counted noun found by the token fallback.
FUNCTION_WORDS = frozenset({"的", "中", "和", "与", "及", "等", "其中", "共", "共有", "进行", "开展", "以上", "左右"})
# How many characters around a figure its bound words (约, 不超过, 以上, 左右) are looked for in.
BOUND_WORD_WINDOW = 8
# Roles of a change from a base (减支79.52万元, 下降5.61%): never the total a following 其中 breaks down, nor a part of it.
CHANGE_ROLES = frozenset({"change", "growth"})
# The most characters one searched piece of a sentence may hold (longer sentences are cut at clause breaks).
MAX_PIECE_CHARS = 1000
# Figure kinds that stay figures inside quotation marks (“完成1,500亿元投资”); a quoted count is a name (“四个意识”).
MONEY_KINDS = frozenset({"amount", "rate"})
# Part-of-speech tags (jieba) of a word that can be the thing counted: nouns of any kind and verbal nouns.
NOUN_TAGS = ("n", "vn")
# How far (characters) before or after a count its counted noun is looked for by part of speech.
NOUN_WINDOW = 16
# Figure kinds in the order overlapping matches are preferred (a date over a count inside it).
KIND_PRIORITY = ("date", "rate", "amount", "multiple", "score", "count")


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
    return numbers.plain(number)


def from_match(kind: str, match: regex.Match) -> list[Found]:
    """Given a figure pattern's match, return its figure (or the two bounds of a printed range)."""
    groups = match.groupdict()
    unit = groups["unit"]
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

    Only measurement words (平方米, 公里, 亩) take fractions; 1.5万人次 is whole once its 万 is applied.
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
    if found.kind == "count" and (starts_a_dictionary_word(words, found.end - len(found.unit), found.end) or is_ordinal_count(found, text)):
        return False  # 350,000项目 is a cell glued to a header word; 五届二次会议, 二期工程 number sessions and phases
    if found.kind != "date" and text[max(0, found.start - 1) : found.start] in ("第", "每"):
        return False  # ordinals and "each": 第二次, 每一分
    if not found.arabic:
        if found.value == 1 and found.unit not in numbers.EVENT_UNITS:
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


def clause_breaks(text: str) -> list[int]:
    """Return the offsets of every clause break (, ; : 。) of a sentence, in order."""
    return [m.start() for m in patterns.CLAUSE_BREAK.finditer(text)]


def clause_of(text: str, start: int, end: int, breaks: list[int] | None = None) -> tuple[int, int]:
    """Return the clause (between , ; : 。) around the span [start, end) of a sentence (breaks found once per sentence)."""
    breaks = clause_breaks(text) if breaks is None else breaks
    before = bisect.bisect_left(breaks, start)
    after = bisect.bisect_left(breaks, end)
    left = breaks[before - 1] + 1 if before else 0
    right = breaks[after] if after < len(breaks) else len(text)
    return left, right


def strip_scope(text: str) -> tuple[str, int]:
    """Remove scope words (市直, 市(属), 一级、二级…) from the start of text; return the rest and how much was cut."""
    cut = 0
    while True:
        prefix = next((p for p in SCOPE_PREFIXES if text.startswith(p)), None)
        if prefix is None:
            return text, cut
        text, cut = text[len(prefix) :], cut + len(prefix)


def counted_noun(text: str, f: Found, clause: tuple[int, int], previous_end: int, tax: Taxonomy, words: Words) -> tuple[str, int, int] | None:
    """Return (noun, start, end) of the thing a count counts: 37个重点项目 → 重点项目, 良好13个 → 良好."""
    left, right = clause
    # A measure word that names its role (期, 次, 家) looks for that role's nouns anywhere in the clause.
    for role in tax.roles_for_kind("count"):
        if f.unit in role.units and role.nouns:
            hit = nearest(find_hits(text[left:right], {role.key: role.nouns}, left), f.start, f.end)
            if hit:
                return hit.word, hit.start, hit.end
    vocabulary = tax.count_nouns()
    rest, cut = strip_scope(text[f.end : right])
    after = sorted((n for n in vocabulary if rest.startswith(n)), key=len)
    if after:
        noun = after[-1]
        if rest[len(noun) :].startswith(MONEY_WORDS):
            noun = after[0]
        return noun, f.end + cut, f.end + cut + len(noun)
    before_start = max(left, previous_end)
    hits = find_hits(text[before_start : f.start], {"noun": tuple(vocabulary)}, before_start)
    # A one-character noun (优, 良, 中, 差) names the count only as a word right before it (良13个), not in 其中5项 or 台中.
    hits = [h for h in hits if len(h.word) > 1 or (h.end == f.start and words.is_whole(h.start, h.end))]
    tagged = noun_before(text, max(before_start, f.start - NOUN_WINDOW), f.start)
    if hits:
        hit = max(hits, key=lambda h: (h.end, len(h.word)))
        if tagged and tagged[2] == f.start and tagged[2] > hit.end:
            return tagged  # 各部门组织出国团组43个: the noun right before the count, not a taxonomy noun further back
        return hit.word, hit.start, hit.end
    first = words.first_word_in(f.end, right) if f.end < right else None
    if first is not None and regex.fullmatch(r"\p{Han}{2,}", first[0]) and first[0] not in FUNCTION_WORDS:
        return first[0], first[1], first[1] + len(first[0])
    return noun_before(text, max(left, previous_end, f.start - NOUN_WINDOW), f.start)


def tagged_words(text: str, offset: int = 0) -> list[tuple[str, str, int]]:
    """Return (word, part-of-speech tag, start offset) of each jieba word of a short text."""
    import jieba.posseg

    words, at = [], offset
    for pair in jieba.posseg.lcut(text):
        words.append((pair.word, pair.flag, at))
        at += len(pair.word)
    return words


def noun_before(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """Return the noun a count follows (执法车辆3辆 → 车辆, 在编职工58名 → 职工): of the last two words before it, the nearer noun."""
    words = tagged_words(text[start:end], start)
    for word, tag, at in reversed(words[-2:]):  # a verb may stand between: 公务用车购置8辆
        if tag.startswith(NOUN_TAGS) and regex.fullmatch(r"\p{Han}{2,}", word) and word not in FUNCTION_WORDS:
            return word, at, at + len(word)
    return None


def role_triggers(roles) -> dict[str, tuple[str, ...]]:
    """Return {role key: trigger words} for some roles."""
    return {r.key: r.triggers for r in roles}


def choose_count_role(text: str, f: Found, clause: tuple[int, int], tax: Taxonomy) -> str | None:
    """Return the role of a count: by a grade before it, by its noun, by its measure word, then by trigger words near it."""
    roles = tax.roles_for_kind("count")
    left, right = clause
    if patterns.GRADED_AS.search(text[left : f.start]) and any(r.key == GRADE_ROLE for r in roles):
        return GRADE_ROLE  # 评级为“优”的项目39个 counts projects of one grade
    candidates = [r for r in roles if f.noun and f.noun in r.nouns] or [r for r in roles if f.unit in r.units]
    if len(candidates) == 1:
        return candidates[0].key
    hits = find_hits_outside(text[left:right], role_triggers(candidates or roles), tax.not_triggers, left)
    if f.noun_span:
        hits = [h for h in hits if h.end <= f.noun_span[0] or h.start >= f.noun_span[1]]
    if candidates:
        best = max(hits, key=lambda h: len(h.word), default=None)
        return best.key if best else candidates[0].key
    hit = nearest(hits, f.start, f.end)
    return hit.key if hit else None


def choose_role(text: str, f: Found, clause: tuple[int, int], neighbours: tuple[int, int], tax: Taxonomy) -> str | None:
    """Return the role of an amount, rate, score or multiple: the nearest specific trigger before it, then after it."""
    roles = tax.roles_for_kind(f.kind)
    if len(roles) == 1:
        return roles[0].key
    generic = GENERIC_ROLES.get(f.kind)
    words = role_triggers(roles)
    before_start, after_end = neighbours
    for a, b in ((before_start, f.start), (f.end, after_end), clause):
        hits = [h for h in find_hits_outside(text[a:b], words, tax.not_triggers, a) if h.key != generic]
        hit = nearest(hits, f.start, f.end)
        if hit:
            return hit.key
    return generic


def heading_processes(report: Report, section: int | None, tax: Taxonomy) -> list[str]:
    """Return the processes named by the innermost heading (walking up) that names any."""
    while section is not None:
        heading = fold_to_simplified(report.sections[section].heading)
        hits = find_hits_outside(heading, tax.processes, tax.not_triggers)
        if hits:
            return list(dict.fromkeys(h.key for h in sorted(hits, key=lambda h: h.start)))
        section = report.sections[section].parent
    return []


def last_process(hits: list[Hit]) -> str | None:
    """Return the process a sentence named last (the topic a following sentence without one continues), else None."""
    return max(hits, key=lambda h: (h.end, len(h.word))).key if hits else None


def choose_process(f: Found, clause: tuple[int, int], sentence_hits: list[Hit], previous: str | None, headed: list[str]) -> str | None:
    """Return the process of a figure, from its own clause, sentence and section only (None when they name none).

    The section's own process when the sentence names it; else the nearest trigger in the clause,
    then the nearest in the clauses before it (`…编制了776个项目的绩效目标,涉及金额…`), then the topic
    the paragraph's sentences carry (`涉及926个项目…` after a sentence on 自评; the last process named
    since the paragraph or its latest numbered item began); else the heading's. Never a trigger after
    the clause (a list of items that follows: `主要用于…培训费`) nor one from before a numbered item.
    """
    in_heading = [h for h in sentence_hits if h.key in headed]
    left, right = clause
    in_clause = [h for h in sentence_hits if left <= h.start and h.end <= right]
    before = [h for h in sentence_hits if h.end <= left]
    for hits in (in_heading, in_clause, before):
        hit = nearest(hits, f.start, f.end)
        if hit:
            return hit.key
    return previous or (headed[0] if headed else None)


def attach_meaning(report: Report, paragraph: Paragraph, sentences: list[tuple[str, list[Found]]], tax: Taxonomy, words_of: list | None = None) -> None:
    """Fill noun, process and role of every figure of one paragraph (each sentence scanned once)."""
    headed = heading_processes(report, paragraph.section, tax)
    previous: str | None = None  # the process the sentences before named last (the topic carried on)
    for i, (text, found) in enumerate(sentences):
        sentence_hits = find_hits_outside(text, tax.processes, tax.not_triggers)
        if patterns.HEADING_START.match(text):
            previous = None
        breaks = clause_breaks(text) if found else []
        words = (words_of[i] if words_of is not None else None) or Words(text)
        for j, f in enumerate(found):
            if f.kind == "date":
                continue
            clause = clause_of(text, f.start, f.end, breaks)
            # Figures are in text order and never overlap: the neighbours bound the words of this one.
            previous_end = max(found[j - 1].end, clause[0]) if j else clause[0]
            next_start = min(found[j + 1].start, clause[1]) if j + 1 < len(found) else clause[1]
            if f.kind == "count":
                noun = counted_noun(text, f, clause, previous_end, tax, words)
                if noun:
                    f.noun, f.noun_span = noun[0], (noun[1], noun[2])
                f.role = choose_count_role(text, f, clause, tax)
            else:
                f.role = choose_role(text, f, clause, (previous_end, next_start), tax)
            f.process = choose_process(f, clause, sentence_hits, previous, headed)
        # The topic goes on through sentences that name no process (…的项目0个;…的项目0个。); a sentence
        # opening a numbered item ((七)2012599…支出13.96万元) starts a topic of its own.
        previous = last_process(sentence_hits) or previous


def same_measure(total: Found, part: Found) -> bool:
    """Tell whether `part` can be a part of `total`: same kind, and for counts the same measure word."""
    return total.kind == part.kind and (total.kind != "count" or total.unit == part.unit)


def link_parts(sentences: list[tuple[str, list[Found]]]) -> None:
    """Mark the parts of a stated total: after 其中 / 分别为, or counts summing to `N个…中`."""
    for i, (text, found) in enumerate(sentences):
        for pattern, may_look_back in ((patterns.PARTS_OF_TOTAL, True), (patterns.PARTS_RESPECTIVELY, False)):
            for match in pattern.finditer(text):
                before = [f for f in found if f.end <= match.start() and f.kind in ("amount", "count")]
                if not before and may_look_back and match.start() == 0 and i > 0:
                    before = [f for f in sentences[i - 1][1] if f.kind in ("amount", "count")]
                for part in (f for f in found if f.start >= match.end() and f.total is None and f.role not in CHANGE_ROLES):
                    totals = [t for t in before if same_measure(t, part) and t.role not in CHANGE_ROLES]
                    if totals:
                        part.total = totals[-1]
        for j, total in enumerate(found):
            if total.kind != "count" or total.noun_span is None or total.noun_span[0] < total.end:
                continue
            if not patterns.AMONG_TOTAL.match(text[total.noun_span[1] :]):
                continue
            parts, running = [], Decimal(0)
            for part in found[j + 1 :]:
                if same_measure(total, part) and part.total is None and running + part.value <= total.value:
                    parts.append(part)
                    running += part.value
            if parts and running == total.value:
                for part in parts:
                    part.total = total


def inherit_from_totals(found: list[Found], tax: Taxonomy) -> None:
    """Give 其中-parts their total's process, and an amount part its total's role (a breakdown measures the same),
    unless the part's own role is a named part of the total's (公务用车购置费 under 公务用车购置及运行费)."""
    for f in found:
        if f.total is None:
            continue
        f.process = f.total.process or f.process
        own = tax.roles.get(f.role or "")
        if own is not None and f.total.role in own.part_of:
            continue
        if f.kind == "amount" or f.role is None:
            f.role = f.total.role


def to_figure(report: Report, paragraph: Paragraph, sentence_text: str, sentence_start: int, f: Found) -> Figure:
    """Turn a sentence-level find into a report-level Figure with provenance."""
    start, end = sentence_start + f.start, sentence_start + f.end
    metric = f"{f.process}.{f.role}" if f.process and f.role else None
    return Figure(
        surface=report.text[start:end],
        kind=f.kind,
        value=f.value,
        unit=f.unit,
        start=start,
        end=end,
        page=report.page_at(start),
        sentence=sentence_text,
        paragraph=paragraph.index,
        section_path=report.section_path(paragraph.section) or None,
        approx=f.approx,
        noun=f.noun,
        metric=metric,
        process=f.process,
        role=f.role,
    )


def bounded_pieces(text: str, start: int, limit: int = MAX_PIECE_CHARS) -> list[tuple[str, int]]:
    """Cut a sentence longer than `limit` into pieces at its last clause break (else space) before each limit."""
    pieces: list[tuple[str, int]] = []
    at = 0
    while len(text) - at > limit:
        window = text[at : at + limit]
        cuts = [m.end() for m in patterns.PIECE_BREAK.finditer(window)]
        cut = cuts[-1] if cuts and cuts[-1] > limit // 2 else limit
        pieces.append((text[at : at + cut], start + at))
        at += cut
    pieces.append((text[at:], start + at))
    return pieces


def paragraph_sentences(paragraph: Paragraph) -> list[tuple[str, int]]:
    """Return (text, start offset) of the pieces of a paragraph to search: its sentences, or the whole back-matter line.

    A sentence longer than MAX_PIECE_CHARS (a flattened table, a text without stops) is searched in
    pieces, so what one sentence costs is bounded and the stage is linear in the paragraph's length.
    """
    if paragraph.kind in ("body", "heading"):
        return [piece for s in paragraph.sentences for piece in bounded_pieces(s.text, s.start)]
    if paragraph.kind == "back":
        return bounded_pieces(paragraph.text, paragraph.start)
    return []


def extract_figures(report: Report) -> list[Figure]:
    """Return the key figures of a segmented report, in text order, with metric, part_of and provenance."""
    tax = taxonomy()
    figures: list[Figure] = []
    for paragraph in report.paragraphs:
        pieces = paragraph_sentences(paragraph)
        if not pieces:
            continue
        dates_only = paragraph.kind == "back"  # the signature date; closing lines hold no key figures
        # Matching runs on the simplified fold (same length, so offsets hold); stored text stays as printed.
        folded = [fold_to_simplified(text) for text, _ in pieces]
        results = [find_in_sentence(text, dates_only) for text in folded]
        sentences = [(text, found) for text, (found, _) in zip(folded, results)]
        attach_meaning(report, paragraph, sentences, tax, [words for _, words in results])
        link_parts(sentences)
        index_of: dict[int, int] = {}
        for (_, found), (printed, start) in zip(sentences, pieces):
            inherit_from_totals(found, tax)
            for f in found:
                figure = to_figure(report, paragraph, printed, start, f)
                figure.index = len(figures)
                figure.part_of = index_of.get(id(f.total)) if f.total is not None else None
                index_of[id(f)] = figure.index
                figures.append(figure)
    return figures


@stage("figures", requires={"paragraphs", "sections", "text", "tables"}, produces={"figures", "table_figures"})
def FIGURES(report: Report) -> Report:
    """Find the key figures of the narrative with their meaning and provenance."""
    report.figures = extract_figures(report)
    report.table_figures = table_figures(report, first_index=len(report.figures))
    taken = [(f.start, f.end) for f in report.figures]
    report.table_figures += flattened_cell_figures(report, taken, first_index=len(report.figures) + len(report.table_figures))
    return report


def figure_as_dict(figure: Figure) -> dict:
    """Return a figure as a JSON-ready dict (value as exact text)."""
    return {
        "index": figure.index,
        "surface": figure.surface,
        "kind": figure.kind,
        "value": numbers.format_value(figure.value),
        "unit": figure.unit,
        "approx": figure.approx,
        "noun": figure.noun,
        "metric": figure.metric,
        "part_of": figure.part_of,
        "sentence": figure.sentence,
        "start": figure.start,
        "end": figure.end,
        "page": figure.page,
        "section_path": figure.section_path,
        "source": figure.source,
        "table": figure.table_index,
        "row": figure.row_index,
        "column": figure.column,
    }


def figure_line(figure: Figure) -> str:
    """Return a one-line summary of a figure for people: index, page, surface, value, metric."""
    bound = f" ({figure.approx})" if figure.approx else ""
    noun = f" [{figure.noun}]" if figure.noun else ""
    part = f" part of #{figure.part_of}" if figure.part_of is not None else ""
    if figure.source == "table":
        where = f"table {figure.table_index} row {figure.row_index} {figure.column}" if figure.table_index is not None else "flattened table"
        part += f" [{where}]"
    return (
        f"#{figure.index:<3} p.{figure.page:<2} {figure.kind:<8} {figure.surface}{noun}{bound} = "
        f"{numbers.readable_value(figure.kind, figure.value)} → {figure.metric or '-'}{part}"
    )


def figures_of_file(path) -> Report:
    """Run the stages up to figures on one file, without a database; return the report."""
    from pipeline.runner import run_file
    from pipeline.stages import default_stages

    stages = default_stages()
    names = [s.name for s in stages]
    return run_file(path, stages[: names.index("figures") + 1] if "figures" in names else stages + [FIGURES])
