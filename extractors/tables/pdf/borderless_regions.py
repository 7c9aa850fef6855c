"""Borderless table regions of a page: runs of column-split lines, with the header lines above them, cut at captions, prose and forms."""

from __future__ import annotations

from extractors import patterns
from extractors.normalize import clean_line
from extractors.tables.captions import is_issuer_or_unit_line
from extractors.tables.pdf.borderless_columns import column_separators, crossed_separators, header_lines
from extractors.tables.pdf.borderless_fields import indicator_line, is_form_start, is_indicator_line, region_separators
from extractors.tables.pdf.borderless_groups import group_columns
from extractors.tables.pdf.page import MIN_CHUNKS, MIN_SPLIT_LINES, OVERLAP_SLACK, WRAPPED_HEADER_GAP, TextLine, beside_neighbour, table_lines

# A single-chunk line starting at the table's left edge and wider than this share of it ends the table.
BREAK_LINE_WIDTH_SHARE = 0.35
# Text lines further apart than this many line heights belong to different regions.
REGION_GAP_LINES = 2.5
# The top line of a two-level header lies at most this many line heights above the header line below it.
GROUP_LINE_GAP_LINES = 1.5
# A table's title is set apart from the row above it by more than this many line heights (rows and wrapped lines are closer).
TITLE_GAP_LINES = 1.5


def table_regions(lines: list[TextLine], furniture: set[str], repeated: set[int] = frozenset()) -> list[list[TextLine]]:
    """Given a page's visual lines, return the runs of lines that form borderless tables.

    A region starts at a column-split line (taking along the lines of a header cell wrapped above
    it) and runs while lines stay close; it ends at a wide single-chunk line starting at the
    region's left edge (a caption, a note, prose), at a numbered caption or a form's title wherever
    it starts, or a big gap. A project form's 项目名称 line starts a region of its own, though it
    prints only a label and a value (docs/table-conventions.md: each form is its own table).
    A table's issuer/unit line (`编制部门:…  单位:元`) ends the region before it, title included, and
    every line from it to the next column-split line is the next region's header block (the Excel/WPS
    layout of 部门预算/决算 tables: short header names wrapped over several lines, few split into columns);
    so are the lines just above a region that the page before printed too (ids in `repeated`: the
    header repeated after a page break). A header block with no row under it on its page is no table:
    the page after prints the rows (and the header again, or stitch takes it from this page's foot).
    """
    regions: list[list[TextLine]] = []
    current: list[TextLine] = []
    block: list[TextLine] | None = None  # the lines after an issuer/unit line, while no region has started
    block_bottom = 0.0
    kept: set[int] = set()  # header-block lines: header names over several columns cross gaps, they split nothing
    body = table_lines(lines, furniture)
    for k, line in enumerate(body):
        height = max(line.bottom - line.top, 1.0)
        if is_issuer_or_unit_line(line.text):
            if current:
                regions.append(without_title(current))
            current, block, block_bottom = [], [], line.bottom
            continue
        form_start = is_form_start(line)
        if current:
            gap = line.top - current[-1].bottom
            left = min(l.x0 for l in current)
            right = max(l.x1 for l in current)
            # a form's field rows, up to its indicator header, may print label and value run together across the width
            in_fields = is_form_start(current[0]) and not any(map(is_indicator_line, current))
            wide_break = (
                not in_fields
                and len(line.chunks) == 1
                and abs(line.x0 - left) < line.char_width
                and line.x1 - line.x0 > BREAK_LINE_WIDTH_SHARE * (right - left)
            )
            caption = len(line.chunks) == 1 and is_caption_line(line)
            if gap > REGION_GAP_LINES * height or wide_break or caption or form_start:
                regions.append(current)
                current = []
        if not current and len(line.chunks) < MIN_CHUNKS and not form_start:
            if block is not None and line.top - block_bottom <= REGION_GAP_LINES * height:
                block.append(line)
                block_bottom = line.bottom
            else:
                block = None  # far below the label line: no header block of a table
            continue
        if not current:
            if block and is_form_start(block[0]):
                block = None  # a project form's 项目名称 | … row: a field row, label and value (docs/table-conventions.md), no header
            above = block or wrapped_above(body[:k], line, regions[-1] if regions else [], repeated)
            current.extend(above)
            kept.update(id(l) for l in above if block or id(l) in repeated)
            block = None
        current.append(line)
    if current:
        regions.append(current)
    regions = [part for region in regions for part in split_at_crossing_lines(region, kept)]
    regions = [r for r in regions if sum(len(l.chunks) >= 2 for l in r) >= MIN_SPLIT_LINES - 1]
    regions = [r for r in regions if not (id(r[0]) in kept and len(header_lines(r)) == len(r))]
    taken = {id(line) for region in regions for line in region}
    for region in regions:
        k = next((i for i, line in enumerate(body) if line is region[0]), 0)
        above = body[k - 1] if k else None
        height = max(region[0].bottom - region[0].top, 1.0)
        if above is not None and id(above) not in taken and 0 <= region[0].top - above.bottom <= GROUP_LINE_GAP_LINES * height:
            if group_columns(above, region, column_separators(region)) is not None:
                region.insert(0, above)  # the top line of a two-level header (收入 | 支出 over 项目 | 预算数 | 项目 | 预算数)
    return regions


