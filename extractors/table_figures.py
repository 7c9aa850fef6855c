"""Table cells as figures: each typed amount, percent or score cell of a table becomes a `Figure`
marked `source="table"`, with the table's unit, the row's and the column's names as what it measures,
and the table/row/column as its provenance.

The unit of a bare number is the table's unit line (`Table.unit`, set by the tables stage from
`单位:万元`), else the cell's own (a header such as `预算金额(万元)`), else a 单位 line printed with the
caption. Row keys (序号), budget-subject codes and plain numbers of a table without a money unit are
not figures.
"""

from __future__ import annotations

import bisect
from decimal import Decimal

from extractors import numbers, patterns
from extractors.normalize import normalize_unicode
from extractors.taxonomy import Taxonomy, find_hits_outside, taxonomy
from pipeline.models import Cell, Figure, Report, Row, Table

# Cell kinds that are figures by themselves, and the figure kind each becomes.
FIGURE_KIND_OF_CELL = {"amount": "amount", "percent": "rate", "score": "score"}
# How far after a table's start (characters of the report text) its caption's unit line may stand.
UNIT_LINE_WINDOW = 200


def table_unit(report: Report, table: Table) -> str | None:
    """Return the money unit of a table: its unit line, else a 单位 line in its caption, note or just above it."""
    if table.unit:
        return table.unit
    texts = [table.caption or "", table.note or ""]
    if table.start is not None and report.text:
        texts.append(report.text[max(0, table.start - UNIT_LINE_WINDOW) : table.start + UNIT_LINE_WINDOW])
    for text in texts:
        match = patterns.TABLE_UNIT.search(text)
        if match:
            return match["unit"]
    return page_unit(report, table)


def page_unit(report: Report, table: Table) -> str | None:
    """Return the money unit printed on a PDF table's first page (金额单位:万元) when the page names only one."""
    pages = [p for p in report.pages if table.pages and p.number == table.pages[0]]
    if not pages:
        return None
    units = {m["unit"] for m in patterns.TABLE_UNIT.finditer(normalize_unicode(pages[0].text).replace(" ", ""))}
    return units.pop() if len(units) == 1 else None


def is_label_column(header: str) -> bool:
    """Tell whether a column holds row keys or codes (序号, 科目编码), never figures."""
    return bool(patterns.KEY_HEADER.match(header) or patterns.CODE_HEADER.search(header))


def row_label(row: Row, header: list[str], col: int | None = None) -> str | None:
    """Return the row's name for the cell in column `col`: the text cells left of it since the last value
    cell (a side-by-side 收入 | 支出 table names each half on its own), outside key and code columns, joined by `/`."""
    cells = list(enumerate(row.cells))[:col] if col is not None else list(enumerate(row.cells))
    names: list[str] = []
    for i, cell in cells:
        if cell.kind == "text" and cell.text and not is_label_column(column_name(header, i)):
            names.append(cell.text)
        elif cell.kind != "text" and not is_label_column(column_name(header, i)) and names and col is not None:
            names = []  # a value (or blank value) cell ends the previous half's label
    return "/".join(names) or None


def column_name(header: list[str], index: int) -> str:
    """Return the header of column `index` ('' when the table has no header there)."""
    return header[index] if index < len(header) else ""


def cell_kind_and_unit(cell: Cell, header: str, unit: str | None) -> tuple[str, str] | None:
    """Return (figure kind, printed unit) of a cell, or None when it is not a figure."""
    if cell.value is None or cell.masked:
        return None
    if cell.kind in FIGURE_KIND_OF_CELL:
        kind = FIGURE_KIND_OF_CELL[cell.kind]
        return kind, cell.unit or {"amount": unit, "rate": "%", "score": "分"}[kind] or ""
    if cell.kind == "number" and unit and not is_label_column(header) and not patterns.SUBJECT_CODE.match(cell.text):
        return "amount", unit  # a bare number under the table's unit line (金额单位:万元)
    return None


