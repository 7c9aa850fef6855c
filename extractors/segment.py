"""The segment stage: cleaned blocks to front matter, headings, paragraphs and sentences.

Given `Report.blocks`, return the report's title, issuer, document number, addressee and
signing date, its heading hierarchy (一、 / (一) / 1. / (1)), and its paragraphs split into
sentences, every piece with its page and offsets into `Report.text`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from extractors import patterns
from extractors.contents import contents_span, entries_of
from extractors.numbering import marker_number, place
from pipeline.models import Block, Paragraph, Report, Section, Sentence
from pipeline.stages import stage

# How many leading blocks may hold the masthead, document number, title and addressee.
FRONT_MATTER_BLOCKS = 6
# A title is a short line; longer lines are body text.
MAX_TITLE_CHARS = 60
# A signature line (the issuing body above the date) is short.
MAX_SIGNATURE_CHARS = 30


@dataclass(frozen=True)
class Heading:
    """A heading found at the start of a block."""

    level: int
    marker: str
    number: int  # the marker's number (一、 → 1, (12) → 12, (-) → 1)
    title: str
    run_in: bool  # the paragraph's text goes on after the heading sentence


def find_heading(text: str) -> Heading | None:
    """Given a block's text, return the heading it starts with, if any."""
    for level, pattern in patterns.HEADING_LEVELS:
        match = pattern.match(text)
        if not match:
            continue
        rest = text[match.end() :].strip()
        end = patterns.HEADING_TITLE_END.search(rest)
        run_in = bool(end) and end.end() < len(rest)
        title = rest[: end.start()] if end else rest
        return Heading(level, match["marker"], marker_number(match["number"]), title.strip(), run_in)
    return None


def split_sentences(text: str, start: int) -> list[tuple[str, int, int]]:
    """Given paragraph text at offset `start`, return (sentence, start, end) triples."""
    pieces = []
    begin = 0
    for match in patterns.SENTENCE_END.finditer(text):
        pieces.append((begin, match.end()))
        begin = match.end()
    if begin < len(text):
        pieces.append((begin, len(text)))
    return [(text[a:b], start + a, start + b) for a, b in pieces if text[a:b].strip()]


def iso_date(text: str) -> str | None:
    """Given a printed date (2020年12月29日), return it as YYYY-MM-DD; None when no such day exists."""
    match = patterns.FULL_DATE.search(text)
    if not match:
        return None
    try:  # a misprinted date (2021年2月30日) is no date
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"])).isoformat()
    except ValueError:
        return None


def is_title_line(block: Block) -> bool:
    """Tell whether a leading block can be (part of) a title: short prose, no sentence end, no heading."""
    text = block.text
    return (
        not block.tabular
        and len(text) <= MAX_TITLE_CHARS
        and not patterns.BLOCK_COMPLETE_END.search(text)
        and not patterns.HEADING_START.match(text)
        and not patterns.CONTENTS_LINE.match(text)
        and not patterns.UNIT_LINE.match(text)
    )


def read_front_matter(report: Report, start: int = 0) -> int:
    """Fill title, doc number, masthead issuer and addressee; return the index of the first body block.

    A title printed over several lines (a cover's `上海市普陀区财政局` / `2024年度部门决算`) is joined,
    as long as the lines are on one page. `start` skips blocks before the front matter (a table of
    contents printed above the title).
    """
    blocks = report.blocks[:start + FRONT_MATTER_BLOCKS]
    i = start
    while i < len(blocks):
        text = blocks[i].text
        if patterns.MASTHEAD_LINE.match(text):
            report.issuer = text.removesuffix("文件")
        elif patterns.DOC_NUMBER_LINE.match(text):
            report.doc_number = text
        elif not patterns.SIGNER_LINE.match(text):
            break
        i += 1
    title_end = i
    # A title never runs over a page break: a cover page is followed by contents or a part heading.
    while (
        title_end < len(blocks)
        and is_title_line(blocks[title_end])
        and not patterns.ADDRESSEE_LINE.match(blocks[title_end].text)
        and blocks[title_end].page == blocks[i].page
    ):
        title_end += 1
    title = "".join(b.text for b in blocks[i:title_end])
    if not title or len(title) > MAX_TITLE_CHARS or not patterns.TITLE_WORDS.search(title):
        return i
    report.title = title
    if report.issuer is None and (match := patterns.ISSUER_IN_TITLE.match(title)):
        report.issuer = match["issuer"]
    if title_end < len(blocks) and patterns.ADDRESSEE_LINE.match(blocks[title_end].text):
        report.addressee = blocks[title_end].text.rstrip(":：")
        title_end += 1
    return title_end


