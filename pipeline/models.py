"""The dataclasses one report carries through the stages (see docs/architecture.md)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any


class Status(StrEnum):
    """Per-report outcome, kept in the database (docling-style)."""

    OK = "ok"
    PARTIAL = "partial"  # loaded, but a non-fatal stage error was recorded
    FAILED = "failed"  # nothing but the report row and its errors was stored
    SKIPPED = "skipped"  # unchanged since the last run (same sha256)
    DUPLICATE = "duplicate"  # the same bytes (or the same file) as a report already loaded


@dataclass
class StageError:
    """An error kept as data: which stage, what kind, what it said."""

    stage: str
    kind: str
    message: str
    fatal: bool = True
    page: int | None = None  # the page it is about, when it is about one page


@dataclass
class ManifestEntry:
    """What the corpus manifest says about one file."""

    file: str
    sha256: str
    title: str = ""
    issuer: str = ""
    region: str = ""
    admin_level: str = ""
    report_type: str = ""
    years: list[int] = field(default_factory=list)
    signing_date: str | None = None
    doc_number: str | None = None


@dataclass
class Page:
    """Raw text of one page as loaded; a text file is one page until clean infers breaks."""

    number: int
    text: str
    width: float | None = None
    height: float | None = None
    lines: list[Line] = field(default_factory=list)  # PDF only: lines with geometry
    has_text_layer: bool = True
    refused: str | None = None  # why the page was not read (over a page's bounds), else None


@dataclass
class Block:
    """A paragraph-sized piece of cleaned text: prose, a heading, or a run of table lines."""

    text: str
    page: int
    start: int = 0  # offsets into Report.text, set when the cleaned text is assembled
    end: int = 0
    tabular: bool = False
    end_page: int | None = None  # the page the block ends on
    page_offsets: list[tuple[int, int]] = field(default_factory=list)  # (offset in `text`, page) where each page begins


@dataclass
class Section:
    """A heading and the text under it; `parent` indexes Report.sections."""

    index: int
    level: int
    marker: str
    title: str
    page: int
    start: int
    end: int
    parent: int | None = None

    @property
    def heading(self) -> str:
        """The heading as printed: marker then title."""
        return f"{self.marker}{self.title}"


@dataclass
class Sentence:
    """One sentence of a paragraph, with offsets into Report.text."""

    index: int
    text: str
    start: int
    end: int
    page: int


@dataclass
class Paragraph:
    """A body paragraph (or a heading line) with its sentences."""

    index: int
    kind: str  # "body" | "heading" | "front" (title, addressee, signature) | "table"
    text: str
    page: int
    start: int
    end: int
    section: int | None = None
    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class Cell:
    """One table cell: printed text, cleaned text and typed value."""

    raw: str
    text: str
    value: Decimal | None = None
    kind: str = "text"  # text | amount | number | score | grade | percent | masked | empty
    unit: str | None = None
    masked: bool = False
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None


@dataclass
class Row:
    """A table row; a merged entry keeps its physical lines as `sub_items`."""

    index: int
    kind: str  # data | section | total
    cells: list[Cell]
    page: int | None = None
    section: int | None = None  # index of the section row this row belongs to
    sub_items: list[Row] = field(default_factory=list)


@dataclass
class Table:
    """A recovered table with the method that produced it and a quality report."""

    index: int
    caption: str | None
    header: list[str]
    rows: list[Row]
    pages: list[int]
    method: str
    quality: dict[str, Any] = field(default_factory=dict)
    start: int | None = None  # offsets of the caption/table in Report.text (text reports)
    end: int | None = None
    no_table: bool = False  # a caption printed with no table under it
    note: str | None = None
    unit: str | None = None
    issuer: str | None = None
    # A project form's fields (项目名称, 主管部门 …) printed above its indicator table: rows of [label, value] pairs.
    fields: list[list[list[str]]] | None = None
    field_rows: list[Row] = field(default_factory=list)  # the same field rows as printed, cells typed (raw text, page, box)


@dataclass
class Figure:
    """A key figure found in a sentence, normalised, with what it measures and where it is."""

    surface: str
    kind: str  # amount | rate | count | score | multiple | date
    value: Decimal | str
    unit: str | None
    start: int
    end: int
    page: int
    sentence: str
    paragraph: int | None = None
    section_path: str | None = None
    approx: str | None = None  # approx | lower | upper
    noun: str | None = None
    metric: str | None = None
    process: str | None = None
    role: str | None = None
    part_of: int | None = None  # index of the total figure this is a 其中 part of
    index: int = 0
    source: str = "text"  # text (a sentence) | table (a typed cell of a table)
    table_index: int | None = None  # table figures: Table.index, the row's index and the column's index and name
    row_index: int | None = None
    column_index: int | None = None
    column: str | None = None


@dataclass
class CheckInput:
    """One number an audit check used, with where it came from."""

    surface: str
    value: Decimal | None
    source: str  # e.g. "table 1 row 76 col 预算金额(万元)" or "sentence 12"
    page: int | None = None
    unit: str | None = None  # the unit the number is printed in (万元, %, 元); None for a plain table number


@dataclass
class Check:
    """An audit check: a stated value against the value recomputed from its parts."""

    kind: str
    status: str  # pass | fail | unverifiable
    stated: Decimal | None
    computed: Decimal | None
    tolerance: Decimal
    message: str
    stated_source: str = ""
    inputs: list[CheckInput] = field(default_factory=list)
    page: int | None = None
    unit: str | None = None  # the unit of `stated`/`computed` as printed (万元, %, 分...); None for plain numbers

    @property
    def difference(self) -> Decimal | None:
        """Stated minus computed, when both are known."""
        if self.stated is None or self.computed is None:
            return None
        return self.stated - self.computed


@dataclass
class Report:
    """Everything known about one input file; each stage fills some fields."""

    path: Path
    sha256: str = ""
    format: str = ""  # txt | pdf
    name: str = ""  # the file name, the report's key in the database
    manifest: ManifestEntry | None = None
    encoding: str | None = None
    pages: list[Page] = field(default_factory=list)
    pdf_tables: list[Table] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    text: str = ""
    page_starts: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, page number)
    page_count: int = 0
    title: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    signing_date: str | None = None
    addressee: str | None = None
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    errors: list[StageError] = field(default_factory=list)
    stages_run: list[str] = field(default_factory=list)
    table_figures: list[Figure] = field(default_factory=list)  # typed table cells as figures (source "table"), apart from the text's
    assessments: list[Assessment] = field(default_factory=list)  # forms stage: 绩效自评表 read as data
    header: dict[str, str] = field(default_factory=dict)  # a web export's labelled header lines (标题, 发布机构 …)
    metadata: dict[str, MetaValue] = field(default_factory=dict)  # title, issuer, years, region … each with its source
    contents: list[ContentsEntry] = field(default_factory=list)  # the printed table of contents (not the heading tree)
    duplicate_of: str | None = None  # the path of the report this file is a copy of (not processed)
    encoding_confidence: float | None = None  # text files: how plausibly the chosen encoding reads the text (0-1)

    @property
    def status(self) -> Status:
        """Duplicate if it is another report's copy, failed if any fatal error, partial if only non-fatal ones, else ok."""
        if self.duplicate_of:
            return Status.DUPLICATE
        if any(e.fatal for e in self.errors):
            return Status.FAILED
        return Status.PARTIAL if self.errors else Status.OK

    def page_at(self, offset: int) -> int:
        """Return the page number of a character offset in the cleaned text."""
        if not self.page_starts:
            return 1
        i = bisect.bisect_right(self.page_starts, offset, key=lambda ps: ps[0]) - 1
        return self.page_starts[max(i, 0)][1]

    def section_path(self, section: int | None) -> str:
        """Return the headings from the top down to `section`, joined by ' > '."""
        parts: list[str] = []
        while section is not None:
            parts.append(self.sections[section].heading)
            section = self.sections[section].parent
        return " > ".join(reversed(parts))



