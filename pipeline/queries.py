"""Read-side library calls the CLI and notebooks share: find a report, its outline, search."""

from __future__ import annotations

from sqlite_utils import Database

# FTS5's trigram tokenizer needs at least three characters; shorter queries fall back to LIKE.
MIN_TRIGRAM_QUERY = 3


def find_report(db: Database, key: str) -> dict | None:
    """Return the report row whose id, file name, path or name stem is `key`."""
    sql = "select * from reports where cast(id as text) = ? or name = ? or path = ? or name like ? order by id limit 1"
    rows = list(db.query(sql, [key, key, key, f"{key}.%"]))
    return rows[0] if rows else None


def outline(db: Database, report_id: int) -> list[dict]:
    """Return the report's sections in order, with how many paragraphs each holds."""
    sql = """
        select s.idx, s.level, s.heading, s.page, s.path,
               (select count(*) from paragraphs p where p.report_id = s.report_id and p.section_idx = s.idx) as paragraphs
        from sections s where s.report_id = ? order by s.idx
    """
    return list(db.query(sql, [report_id]))


def search_paragraphs(db: Database, query: str, limit: int = 20) -> list[dict]:
    """Return paragraphs matching `query` (full-text, trigram), best first, with report and section."""
    base = """
        select r.name as report, p.page, p.kind, coalesce(s.path, '') as section, p.text, p.start, p.end
        from paragraphs p join reports r on r.id = p.report_id
        left join sections s on s.report_id = p.report_id and s.idx = p.section_idx
    """
    if len(query) >= MIN_TRIGRAM_QUERY:
        phrase = '"' + query.replace('"', '""') + '"'
        sql = base + " join paragraphs_fts f on f.rowid = p.id where paragraphs_fts match ? order by f.rank limit ?"
        return list(db.query(sql, [phrase, limit]))
    sql = base + " where p.text like ? order by r.name, p.idx limit ?"
    return list(db.query(sql, [f"%{query}%", limit]))


def snippet(text: str, query: str, width: int = 40) -> str:
    """Return the part of `text` around the first occurrence of `query`, the match in [brackets]."""
    at = text.find(query)
    if at < 0:
        return text[: 2 * width]
    start = max(0, at - width)
    end = min(len(text), at + len(query) + width)
    return ("…" if start else "") + text[start:at] + f"[{query}]" + text[at + len(query) : end] + ("…" if end < len(text) else "")


def metric_comparison(db: Database, metric: str | None = None) -> list[dict]:
    """Return the `metric_comparison` view's rows: every metric, one metric, a process
    (`ex_ante_assessment`: all its roles) or a role (`cut_rate`: in every process)."""
    sql = "select * from metric_comparison"
    if not metric:
        return list(db.query(sql))
    return list(db.query(sql + " where metric = ? or process = ? or role = ?", [metric, metric, metric]))



def report_places(db: Database) -> list[dict]:
    """Return every report's region, level, fiscal years and type (with where each was read), by region then year."""
    sql = """
        select r.name as report, r.region, r.admin_level as level, r.years, r.year, r.report_type, r.title,
               (select m.source from report_metadata m where m.report_id = r.id and m.field = 'region') as region_source
        from reports r where r.status != 'removed'
        order by coalesce(r.region, ''), coalesce(r.year, 0), r.name
    """
    return list(db.query(sql))


def form_comparison(db: Database, key: str | None = None) -> list[dict]:
    """Return the `form_comparison` view's rows (one per self-assessment form), or those whose project,
    department, unit, kind or year matches `key` (a substring, or a year)."""
    sql = "select * from form_comparison"
    if not key:
        return list(db.query(sql))
    like = f"%{key}%"
    return list(db.query(sql + " where project like ? or department like ? or unit like ? or kind = ? or cast(year as text) = ?", [like, like, like, key, key]))