def without_title(region: list[TextLine]) -> list[TextLine]:
    """Return a region without the title line(s) that ran into it above the next table's issuer/unit line.

    A title is a single-chunk line set apart from the row above it by more than rows are (the quote
    marks of 财政拨款“三公”经费… may print as a line of their own): a wrapped cell's line is not.
    """
    end = len(region)
    while end > 1 and len(region[end - 1].chunks) == 1:
        line, above = region[end - 1], region[end - 2]
        if patterns.WORD_CHAR.search(clean_line(line.text)) and line.top - above.bottom <= TITLE_GAP_LINES * max(above.bottom - above.top, 1.0):
            break
        end -= 1
    return region[:end]


def is_caption_line(line: TextLine) -> bool:
    """Tell whether a line titles a table: a numbered caption, or a project form's title printed alone on its line."""
    text = clean_line(line.text)
    return bool(patterns.TABLE_CAPTION_NUMBER.match(text)) or len(line.chunks) == 1 and bool(patterns.FORM_TITLE.search(text))


def wrapped_above(before: list[TextLine], first: TextLine, taken: list[TextLine], repeated: set[int] = frozenset()) -> list[TextLine]:
    """Return the lines just above a region's first line that belong to its header: lines that overlap it, single-chunk lines that nearly touch it, and close lines the page before printed too.

    A header cell printed over two lines and centred on the header row (预算金额(万 / 元)) puts
    its first line a little above the row's other cells; a header repeated after a page break
    prints its lines as the page before did (ids in `repeated`).
    """
    above: list[TextLine] = []
    height = first.bottom - first.top
    for line in reversed(before):
        gap = (above[0] if above else first).top - line.bottom
        # a line overlapping the one below it is printed beside it, whatever its chunks (考核内 | 数据来 centred on their header row)
        wrapped = (len(line.chunks) == 1 or gap < -OVERLAP_SLACK) and gap <= WRAPPED_HEADER_GAP * height
        again = id(line) in repeated and gap <= REGION_GAP_LINES * height and not is_title_or_continued(line)
        if line in taken or not (wrapped or again):
            break
        above.insert(0, line)
    return above


def is_title_or_continued(line: TextLine) -> bool:
    """Tell whether a line is a caption (numbered, or a form's title), says the table goes on (续表) or gives its issuer/unit: no header line, though printed on every page."""
    text = clean_line(line.text)
    return is_caption_line(line) or bool(patterns.CONTINUED_TABLE_LINE.match(text)) or is_issuer_or_unit_line(text)


def split_at_crossing_lines(region: list[TextLine], kept: set[int] = frozenset()) -> list[list[TextLine]]:
    """Split a region at each line that runs across two column gaps (a caption, a note, prose), dropping that line.

    A line printed beside a row (overlapping it vertically: the wrapped lines of cells centred on
    their row) is part of that row, whatever gaps its words cross: the gaps of a few rows are not sure.
    Lines of a header block (ids in `kept`) never split: a group name runs over its columns' gaps.
    A project form's field rows are never split at: their values span columns.
    """
    fields = indicator_line(region)
    separators = region_separators([l for l in region if id(l) not in kept], 2)
    for k, line in enumerate(region):
        beside_row = beside_neighbour(region, k)
        if k > fields and not beside_row and id(line) not in kept and crossed_separators(line, separators) >= 2:
            rest = region[k + 1 :]
            while rest and len(rest[0].chunks) < MIN_CHUNKS:
                rest = rest[1:]
            return [region[:k]] + (split_at_crossing_lines(rest, kept) if rest else [])
    return [region]
