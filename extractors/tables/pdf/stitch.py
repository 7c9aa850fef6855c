"""Stitching: a table continued on the next page joined to its first part, headers split off, captions found."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from extractors import patterns
from extractors.clean import furniture_key
from extractors.normalize import clean_line
from extractors.tables.captions import Labels, is_label_line, read_labels
from extractors.tables.pdf.base import FoundTable, Grid, column_edges
from extractors.tables.pdf.cells import is_numeric
from extractors.tables.pdf.forms import first_text
from extractors.tables.pdf.headers import header_row_count, joined_header, lift_code_levels, raw_rows
from extractors.tables.pdf.page import TextLine, is_furniture
from extractors.tables.pdf.quality import part_quality
from extractors.tables.rows import is_total_text

# A table part that starts within this share of the page height from the top may continue the previous page.
PAGE_TOP_SHARE = 0.2
# The caption is at most this many line heights above the table.
CAPTION_REACH_LINES = 4.0
# Column boundaries of two parts of one table agree within this share of the table's width (so a
# part on a page of another size or orientation, scaled to fit, still matches).
COLUMN_EDGE_SHARE = 0.012


def starts_page(grid: Grid, lines: list[TextLine], furniture: set[str], page_height: float, previous_lines: list[TextLine] | None = None) -> bool:
    """Tell whether a grid is the first thing on its page (only furniture, a 续表 line or a unit line above it).

    A line printed at the same place with the same text on the page before (`previous_lines`) is
    a running header too, though too few pages repeat it for the report's furniture.
    """
    above = [l for l in lines if l.bottom <= grid.bbox[1] + 1 and not is_furniture(l, furniture) and not is_continuation_line(l)]
    above = [l for l in above if not any(same_place_and_text(l, other) for other in previous_lines or [])]
    return not above and grid.bbox[1] < PAGE_TOP_SHARE * page_height + 60


def same_place_and_text(line: TextLine, other: TextLine) -> bool:
    """Tell whether two lines (of two pages) print the same text at the same place, page numbers aside (`1/2`, `2/2`)."""
    return abs(line.top - other.top) < 2 and abs(line.x0 - other.x0) < 2 and furniture_key(line.text) == furniture_key(other.text)


def is_continuation_line(line: TextLine) -> bool:
    """Tell whether a line above a table part only says the table goes on (续表, (续)) or repeats its unit."""
    text = clean_line(line.text)
    return bool(patterns.CONTINUED_TABLE_LINE.match(text)) or is_label_line(text)


def ends_page(grid: Grid, lines: list[TextLine], furniture: set[str], next_lines: list[TextLine] | None = None) -> bool:
    """Tell whether nothing but furniture and notes follows a grid on its page.

    A line printed at the same place on the next page (`next_lines`) is a running footer too, though
    too few pages print it for the report's furniture (Chromium's `file:///… 1/2` on a two-page report).
    """
    below = [l for l in lines if l.top >= grid.bbox[3] - 1 and not is_furniture(l, furniture)]
    below = [l for l in below if not any(same_place_and_text(l, other) for other in next_lines or [])]
    return all(clean_line(l.text).startswith("注") for l in below[:1]) if below else True


def only_furniture(page: dict) -> bool:
    """Tell whether a page prints nothing but furniture (a blank page left by a forced break).

    A page load refused is not blank: what it printed is unknown, so no table is stitched across it.
    """
    return not page.get("refused") and all(is_furniture(l, page["furniture"]) for l in page["lines"])


def next_pages(previous: Grid, part: Grid, info: dict[int, dict]) -> bool:
    """Tell whether `part` is on the page after `previous`, blank pages (furniture only) between them skipped."""
    between = range(previous.page + 1, part.page)
    return part.page > previous.page and all(n in info and only_furniture(info[n]) for n in between)


def relative_edges(grid: Grid) -> list[float]:
    """Return the column left edges as shares of the grid's width (inf where a column has no real cell)."""
    left, width = grid.bbox[0], max(grid.bbox[2] - grid.bbox[0], 1.0)
    return [(edge - left) / width if edge != float("inf") else edge for edge in column_edges(grid)]


def same_columns(a: Grid, b: Grid) -> bool:
    """Tell whether two grids have the same column layout: as many columns, edges at the same shares of their width."""
    pairs = [(x, y) for x, y in zip(relative_edges(a), relative_edges(b)) if x != float("inf") and y != float("inf")]
    return a.width == b.width and all(abs(x - y) <= COLUMN_EDGE_SHARE for x, y in pairs)


