"""The metric taxonomy (extractors/data/metrics.yaml) and trigger-word search.

A figure's metric is `process.role`. The taxonomy is data a researcher extends without code;
this module only reads it and finds trigger words in text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

METRICS_FILE = Path(__file__).parent / "data" / "metrics.yaml"


@dataclass(frozen=True)
class Role:
    """What a number is within a process (送审金额, 核减率, 项目数...)."""

    key: str
    zh: str
    kinds: tuple[str, ...]
    triggers: tuple[str, ...]
    nouns: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    part_of: tuple[str, ...] = ()  # roles this one is a named part of (vehicle_purchase of vehicle_costs)


@dataclass(frozen=True)
class Taxonomy:
    """Processes (key → zh, triggers) and roles, in file order."""

    processes: dict[str, tuple[str, ...]]
    process_names: dict[str, str]
    roles: dict[str, Role] = field(default_factory=dict)
    not_triggers: tuple[str, ...] = ()  # words holding a trigger that do not name its key (培训费, 一般公共)

    def roles_for_kind(self, kind: str) -> list[Role]:
        """Return the roles a figure of `kind` may take, in file order."""
        return [r for r in self.roles.values() if kind in r.kinds]

    def count_nouns(self) -> frozenset[str]:
        """Return every counted noun the count roles name."""
        return frozenset(n for r in self.roles_for_kind("count") for n in r.nouns)

    def words(self) -> set[str]:
        """Return every trigger word and noun (to teach the word segmenter the domain terms)."""
        found = {w for triggers in self.processes.values() for w in triggers}
        for role in self.roles.values():
            found.update(role.triggers)
            found.update(role.nouns)
        return found


@dataclass(frozen=True)
class Hit:
    """One trigger word found in a text: where, which word, and which key it points to."""

    start: int
    end: int
    word: str
    key: str

    def distance(self, start: int, end: int) -> int:
        """Return how many characters separate this hit from the span [start, end) (0 if touching)."""
        if self.end <= start:
            return start - self.end
        if self.start >= end:
            return self.start - end
        return 0


def load_taxonomy(path: Path = METRICS_FILE) -> Taxonomy:
    """Read metrics.yaml into a Taxonomy."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    processes = {k: tuple(v.get("triggers") or ()) for k, v in data["processes"].items()}
    names = {k: v.get("zh", k) for k, v in data["processes"].items()}
    roles = {
        k: Role(
            key=k,
            zh=v.get("zh", k),
            kinds=tuple(v.get("kinds") or ()),
            triggers=tuple(v.get("triggers") or ()),
            nouns=tuple(v.get("nouns") or ()),
            units=tuple(v.get("units") or ()),
            part_of=tuple(v.get("part_of") or ()),
        )
        for k, v in data["roles"].items()
    }
    return Taxonomy(processes, names, roles, tuple(data.get("not_triggers") or ()))


@cache
def taxonomy() -> Taxonomy:
    """Return the bundled taxonomy, read once per process."""
    return load_taxonomy()


def find_hits(text: str, words_by_key: dict[str, tuple[str, ...]], offset: int = 0) -> list[Hit]:
    """Return every occurrence of the keys' words in `text`, dropping any inside a longer occurrence.

    Longer, more specific words win over the shorter words they contain (核减率 over 核减,
    支出资金 over 支出), whichever key the longer word belongs to.
    """
    hits = []
    for key, words in words_by_key.items():
        for word in words:
            at = text.find(word)
            while at >= 0:
                hits.append(Hit(offset + at, offset + at + len(word), word, key))
                at = text.find(word, at + 1)
    return [h for h in hits if not any(o is not h and o.start <= h.start and h.end <= o.end and len(o.word) > len(h.word) for o in hits)]


# The key under which blocking words are searched beside the real keys (and then dropped).
BLOCKER_KEY = "\0blocker"


def find_hits_outside(text: str, words_by_key: dict[str, tuple[str, ...]], blockers: tuple[str, ...], offset: int = 0) -> list[Hit]:
    """Return find_hits of the keys' words, leaving out every occurrence inside a longer blocking word (培训 in 培训费)."""
    hits = find_hits(text, words_by_key | {BLOCKER_KEY: blockers}, offset)
    return [h for h in hits if h.key != BLOCKER_KEY]


def nearest(hits: list[Hit], start: int, end: int) -> Hit | None:
    """Return the hit closest to the span [start, end); on a tie the longer word, then the earlier key."""
    if not hits:
        return None
    return min(hits, key=lambda h: (h.distance(start, end), -len(h.word)))