@dataclass
class Line:
    """One text line of a PDF page with its box, as pdfplumber reads it."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    char_width: float


@dataclass
class MetaValue:
    """One metadata field's value and where it was read: manifest, header, title, cover, first_page, signature, gazetteer."""

    value: str | list[int]
    source: str


@dataclass
class ContentsEntry:
    """One entry of a printed table of contents: the heading it names and the page it points to."""

    index: int
    title: str
    page_ref: int | None  # the page number printed after the entry, if any
    page: int  # the page the entry is printed on


@dataclass
class FormValue:
    """A target or actual value of an indicator: as printed, and parsed into operator, number and unit."""

    text: str
    operator: str | None = None  # ≥ ≤ > < = ; None when qualitative
    number: Decimal | None = None
    unit: str | None = None
    kind: str = "qualitative"  # quantitative | qualitative | empty


@dataclass
class Provenance:
    """Where a value of a form was read: offsets in Report.text and in the raw page text (text sources), or a table row."""

    source: str  # "text" (read from the raw page text) | "table" (Report.tables)
    page: int | None = None
    start: int | None = None  # offsets into Report.text (the cleaned text), text sources only, when located there
    end: int | None = None
    table: int | None = None  # Table.index, table sources only
    row: int | None = None  # Row.index, table sources only
    raw_start: int | None = None  # offsets into Report.pages[page-1].text as loaded, text sources only
    raw_end: int | None = None


