"""The audit's checks as people and programs read them: plain data, text lines, an HTML report."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from extractors.audit.registry import legend
from extractors.audit.stage import load_checks

STATUS_ORDER = {"fail": 0, "unverifiable": 1, "pass": 2}
KINDS_START = "<!-- check kinds: written by extractors.audit.present.kinds_markdown -->"
KINDS_END = "<!-- end of check kinds -->"


def check_kinds() -> list[tuple[str, str]]:
    """Return (kind, meaning) of every registered check kind."""
    load_checks()
    return legend()


def kinds_markdown() -> str:
    """Return the data dictionary's table of check kinds, from the registry."""
    lines = [KINDS_START, "| kind | what is checked |", "|---|---|"]
    lines += [f"| `{kind}` | {doc} |" for kind, doc in check_kinds()]
    return "\n".join([*lines, KINDS_END])


def kinds_html() -> str:
    """Return the HTML legend of check kinds, from the registry."""
    rows = "".join(f"<tr><td>{html.escape(kind)}</td><td>{html.escape(doc)}</td></tr>" for kind, doc in check_kinds())
    return f"<h2>Check kinds</h2><table class='legend'><tr><th>kind</th><th>what is checked</th></tr>{rows}</table>"


def checks_from_db(db, report: str | None = None) -> list[dict[str, Any]]:
    """Return the stored checks (all reports, or one by name), failures first, as plain data for JSON and HTML."""
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
            }
        )
    return sorted(rows, key=lambda c: STATUS_ORDER.get(c["status"], 3))


def check_lines(check: dict[str, Any]) -> list[str]:
    """Return a check as readable lines: status, report, page, message, then each input's evidence."""
    page = f" p.{check['page']}" if check.get("page") else ""
    lines = [f"{check['status'].upper():<12} {check['report']}{page} [{check['kind']}]", f"    {check['message']}"]
    for item in check["inputs"]:
        where = f" p.{item['page']}" if item.get("page") else ""
        lines.append(f"      - {item['surface']}{where}: {item['source']}")
    return lines


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
        parts.append(f"<h2>{esc(name)}</h2><p>{counts}</p><table><tr><th>status</th><th>kind</th><th>page</th><th>stated</th><th>computed</th><th>difference</th><th>tolerance</th><th>message and evidence</th></tr>")
        for c in mine:
            evidence = "".join(f"<li>{esc(i['surface'])}{' (p. ' + str(i['page']) + ')' if i.get('page') else ''}: {esc(i['source'])}</li>" for i in c["inputs"])
            cells = [c["kind"], c["page"] or "", c["stated"] or "", c["computed"] or "", c["difference"] or "", c["tolerance"] or ""]
            parts.append(
                f"<tr class='{esc(c['status'])}'><td class='status'>{esc(c['status'])}</td>"
                + "".join(f"<td>{esc(str(v))}</td>" for v in cells)
                + f"<td>{esc(c['message'])}<ul>{evidence}</ul></td></tr>"
            )
        parts.append("</table>")
    parts.append(kinds_html())
    parts.append("</body></html>")
    return "\n".join(parts)


def write_audit_html(checks: list[dict[str, Any]], path: Path) -> None:
    """Write the HTML audit report to `path`."""
    path.write_text(audit_html(checks), encoding="utf-8")
