"""Where a heading's title ends when it runs straight into its paragraph (text whose line breaks were lost).

`一、部门主要职责财政金融局的主要职责是…` → `部门主要职责`; `1.致力财源建设,促进财政收入稳步增长充分发挥…`
→ `致力财源建设,促进财政收入稳步增长`. The title ends after a heading word (a lexicon, as data) that
nothing continues, after a problem heading's predicate (`…有待进一步提升`, `…不到位`), or before a word
that opens a paragraph's first sentence (as data) or a year, read on jieba's words and part-of-speech
flags; else at a space or a lead-in colon.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jieba.posseg
import regex

from extractors import patterns

HEADING_END_WORDS_FILE = Path(__file__).parent / "data" / "heading_end_words.txt"
PARAGRAPH_OPENERS_FILE = Path(__file__).parent / "data" / "paragraph_openers.txt"
# jieba flags of a word after a heading word that makes it the subject of a predicate or a phrase
# (`投入方式较为单一`, `职责范围内`): adverbs, adjectives, conjunctions, directions.
PREDICATE_FLAGS = frozenset({"d", "a", "ad", "an", "c", "f"})
# jieba flags of a title's first word that make the title a predicate (坚持…, 负责…, 明确…), and of
# a following word that makes a heading word inside it part of the verb's object (问题导向, 职责分工, 范围内).
VERB_FLAGS = frozenset({"v", "ad"})
NOUN_FLAGS = frozenset({"n", "vn"})
# jieba flags of a word before an opener that make the opener part of the same clause (`坚决按照`,
# `从今年`); a one-character preposition after a verb too (`加强对`).
ADVERB_FLAGS = frozenset({"d", "c", "ad", "p", "uj"})  # uj: 的, after which a word is the head of its phrase (`政策的落实`)
CLAUSE_FLAGS = ADVERB_FLAGS | {"v"}
# A paragraph opener counts only after this many characters of title (`在` inside `(一)在…` opens the title).
MIN_TITLE_BEFORE_OPENER = 4
# A heading title is short: beyond this many characters the heading runs into its paragraph.
MAX_HEADING_TITLE_CHARS = 30
# A heading printed as a whole sentence is this short (`2.预警问题处理不及时。`); a longer one runs into its text.
MAX_SENTENCE_HEADING_CHARS = 16
# A title shorter than this is too short to end at a heading word (`情况` alone is not a title).
MIN_HEADING_TITLE_CHARS = 2
# Characters after a heading word that link it to more of the heading (评价原则、评价指标, 问题和建议).
HEADING_LINK_CHARS = "和及与的、之类,，“”\"("
# Words after a heading word that continue its title: a compound's second noun or a modifier of the
# next heading word (评价工作情况, 指标体系, 目标完成情况, 评价总体情况, 决算平衡情况).
HEADING_COMPOUND_WORDS = ("总体", "整体", "基本", "主要", "具体", "平衡", "工作", "体系", "完成", "执行", "实施", "管理", "资金", "编制", "公开", "设置", "构成")
# Words before a year that make it part of the phrase, not the start of a paragraph (与2016年相比, 较2017年).
YEAR_LINK_CHARS = ("与", "较", "比", "至", "到", "和", "及", "在", "于", "的")


@cache
def paragraph_openers() -> tuple[str, ...]:
    """Load the words that open a paragraph's first sentence (extractors/data/paragraph_openers.txt)."""
    lines = PARAGRAPH_OPENERS_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def heading_end_words() -> tuple[str, ...]:
    """Load the words a heading title ends with (extractors/data/heading_end_words.txt)."""
    lines = HEADING_END_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def heading_title_end(text: str, start: int, limit: int) -> int:
    """Return where the title of a heading whose marker ends at `start` stops (an offset in `text`).

    At a short sentence end with no comma before it (the heading is a sentence); else at the
    earliest of: after a heading word (情况, 职责 …) not continued by more heading, before the
    first comma; before a word opening a paragraph (一是, 根据, 按照, 我局 …) or a year; else at
    the first space or lead-in colon; else the heading keeps the whole piece (segment reads it
    as a run-in heading, titled by its first sentence).
    """
    window = text[start : min(limit, start + MAX_HEADING_TITLE_CHARS + 1)]
    stop = title_stop(window)
    words = jieba_words(window)
    openers = paragraph_opener_starts(window, words)
    short_sentence = stop and stop.group() in "。！？!?" and stop.start() <= MAX_SENTENCE_HEADING_CHARS
    if short_sentence and "," not in window[: stop.start()] and not any(o < stop.start() for o in openers):
        return start + stop.end()  # a short heading printed as a sentence (`2.预警问题处理不及时。`)
    cuts = heading_word_ends(window, words) + openers + problem_predicate_ends(window, words)
    best = min(cuts, default=None)
    if best is not None and (stop is None or best <= stop.start()):
        return start + best
    if stop:
        return start + (stop.start() if window[stop.start()].isspace() else stop.end())
    return limit


def jieba_words(window: str) -> list[tuple[str, str, int]]:
    """Return jieba's words of `window` with their part-of-speech flags and start offsets."""
    words, position = [], 0
    for pair in jieba.posseg.lcut(window, HMM=False):
        words.append((pair.word, pair.flag, position))
        position += len(pair.word)
    return words