def starts_form(grid: Grid) -> bool:
    """Tell whether a grid starts a project form (its first row is 项目名称, or it was split off at a form title)."""
    return "form_part" in grid.extra or bool(grid.cells and patterns.FORM_START.match(first_text(grid.cells[0])))


def continues(previous: Grid, previous_header: int, part: Grid, info: dict[int, dict]) -> bool:
    """Tell whether `part` continues the table `previous` on the next page."""
    if not next_pages(previous, part, info) or part.width != previous.width or starts_form(part):
        return False
    if not starts_page(part, info[part.page]["lines"], info[part.page]["furniture"], info[part.page]["height"], info[previous.page]["lines"]):
        return False
    if not ends_page(previous, info[previous.page]["lines"], info[previous.page]["furniture"], info[part.page]["lines"]):
        return False
    head = [[clean_line(c or "") for c in row] for row in previous.cells[:previous_header]]
    repeat = [[clean_line(c or "") for c in row] for row in part.cells[:previous_header]]
    if head and len(repeat) == len(head) and all(repeats_header_row(r, h) for r, h in zip(repeat, head)):
        return True
    if same_columns(previous, part):
        return True
    return header_row_count(part) == 0 or (part.method == previous.method and part.continues_loosely)


def repeats_header_row(row: list[str], head: list[str]) -> bool:
    """Tell whether a continued part's row repeats a header row of the table, though some of its text was lost.

    A header line repeated at the same place on every page can be taken for page furniture (the
    first line of a wrapped, centred header cell: 预算金额(万 / 元)), so the repeat may show only the
    rest of such a cell. Every printed cell must be its header cell or a piece of it, most of them whole.
    """
    if row == head:
        return True
    filled = [j for j, text in enumerate(row) if text]
    if not filled or len(row) != len(head) or any(is_numeric(row[j]) for j in filled):
        return False
    if any(row[j] not in head[j] for j in filled):
        return False
    whole = sum(1 for j in filled if row[j] == head[j])
    return whole >= max(2, (len([h for h in head if h]) + 1) // 2)


def is_cut_row(previous: list[str], row: list[str], earlier: list[list[str]] = ()) -> bool:
    """Tell whether the first row after a page break is the rest of the row cut by it.

    The rest of a cut row prints only text, each piece under a cell the cut row printed, starting
    no heading; and it leaves empty what a row's first line holds: the key (序号), or a figure
    (figures never wrap, so they print on the cut row's first line whatever column is first).
    Empty figures tell nothing in a table whose `earlier` rows often print a name and no figures
    (a balance sheet's 结算备付金 | | ): there only an empty key does. An empty first cell is an
    empty key only where the first column numbers the rows: a project form's 一级指标 is printed
    once over the indicator rows under it (产出指标 | 数量指标 …, then | 质量指标 …), each with its
    own cells in the other columns.
    """
    filled = [j for j, c in enumerate(row) if c.strip()]
    if not filled or any(is_numeric(row[j]) for j in filled):
        return False
    if any(j >= len(previous) or not previous[j].strip() for j in filled):
        return False
    if any(patterns.HEADING_START.match(clean_line(row[j])) for j in filled):
        return False
    if any(is_total_text(clean_line(c)) for c in previous if c.strip()):
        return False  # a total's name is one short line (本年收入合计): the row after it is a line of its own
    figure_columns = [j for j, text in enumerate(previous) if is_numeric(text)]
    figure_left_empty = any(not (row[j] if j < len(row) else "").strip() for j in figure_columns)
    names_without_figures = any(
        r and r[0].strip() and all(not (r[j] if j < len(r) else "").strip() for j in figure_columns) for r in earlier
    )
    keyed = any(r and patterns.INTEGER_CELL.match(r[0].strip()) for r in [previous, *earlier])
    return not row[0].strip() and keyed or figure_left_empty and not names_without_figures


def caption_above(grid: Grid, lines: list[TextLine], furniture: set[str]) -> tuple[str | None, Labels]:
    """Return the title line just above a table, or None when nothing is near, and what the label lines between say.

    Label lines (`编制部门:…  单位:元`, `单位:万元`) and punctuation-only lines (quote marks set apart
    from their caption: 财政拨款 三公 经费… / “ ”) are skipped; the labels give issuer and unit.
    """
    above = [l for l in lines if l.bottom <= grid.bbox[1] + 1 and not is_furniture(l, furniture)]
    skipped = 0.0  # height of the label lines between the caption and the table
    label_texts: list[str] = []
    for line in sorted(above, key=lambda l: -l.bottom):
        text = clean_line(line.text)
        distance = grid.bbox[1] - line.bottom - skipped
        near = distance <= CAPTION_REACH_LINES * max(line.bottom - line.top, 10.0)
        if not near:
            break
        if patterns.CONTINUED_TABLE_LINE.match(text):  # 续表 says the table goes on: its caption is further back
            skipped += line.bottom - line.top
            continue
        if is_label_line(text) or not patterns.WORD_CHAR.search(text):
            skipped += line.bottom - line.top
            label_texts.append(text)
            continue
        return with_marks_set_apart(line, above), read_labels(label_texts)
    return None, read_labels(label_texts)


def with_marks_set_apart(line: TextLine, lines: list[TextLine]) -> str:
    """Return a caption line's text with the punctuation printed a little above or below it put back in place.

    Word/ONLYOFFICE raise the quote marks of 财政拨款“三公”经费… by a few points, so they form a
    line of their own; they belong where their x position puts them.
    """
    marks = [
        word
        for other in lines
        if other is not line and not patterns.WORD_CHAR.search(clean_line(other.text)) and other.top < line.bottom and other.bottom > line.top - 0.6 * (line.bottom - line.top)
        for word in other.words
    ]
    words = sorted(line.words + marks, key=lambda w: w["x0"])
    return clean_line(" ".join(w["text"] for w in words))


def is_header_piece(line: TextLine, header: list[str]) -> bool:
    """Tell whether every word of a line is a piece of one of the header's cells (a header printed at a page foot and again below)."""
    cells = [cell.replace(" ", "") for cell in header if cell]
    words = [clean_line(w["text"]).replace(" ", "") for w in line.words]
    return bool(cells) and all(word and any(word in cell for cell in cells) for word in words)


def last_line_caption(page: dict, tables: list[Grid], header: list[str] | None = None) -> tuple[str | None, Labels]:
    """Return the last text line of the previous page as a caption (and the label lines after it), when no table of that page lies below it.

    The header of the table below, printed at that page's foot as well (a break right after the
    header, the header repeated), is passed over: the caption is the line above it.
    """
    lines = [l for l in page["lines"] if not is_furniture(l, page["furniture"])]
    if header:
        below = max((t.bbox[3] for t in tables), default=-1.0)
        while lines and lines[-1].top > below and is_header_piece(lines[-1], header):
            lines.pop()
    labels = []
    while lines and is_label_line(clean_line(lines[-1].text)):
        labels.append(clean_line(lines.pop().text))
    if not lines or any(t.bbox[3] >= lines[-1].top - 1 for t in tables):
        return None, read_labels(labels)
    return clean_line(lines[-1].text), read_labels(labels)


@dataclass
class OrphanHeader:
    """A table's caption and header printed at the foot of a page whose body starts on the next one."""

    caption: str | None
    labels: Labels
    header: list[str]


def column_bounds(grid: Grid) -> list[float]:
    """Return the x positions between a grid's columns (its text separators, else its column left edges)."""
    if grid.extra.get("separators"):
        return list(grid.extra["separators"])
    edges = column_edges(grid)
    return [edge for edge in edges[1:] if edge != float("inf")] if len(edges) > 1 else []


def orphan_header(page: dict, tables: list[Grid], grid: Grid) -> OrphanHeader | None:
    """Return the caption and header left at the foot of the previous page when `grid` starts without its header.

    A page break right after the header leaves caption and header alone at the bottom of a page
    (too short to be a table); their words are put into the columns of the part below.
    """
    bottom = max((t.bbox[3] for t in tables), default=0.0)
    lines = [l for l in page["lines"] if l.top >= bottom - 1 and not is_furniture(l, page["furniture"])]
    header_lines: list[TextLine] = []
    while lines and not header_lines or lines and (len(lines[-1].chunks) >= 2 or lines[-1].top < header_lines[0].bottom + 0.5 * (header_lines[0].bottom - header_lines[0].top)):
        if is_label_line(clean_line(lines[-1].text)) or patterns.TABLE_CAPTION_NUMBER.match(clean_line(lines[-1].text)):
            break
        header_lines.insert(0, lines.pop())
    if not any(len(l.chunks) >= 2 for l in header_lines):
        return None
    bounds = column_bounds(grid)
    if len(bounds) != grid.width - 1:
        return None
    cells: list[list[str]] = [[] for _ in range(grid.width)]
    for line in header_lines:
        for word in line.words:
            column = sum(1 for b in bounds if (word["x0"] + word["x1"]) / 2 > b)
            cells[column].append(word["text"])
    if sum(bool(c) for c in cells) < max(2, grid.width // 2):
        return None
    labels = []
    while lines and is_label_line(clean_line(lines[-1].text)):
        labels.append(clean_line(lines.pop().text))
    caption = clean_line(lines[-1].text) if lines and len(lines[-1].chunks) == 1 else None
    return OrphanHeader(caption, read_labels(labels), [clean_line("\n".join(c)) for c in cells])


def stitch(chosen: list[tuple[Grid, list[Grid]]], info: dict[int, dict]) -> list[FoundTable]:
    """Given the kept grids in page order, return tables with continued parts joined and headers split off."""
    found: list[FoundTable] = []
    last: Grid | None = None
    last_header = 0
    for grid, losers in chosen:
        header_rows = header_row_count(grid)
        page = info[grid.page]
        if last is not None and found and continues(last, last_header, grid, info):
            table = found[-1]
            body = grid.cells
            head = [[clean_line(c or "") for c in row] for row in last.cells[:last_header]]
            drop = 0
            while drop < len(head) and drop < len(body) and repeats_header_row([clean_line(c or "") for c in body[drop]], head[drop]):
                drop += 1
            rows = raw_rows(grid, drop)
            if rows and table.rows and is_cut_row(table.rows[-1].cells, rows[0].cells, [r.cells for r in table.rows[:-1]]):
                previous = table.rows[-1]
                previous.cells = [(a + "\n" + b).strip("\n") if b.strip() else a for a, b in zip(previous.cells, rows[0].cells)]
                rows = rows[1:]
                table.quality["cut_rows_joined"] = table.quality.get("cut_rows_joined", 0) + 1
            table.rows.extend(rows)
            table.pages.append(grid.page)
            table.parts.append(grid)
            table.quality["parts"].append(part_quality(grid, losers))
            last = grid  # keep last_header: a continued part has the same header rows
            continue
        if grid.extra.get("form_caption") or grid.extra.get("form_part"):
            # a form split out of a shared grid: its own title row, never a line of the form above it
            caption, labels = grid.extra.get("form_caption"), Labels()
        else:
            caption, labels = caption_above(grid, page["lines"], page["furniture"])
        orphan = None
        if caption is None and not grid.extra.get("form_part") and starts_page(grid, page["lines"], page["furniture"], page["height"]) and grid.page - 1 in info:
            before = [g for g, _ in chosen if g.page == grid.page - 1]
            orphan = orphan_header(info[grid.page - 1], before, grid) if header_rows == 0 else None
            if orphan:
                caption, labels = orphan.caption, orphan.labels
            else:
                repeated = joined_header(grid, header_rows) if header_rows else None
                caption, labels = last_line_caption(info[grid.page - 1], before, repeated)
        header, body = lift_code_levels(joined_header(grid, header_rows) if header_rows else [], raw_rows(grid, header_rows))
        if orphan:
            header = orphan.header
        found.append(
            FoundTable(
                caption=caption,
                issuer=labels.issuer,
                unit=labels.unit,
                header=header,
                rows=body,
                pages=[grid.page - 1, grid.page] if orphan else [grid.page],
                method=grid.method,
                quality={"parts": [part_quality(grid, losers)], "header_rows": header_rows},
                parts=[grid],
                top=grid.bbox[1],
            )
        )
        last, last_header = grid, header_rows
    # a ruled box of one row is a table only as part of one (a header left at a page foot, a last row pushed over)
    found = [t for t in found if not (len(t.parts) == 1 and t.parts[0].extra.get("single_row"))]
    for table in found:
        methods = Counter(p.method for p in table.parts)
        table.method = "+".join(m for m, _ in methods.most_common())
        scores = [p["score"] for p in table.quality["parts"]]
        table.quality["score"] = round(min(scores), 4)  # the weakest part; stored as the table's quality_score
        table.quality["kept"] = table.method
    return found
