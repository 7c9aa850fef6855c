"""The audit's checks as people and programs read them: plain data, text lines, an HTML report."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from extractors.audit.registry import legend
from pipeline.errors import UnknownReport
from extractors.audit.stage import CHECK_MODULES, load_checks

STATUS_ORDER = {"fail": 0, "unverifiable": 1, "pass": 2}
KINDS_START = "<!-- check kinds: written by extractors.audit.present.kinds_markdown -->"
KINDS_END = "<!-- end of check kinds -->"


def check_kinds() -> list[tuple[str, str]]:
    """Return (kind, meaning) of every registered check kind."""
    load_checks()
    return legend(CHECK_MODULES)


def kinds_markdown() -> str:
    """Return the data dictionary's table of check kinds, from the registry."""
    lines = [KINDS_START, "| kind | what is checked |", "|---|---|"]
    lines += [f"| `{kind}` | {doc} |" for kind, doc in check_kinds()]
    return "\n".join([*lines, KINDS_END])


def kinds_html() -> str:
    """Return the HTML legend of check kinds, from the registry."""
    rows = "".join(f"<tr><td>{html.escape(kind)}</td><td>{html.escape(doc)}</td></tr>" for kind, doc in check_kinds())
    return f"<h2>Check kinds</h2><table class='legend'><tr><th>kind</th><th>what is checked</th></tr>{rows}</table>"


def partial_notes(db, report: str | None = None) -> dict[str, str]:
    """Return {report name: `partial: page 14 not read`} for the reports read only in part."""
    sql = "SELECT r.name AS report, c.message FROM checks c JOIN reports r ON r.id = c.report_id WHERE c.kind = 'coverage'"
    return {row["report"]: row["message"] for row in db.query(sql) if report is None or row["report"] == report}


def checks_from_db(db, report: str | None = None) -> list[dict[str, Any]]:
    """Return the stored checks (all reports, or one by name), failures first, as plain data for JSON and HTML.

    Each check carries `partial`: its report's note when the report was read only in part, else None.
    An unknown report name raises UnknownReport.
    """
    if report is not None and not list(db.query("SELECT 1 FROM reports WHERE name = ?", [report])):
        raise UnknownReport(f"no report {report!r} in the database")
    notes = partial_notes(db, report)
    sql = (
        "SELECT r.name AS report, c.* FROM checks c JOIN reports r ON r.id = c.report_id"
        + (" WHERE r.name = ?" if report else "")
        + " ORDER BY r.name, c.idx"
    )
    rows = []
    for row in db.query(sql, [report] if report else []):
        rows.append(
            {
                "report": row["report"],
                "kind": row["kind"],
                "status": row["status"],
                "stated": row["stated"],
                "stated_source": row["stated_source"],
                "computed": row["computed"],
                "difference": row["difference"],
                "tolerance": row["tolerance"],
                "unit": row["unit"],
                "page": row["page"],
                "inputs": json.loads(row["inputs"] or "[]"),
                "message": row["message"],
                "partial": notes.get(row["report"]),
            }
        )
    return sorted(rows, key=lambda c: STATUS_ORDER.get(c["status"], 3))


def check_lines(check: dict[str, Any]) -> list[str]:
    """Return a check as readable lines: status, report, page, message, then each input's evidence."""
    page = f" p.{check['page']}" if check.get("page") else ""
    lines = [f"{check['status'].upper():<12} {check['report']}{page} [{check['kind']}]", f"    {check['message']}"]
    for item in check["inputs"]:
        lines.append(f"      - {evidence(item)}")
    return lines


def evidence(item: dict[str, Any]) -> str:
    """Return one input of a check as evidence: surface, value and unit, page, where it is printed."""
    where = f" p.{item['page']}" if item.get("page") else ""
    unit = f" [{item['value']} {item['unit']}]" if item.get("unit") and item.get("value") is not None else ""
    return f"{item['surface']}{unit}{where}: {item['source']}"


def summary_lines(checks: list[dict[str, Any]]) -> list[str]:
    """Return the closing lines of the CLI audit: each partial report's note, then the counts."""
    notes = sorted({(c["report"], c["partial"]) for c in checks if c.get("partial")})
    counts = {s: sum(c["status"] == s for c in checks) for s in ("fail", "unverifiable", "pass")}
    lines = [f"PARTIAL      {name}: {note}" for name, note in notes]
    return lines + [f"{len(checks)} checks: {counts['fail']} fail, {counts['unverifiable']} unverifiable, {counts['pass']} pass"]


HTML_STYLE = """
body { font-family: sans-serif; max-width: 70em; margin: 2em auto; color: #222; }
h2 { border-bottom: 1px solid #ccc; padding-bottom: .2em; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5em; }
td, th { border: 1px solid #ddd; padding: .3em .5em; vertical-align: top; font-size: 90%; }
tr.fail td.status { background: #f8d7da; } tr.unverifiable td.status { background: #fff3cd; }
tr.pass td.status { background: #d4edda; } ul { margin: 0; padding-left: 1.2em; }
"""


def audit_html(checks: list[dict[str, Any]]) -> str:
    """Return a self-contained HTML audit report: one section per report, failures first."""
    esc = html.escape
    parts = [f"<!doctype html><html><head><meta charset='utf-8'><title>govreports audit</title><style>{HTML_STYLE}</style></head><body>"]
    parts.append("<h1>Audit of stated totals, breakdowns and rates</h1>")
    for name in sorted({c["report"] for c in checks}):
        mine = [c for c in checks if c["report"] == name]
        counts = ", ".join(f"{sum(c['status'] == s for c in mine)} {s}" for s in ("fail", "unverifiable", "pass"))
        partial = next((c["partial"] for c in mine if c.get("partial")), None)
        note = f"<p class='partial'><strong>{esc(partial)}</strong>: checks that needed those pages are unverifiable</p>" if partial else ""
        parts.append(f"<h2>{esc(name)}</h2>{note}<p>{counts}</p><table><tr><th>status</th><th>kind</th><th>page</th><th>stated</th><th>computed</th><th>difference</th><th>tolerance</th><th>message and evidence</th></tr>")
        for c in mine:
            evidence_items = "".join(f"<li>{esc(evidence(i))}</li>" for i in c["inputs"])
            cells = [c["kind"], c["page"] or "", c["stated"] or "", c["computed"] or "", c["difference"] or "", c["tolerance"] or ""]
            parts.append(
                f"<tr class='{esc(c['status'])}'><td class='status'>{esc(c['status'])}</td>"
                + "".join(f"<td>{esc(str(v))}</td>" for v in cells)
                + f"<td>{esc(c['message'])}<ul>{evidence_items}</ul></td></tr>"
            )
        parts.append("</table>")
    parts.append(kinds_html())
    parts.append("</body></html>")
    return "\n".join(parts)


def write_audit_html(checks: list[dict[str, Any]], path: Path) -> None:
    """Write the HTML audit report to `path`."""
    path.write_text(audit_html(checks), encoding="utf-8")
