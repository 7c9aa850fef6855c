"""Tables of a text report: tab-separated blocks, their captions, and captions printed with no table.

Given `Report.blocks` (clean has already joined a table split by page breaks into one tabular
block, one row per line, cells tab-separated), return the report's tables as typed
`pipeline.models.Table`s built by `extractors.tables.rows.build_table`.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractors import patterns
from extractors.segment import find_annex_start
from extractors.tables.captions import Labels, is_caption_text, is_caption_without_table, is_label_line, numbering_scheme, read_labels
from extractors.tables.rows import RawRow, build_table
from pipeline.models import Block, Report, Table

METHOD = "text-tabs"
# How many non-table blocks above a table may separate it from its caption (a unit line, say).
CAPTION_LOOKBACK = 2


@dataclass
class Line:
    """One line of a tabular block: its cells and the page it is printed on."""

    cells: list[str]
    page: int


def block_lines(report: Report, block: Block) -> list[Line]:
    """Given a tabular block, return its non-blank lines split into cells, each with its page."""
    lines: list[Line] = []
    offset = 0
    for text in block.text.split("\n"):
        if text.strip():
            lines.append(Line(text.split("\t"), report.page_at(block.start + offset)))
        offset += len(text) + 1
    return lines


def continues_header(header: list[str], line: list[str]) -> bool:
    """Tell whether a line under the header is the header's second printed line (`评定` / `级别`).

    It must leave the first column empty, hold no figure and sit within the header's columns.
    """
    filled = [cell for cell in line if cell.strip()]
    return (
        len(line) <= len(header)
        and bool(filled)
        and not line[0].strip()
        and not any(patterns.NUMBER_CELL.match(c.strip()) or patterns.MASKED_CELL.match(c.strip()) for c in filled)
        and not any(patterns.TOTAL_CELL.match(c.strip()) or patterns.SECTION_CELL.match(c.strip()) for c in filled)
    )


def split_header(lines: list[Line]) -> tuple[list[str], list[Line]]:
    """Given a table's lines, return its header (continuation lines joined cell by cell) and body lines."""
    header = list(lines[0].cells)
    body = lines[1:]
    while body and continues_header(header, body[0].cells):
        for i, cell in enumerate(body[0].cells):
            header[i] = f"{header[i]}\n{cell}" if cell.strip() else header[i]
        body = body[1:]
    return header, body


def caption_above(blocks: list[Block], index: int) -> int | None:
    """Return the index of the caption block above the tabular block at `index`, if there is one."""
    for i in range(index - 1, max(index - 1 - CAPTION_LOOKBACK, -1), -1):
        block = blocks[i]
        if block.tabular:
            return None
        if is_label_line(block.text):
            continue
        return i if is_caption_text(block.text) else None
    return None


def labels_above(blocks: list[Block], index: int) -> Labels:
    """Return what the label blocks (编制部门:…, 单位:万元) just above the tabular block at `index` say."""
    texts = []
    for i in range(index - 1, max(index - 1 - CAPTION_LOOKBACK, -1), -1):
        if blocks[i].tabular or not is_label_line(blocks[i].text):
            break
        texts.append(blocks[i].text)
    return read_labels(texts)


def table_from_block(report: Report, index: int, blocks: list[Block], at: int, caption_at: int | None) -> Table:
    """Build the Table of the tabular block at `at`, captioned by the block at `caption_at`."""
    block = blocks[at]
    lines = block_lines(report, block)
    header, body = split_header(lines)
    caption = blocks[caption_at].text if caption_at is not None else None
    pages = [line.page for line in lines]
    labels = labels_above(blocks, at)
    table = build_table(
        index,
        caption,
        header,
        [RawRow(line.cells, page=line.page) for line in body],
        method=METHOD,
        pages=pages,
        quality={"header_lines": len(lines) - len(body)},
        unit=labels.unit,
        issuer=labels.issuer,
    )
    table.start = blocks[caption_at].start if caption_at is not None else block.start
    table.end = block.end
    return table


def captionless_table(report: Report, index: int, blocks: list[Block], at: int, stop: int) -> Table:
    """Return a `no_table` Table for the numbered caption at `at`, noting the stray lines before `stop`."""
    block = blocks[at]
    stray = [b.text for b in blocks[at + 1 : stop] if not b.tabular and b.text]
    note = "No table is printed under this caption"
    if stray:
        note += "; the text that follows it is not a table: " + " / ".join(f"«{text}»" for text in stray)
    page = report.page_at(block.start)
    return Table(
        index=index,
        caption=block.text,
        header=[],
        rows=[],
        pages=[page],
        method=METHOD,
        quality={"entries": 0},
        start=block.start,
        end=blocks[stop - 1].end if stop > at + 1 else block.end,
        no_table=True,
        note=note,
    )


def find_text_tables(report: Report) -> list[Table]:
    """Given a cleaned text report, return its tables in document order, with captionless captions.

    A numbered caption line in the annexes (`(3) …`, `表3 …`) with no tabular block under it is
    recorded as a `no_table` Table when it names a table and is numbered like the tables' captions
    (`captions.is_caption_without_table`, the PDF finder's rule); the lines after it are mentioned in
    its note, never made rows.
    """
    blocks = report.blocks
    annexes = find_annex_start(blocks, 0)
    captions = {caption_above(blocks, i): i for i, b in enumerate(blocks) if b.tabular}
    captions.pop(None, None)
    schemes = {numbering_scheme(blocks[c].text) for c in captions if patterns.TABLE_CAPTION_NUMBER.match(blocks[c].text)}
    numbered = [
        i
        for i in range(annexes, len(blocks))
        if not blocks[i].tabular and patterns.TABLE_CAPTION_NUMBER.match(blocks[i].text) and is_caption_text(blocks[i].text)
    ]
    tables: list[Table] = []
    for i, block in enumerate(blocks):
        if block.tabular:
            caption_at = next((c for c, t in captions.items() if t == i), None)
            tables.append(table_from_block(report, len(tables), blocks, i, caption_at))
        elif i in numbered and i not in captions and is_caption_without_table(block.text, schemes):
            stop = next((j for j in range(i + 1, len(blocks)) if blocks[j].tabular or j in numbered or j in captions), len(blocks))
            tables.append(captionless_table(report, len(tables), blocks, i, stop))
    return tables