@dataclass
class Indicator:
    """One indicator row of a performance self-assessment form (绩效自评表)."""

    index: int
    level1: str | None
    level2: str | None
    level3: str
    target: FormValue
    actual: FormValue
    weight: Decimal | None
    score: Decimal | None
    deviation: str | None = None
    extra: dict[str, str] = field(default_factory=dict)  # other printed columns (指标解释, 评分标准, 指标性质…)
    provenance: Provenance | None = None


@dataclass
class FundsLine:
    """One printed row of a form's funds block: its label, its role and its values by column."""

    label: str
    role: str  # total | fiscal | carryover | other | basic | project | part (①中央…, under fiscal) | other_part (under other)
    values: dict[str, Decimal | None]  # column key (initial_budget, full_budget, executed, weight, rate, score, …) → value
    printed: dict[str, str] = field(default_factory=dict)  # column key → printed text (placeholders — ∕ kept)


@dataclass
class Assessment:
    """One performance self-assessment form: header, funds block, overall goals, indicators, total score."""

    index: int
    kind: str  # project (项目支出) | department (部门整体支出 / 部门业务费) | budget_management (部门预算管理绩效考核)
    variant: str  # standard | fujian_2018 | tibet_budget_management
    title: str
    year: int | None = None
    project: str | None = None
    department: str | None = None  # 主管部门
    unit: str | None = None  # 实施单位
    funds: list[FundsLine] = field(default_factory=list)
    funds_unit: str | None = None  # 万元 as printed in the block's label
    goal_expected: str | None = None
    goal_actual: str | None = None
    indicators: list[Indicator] = field(default_factory=list)
    level_weights: dict[str, Decimal] = field(default_factory=dict)  # 一级指标 → weight printed beside it (产出指标（50分）)
    level_scores: dict[str, Decimal] = field(default_factory=dict)  # 一级指标 → score printed on its own row, when printed
    total_weight: Decimal | None = None
    total_score: Decimal | None = None
    grade: str | None = None  # 自评得分等次 (优秀…)
    provenance: Provenance | None = None

    def funds_line(self, role: str) -> FundsLine | None:
        """Return the first funds line with this role, if printed."""
        return next((line for line in self.funds if line.role == role), None)

