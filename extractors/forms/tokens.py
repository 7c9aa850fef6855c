"""A form as a stream of cell tokens, each with where it was read (raw page text or a table row).

A form flattened into one line, into tab-separated lines or read as a PDF table is the same
sequence of cells; reading that sequence is one job (extractors/forms/read.py) whatever the source.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extractors.forms import patterns
from extractors.normalize import clean_line
from pipeline.models import Provenance, Table

# A run of whitespace between two cells of a form flattened into one line.
FLAT_SEPARATOR = regex.compile(r"\s+")
# A tab between two cells of a tab-separated line.
TAB_SEPARATOR = regex.compile(r"\t+")
# Labels a flattened line may split into fragments (产 出 指 标 （50分）, 经济效益 指标, 二级 指标).
SPLIT_LABELS = [
    patterns.LEVEL1,
    patterns.LEVEL2,
    regex.compile(r"^(?:一级指标|二级指标|三级指标|指标解释|评分标准|年度指标值|绩效目标值|实际完成值|指标分值|自评得分|偏差原因分析及改进措施)$"),
    regex.compile(r"^(?:年度总体目标(?:完成情况)?|年度绩效目标完成情况|绩效目标完成情况)$"),
    regex.compile(r"^(?:实际到位金额|实际支出金额|本年度结余金额)[①-⑩]$"),
    regex.compile(r"^(?:合计|总分)$"),
]
# How many fragments a split label may have (产 出 指 标 （50分） is five).
MAX_FRAGMENTS = 8
# How far past the previous cell (in characters of the cleaned text) the next cell of a form may start.
CELL_REACH = 300


@dataclass
class Token:
    """One cell of a form: its cleaned text and where it came from."""

    text: str
    page: int | None = None
    start: int | None = None  # offsets into the raw page text
    end: int | None = None
    table: int | None = None
    row: int | None = None
    text_start: int | None = None  # offsets into Report.text, once located there (locate_in_text)
    text_end: int | None = None
    text_page: int | None = None  # the page Report.text places it on

    def provenance(self, last: Token | None = None) -> Provenance:
        """Return the provenance of this token, or of the span from it to `last`."""
        if self.table is not None:
            return Provenance(source="table", page=self.page, table=self.table, row=self.row)
        last = last or self
        return Provenance(source="text", page=self.text_page or self.page, start=self.text_start, end=last.text_end, raw_start=self.start, raw_end=last.end)


def normalise_cell(text: str) -> str:
    """Clean a cell as a reader reads it, keeping circled numbers (NFKC would turn ① into 1)."""
    parts = patterns.CIRCLED.split(text)
    marks = patterns.CIRCLED.findall(text)
    out = clean_line(parts[0])
    for mark, part in zip(marks, parts[1:]):
        out += mark + clean_line(part)
    return out


def text_tokens(text: str, page: int, offset: int = 0) -> list[Token]:
    """Given raw text holding a form, return its cells: a line with tabs splits at tabs, any other line at spaces.

    Deciding per line keeps a flattened form readable when a tab-separated table follows it on the page.
    """
    tokens: list[Token] = []
    line_start = 0
    for line in text.split("\n"):
        separator = TAB_SEPARATOR if "\t" in line else FLAT_SEPARATOR
        position = 0
        for match in [*separator.finditer(line), None]:
            stop = match.start() if match else len(line)
            cell = normalise_cell(line[position:stop])
            if cell:
                tokens.append(Token(cell, page=page, start=offset + line_start + position, end=offset + line_start + stop))
            position = match.end() if match else len(line)
        line_start += len(line) + 1
    return join_split_labels(tokens)


def table_cell_text(text: str) -> str:
    """Clean a table cell's printed text, joining a number its narrow cell wrapped (`99. 60` → `99.60`)."""
    cell = normalise_cell(text)
    return cell.replace(" ", "") if patterns.WRAPPED_NUMBER.match(cell) else cell