def find_annex_start(blocks: list[Block], body_start: int) -> int:
    """Return the index of the block that opens the annexes (附件: / 附件1), or len(blocks)."""
    for i in range(body_start, len(blocks)):
        if not blocks[i].tabular and patterns.ANNEX_START.match(blocks[i].text):
            return i
    return len(blocks)


def find_back_matter(blocks: list[Block], body_start: int, annex_start: int) -> int:
    """Return the index where the closing part begins (特此报告, annex list, signature, date)."""
    for i in range(body_start, annex_start):
        text = blocks[i].text
        if patterns.CLOSING_LINE.match(text) or patterns.ANNEX_LIST_LINE.match(text) or patterns.DISTRIBUTION_LINE.match(text):
            return i
        if patterns.DATE_LINE.match(text):
            before = blocks[i - 1].text if i > body_start else ""
            signed = 0 < len(before) <= MAX_SIGNATURE_CHARS and not patterns.BLOCK_COMPLETE_END.search(before)
            return i - 1 if signed else i
    return annex_start


def read_back_matter(report: Report, back_start: int, annex_start: int) -> None:
    """Fill the signing date and, when the front gave none, the issuer from the signature."""
    blocks = report.blocks
    for i in range(back_start, annex_start):
        if patterns.DATE_LINE.match(blocks[i].text):
            report.signing_date = iso_date(blocks[i].text)
            before = blocks[i - 1].text if i > back_start else ""
            if report.issuer is None and before and not patterns.DISTRIBUTION_LINE.match(before):
                report.issuer = before


def build_sections_and_paragraphs(
    report: Report, body_start: int, back_start: int, annex_start: int, contents: tuple[int, int] | None = None
) -> None:
    """Create sections from headings and one paragraph per block, with sentences for body text.

    Blocks of a table of contents (`contents`, a range of block indexes) are paragraphs of kind
    `contents`: their entries name headings but are not headings.
    """
    sections: list[Section] = []
    paragraphs: list[Paragraph] = []
    open_sections: list[int] = []  # stack of section indexes, outermost first
    open_numbers: list[tuple[int, int]] = []  # their (marker level, number), for the numbering
    last_end = 0  # end offset of the previous block: where a closed section stops

    def close_sections(keep: int) -> None:
        while len(open_sections) > keep:
            sections[open_sections.pop()].end = last_end
            open_numbers.pop()

    for i, block in enumerate(report.blocks):
        page = report.page_at(block.start)
        if contents and contents[0] <= i < contents[1]:
            kind = "contents"
        elif i < body_start:
            kind = "front"
        elif i >= annex_start:
            kind = "annex"
        elif i >= back_start:
            kind = "back"
        elif block.tabular:
            kind = "table"
        else:
            kind = "body"
        heading = find_heading(block.text) if kind == "body" else None
        if heading:
            close_sections(place(open_numbers, heading.level, heading.number).keep)
            parent = open_sections[-1] if open_sections else None
            depth = sections[parent].level + 1 if parent is not None else 1  # `1.` right under `三、` is the second level
            sections.append(Section(len(sections), depth, heading.marker, heading.title, page, block.start, block.end, parent))
            open_sections.append(len(sections) - 1)
            open_numbers.append((heading.level, heading.number))
            kind = "body" if heading.run_in else "heading"
        elif kind in ("back", "annex"):
            close_sections(0)
        paragraph = Paragraph(len(paragraphs), kind, block.text, page, block.start, block.end, open_sections[-1] if open_sections else None)
        if kind in ("body", "heading"):
            paragraph.sentences = [
                Sentence(n, text, start, end, report.page_at(start))
                for n, (text, start, end) in enumerate(split_sentences(block.text, block.start))
            ]
        paragraphs.append(paragraph)
        last_end = block.end
    close_sections(0)
    report.sections = sections
    report.paragraphs = paragraphs


@stage("segment", requires={"blocks", "text", "page_starts"}, produces={"title", "issuer", "doc_number", "signing_date", "sections", "paragraphs", "contents"})
def SEGMENT(report: Report) -> Report:
    """Read the front and back matter and build the heading tree, paragraphs and sentences."""
    contents = contents_span(report.blocks)
    # a table of contents printed above the title (a flat web export) is skipped to find the title
    body_start = read_front_matter(report, contents[1] if contents and contents[0] == 0 else 0)
    annex_start = find_annex_start(report.blocks, body_start)
    back_start = find_back_matter(report.blocks, body_start, annex_start)
    read_back_matter(report, back_start, annex_start)
    build_sections_and_paragraphs(report, body_start, back_start, annex_start, contents)
    if contents:
        span = report.blocks[contents[0] : contents[1]]
        report.contents = entries_of(span, [report.page_at(b.start) for b in span])
    return report
