"""The stage contract and the ordered registry of stages (spaCy-style requires/produces)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pipeline.errors import StageOrderError
from pipeline.models import Report

# Fields the runner fills before any stage runs.
INITIAL_FIELDS = frozenset({"path", "name", "sha256", "format", "manifest"})


@dataclass(frozen=True)
class Stage:
    """A named step: reads the `requires` fields of a Report and fills the `produces` ones."""

    name: str
    requires: frozenset[str]
    produces: frozenset[str]
    run: Callable[[Report], Report]

    def __call__(self, report: Report) -> Report:
        """Run the stage on one report."""
        return self.run(report)


def stage(name: str, requires: Iterable[str], produces: Iterable[str]) -> Callable[[Callable[[Report], Report]], Stage]:
    """Decorate a function `report -> report` as a Stage."""

    def wrap(func: Callable[[Report], Report]) -> Stage:
        return Stage(name, frozenset(requires), frozenset(produces), func)

    return wrap


def check_order(stages: Iterable[Stage], available: Iterable[str] = INITIAL_FIELDS) -> None:
    """Raise StageOrderError if a stage requires a field no earlier stage produced."""
    have = set(available)
    for s in stages:
        missing = s.requires - have
        if missing:
            raise StageOrderError(f"stage {s.name!r} requires {sorted(missing)}, which no earlier stage produces")
        have |= s.produces


def default_stages() -> list[Stage]:
    """Return the pipeline's stages in order; the one place where the order is written."""
    from extractors import clean, figures, load, segment
    from extractors.audit import stage as audit
    from extractors.forms import stage as forms
    from extractors.metadata.stage import METADATA
    from extractors.tables.stage import TABLES

    return [load.LOAD, clean.CLEAN, segment.SEGMENT, METADATA, TABLES, forms.FORMS, figures.FIGURES, audit.AUDIT]
