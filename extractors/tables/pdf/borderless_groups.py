"""Multi-level borderless headers: the group names printed over runs of columns, placed as a ruled grid's spanning cells."""

from __future__ import annotations

from dataclasses import replace

from extractors.normalize import clean_line
from extractors.tables.captions import is_label_line
from extractors.tables.pdf.base import Bbox
from extractors.tables.pdf.borderless_columns import column_extents, column_separators, header_lines, line_cells, prints_figure, word_column
from extractors.tables.pdf.borderless_fields import is_form_start, region_separators
from extractors.tables.pdf.page import OVERLAP_SLACK, TextLine, line_chunks

# A group name is centred over its columns to within this many character widths (or starts where they start, to within one).
GROUP_CENTRE_CHARS = 2.0
# A group name of a header (its words) over the columns first..last.
GroupName = tuple[list[dict], int, int]


def group_columns(top: TextLine, below: list[TextLine], separators: list[float]) -> list[tuple[int, int]] | None:
    """Return the columns (first, last) each name of a line groups, when the line is the top level of a two-level header, else None.

    A borderless table draws no rule to show which columns a header name spans (收入 | 支出 over
    项目 | 预算数 | 项目 | 预算数; 基本支出 over 人员经费 | 公用经费). The columns a name groups are
    the sub-columns: those whose header name is printed lowest, under it, while the names of the
    other columns (科目编码, 项目支出) stand higher, centred on both levels. Each run of adjacent
    sub-columns is shared by the names over it, each name starting where its group starts or centred
    over it. Such a line is a header level, never the table's caption: it must cover every run, and a
    single name over all the columns is a caption. A form's 项目名称 row is a field row, not a header level.
    """
    head = header_lines(below)
    if not head or not separators or prints_figure(top) or is_label_line(clean_line(top.text)):
        return None
    if is_form_start(top):
        return None  # a project form's 项目名称 | … row: a field row, label and value (docs/table-conventions.md)
    width = len(separators) + 1
    char = top.char_width
    extents = column_extents(below, separators)
    left = {column: x0 for column, (x0, _) in extents.items()}
    right = {column: x1 for column, (_, x1) in extents.items()}
    if len(left) < width:
        return None
    name_top: dict[int, float] = {}
    for line in head:
        for column in line_cells(line, separators):
            name_top.setdefault(column, line.top)
    if len(name_top) < width:
        return None
    # a cell's edges, past its text: its name is centred on it (Chromium centres 项目 over left-aligned figures)
    middle = {column: (x0 + x1) / 2 for column, (x0, x1) in column_extents(head, separators).items()}
    cell_left = {j: min(left[j], 2 * middle.get(j, left[j]) - right[j]) for j in left}
    cell_right = {j: max(right[j], 2 * middle.get(j, right[j]) - left[j]) for j in left}
    lowest = max(name_top.values())
    sub = [j for j in range(width) if name_top[j] >= lowest - 0.3 * (top.bottom - top.top)]
    runs: list[list[int]] = []
    for j in sub:
        if runs and runs[-1][-1] == j - 1:
            runs[-1].append(j)
        else:
            runs.append([j])
    names = [(chunk[0]["x0"], chunk[-1]["x1"]) for chunk in top.chunks]
    if len(names) < 2 and len(sub) == width:
        return None  # one name over the whole table: its caption
    if any(x0 < left[0] - char or x1 > right[width - 1] + char for x0, x1 in names):
        return None
    groups: list[tuple[int, int]] = []
    for run in runs:
        inside = [(x0, x1) for x0, x1 in names if left[run[0]] - char <= (x0 + x1) / 2 <= right[run[-1]] + char]
        if not inside:
            return None
        starts = [run[0]] + [max([j for j in run if left[j] <= x0 + char] or [run[0]]) for x0, _ in inside[1:]]
        ends = [s - 1 for s in starts[1:]] + [run[-1]]
        for (x0, x1), first, last in zip(inside, starts, ends):
            if last < first:
                return None
            centres = ((left[first] + right[last]) / 2, (cell_left[first] + cell_right[last]) / 2)
            aligned = abs(x0 - left[first]) <= char or any(abs((x0 + x1) / 2 - c) <= GROUP_CENTRE_CHARS * char for c in centres)
            if not aligned:
                return None
            groups.append((first, last))
    if len(groups) != len(names) or all(first == last for first, last in groups):
        return None
    return groups


