"""The type of a report, from its title, with the taxonomy in extractors/data/report_types.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex
import yaml

TYPES_FILE = Path(__file__).parent.parent / "data" / "report_types.yaml"
OTHER = "其他"


@dataclass(frozen=True)
class ReportType:
    """One type of the taxonomy: cue groups that must all occur, words that must not."""

    name: str
    all_of: tuple[regex.Pattern[str], ...]
    none_of: regex.Pattern[str] | None


@cache
def taxonomy() -> tuple[ReportType, ...]:
    """Load the report types in the order they are tried."""
    data = yaml.safe_load(TYPES_FILE.read_text(encoding="utf-8"))["types"]
    return tuple(
        ReportType(
            entry["type"],
            tuple(regex.compile(cue) for cue in entry["all"]),
            regex.compile(entry["none"]) if entry.get("none") else None,
        )
        for entry in data
    )


def type_names() -> list[str]:
    """Return every type name of the taxonomy, 其他 last."""
    return [t.name for t in taxonomy()] + [OTHER]


def report_type_of(title: str) -> str | None:
    """Given a report's title, return the first type whose cues it holds, else None."""
    for kind in taxonomy():
        if all(cue.search(title) for cue in kind.all_of) and not (kind.none_of and kind.none_of.search(title)):
            return kind.name
    return None
