"""The clean stage: raw pages to normalised blocks, furniture removed, page-break splits joined.

Given raw pages, return `Report.blocks` (paragraph-sized pieces of cleaned text, each with
the page it starts on), `Report.text` (the blocks joined by blank lines) and
`Report.page_starts`. Offsets everywhere else in the pipeline point into `Report.text`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import jieba

from extractors import patterns
from extractors.flat_text import cut_flat_text, is_flat
from extractors.lexicon import load_dictionary
from extractors.normalize import clean_line, normalize_unicode
from extractors.web_text import strip_web_furniture
from pipeline.models import Block, Line, Page, Report
from pipeline.stages import stage

# A prose block longer than this is body text cut by the page end, never a title or heading.
FULL_BLOCK_CHARS = 40
# How far (in characters) from the right margin a PDF line may end and still be "full".
FULL_LINE_SLACK = 1.6
# How far (in characters) a PDF line must start right of the margin to be a new paragraph.
INDENT_CHARS = 1.2
# A page with fewer lines than this (a cover, a part title) has no margin to measure "full" against.
MIN_LINES_FOR_MARGIN = 4
# Lines this close to a page's top or bottom may be running headers or footers.
FURNITURE_LINES = 2
BLOCK_SEPARATOR = "\n\n"
# The header line of a web export that names the page's title.
HEADER_TITLE_KEY = "标题"


@dataclass
class RawBlock:
    """A block before joining: cleaned text, its page, and whether the page broke before it."""

    text: str
    page: int
    tabular: bool
    ends_full: bool = True  # PDF: the block's last line reaches the right margin
    indented: bool = True  # PDF: the block's first line starts right of the margin (or is centred)


def clean_table_line(line: str) -> str:
    """Clean each tab-separated cell of a table line, keeping the tabs."""
    return "\t".join(clean_line(cell) for cell in line.split("\t"))


def join_wrapped_lines(lines: list[str]) -> str:
    """Join lines wrapped by layout: a space only between two Latin letters (`20,719.3`+`7万元` → `20,719.37万元`)."""
    text = ""
    for line in (line.strip() for line in lines):
        if text and line and text[-1].isascii() and text[-1].isalpha() and line[0].isascii() and line[0].isalpha():
            text += " "
        text += line
    return text


def clean_prose(text: str) -> str:
    """Clean a prose block: Unicode, markdown markup, spaces; wrapped lines joined."""
    lines = [patterns.MARKDOWN_HEADING.sub("", line) for line in text.split("\n")]
    return clean_line(patterns.MARKDOWN_EMPHASIS.sub("", join_wrapped_lines(lines)))


def is_page_number(text: str) -> bool:
    """Tell whether a cleaned line is only a page number (— 3 —, 第3页, 3)."""
    return bool(patterns.PAGE_NUMBER_LINE.match(text))


def word_spans_break(left: str, right: str) -> bool:
    """Tell whether jieba reads a word across the join of `left` and `right` (`绩` + `效` → 绩效)."""
    if not (patterns.HAN_CHAR.match(left[-1:]) and patterns.HAN_CHAR.match(right[:1])):
        return False
    load_dictionary()  # the same dictionary whatever ran before (see extractors/lexicon.py)
    tail, head = left[-4:], right[:4]
    position = 0
    for word in jieba.cut(tail + head, HMM=False):
        if position < len(tail) < position + len(word) and len(word) > 1:
            return True
        position += len(word)
    return False


def continues_after_break(previous: RawBlock, block: RawBlock) -> bool:
    """Tell whether `block` continues the prose of `previous` across a page or blank-line break.

    A block longer than any title, or ending in an open mark, cannot end a paragraph without a
    sentence-final mark; a short one continues only if a word spans the break (and, in a PDF, its
    last line reached the margin).
    """
    if previous.tabular or block.tabular or patterns.HEADING_START.match(block.text):
        return False
    if block.page != previous.page and previous.ends_full and not block.indented:
        return True  # a PDF page that starts flush left continues the paragraph of the page before
    if patterns.BLOCK_COMPLETE_END.search(previous.text):
        return False
    if len(previous.text) > FULL_BLOCK_CHARS or patterns.BLOCK_OPEN_END.search(previous.text):
        return True
    return previous.ends_full and word_spans_break(previous.text, block.text)


def flat_text_chunks(text: str, title_hint: str | None = None) -> list[str]:
    """Given a text export whose line breaks were lost, return its headings and paragraphs as chunks."""
    chunks: list[str] = []
    for line in normalize_unicode(text).split("\n"):
        if line.strip():
            chunks += cut_flat_text(line.strip(), normalize_unicode(title_hint) if title_hint and not chunks else None)
    return chunks


def text_raw_blocks(page: Page, title_hint: str | None = None) -> list[RawBlock]:
    """Given the single page of a text export, return its blank-line-separated blocks, cleaned.

    `title_hint` is the title a web export's header names: the body's printed copy stands alone.
    """
    blocks: list[RawBlock] = []
    text = strip_web_furniture(page.text)
    chunks = flat_text_chunks(text, title_hint) if is_flat(text) else patterns.BLANK_LINE_SPLIT.split(text)
    for chunk in chunks:
        if not chunk.strip():
            continue
        lines = [line for line in chunk.split("\n") if line.strip()]
        if any("\t" in line for line in lines):
            blocks.append(RawBlock("\n".join(clean_table_line(l) for l in lines), page.number, tabular=True))
            continue
        text = clean_prose(chunk)
        if is_page_number(text):
            # A page number printed in the export is evidence of a page break: keep it as an empty marker.
            blocks.append(RawBlock("", page.number, tabular=False))
            continue
        blocks.append(RawBlock(text, page.number, tabular=False))
    return blocks


def furniture_key(text: str) -> str:
    """Given a line's text, return its running header/footer key: cleaned, digits masked (page 3 and page 4 share it).

    The clean stage and the PDF table finder both drop a line whose key is among `furniture_keys`,
    so both must compute it here, the same way.
    """
    return patterns.DIGITS.sub("#", clean_line(text))


def furniture_keys(pages: list[Page]) -> set[str]:
    """Return the digit-masked lines that recur at the top or bottom of at least half the pages."""
    if len(pages) < 3:
        return set()
    seen: Counter[str] = Counter()
    for page in pages:
        edge = page.lines[:FURNITURE_LINES] + page.lines[-FURNITURE_LINES:]
        seen.update({furniture_key(line.text) for line in edge})
    return {key for key, n in seen.items() if key and n >= max(2, len(pages) // 2)}


def pdf_raw_blocks(page: Page, furniture: set[str]) -> list[RawBlock]:
    """Given a PDF page's lines, return paragraph blocks: a new block at an indent, a heading or a short line."""
    edges = {id(line) for line in page.lines[:FURNITURE_LINES] + page.lines[-FURNITURE_LINES:]}
    lines = [
        line
        for line in page.lines
        # a bare number is a page number only at the page's top or bottom (a year may stand alone mid-page)
        if not (id(line) in edges and is_page_number(clean_line(line.text)))
        and furniture_key(line.text) not in furniture
    ]
    if not lines:
        return []
    left = min(line.x0 for line in lines)
    right = max(line.x1 for line in lines)
    blocks: list[RawBlock] = []
    current: list[Line] = []

    def flush() -> None:
        if current:
            text = clean_prose("\n".join(line.text for line in current))
            first, last = current[0], current[-1]
            full = len(lines) >= MIN_LINES_FOR_MARGIN and last.x1 >= right - FULL_LINE_SLACK * max(last.char_width, 1.0)
            indented = first.x0 > left + INDENT_CHARS * max(first.char_width, 1.0)
            blocks.append(RawBlock(text, page.number, tabular=False, ends_full=full, indented=indented))
            current.clear()

    for line in lines:
        text = clean_line(line.text)
        width = max(line.char_width, 1.0)
        starts_paragraph = line.x0 > left + INDENT_CHARS * width or bool(patterns.HEADING_START.match(text))
        previous_short = bool(current) and current[-1].x1 < right - FULL_LINE_SLACK * width
        if starts_paragraph or previous_short:
            flush()
        current.append(line)
    flush()
    return blocks


