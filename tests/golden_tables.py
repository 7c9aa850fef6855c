"""Compare recovered tables with a golden table file (tests/golden/tables/*.json), cell by cell.

Shared by the text and PDF table tests and by scripts/measure_tables.py. Rows are matched by
position after aligning entries: identical rows anchor the alignment (difflib), and the rows
between two anchors are paired in order, so one missing or extra row costs only itself.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path

from extractors.tables.stage import table_as_dict
from pipeline.models import Table

GOLDEN_TABLES = Path(__file__).parent / "golden" / "tables"


def load_golden(stem: str) -> list[dict]:
    """Return the golden tables of the report whose file stem is `stem`."""
    return json.loads((GOLDEN_TABLES / f"{stem}.json").read_text(encoding="utf-8"))


@dataclass
class TableScore:
    """How well recovered tables match golden ones: cells and entries counted, differences listed."""

    golden_cells: int = 0
    right_cells: int = 0
    golden_entries: int = 0
    found_entries: int = 0
    entry_error: int = 0  # sum over tables of |found - golden| entries
    differences: list[str] = field(default_factory=list)

    @property
    def cell_accuracy(self) -> float:
        """Share of golden cells recovered exactly (1.0 when there are none)."""
        return self.right_cells / self.golden_cells if self.golden_cells else 1.0

    @property
    def entry_accuracy(self) -> float:
        """One minus the entry-count error relative to the golden entries (0 at worst)."""
        return max(0.0, 1 - self.entry_error / self.golden_entries) if self.golden_entries else 1.0


def physical_lines(row: dict) -> list[list[str]]:
    """Return a golden-shaped row's cells followed by its sub-items' cells."""
    return [row["cells"]] + [sub["cells"] for sub in row.get("sub_items", [])]


def align(golden: list[dict], found: list[dict]) -> list[tuple[dict, dict | None]]:
    """Pair every golden row with the recovered row at its aligned position (None if there is none)."""
    key = lambda row: (row["kind"], tuple(row["cells"]))  # noqa: E731 - alignment key
    matcher = difflib.SequenceMatcher(None, [key(r) for r in golden], [key(r) for r in found], autojunk=False)
    pairs: list[tuple[dict, dict | None]] = []
    for _, g0, g1, f0, f1 in matcher.get_opcodes():
        for offset, g in enumerate(range(g0, g1)):
            f = f0 + offset
            pairs.append((golden[g], found[f] if f < f1 else None))
    return pairs


def match_tables(golden: list[dict], found: list[dict]) -> list[tuple[dict, dict | None]]:
    """Pair each golden table with the first unpaired recovered one of the same caption, else the one at its position.

    Captions may repeat (one 项目支出绩效目标表 per project): equal captions pair in printed order.
    """
    golden_captions = {g["caption"] for g in golden}
    unpaired = list(range(len(found)))
    pairs = []
    for i, table in enumerate(golden):
        match = next((j for j in unpaired if found[j].get("caption") == table["caption"]), None)
        if match is None and i in unpaired and found[i].get("caption") not in golden_captions:
            match = i
        if match is not None:
            unpaired.remove(match)
        pairs.append((table, found[match] if match is not None else None))
    return pairs


def score_tables(found_tables: list[Table] | list[dict], golden: list[dict]) -> TableScore:
    """Compare recovered tables (Tables or their dicts) with golden ones; return the counts and differences."""
    found = [t if isinstance(t, dict) else table_as_dict(t) for t in found_tables]
    score = TableScore()
    for gold, table in match_tables(golden, found):
        name = gold["caption"]
        lines = sum(len(line) for row in gold["rows"] for line in physical_lines(row))
        score.golden_cells += lines
        score.golden_entries += gold["entries"]
        if table is None:
            score.entry_error += gold["entries"]
            score.differences.append(f"{name}: table not found")
            continue
        score.found_entries += table["entries"]
        score.entry_error += abs(table["entries"] - gold["entries"])
        if table["entries"] != gold["entries"]:
            score.differences.append(f"{name}: {table['entries']} entries, golden {gold['entries']}")
        if bool(gold.get("no_table")) != bool(table.get("no_table")):
            score.differences.append(f"{name}: no_table {table.get('no_table')}, golden {gold.get('no_table')}")
        if table["header"] != gold["header"]:
            score.differences.append(f"{name}: header {table['header']}, golden {gold['header']}")
        if len(table["rows"]) != len(gold["rows"]):
            score.differences.append(f"{name}: {len(table['rows'])} rows, golden {len(gold['rows'])}")
        for position, (gold_row, row) in enumerate(align(gold["rows"], table["rows"])):
            where = f"{name} row {position} ({gold_row['cells'][:1]})"
            if row is None:
                score.differences.append(f"{where}: missing")
                continue
            if row["kind"] != gold_row["kind"]:
                score.differences.append(f"{where}: kind {row['kind']}, golden {gold_row['kind']}")
            if "sub_items" in gold_row and len(row.get("sub_items", [])) != len(gold_row["sub_items"]):
                score.differences.append(f"{where}: {len(row.get('sub_items', []))} sub_items, golden {len(gold_row['sub_items'])}")
            elif "sub_items" not in gold_row and row.get("sub_items"):
                score.differences.append(f"{where}: unexpected {len(row['sub_items'])} sub_items")
            found_lines = physical_lines(row)
            for n, gold_line in enumerate(physical_lines(gold_row)):
                line = found_lines[n] if n < len(found_lines) else []
                for col, text in enumerate(gold_line):
                    got = line[col] if col < len(line) else None
                    if got == text:
                        score.right_cells += 1
                    else:
                        part = "cells" if n == 0 else f"sub_item {n - 1}"
                        score.differences.append(f"{where} {part} col {col}: {got!r}, golden {text!r}")
    return score