def cell_value(kind: str, number: Decimal, unit: str) -> Decimal:
    """Given a cell's kind, number and unit, return the figure's normalised value (yuan, fraction, number)."""
    if kind == "amount" and unit:
        return numbers.amount_in_yuan(number, unit)
    if kind == "rate":
        return numbers.rate_fraction(number)
    return numbers.plain(number)


def head_hit_key(texts: tuple[str, ...], words_by_key: dict[str, tuple[str, ...]], blockers: tuple[str, ...]) -> str | None:
    """Return the key of the last trigger (then the longest) in the first of `texts` that holds any, else None.

    A Chinese noun phrase ends in its head: 一般公共预算财政拨款“三公”经费支出决算表 is a 三公 table. A trigger
    overlapping a longer one is not a word of its own (评价结果 inside 财政重点评价结果汇总).
    """
    for text in texts:
        hits = find_hits_outside(text, words_by_key, blockers)
        hits = [h for h in hits if not any(o.start < h.end and h.start < o.end and len(o.word) > len(h.word) for o in hits)]
        if hits:
            return max(hits, key=lambda h: (h.end, len(h.word))).key
    return None


def row_labels(row: Row, label_columns: set[int]) -> list[str | None]:
    """Return the row's name for each of its cells in one pass: what `row_label(row, header, col)` gives for every `col`."""
    labels: list[str | None] = []
    names: list[str] = []
    for i, cell in enumerate(row.cells):
        labels.append("/".join(names) or None)
        if i in label_columns:
            continue
        if cell.kind == "text" and cell.text:
            names.append(cell.text)
        elif cell.kind != "text" and names:
            names = []  # a value (or blank value) cell ends the previous half's label
    return labels


class MetricFinder:
    """(process, role) for the cells of one table, each caption, row name and header scanned once per taxonomy part.

    `head_hit_key` takes the first of its texts that holds a trigger, so the key of each text alone,
    remembered, gives the same answer as scanning caption, row and column again for every cell.
    """

    def __init__(self, caption: str, tax: Taxonomy):
        self.caption = caption
        self.tax = tax
        self.words = {"process": tax.processes}
        self.keys: dict[tuple[str, str], str | None] = {}

    def key_of(self, text: str, part: str) -> str | None:
        """Return head_hit_key of one text for `process` or a figure kind's roles (remembered)."""
        if (text, part) not in self.keys:
            if part not in self.words:
                self.words[part] = {r.key: r.triggers for r in self.tax.roles_for_kind(part)}
            self.keys[text, part] = head_hit_key((text,), self.words[part], self.tax.not_triggers)
        return self.keys[text, part]

    def metric(self, label: str | None, header: str, kind: str) -> tuple[str | None, str | None]:
        """Return (process, role) of a cell: the process from the caption, then the row, then the column;
        the role from the column (预算金额, 得分: what every cell under it measures), then the row, then the caption."""
        process = next((k for t in (self.caption, label or "", header) if (k := self.key_of(t, "process"))), None)
        role = next((k for t in (header, label or "", self.caption) if (k := self.key_of(t, kind))), None)
        return process, role


def table_figures(report: Report, first_index: int = 0) -> list[Figure]:
    """Return a figure for every typed amount, percent or score cell of the report's tables, numbered from `first_index`."""
    tax = taxonomy()
    figures: list[Figure] = []
    for table in report.tables:
        if table.no_table:
            continue
        unit = table_unit(report, table)
        finder = MetricFinder(table.caption or "", tax)
        width = max((len(row.cells) for row in table.rows), default=0)
        headers = [column_name(table.header, col) for col in range(width)]
        label_columns = {col for col, header in enumerate(headers) if is_label_column(header)}
        for row in table.rows:
            printed_row = "\t".join(c.text for c in row.cells)
            labels = row_labels(row, label_columns)
            whole_row_label: list[str | None] = []  # the row's name from all its text cells, read when first needed
            for col, cell in enumerate(row.cells):
                header = headers[col]
                typed = cell_kind_and_unit(cell, header, unit)
                if typed is None:
                    continue
                label = labels[col]
                if label is None:
                    if not whole_row_label:
                        whole_row_label.append(row_label(row, table.header))
                    label = whole_row_label[0]
                kind, cell_unit = typed
                process, role = finder.metric(label, header, kind)
                figures.append(
                    Figure(
                        surface=cell.text,
                        kind=kind,
                        value=cell_value(kind, cell.value, cell_unit),
                        unit=cell_unit or None,
                        start=None,
                        end=None,
                        page=cell.page or row.page or (table.pages[0] if table.pages else 1),
                        sentence=printed_row,
                        noun=label,
                        metric=f"{process}.{role}" if process and role else None,
                        process=process,
                        role=role,
                        index=first_index + len(figures),
                        source="table",
                        table_index=table.index,
                        row_index=row.index,
                        column_index=col,
                        column=header or None,
                    )
                )
    return figures


