"""The stage contract and the ordered registry of stages (spaCy-style requires/produces)."""

from __future__ import annotations

import importlib
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


# The pipeline's stages in order, as "module:NAME": the one place where the order is written. Named,
# not imported, so that this module (which every stage imports for `stage`) imports no stage itself.
DEFAULT_STAGES = (
    "extractors.load:LOAD",
    "extractors.clean:CLEAN",
    "extractors.segment:SEGMENT",
    "extractors.metadata.stage:METADATA",
    "extractors.tables.stage:TABLES",
    "extractors.forms.stage:FORMS",
    "extractors.figures.stage:FIGURES",
    "extractors.audit.stage:AUDIT",
)


def resolve(spec: str) -> Stage:
    """Return the Stage a "module:NAME" string names."""
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def default_stages() -> list[Stage]:
    """Return the pipeline's stages in order (DEFAULT_STAGES, resolved)."""
    return [resolve(spec) for spec in DEFAULT_STAGES]
