"""Score the tables the pipeline recovers from a stress rendering against its golden file."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from extractors.tables.stage import table_as_dict, tables_of_file
from pipeline.models import Table
from tests.golden_tables import TableScore, match_tables, score_tables
from tests.stress.documents import load_golden


@dataclass
class StressResult:
    """What one rendering gave: the cell/entry score and the structural checks of issue 13."""

    score: TableScore
    captions: list[str | None]  # captions of the recovered tables, in order
    golden_captions: list[str]
    merged_right: int  # golden merged entries recovered as one entry with all their lines right
    merged_golden: int
    metadata_wrong: list[str] = field(default_factory=list)  # issuer/unit differences
    error: str | None = None
    seconds: float = 0.0

    @property
    def stitched(self) -> bool:
        """Each golden table came back as exactly one table with its caption, and nothing else."""
        return self.captions == self.golden_captions

    @property
    def perfect(self) -> bool:
        """Every cell, entry, caption, merged entry and issuer/unit is right."""
        return (
            self.error is None
            and self.score.right_cells == self.score.golden_cells
            and self.score.entry_error == 0
            and not self.score.differences
            and self.stitched
            and self.merged_right == self.merged_golden
            and not self.metadata_wrong
        )


def merged_entries(table: dict) -> list[list[list[str]]]:
    """The physical lines of every merged entry of a table (golden or recovered dict)."""
    return [[sub["cells"] for sub in row["sub_items"]] for row in table["rows"] if row.get("sub_items")]


def merged_recovered(golden: list[dict], found: list[dict]) -> int:
    """How many golden merged entries appear, whole and exactly, as one recovered entry."""
    recovered = [entry for table in found for entry in merged_entries(table)]
    return sum(1 for table in golden for entry in merged_entries(table) if entry in recovered)


# What a generated table carries besides its cells, and how a recovered Table is expected to carry it.
METADATA_KEYS = ("issuer", "unit", "fields")


def as_scored_dict(table: Table) -> dict:
    """A recovered table as the golden files' dict, with its issuer, unit and form fields if the model has them."""
    data = table_as_dict(table)
    for key in METADATA_KEYS:
        data[key] = getattr(table, key, None)
    return data


def field_pairs(fields: object) -> list[list[str]] | None:
    """A form's fields as a flat list of [label, value] (golden: rows of pairs; recovered: pairs or a dict)."""
    if fields is None:
        return None
    if isinstance(fields, dict):
        return [[k, v] for k, v in fields.items()]
    flat = [pair for row in fields for pair in (row if row and isinstance(row[0], list) else [row])]
    return [list(pair) for pair in flat]


def metadata_differences(golden: list[dict], found: list[dict]) -> list[str]:
    """Issuer, unit and form fields of each golden table that has them, against the recovered table paired with it."""
    wrong = []
    for gold, table in match_tables(golden, found):
        for key in METADATA_KEYS:
            if key not in gold:
                continue
            got = table.get(key) if table else None
            want = gold[key]
            if key == "fields":
                got, want = field_pairs(got), field_pairs(want)
            if got != want:
                wrong.append(f"{gold['caption']}: {key} {got!r}, golden {want!r}")
    return wrong


def check_tables(found: list[Table], stem: str) -> StressResult:
    """Score recovered tables against the golden tables of a stress document."""
    golden = list(load_golden(stem))
    dicts = [as_scored_dict(t) for t in found]
    return StressResult(
        score=score_tables(dicts, golden),
        captions=[t.caption for t in found],
        golden_captions=[g["caption"] for g in golden],
        merged_right=merged_recovered(golden, dicts),
        merged_golden=sum(len(merged_entries(g)) for g in golden),
        metadata_wrong=metadata_differences(golden, dicts),
    )


def check_pdf(path: Path, stem: str) -> StressResult:
    """Run the stages up to tables on a rendering and score it (an exception is recorded, not raised)."""
    started = time.perf_counter()
    try:
        report = tables_of_file(path)
    except Exception as exc:  # a sweep must go on past one broken rendering
        golden = list(load_golden(stem))
        result = check_tables([], stem)
        result.error = f"{type(exc).__name__}: {exc}"
        result.golden_captions = [g["caption"] for g in golden]
    else:
        result = check_tables(report.tables, stem)
        fatal = "; ".join(e.message for e in report.errors if e.fatal)
        result.error = fatal or None
    result.seconds = time.perf_counter() - started
    return result