# The most characters a flattened table may run past its unit line before a sentence stop ends it.
FLATTENED_TABLE_CHARS = 5000


def flattened_runs(text: str) -> list[tuple[int, int, str]]:
    """Return (start, end, unit) of each table that lost its line breaks inside a paragraph: from its unit
    line or money-unit header to the next sentence stop, the next such start, or FLATTENED_TABLE_CHARS."""
    starts = list(patterns.FLATTENED_TABLE_START.finditer(text))
    runs = []
    for i, match in enumerate(starts):
        limit = min(starts[i + 1].start() if i + 1 < len(starts) else len(text), match.end() + FLATTENED_TABLE_CHARS)
        stop = text.find("。", match.end(), limit)
        runs.append((match.end(), stop if stop >= 0 else limit, match["unit"]))
    return runs


def prose_paragraph_at(starts: list[int], prose: list, start: int, end: int):
    """Return the body or heading paragraph holding [start, end), else None (`starts` are the prose paragraphs' starts)."""
    i = bisect.bisect_right(starts, start) - 1
    if i >= 0 and prose[i].start <= start and end <= prose[i].end:
        return prose[i]
    return None


def flattened_cell_figures(report: Report, taken: list[tuple[int, int]], first_index: int = 0) -> list[Figure]:
    """Return the money cells of tables flattened into body text (web pages that lost their line breaks) as
    table figures in the run's unit, with their offsets and row name; numbers already read as text figures stay out.

    A run may cross paragraphs (a flattened table's row labels 一、财政拨款 look like headings); it must
    start in prose, and only cells in body or heading paragraphs count (real tables are the tables stage's).
    """
    figures: list[Figure] = []
    occupied = sorted(taken)
    prose = [p for p in report.paragraphs if p.kind in ("body", "heading")]
    starts = [p.start for p in prose]
    for run_start, run_end, unit in flattened_runs(report.text):
        if prose_paragraph_at(starts, prose, run_start - 1, run_start) is None:
            continue
        previous_end = run_start
        for match in patterns.FLATTENED_MONEY_CELL.finditer(report.text, run_start, run_end):
            start, end = match.start(), match.end()
            paragraph = prose_paragraph_at(starts, prose, start, end)
            if paragraph is None or overlaps_any(occupied, start, end):
                previous_end = end
                continue
            # The row name may stand in the paragraph before (a row label 一、… read as a heading).
            name = patterns.ROW_NAME_BEFORE.search(report.text[max(previous_end, start - 60) : start].rstrip())
            previous_end = end
            figures.append(
                Figure(
                    surface=report.text[start:end],
                    kind="amount",
                    value=numbers.amount_in_yuan(numbers.parse_number(match.group()), unit),
                    unit=unit,
                    start=start,
                    end=end,
                    page=report.page_at(start),
                    sentence=report.text[max(paragraph.start, start - 40) : min(paragraph.end, end + 10)],
                    paragraph=paragraph.index,
                    section_path=report.section_path(paragraph.section) or None,
                    noun=name.group() if name else None,
                    index=first_index + len(figures),
                    source="table",
                )
            )
    return figures


def overlaps_any(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Tell whether [start, end) overlaps one of `spans` (sorted by start, not overlapping each other)."""
    i = max(bisect.bisect_left(spans, (start, start)) - 1, 0)
    return any(a < end and start < b for a, b in spans[i : i + 3])
