"""Documents to render for the stress corpus: golden tables as printable tables, in their report's text.

The golden files (tests/golden/tables/*.json) are the source: each table is printed from its
golden caption, header and cells, so a correct extractor gives the golden file back exactly,
whatever the layout. A merged entry (`sub_items`) is printed as one row-spanned entry; a
flattened header name `上级/下级` is printed as a two-level header (上级 spanning its columns).
"""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from functools import cache
from pathlib import Path

from corpus import render_pdfs as rp

GOLDEN_TABLES = Path(__file__).resolve().parent.parent / "golden" / "tables"
STRESS_GOLDEN = GOLDEN_TABLES / "stress"
HEADER_LEVEL_SEPARATOR = "/"  # `公务用车购置及运行费/小计`: a column under a spanning header cell
ANNEX_LABEL_PREFIX = "附件"  # a label line such as `附件1` printed just above an annex caption


def golden_path(stem: str) -> Path:
    """The golden file of a document: the corpus reports' beside the others, the generated ones in stress/."""
    own = GOLDEN_TABLES / f"{stem}.json"
    return own if own.exists() else STRESS_GOLDEN / f"{stem}.json"


@cache
def load_golden(stem: str) -> tuple[dict, ...]:
    """The golden tables of a document (a generated document's file also holds its title)."""
    data = json.loads(golden_path(stem).read_text(encoding="utf-8"))
    return tuple(data["tables"] if isinstance(data, dict) else data)


def golden_cells(gold: dict) -> list[list[str]]:
    """The cells of a golden table's rows (a merged entry's joined cells), as the recovered Table's rows give them."""
    return [row["cells"] for row in gold["rows"]]


def document_title(stem: str) -> str:
    """The title printed at the top of a generated document."""
    data = json.loads(golden_path(stem).read_text(encoding="utf-8"))
    return data["title"] if isinstance(data, dict) else rp.parse_report(stem).title


def stress_stems() -> list[str]:
    """Every document of the stress corpus: the two corpus reports with golden tables, then the generated ones."""
    corpus = [s for s in rp.REPORTS if (GOLDEN_TABLES / f"{s}.json").exists()]
    return corpus + sorted(p.stem for p in STRESS_GOLDEN.glob("*.json"))


def header_levels(names: list[str]) -> tuple[list[list[str]], dict[tuple[int, int], tuple[int, int]]]:
    """Given flattened header names, return the printed header rows and their (rowspan, colspan) spans."""
    if not any(HEADER_LEVEL_SEPARATOR in name for name in names):
        return [list(names)], {}
    top = [name.split(HEADER_LEVEL_SEPARATOR, 1)[0] for name in names]
    bottom = [name.split(HEADER_LEVEL_SEPARATOR, 1)[1] if HEADER_LEVEL_SEPARATOR in name else "" for name in names]
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    col = 0
    while col < len(names):
        if HEADER_LEVEL_SEPARATOR not in names[col]:
            spans[(0, col)] = (2, 1)  # a one-level column: its name spans both header rows
            col += 1
            continue
        end = col + 1
        while end < len(names) and HEADER_LEVEL_SEPARATOR in names[end] and top[end] == top[col]:
            end += 1
        if end - col > 1:
            spans[(0, col)] = (1, end - col)
        col = end
    return [top, bottom], spans


def physical_lines(row: dict) -> list[list[str]]:
    """The printed lines of a golden row: its sub-items' cells for a merged entry, else its cells."""
    return [sub["cells"] for sub in row["sub_items"]] if row.get("sub_items") else [row["cells"]]


def field_rows(fields: list[list[list[str]]], ncols: int) -> tuple[list[list[str]], dict[tuple[int, int], tuple[int, int]]]:
    """Given a form's field rows (label/value pairs), return them as grid rows: each value spans the columns left."""
    rows, spans = [], {}
    for r, pairs in enumerate(fields):
        width = (ncols - len(pairs)) // len(pairs)  # columns per value; the last value takes what remains
        row: list[str] = []
        for n, (label, value) in enumerate(pairs):
            span = width if n < len(pairs) - 1 else ncols - len(row) - 1
            if span > 1:
                spans[(r, len(row) + 1)] = (1, span)
            row += [label, value] + [""] * (span - 1)
        rows.append(row)
    return rows, spans


