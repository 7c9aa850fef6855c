"""What the audit could not read: pages without a text layer or that failed, and the checks they touch.

A report read only in part says so in a `coverage` check (`partial: page 14 not read`), and a check
adding up parts whose inputs lie on both sides of a page not read is `unverifiable`, never `pass`
or `fail`: parts it needed may be printed on that page.
"""

from __future__ import annotations

from decimal import Decimal

from extractors.audit.patterns import ERROR_PAGE
from extractors.audit.registry import AuditContext, check
from pipeline.models import Check, Report


def unread_pages(report: Report) -> list[int]:
    """Return the pages of a report that were not read: no text layer, or named by a non-fatal error."""
    pages = {p.number for p in report.pages if not p.has_text_layer}
    for error in report.errors:
        if not error.fatal and (match := ERROR_PAGE.search(error.message)):
            pages.add(int(match.group(1)))
    return sorted(pages)


def partial_note(pages: list[int]) -> str:
    """Return the note a partial report carries in every audit output: `partial: page 14 not read`."""
    return f"partial: page{'s' if len(pages) > 1 else ''} {', '.join(map(str, pages))} not read"


@check("coverage", "report", "a report read only in part: the pages not read (no text layer, or failed)")
def coverage_checks(ctx: AuditContext) -> list[Check]:
    """One unverifiable check naming the pages not read, when there are any."""
    pages = unread_pages(ctx.report)
    if not pages:
        return []
    note = partial_note(pages)
    return [Check(kind="coverage", status="unverifiable", stated=None, computed=None, tolerance=Decimal(0), message=note, page=pages[0])]


def spanned_page(check_: Check, pages: list[int]) -> int | None:
    """Return a page not read that lies between the pages of a check's inputs, or None."""
    seen = {i.page for i in check_.inputs if i.page is not None} | ({check_.page} if check_.page else set())
    if len(seen) < 2:
        return None
    return next((p for p in pages if min(seen) < p < max(seen)), None)


# Kinds that add up parts: a page not read between their inputs may hold parts they miss. A figure
# printed twice or a rate has all its inputs in hand, wherever they are printed.
SUMMING_KINDS = frozenset({"table_total", "table_subtotal", "section_subtotal", "row_sum", "breakdown", "stated_sum", "numbered_list"})


def mark_unread(checks: list[Check], pages: list[int]) -> list[Check]:
    """Make every summing check whose inputs span a page not read `unverifiable`, saying which page."""
    for check_ in checks:
        if check_.kind in SUMMING_KINDS and (page := spanned_page(check_, pages)) is not None:
            check_.status = "unverifiable"
            check_.message += f"; page {page}, between its inputs, was not read: unverifiable"
    return checks
