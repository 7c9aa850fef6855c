"""Seeded stress cases: which document, printed by which producer, with which layout and forced page breaks."""

from __future__ import annotations

import hashlib
import random
from dataclasses import asdict, dataclass, replace
from functools import cache
from pathlib import Path

from corpus import render_pdfs as rp
from tests.stress.documents import document, golden_path, split_table

# The generated documents in the layout Excel/WPS exports give 部门预算 PDFs (tests/golden/tables/stress/).
BUDGET = "department-budget-2025"
FORMS = "performance-targets-2025"  # two 项目支出绩效目标表 forms, printed on one page when no break is forced
# Producers of the stress corpus; `chromium-hf` is chromium with its default print header and footer
# (date, title / file URL, n/N) instead of a CSS footer.
PRODUCERS = ("reportlab", "chromium", "chromium-hf", "libreoffice")
PROGRAM_OF = {"reportlab": "reportlab", "chromium": "chromium", "chromium-hf": "chromium", "libreoffice": "libreoffice"}
# Cell font sizes drawn for narrow (at most 6 columns) and wide tables, in points.
NARROW_FONT_SIZES = (7.0, 8.0, 9.0, 10.0, 10.5)
WIDE_FONT_SIZES = (6.0, 6.5, 7.0, 7.5)
MARGIN_RANGE_MM = (10, 30)
FOOTERS_OF = {
    "reportlab": ("none", "hyphen", "page_of", "dash"),
    "chromium": ("none", "dash", "hyphen", "page_of"),
    "chromium-hf": ("none",),
    "libreoffice": ("page_of",),  # LibreOffice's 第 X 页 共 Y 页 footer
}
CONTINUED_LABEL = "续表"
# Drawn above the visible page box: a table line, so that reading it would add a row.
OFFPAGE_TEXT = "1 发改委 自治区动态应急地方储备粮保管费 385.39 90.40 优"
RULED_SHARE = {"reportlab": 0.6, "chromium": 0.4, "chromium-hf": 0.4, "libreoffice": 0.7}


@cache
def generator_digest(stem: str) -> str:
    """A digest of what a rendering is made from (render_pdfs, this package, the golden file): a change renders anew."""
    sources = [Path(rp.__file__), *sorted(Path(__file__).parent.glob("*.py")), golden_path(stem)]
    return hashlib.sha1(b"".join(p.read_bytes() for p in sources)).hexdigest()


@dataclass(frozen=True)
class Case:
    """One rendering of one document: producer, layout and the body lines a page break is forced before."""

    stem: str
    producer: str
    ruled: bool = True
    landscape: bool = False
    font_size: float | None = None  # None: render_pdfs's size by column count
    margins_mm: tuple[float, float, float, float] | None = None
    repeat_header: bool = True
    footer: str | None = None
    running_header: bool = False
    breaks: tuple[tuple[int, ...], ...] = ()  # per printed table: body-line positions with a page break before
    continued_label: bool = False  # a forced break puts `续表` above the table's next part
    offpage_text: bool = False  # reportlab: a table line drawn above every page's visible box (WPS exports)
    turn_at_breaks: bool = False  # reportlab: mixed orientation, the page turns at every forced break

    @property
    def name(self) -> str:
        """A short name that stays the same while the case's fields do (test ids, measurement lines)."""
        return f"{self.stem[:24]}.{self.producer}.{hashlib.sha1(repr(sorted(asdict(self).items())).encode()).hexdigest()[:10]}"

    @property
    def key(self) -> str:
        """The name plus a digest of the generator's sources: the file name of the case's cached rendering."""
        return f"{self.name}.{generator_digest(self.stem)[:8]}"

    @property
    def variant(self) -> str:
        """The layout class of the case, for grouping measurements: ruled/borderless, orientation, header."""
        rules = "ruled" if self.ruled else "borderless"
        header = "header-repeated" if self.repeat_header else "header-once"
        return f"{rules} {'landscape' if self.landscape else 'portrait'} {header}"

    def layout(self, title: str) -> rp.PageLayout:
        """The page layout render_pdfs prints this case with."""
        return rp.PageLayout(
            landscape=self.landscape,
            margins_mm=self.margins_mm,
            footer=self.footer,
            browser_header_footer=self.producer == "chromium-hf",
            running_header=title if self.running_header else None,
            offpage_text=OFFPAGE_TEXT if self.offpage_text else None,
            turn_at_breaks=self.turn_at_breaks,
        )


def printed_tables(report: rp.Report) -> list[rp.Table]:
    """The tables of a report in print order."""
    return [b for b in report.blocks if isinstance(b, rp.Table)]


@cache
def table_shapes(stem: str) -> tuple[tuple[int, int, bool], ...]:
    """(body lines, columns, is wide) of each printed table of a document, computed once."""
    return tuple((body_lines(t), t.ncols, t.ncols > 6) for t in printed_tables(document(stem)))


def body_lines(table: rp.Table) -> int:
    """The number of body lines of a printable table (merged entries count each line)."""
    return len(table.rows) - table.head_rows