def join_blocks(raw: list[RawBlock], breaks_known: bool) -> list[Block]:
    """Join blocks split by a page break; infer page numbers where the input does not give them.

    A text export marks a page break with a blank line, like a paragraph end, so a break is
    inferred where prose continues mid-sentence or a table continues; PDF pages are known.
    """
    blocks: list[Block] = []
    previous: RawBlock | None = None
    inferred_page = 1
    page_number_seen = False  # a printed page number already counted the coming break
    for item in raw:
        if not item.text:
            inferred_page += 1
            page_number_seen = True
            continue
        if previous is not None:
            table_goes_on = previous.tabular and item.tabular
            if table_goes_on or continues_after_break(previous, item):
                if not breaks_known and not page_number_seen:
                    inferred_page += 1
                page = item.page if breaks_known else inferred_page
                joiner = "\n" if table_goes_on else ""
                block = blocks[-1]
                block.page_offsets.append((len(block.text) + len(joiner), page))
                block.text += joiner + item.text
                previous, page_number_seen = item, False
                continue
        page = item.page if breaks_known else inferred_page
        blocks.append(Block(text=item.text, page=page, tabular=item.tabular, page_offsets=[(0, page)]))
        previous, page_number_seen = item, False
    return blocks


def assemble(report: Report, blocks: list[Block]) -> None:
    """Set block offsets, `Report.text` and `Report.page_starts` from the joined blocks."""
    pieces: list[str] = []
    offset = 0
    starts: list[tuple[int, int]] = []
    for block in blocks:
        block.start = offset
        block.end = offset + len(block.text)
        for inner, page in block.page_offsets:
            if not starts or starts[-1][1] != page:
                starts.append((offset + inner, page))
        block.end_page = block.page_offsets[-1][1]
        pieces.append(block.text)
        offset = block.end + len(BLOCK_SEPARATOR)
    report.blocks = blocks
    report.text = BLOCK_SEPARATOR.join(pieces)
    report.page_starts = starts
    if report.format == "txt":
        report.page_count = max((b.end_page or b.page for b in blocks), default=1)


@stage("clean", requires={"pages", "format", "header"}, produces={"blocks", "text", "page_starts"})
def CLEAN(report: Report) -> Report:
    """Normalise the raw pages into joined, furniture-free blocks of text."""
    if report.format == "pdf":
        furniture = furniture_keys(report.pages)
        raw = [block for page in report.pages for block in pdf_raw_blocks(page, furniture)]
        blocks = join_blocks(raw, breaks_known=True)
    elif is_flat(strip_web_furniture(report.pages[0].text)):
        # Cut from a text that lost its line breaks: no page breaks to infer, no split paragraph to rejoin.
        raw = text_raw_blocks(report.pages[0], report.header.get(HEADER_TITLE_KEY))
        blocks = [Block(text=b.text, page=1, tabular=b.tabular, page_offsets=[(0, 1)]) for b in raw if b.text]
    else:
        blocks = join_blocks(text_raw_blocks(report.pages[0]), breaks_known=False)
    assemble(report, blocks)
    return report
