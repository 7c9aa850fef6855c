"""The registry of audit check kinds, and the context every check reads.

A check kind is one function registered with `@check(kind, scope, doc)`:

* scope `table`: `func(table, ctx) -> list[Check]`, run for every table of the report;
* scope `report`: `func(ctx) -> list[Check]`, run once per report;
* scope `form`: `func(form) -> list[Check]`, run for every self-assessment form (Report.assessments).

`also` names further kinds the same function emits (a rate next to its amount), so the data
dictionary and the HTML legend can list every kind from CHECKS. A module of another package adds
its kinds by decorating its functions with `check` and naming itself in
`extractors.audit.stage.CHECK_MODULES`.

`AuditContext` computes once per report what several checks need: the figures' roles (and which amounts are an item's own), the
paragraph and sentence holding an offset (by bisection), the figures of a paragraph.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, Iterator, Literal

from extractors.audit.roles import own_amount, roles
from pipeline.models import Check, Figure, Paragraph, Report

Scope = Literal["table", "report", "form"]
Items = list[tuple[Figure, str | None]]  # every figure with its role (submitted, change, share ...)


@dataclass(frozen=True)
class CheckKind:
    """One registered check kind: its name, what it runs over, a sentence for the legend, its function."""

    kind: str
    scope: Scope
    doc: str
    run: Callable[..., list[Check]] | None = None  # None: emitted by the function of `emitted_by`
    emitted_by: str | None = None
    module: str = ""  # the module that registered it


CHECKS: dict[str, CheckKind] = {}


def check(kind: str, scope: Scope, doc: str, also: dict[str, str] | None = None) -> Callable:
    """Register a check function under `kind` (and the kinds in `also` it emits too)."""

    def register(func: Callable[..., list[Check]]) -> Callable[..., list[Check]]:
        CHECKS[kind] = CheckKind(kind, scope, doc, func, None, func.__module__)
        for other, other_doc in (also or {}).items():
            CHECKS[other] = CheckKind(other, scope, other_doc, None, kind, func.__module__)
        return func

    return register


def ordered(modules: list[str]) -> list[CheckKind]:
    """Return the registered kinds by the order of their modules in `modules`, then of registration."""
    rank = {name: i for i, name in enumerate(modules)}
    return sorted(CHECKS.values(), key=lambda k: rank.get(k.module, len(rank)))


def legend(modules: list[str]) -> list[tuple[str, str]]:
    """Return (kind, doc) of every registered check kind, in the order the audit runs them."""
    return [(k.kind, k.doc) for k in ordered(modules)]


@dataclass
class AuditContext:
    """What the checks of one report share, computed once: roles, paragraph and sentence lookups."""

    report: Report
    cache: dict = field(default_factory=dict)

    @cached_property
    def items(self) -> Items:
        """Every figure with its role in a check, read once."""
        return roles(self.report)

    @cached_property
    def role_of(self) -> dict[int, str | None]:
        """The role of each figure by its index."""
        return {f.index: r for f, r in self.items}

    def own_amount(self, figure: Figure, previous_end: int = 0) -> bool:
        """Tell whether an amount is an item's own: not a change (比上年增加…, 增收…) nor the base of a comparison."""
        return own_amount(self.report, self.role_of.get(figure.index), figure, previous_end)

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.report.paragraphs]

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """Return the paragraph holding a text offset, or None."""
        i = bisect.bisect_right(self._paragraph_starts, offset) - 1
        if i < 0:
            return None
        paragraph = self.report.paragraphs[i]
        return paragraph if paragraph.start <= offset < paragraph.end else None

    def paragraph_index(self, offset: int) -> int | None:
        """Return the index of the paragraph holding an offset, or None."""
        paragraph = self.paragraph_at(offset)
        return paragraph.index if paragraph is not None else None

    def sentence_span(self, offset: int) -> tuple[int, int]:
        """Return the (start, end) of the sentence holding an offset (the paragraph if no sentence does)."""
        paragraph = self.paragraph_at(offset)
        if paragraph is None:
            return offset, offset
        starts = [s.start for s in paragraph.sentences]
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and paragraph.sentences[i].start <= offset < paragraph.sentences[i].end:
            return paragraph.sentences[i].start, paragraph.sentences[i].end
        return paragraph.start, paragraph.end

    def section_path_at(self, offset: int) -> str:
        """Return the heading path of the paragraph holding `offset` ('' when outside every section)."""
        paragraph = self.paragraph_at(offset)
        if paragraph is None or paragraph.section is None:
            return ""
        return self.report.section_path(paragraph.section)

    @cached_property
    def figures_in_order(self) -> list[Figure]:
        """The figures sorted by their start offset."""
        return sorted(self.report.figures, key=lambda f: (f.start, f.index))

    @cached_property
    def _figure_starts(self) -> list[int]:
        return [f.start for f in self.figures_in_order]

    def figures_between(self, start: int, end: int) -> list[Figure]:
        """Return the figures starting in [start, end), in text order."""
        lo = bisect.bisect_left(self._figure_starts, start)
        hi = bisect.bisect_left(self._figure_starts, end)
        return self.figures_in_order[lo:hi]

    def figures_from(self, start: int) -> Iterator[Figure]:
        """Yield the figures starting at or after `start`, in text order (without copying the rest of the list)."""
        return itertools.islice(self.figures_in_order, bisect.bisect_left(self._figure_starts, start), None)

    @cached_property
    def amount_at(self) -> dict[int, Figure]:
        """The amount figures by their start offset."""
        return {f.start: f for f in self.report.figures if f.kind == "amount"}