def styled_report(case: Case) -> rp.Report:
    """The case's document with every table styled and split at the case's forced page breaks."""
    report = document(case.stem)
    blocks: list[rp.Block] = []
    tables = iter(case.breaks)
    for block in report.blocks:
        if not isinstance(block, rp.Table):
            blocks.append(block)
            continue
        repeat = case.repeat_header and block.repeat_header  # a form's fields are printed once, whatever the case
        styled = replace(block, ruled=case.ruled, font_size=case.font_size, repeat_header=repeat)
        for part in split_table(styled, list(next(tables, ())), repeat):
            if part.break_before and case.continued_label:  # the page breaks before the label, not the table
                blocks += [rp.Para(text=CONTINUED_LABEL, break_before=True), replace(part, break_before=False)]
            else:
                blocks.append(part)
    return replace(report, blocks=blocks)


def draw_case(rng: random.Random, stem: str, producer: str, breaks: tuple[tuple[int, ...], ...] | None = None) -> Case:
    """A random case of one document and producer; one random forced break per table unless `breaks` is given."""
    shapes = table_shapes(stem)
    wide = any(is_wide for _, _, is_wide in shapes)
    if breaks is None:
        breaks = tuple((rng.randrange(lines),) if rng.random() < 0.8 else () for lines, _, _ in shapes)
    return Case(
        stem=stem,
        producer=producer,
        ruled=rng.random() < RULED_SHARE[producer],
        landscape=rng.random() < 0.3,
        font_size=rng.choice(WIDE_FONT_SIZES if wide else NARROW_FONT_SIZES),
        margins_mm=tuple(float(rng.randint(*MARGIN_RANGE_MM)) for _ in range(4)),
        repeat_header=rng.random() < 0.6,
        footer=rng.choice(FOOTERS_OF[producer]),
        running_header=producer in ("reportlab", "chromium") and rng.random() < 0.3,
        breaks=breaks,
        continued_label=rng.random() < 0.25,
        offpage_text=producer == "reportlab" and rng.random() < 0.2,
        turn_at_breaks=producer == "reportlab" and rng.random() < 0.25,
    )


def strided_breaks(stem: str, stride: int, offset: int) -> tuple[tuple[int, ...], ...]:
    """Breaks before body lines offset, offset + stride, ... of every table: `stride` renderings cover every position."""
    return tuple(tuple(range(offset % stride, lines, stride)) for lines, _, _ in table_shapes(stem))


# The seed of the sweep the tests and scripts/measure_stress.py --sweep run (seed 2027 was the held-out first contact).
SWEEP_SEED = 2026


def sweep_cases(seed: int, stems: list[str], producers: tuple[str, ...] = PRODUCERS, stride: int = 12) -> list[Case]:
    """The slow sweep: per document and producer, `stride` random layouts whose forced breaks cover every body line."""
    rng = random.Random(seed)
    return [
        draw_case(rng, stem, producer, strided_breaks(stem, stride, offset))
        for stem in stems
        for producer in producers
        for offset in range(stride)
    ]


def merged_entry_positions(stem: str) -> list[tuple[int, int, int]]:
    """(table, first body line, height) of every merged entry of a document, in print order."""
    return [
        (t, anchor - table.head_rows, merge.height)
        for t, table in enumerate(printed_tables(document(stem)))
        for anchor, merge in sorted(table.merges.items())
    ]


def break_inside_merged_entry(stem: str, line: int) -> tuple[tuple[int, ...], ...]:
    """Breaks that cut the document's first merged entry before its `line`-th line (1..height-1)."""
    table, first, height = merged_entry_positions(stem)[0]
    assert 0 < line < height, f"{stem}: a merged entry of {height} lines has no break before line {line}"
    return tuple((first + line,) if t == table else () for t in range(len(printed_tables(document(stem)))))


def ci_cases(seed: int = 13) -> list[Case]:
    """The small CI sample: random layouts, with the hard spots placed on purpose (mostly reportlab)."""
    rng = random.Random(seed)
    lhasa, tibet = rp.REPORTS
    no_break = ((), ())
    return [
        replace(draw_case(rng, lhasa, "reportlab", break_inside_merged_entry(lhasa, 2)), ruled=True),
        replace(draw_case(rng, lhasa, "reportlab", ((0,), (0,))), ruled=False, repeat_header=False, offpage_text=True),
        replace(draw_case(rng, tibet, "reportlab", ((12, 40),)), landscape=True, continued_label=True, turn_at_breaks=True),
        replace(draw_case(rng, lhasa, "chromium-hf", no_break), ruled=False, repeat_header=True),
        replace(draw_case(rng, tibet, "libreoffice"), landscape=True, ruled=True, repeat_header=True),
        replace(draw_case(rng, lhasa, "libreoffice", break_inside_merged_entry(lhasa, 4)), ruled=True),
        replace(draw_case(rng, BUDGET, "reportlab"), ruled=True),
        replace(draw_case(rng, FORMS, "reportlab", ((), ())), ruled=True, landscape=False, font_size=8.0),
    ]