def printable_table(gold: dict) -> rp.Table:
    """Given a golden table with rows, return the table render_pdfs prints: header rows, body lines, merges.

    A form (绩效目标表) prints its field rows (项目名称, 主管部门 …) above the indicator header, once.
    """
    head, spans = header_levels(gold["header"])
    if gold.get("fields"):
        fields, field_spans = field_rows(gold["fields"], len(gold["header"]))
        shifted = {(r + len(fields), c): span for (r, c), span in spans.items()}
        head, spans = fields + head, {**field_spans, **shifted}
    rows = [list(r) for r in head]
    merges: dict[int, rp.Merge] = {}
    for row in gold["rows"]:
        lines = physical_lines(row)
        if len(lines) > 1:  # the columns empty on every continuation line are spanned by the first line
            cols = tuple(c for c in range(len(lines[0])) if all(line[c] == "" for line in lines[1:]))
            merges[len(rows)] = rp.Merge(height=len(lines), cols=cols)
        rows += [list(line) for line in lines]
    return rp.Table(rows=rows, merges=merges, head_rows=len(head), head_spans=spans, repeat_header=not gold.get("form"))


def caption_blocks(gold: dict) -> list[rp.Block]:
    """The lines printed above a generated table: its caption, then the issuer and unit line if it has one."""
    blocks: list[rp.Block] = [rp.Para(text=gold["caption"], centred_title=True)]
    if gold.get("issuer") or gold.get("unit"):
        left = f"{gold.get('issuer_label', '编制部门')}:{gold['issuer']}" if gold.get("issuer") else ""
        blocks.append(rp.SplitLine(left=left, right=f"单位:{gold['unit']}" if gold.get("unit") else ""))
    return blocks


def corpus_annex(stem: str) -> list[rp.Block]:
    """The annex of a corpus report as render_pdfs parses it, from the first golden caption (or its 附件 label) on."""
    blocks = rp.parse_report(stem).blocks
    first_caption = load_golden(stem)[0]["caption"]
    start = next(i for i, b in enumerate(blocks) if isinstance(b, rp.Para) and clean(b.text) == first_caption)
    if start and isinstance(blocks[start - 1], rp.Para) and blocks[start - 1].text.startswith(ANNEX_LABEL_PREFIX):
        start -= 1
    return blocks[start:]


def clean(text: str) -> str:
    """A caption as the golden files write it (NFKC, no space touching CJK)."""
    from extractors.normalize import clean_line

    return clean_line(text)


def document_blocks(stem: str) -> list[rp.Block]:
    """The blocks to print for a document: its annex with every table printed from the golden file."""
    golden = [g for g in load_golden(stem) if g["rows"]]
    if (GOLDEN_TABLES / f"{stem}.json").exists():  # a corpus report: its own text, golden tables swapped in
        blocks = corpus_annex(stem)
        tables = iter(golden)
        return [printable_table(next(tables)) if isinstance(b, rp.Table) else b for b in blocks]
    blocks = []
    for gold in load_golden(stem):
        blocks += caption_blocks(gold)
        if gold["rows"]:
            blocks.append(printable_table(gold))
        blocks += [rp.Para(text=line) for line in gold.get("after", [])]
    return blocks


@cache
def _document(stem: str) -> rp.Report:
    """The render_pdfs report of a document, built once."""
    return rp.Report(stem=stem, title=document_title(stem), blocks=document_blocks(stem))


def document(stem: str) -> rp.Report:
    """The render_pdfs report of a document, before any layout is applied (a copy: callers may change it)."""
    return copy.deepcopy(_document(stem))


def split_table(table: rp.Table, breaks: list[int], repeat_header: bool) -> list[rp.Table]:
    """Given a table and body-line positions, return its parts with a page forced before each position.

    Position p breaks before body line p (0: right after the header). A merged entry cut by a break
    keeps its spanned text in the part above; the part below spans empty cells, as Word and
    LibreOffice print a row-spanned cell split over a page. Every part keeps the whole table's
    column widths; the header is printed again on a new part only if `repeat_header`.
    """
    natural = [rp.natural_len(table, c) for c in range(table.ncols)]
    head = table.rows[: table.head_rows]
    cuts = [0] + sorted({b for b in breaks if 0 <= b <= len(table.rows) - table.head_rows}) + [len(table.rows) - table.head_rows]
    parts = []
    for n, (start, end) in enumerate(zip(cuts, cuts[1:])):
        if start == end and n:
            continue
        first, last = table.head_rows + start, table.head_rows + end  # absolute row range [first, last)
        with_head = n == 0 or repeat_header
        offset = (table.head_rows if with_head else 0) - first
        merges = {}
        for anchor, merge in table.merges.items():
            lo, hi = max(anchor, first), min(anchor + merge.height, last)
            if hi - lo > 1:
                merges[lo + offset] = rp.Merge(height=hi - lo, cols=merge.cols)
        parts.append(
            replace(
                table,
                rows=(head if with_head else []) + table.rows[first:last],
                merges=merges,
                head_rows=table.head_rows if with_head else 0,
                head_spans=table.head_spans if with_head else {},
                break_before=n > 0,
                natural=natural,
            )
        )
    return parts
