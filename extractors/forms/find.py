"""Find the forms of a report: in its raw page text (flattened or tab-separated) and in its tables."""

from __future__ import annotations

from extractors.forms import patterns
from extractors.forms.read import read_form
from extractors.forms.scored import is_scored_table, read_scored_table
from extractors.forms.tokens import Token, locate_in_text, normalise_cell, table_tokens, text_tokens
from pipeline.errors import FormUnreadable
from pipeline.models import Assessment, Report, StageError, Table


def text_form_spans(text: str) -> list[tuple[int, int]]:
    """Given raw page text, return the (start, end) of each stretch that begins with a form title."""
    starts = [m.start() for m in patterns.FORM_TITLE.finditer(text)]
    return [(start, end) for start, end in zip(starts, starts[1:] + [len(text)])]


def forms_in_text(report: Report) -> list[list[Token]]:
    """Return the token lists of the forms printed in a text report's raw pages (the cleaned text has lost the cell breaks)."""
    found = []
    cursor = 0
    for page in report.pages:
        for start, end in text_form_spans(page.text):
            tokens = text_tokens(page.text[start:end], page.number, start)
            cursor = locate_in_text(tokens, report.text, report.page_at, cursor) if report.text else cursor
            found.append(tokens)
    return found


def is_form_table(table: Table) -> bool:
    """Tell whether a table is (the start of) a self-assessment form: a form title or the indicator header in it."""
    cells = [table.caption or "", *table.header] + [c.text for row in table.rows[:40] for c in row.cells]
    if any(patterns.FORM_TITLE.search(c) for c in cells[:1]):
        return True
    return "三级指标" in cells and "一级指标" in cells


def page_titles(report: Report, page: int) -> list[str]:
    """Return the form titles printed as text lines on a PDF page, top to bottom."""
    if not 0 < page <= len(report.pages):
        return []
    lines = report.pages[page - 1].lines
    titles = [patterns.FORM_TITLE.search(normalise_cell(line.text)) for line in sorted(lines, key=lambda l: l.top)]
    return [t.group(0) for t in titles if t]


def table_form_tokens(table: Table, title: str | None) -> list[Token]:
    """Return a form table's tokens, title first: its caption, else the title printed above it, else a neutral one."""
    tokens = table_tokens(table)
    title_at = next((i for i, t in enumerate(tokens[:3]) if patterns.FORM_TITLE.search(t.text)), None)
    if title_at is not None:
        return tokens[title_at:]
    page = table.pages[0] if table.pages else None
    return [Token(title or "绩效自评表", page=page, table=table.index, row=-2), *tokens]


def forms_in_tables(report: Report) -> list[list[Token]]:
    """Return the token lists of the form tables, each paired with the n-th form title printed on its page."""
    found = []
    seen: dict[int, int] = {}
    for table in report.tables:
        if not is_form_table(table):
            continue
        page = table.pages[0] if table.pages else 0
        titles = page_titles(report, page)
        nth = seen.get(page, 0)
        seen[page] = nth + 1
        found.append(table_form_tokens(table, titles[nth] if nth < len(titles) else None))
    return found


def find_forms(report: Report) -> list[Assessment]:
    """Return every form of the report, numbered in reading order; a form that cannot be read is recorded as a non-fatal error."""
    # A text report's tab-separated form is also one of its tables; its raw text keeps every cell, so read that.
    sources = forms_in_tables(report) if report.format == "pdf" else forms_in_text(report)
    forms = []
    for tokens in sources:
        try:
            form = read_form(tokens, index=len(forms))
        except FormUnreadable as exc:
            report.errors.append(StageError("forms", exc.kind, f"{report.path}: {exc}", fatal=False))
            continue
        if form is not None:
            forms.append(form)
    for table in report.tables:
        if is_scored_table(table):
            forms.append(read_scored_table(table, len(forms), caption_year(table.caption)))
    return forms


def caption_year(caption: str | None) -> int | None:
    """Return the year printed in a caption (2022年度…), if any."""
    match = patterns.YEAR.search(caption or "")
    return int(match["year"]) if match else None