def header_groups(region: list[TextLine], separators: list[float] | None) -> tuple[list[GroupName], list[TextLine], list[float]]:
    """Return a region's group names (upper header levels), its lines without them, and its column separators.

    A borderless header draws no rule to show which columns a name spans. A name is a group when it
    is printed over the body text of a run of columns, each with a name of its own under it
    (公务用车购置及运行费 over 小计 | 购置费 | 运行费, wherever its line is and whatever else prints on
    it), or when it is a name of a top line whose names each sit over a run of sub-columns
    (`group_columns`: 收入 | 支出, left-aligned over 项目 | 预算数). Group names are left out of the
    whitespace rivers: a name over two columns covers the gap between them.
    """
    count = len(header_lines(region))
    groups: list[GroupName] = []
    if 0 < count < len(region):
        body = separators if separators is not None else column_separators(region[count:])
        groups = spanning_names(region[:count], region[count:], body)
    taken = {id(word) for words, _, _ in groups for word in words}
    lines = [without_words(line, taken) for line in region]
    printed = [k for k, line in enumerate(lines) if line.words]
    top = printed[0] if printed else 0
    if len(printed) > 1 and len(lines[top].chunks) < len(lines[printed[1]].chunks):
        below = separators if separators is not None else column_separators([lines[k] for k in printed[1:]])
        found = group_columns(lines[top], lines[top + 1 :], below)
        if found is not None:
            groups += list(zip(lines[top].chunks, *zip(*found)))
            separators = below
            lines[top] = without_words(lines[top], {id(w) for w in lines[top].words})
    if separators is None:
        separators = region_separators([line for line in lines if line.words])
    return groups, lines, separators


def spanning_names(head: list[TextLine], body: list[TextLine], separators: list[float]) -> list[GroupName]:
    """Return the header words printed over the body text of two or more adjacent columns, each column printing a name lower down."""
    extents = column_extents(body, separators)
    groups: list[GroupName] = []
    for line in head:
        slack = 0.5 * line.char_width
        for word in line.words:
            under = sorted(j for j, (left, right) in extents.items() if word["x0"] < right - slack and word["x1"] > left + slack)
            if len(under) < 2 or under != list(range(under[0], under[-1] + 1)):
                continue
            named = {
                word_column(w, separators)
                for other in head
                for w in other.words
                if w is not word and w["top"] > word["bottom"] - OVERLAP_SLACK
            }
            if all(j in named for j in under):
                groups.append(([word], under[0], under[-1]))
    return groups


def without_words(line: TextLine, taken: set[int]) -> TextLine:
    """Return a line without the words whose ids are in `taken` (its chunks regrouped)."""
    words = [w for w in line.words if id(w) not in taken]
    if len(words) == len(line.words):
        return line
    return replace(line, words=words, chunks=line_chunks(words, line.char_width))


def group_rows(groups: list[GroupName], texts: list[list[str | None]], boxes: list[list[Bbox | None]]) -> list[tuple[list[str | None], list[Bbox | None]]]:
    """Return the header rows of the group names, the outermost first, each name in the first column of its group and its box over the whole group.

    As a ruled table's spanning cell: `joined_header` then gives every column of the group the name
    as its parent (收入/项目, 收入/预算数, 公务用车购置及运行费/小计).
    """
    width = len(texts[0]) if texts else 0
    depth = [sum(1 for _, a, b in groups if a <= first and last <= b and (a, b) != (first, last)) for _, first, last in groups]
    rows: list[tuple[list[str | None], list[Bbox | None]]] = [([""] * width, [None] * width) for _ in range(max(depth, default=-1) + 1)]
    for (words, first, last), level in zip(groups, depth):
        row_texts, row_boxes = rows[level]
        lefts = [row[first][0] for row in boxes if row[first] is not None]
        rights = [row[last][2] for row in boxes if row[last] is not None]
        row_texts[first] = clean_line(" ".join(w["text"] for w in words))
        row_texts[first + 1 : last + 1] = [None] * (last - first)  # covered by the spanning name, as in a ruled grid
        row_boxes[first] = (
            min([words[0]["x0"]] + lefts),
            min(w["top"] for w in words),
            max([words[-1]["x1"]] + rights),
            max(w["bottom"] for w in words),
        )
    return rows