def table_tokens(table: Table) -> list[Token]:
    """Given a table holding a form, return its caption, header and cells in reading order (empty cells dropped)."""
    page = table.pages[0] if table.pages else None
    tokens = [Token(normalise_cell(table.caption), page=page, table=table.index, row=-2)] if table.caption else []
    rows = header_rows(table.header)
    fields = table.field_rows
    for i, field_row in enumerate(fields):  # a form's field rows, printed above its header; numbered below the header rows and the caption (-2)
        for cell in field_row.cells:
            if text := table_cell_text(cell.raw or cell.text):
                tokens.append(Token(text, page=cell.page or field_row.page or page, table=table.index, row=i - len(fields) - len(rows) - 2))
    for i, row in enumerate(rows):  # header rows numbered -depth … -1, so a header field's value stops at its row's end
        tokens += [Token(normalise_cell(text), page=page, table=table.index, row=i - len(rows)) for text in row]
    for row in table.rows:
        for cell in row.cells:
            text = table_cell_text(cell.raw or cell.text)  # the printed text keeps ①…⑧, which the table's cleaning made digits
            if text:  # equal neighbours stay: `10 10` is a weight and its score, `— — —` three placeholders
                tokens.append(Token(text, page=cell.page or row.page or page, table=table.index, row=row.index))
    return join_split_labels(tokens)


def join_split_labels(tokens: list[Token]) -> list[Token]:
    """Join runs of fragments that together spell a known label (产 出 指 标 （50分） → 产出指标(50分))."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        size = longest_label_at(tokens, i)
        if size > 1:
            first, last = tokens[i], tokens[i + size - 1]
            text = "".join(t.text for t in tokens[i : i + size])
            out.append(Token(text, first.page, first.start, last.end, first.table, first.row))
        else:
            out.append(tokens[i])
        i += max(size, 1)
    return out


def longest_label_at(tokens: list[Token], i: int) -> int:
    """Return how many tokens from `i` join into a known label (0 when none does)."""
    best, text = 0, ""
    for size in range(1, MAX_FRAGMENTS + 1):
        if i + size > len(tokens):
            break
        text += tokens[i + size - 1].text
        if any(p.match(text) for p in SPLIT_LABELS):
            best = size
    return best


def header_rows(header: list[str]) -> list[list[str]]:
    """Given a table header whose cells stack several printed rows joined by '/', return those rows.

    The PDF finder joins a column's header cells top-down, dropping empty ones and repeats, so a
    column with fewer parts than the header has rows lost its blanks. Each part is placed in the row
    where the column to its left shows the same text (a merged cell spans both), else a column's last
    part in the bottom row (column labels sit at the bottom), else in the next row; a cell repeating
    its left neighbour is kept once, so the form's header rows read as printed.
    """
    columns = [[part for part in patterns.HEADER_PART_SEPARATOR.split(cell) if part] for cell in header]
    depth = max((len(parts) for parts in columns), default=0)
    grid: list[list[str | None]] = []
    for parts in columns:
        left = grid[-1] if grid else [None] * depth
        placed: list[str | None] = [None] * depth
        row = 0
        for k, part in enumerate(parts):
            same = [i for i in range(row, depth) if left[i] == part]
            if same:
                row = same[0]
            elif len(parts) < depth and k == len(parts) - 1:
                row = max(row, depth - 1)
            placed[min(row, depth - 1)] = part
            row += 1
        grid.append(placed)
    rows = []
    for i in range(depth):
        row_cells: list[str] = []
        for placed in grid:
            if placed[i] and (not row_cells or row_cells[-1] != placed[i]):
                row_cells.append(placed[i])
        rows.append(row_cells)
    return rows



def locate_in_text(tokens: list[Token], text: str, page_at, cursor: int = 0) -> int:
    """Find each text token in the cleaned Report.text, in order from `cursor`; set its offsets and page; return the new cursor.

    The cleaned text is the same cells without the separators (spaces touching CJK were dropped),
    so each cell is found a little after the one before it; a cell the cleaning spelled otherwise
    (① became 1) is skipped and keeps no offsets.
    """
    for k, token in enumerate(tokens):
        reach = len(text) if k == 0 else cursor + CELL_REACH + len(token.text)
        spellings = dict.fromkeys([token.text, clean_line(token.text), token.text.replace(" ", "")])
        found = [(at, spelling) for spelling in spellings if spelling and (at := text.find(spelling, cursor, reach)) >= 0]
        if not found:
            continue
        at, spelling = min(found)
        token.text_start, token.text_end, token.text_page = at, at + len(spelling), page_at(at)
        cursor = token.text_end
    return cursor
