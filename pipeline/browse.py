"""A browsable database: Datasette metadata (titles, column descriptions, canned queries) from the data dictionary."""

from __future__ import annotations

import re
from pathlib import Path

DICTIONARY = Path(__file__).resolve().parent.parent / "docs" / "data-dictionary.md"
SECTION = re.compile(r"^## (?P<name>\S+)")
COLUMN_ROW = re.compile(r"^\|\s*`(?P<column>[^`]+)`\s*\|[^|]*\|\s*(?P<meaning>.*?)\s*\|\s*$")

# Canned queries a researcher or auditor starts from.
CANNED_QUERIES = {
    "reports_overview": {
        "title": "Reports: status, issuer, region, year",
        "sql": "select id, name, status, title, issuer, region, year, pages, error from reports order by year, name",
    },
    "search_paragraphs": {
        "title": "Full-text search of paragraphs (3+ characters)",
        "sql": (
            "select r.name as report, p.page, p.kind, p.text from paragraphs p "
            "join reports r on r.id = p.report_id join paragraphs_fts f on f.rowid = p.id "
            "where paragraphs_fts match '\"' || :query || '\"' order by f.rank limit 50"
        ),
    },
}
# Self-assessment forms (issue 11): indicators that lost points, with target against actual.
CANNED_QUERIES["form_points_lost"] = {
    "title": "Self-assessment forms: indicators scored below their weight (target, actual, deviation)",
    "sql": (
        "select r.name as report, a.year, a.project, a.department, i.level1, i.level2, i.level3, i.target, i.actual, "
        "i.weight, i.score, i.deviation from indicators i join assessments a on a.report_id = i.report_id and a.idx = i.assessment_idx "
        "join reports r on r.id = i.report_id where i.score < i.weight order by i.weight - i.score desc"
    ),
}


def dictionary_sections(path: Path = DICTIONARY) -> dict[str, dict]:
    """Given the data dictionary, return {table: {"description": first paragraph, "columns": {col: meaning}}}."""
    sections: dict[str, dict] = {}
    current: dict | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := SECTION.match(line):
            current = sections.setdefault(match["name"], {"description": "", "columns": {}})
        elif current is not None and (match := COLUMN_ROW.match(line)):
            current["columns"][match["column"]] = match["meaning"]
        elif current is not None and line.strip() and not line.startswith("|") and not current["columns"]:
            current["description"] = (current["description"] + " " + line.strip()).strip()
    return sections


def datasette_metadata(database_name: str) -> dict:
    """Return Datasette metadata for the database: table descriptions, column meanings, canned queries."""
    tables = {
        name: {"description": info["description"], "columns": info["columns"]} for name, info in dictionary_sections().items()
    }
    return {
        "title": "govreports",
        "description": "Chinese budget-performance reports: text, tables, key figures and audit checks.",
        "databases": {database_name: {"tables": tables, "queries": CANNED_QUERIES}},
    }
