"""What a figure means: its counted noun, metric `process.role` (extractors/data/metrics.yaml) and the total
it is a 其中 part of.

What figures attach to is read from the neighbouring words: trigger words of the taxonomy in the
figure's own clause and section, and nouns next to the measure word (by jieba part of speech). Every
step looks at a bounded window, so the cost is linear in a paragraph's length.
"""

from __future__ import annotations

import bisect
from decimal import Decimal

import regex

from extractors import patterns
from extractors.figures.find import Found, Words
from extractors.numbers import MEASURED_KINDS
from extractors.lexicon import quantity_units
from extractors.simplified import fold_to_simplified
from extractors.taxonomy import Hit, Taxonomy, find_hits, find_hits_outside, nearest
from pipeline.models import Paragraph, Report

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
# Roles of a change from a base (减支79.52万元, 下降5.61%): never the total a following 其中 breaks down, nor a part of it.
CHANGE_ROLES = frozenset({"change", "growth"})
# Part-of-speech tags (jieba) of a word that can be the thing counted: nouns of any kind and verbal nouns.
NOUN_TAGS = ("n", "vn")
# The process of budget execution in general, and the funds (budgets) whose execution a sentence may be about:
# a fund named earlier in the sentence wins over 完成预算/预算执行, since comparisons are per fund.
EXECUTION_PROCESS = "budget_execution"
FUND_PROCESSES = frozenset({"general_budget", "fund_budget", "state_capital_budget", "social_insurance_budget"})
# Part-of-speech tags (jieba) of the words a measured thing is made of (海域|滩涂|面积): common nouns, not place names (新建 is
# tagged a place name in 新建道路).
COMPOUND_NOUN_TAGS = ("n", "vn", "nz", "ng")
# How far (characters) before or after a count its counted noun is looked for by part of speech.
NOUN_WINDOW = 16


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


def compound_noun_before(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """Return the run of nouns that ends right where a quantity begins (海域滩涂面积2.57平方公里 → 海域滩涂面积), else None."""
    run: list[tuple[str, int]] = []
    for word, tag, at in reversed(tagged_words(text[start:end], start)):
        if tag not in COMPOUND_NOUN_TAGS or not regex.fullmatch(r"\p{Han}+", word) or word in FUNCTION_WORDS:
            break
        run.insert(0, (word, at))
    if not run:
        return None
    noun = "".join(w for w, _ in run)
    return (noun, run[0][1], end) if len(noun) > 1 else None


def measured_noun(text: str, f: Found, clause: tuple[int, int], previous_end: int, words: Words) -> tuple[str, int, int] | None:
    """Return (noun, start, end) of what a quantity measures: the noun before it (新建道路3.5公里 → 道路, 收购粮食50吨 → 粮食,
    耕地面积1581亩 → 耕地面积 when jieba keeps it one word), else the first word after it in its clause."""
    left, right = clause
    window_start = max(left, previous_end, f.start - NOUN_WINDOW)
    before = compound_noun_before(text, window_start, f.start) or noun_before(text, window_start, f.start)
    if before:
        return before
    first = words.first_word_in(f.end, right) if f.end < right else None
    if first is not None and regex.fullmatch(r"\p{Han}{2,}", first[0]) and first[0] not in FUNCTION_WORDS:
        return first[0], first[1], first[1] + len(first[0])
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
            return fund_over_execution(hit.key, f, sentence_hits)
    fallback = previous or (headed[0] if headed else None)
    return fund_over_execution(fallback, f, sentence_hits) if fallback else None


def fund_over_execution(process: str, f: Found, sentence_hits: list[Hit]) -> str:
    """Return the process of a figure that `process` was chosen for: the fund its sentence names (the nearest before
    it, else after it) when `process` only says the budget is being executed (`一般公共预算总收入完成60.55亿元，完成预算的
    103.4%` is the general budget's execution rate; `增值税收入7.57亿元…对地方一般公共预算收入增长贡献率…` its revenue)."""
    if process != EXECUTION_PROCESS:
        return process
    funds = [h for h in sentence_hits if h.key in FUND_PROCESSES]
    fund = nearest([h for h in funds if h.end <= f.start], f.start, f.end) or nearest(funds, f.start, f.end)
    return fund.key if fund else process


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
            elif f.kind == "quantity":
                noun = measured_noun(text, f, clause, previous_end, words)
                if noun:
                    f.noun, f.noun_span = noun[0], (noun[1], noun[2])
                f.role = quantity_units()[f.unit][0]  # the dimension: length, area, land_area, mass...
            else:
                f.role = choose_role(text, f, clause, (previous_end, next_start), tax)
            f.process = choose_process(f, clause, sentence_hits, previous, headed)
        # The topic goes on through sentences that name no process (…的项目0个;…的项目0个。); a sentence
        # opening a numbered item ((七)2012599…支出13.96万元) starts a topic of its own.
        previous = last_process(sentence_hits) or previous


def same_measure(total: Found, part: Found) -> bool:
    """Tell whether `part` can be a part of `total`: same kind, and for counts and quantities the same measure word."""
    return total.kind == part.kind and (total.kind not in MEASURED_KINDS or total.unit == part.unit)


def link_parts(sentences: list[tuple[str, list[Found]]]) -> None:
    """Mark the parts of a stated total: after 其中 / 分别为, or counts summing to `N个…中`."""
    for i, (text, found) in enumerate(sentences):
        for pattern, may_look_back in ((patterns.PARTS_OF_TOTAL, True), (patterns.PARTS_RESPECTIVELY, False)):
            for match in pattern.finditer(text):
                before = [f for f in found if f.end <= match.start() and f.kind in ("amount", *MEASURED_KINDS)]
                if not before and may_look_back and match.start() == 0 and i > 0:
                    before = [f for f in sentences[i - 1][1] if f.kind in ("amount", *MEASURED_KINDS)]
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