def heading_word_ends(window: str, words: list[tuple[str, str, int]]) -> list[int]:
    """Return offsets just after a heading word (a whole jieba word) that ends the title, before any comma."""
    comma = window.find(",")
    ends = []
    for i, (word, _, position) in enumerate(words):
        end = position + len(word)
        if comma != -1 and end > comma:
            break
        # the word is a heading word or ends in one (`职责`, `基本情况`), and text follows it
        if not word.endswith(heading_end_words()) or end < MIN_HEADING_TITLE_CHARS or i + 1 >= len(words):
            continue
        if window.count("(", 0, end) > window.count(")", 0, end):
            continue  # inside a bracketed aside: the title ends after it (`效率性分析(实施进度及完成质量分析)`)
        following_word, following_flag, _ = words[i + 1]
        if (aside := patterns.FLAT_TITLE_ASIDE.match(window, end)) and aside.end() < len(window):
            end = aside.end()  # a bracketed aside belongs to the title: `效益性分析(经济效益和社会效益)`
        elif continues_heading(window[end:]) or following_flag in PREDICATE_FLAGS or noun_before_heading_word(words, i + 1):
            continue
        elif following_flag in NOUN_FLAGS and in_verb_object(words, i):
            continue  # the title is a verb's clause and the heading word only qualifies its object (`坚持问题导向`, `明确职责分工`)
        if following_word[:1].isdigit() and not patterns.FLAT_YEAR_AFTER_TITLE.match(window, end):
            continue  # a subject and its amount (`机构1093.5万元`) is one list item, not a title and a paragraph
        ends.append(end)
    return ends


def problem_predicate_ends(window: str, words: list[tuple[str, str, int]]) -> list[int]:
    """Return offsets just after a problem heading's predicate (`…有待进一步提升`, `…不到位`) where a new sentence starts.

    The predicate must end where a jieba word ends and the next word neither qualifies it (`不够严格`,
    `不足之处`) nor links it to more of the title.
    """
    flags = {position: flag for _, flag, position in words}
    ends = []
    for match in patterns.PROBLEM_PREDICATE_END.finditer(window):
        end = match.end()
        if end in flags and flags[end] not in PREDICATE_FLAGS and not continues_heading(window[end:]):
            ends.append(end)
    return ends


def in_verb_object(words: list[tuple[str, str, int]], i: int) -> bool:
    """Tell whether word `i` opens the title as its verb (`分析项目管理…`) or follows an opening verb (`坚持问题导向`, not `综合评价情况`)."""
    return i == 0 or words[0][1] in VERB_FLAGS


def noun_before_heading_word(words: list[tuple[str, str, int]], i: int) -> bool:
    """Tell whether word `i` is a noun that a heading word follows: one more noun of the title (`评价|项目|情况`)."""
    return i + 1 < len(words) and words[i][1] == "n" and words[i + 1][0] in heading_end_words()


def paragraph_opener_starts(window: str, words: list[tuple[str, str, int]]) -> list[int]:
    """Return offsets where a paragraph-opening word (or a year) starts a new sentence inside `window`."""
    boundaries = {position + len(word) for word, _, position in words}
    starts = []
    for i, (_, _, position) in enumerate(words):
        before = words[i - 1][1] if i else ""
        clause_start = max(window.rfind(",", 0, position), window.rfind("、", 0, position)) + 1
        if position - clause_start < MIN_TITLE_BEFORE_OPENER or patterns.FLAT_PUNCTUATION.match(window[position - 1]):
            continue  # a lost break has no punctuation before it and follows a clause of some length
        if patterns.FLAT_YEAR_AFTER_TITLE.match(window, position):
            if not window[:position].endswith(YEAR_LINK_CHARS) and before not in ADVERB_FLAGS:
                starts.append(position)
            continue
        # the opener must end where a word ends (`以` opens `以党建为引领`, not `以上`)
        opener = next((o for o in paragraph_openers() if window.startswith(o, position) and position + len(o) in boundaries), None)
        if opener and before not in (CLAUSE_FLAGS if len(opener) == 1 else ADVERB_FLAGS):
            starts.append(position)
    return starts


def title_stop(window: str) -> regex.Match[str] | None:
    """Return the first mark in `window` a heading title stops at (a space not before punctuation, after a comma too: `用好政策,财政收入稳定增长 财政部门…`)."""
    for stop in patterns.FLAT_HEADING_STOP.finditer(window, pos=MIN_HEADING_TITLE_CHARS):
        if not stop.group().isspace():
            return stop
        after = window[stop.end() : stop.end() + 1]
        if not (after and patterns.FLAT_PUNCTUATION.match(after)):
            return stop
    return None


def continues_heading(rest: str) -> bool:
    """Tell whether the text after a heading word still belongs to the heading.

    It does when a linking word or mark follows (和/及/与/的/、/,) or another heading word or a
    compound's second noun (`绩效评价工作情况`, `评价指标体系`): the heading ends at a later word.
    """
    if not rest:
        return False
    return rest[0] in HEADING_LINK_CHARS or rest.startswith(heading_end_words() + HEADING_COMPOUND_WORDS)
