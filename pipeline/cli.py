"""The `govreports` command line: a thin click layer over library calls."""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import click

from extractors.numbers import readable_value
from pipeline import __version__, browse, export, queries
from pipeline.errors import SettingsError
from pipeline.paths import readable_path
from pipeline.runner import RunSummary, run
from pipeline.schema import open_database
from pipeline.settings import DEFAULT_CORPUS, DEFAULT_DB, RunSettings

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
DB_OPTION = click.option("--db", "db_path", type=click.Path(path_type=Path), default=DEFAULT_DB, show_default=True, help="SQLite database file.")


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version")
def cli() -> None:
    """Turn Chinese budget-performance reports into a documented SQLite database.

    \b
    Example:
        govreports run                 # the bundled corpus into outputs/govreports.db
        govreports show lhasa-2020-performance-management
        govreports search 事前绩效评估
    """


def existing_database(db_path: Path):
    """Open a database `govreports run` built; refuse (rather than create an empty one) when there is none."""
    if not db_path.exists():
        raise click.ClickException(f"no database at {db_path}: run `govreports run` first")
    return open_database(db_path)


def raise_if_fatal(report) -> None:
    """Stop a one-file command with the report's fatal errors (each names the file)."""
    fatal = [e.message for e in report.errors if e.fatal]
    if fatal:
        raise click.ClickException("; ".join(fatal))


def pad(text: str, width: int) -> str:
    """Return `text` padded to `width` terminal columns (a CJK character takes two)."""
    columns = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(width - columns, 0)


def naming(path: str, message: str) -> str:
    """Return an error message that names its file once (stage errors already start with the path)."""
    return message if message.startswith(path) else f"{path}: {message}"


def print_summary(summary: RunSummary) -> None:
    """Print a run's closing summary."""
    click.echo(
        f"reports: {len(summary.loaded)} loaded, {len(summary.skipped)} skipped (unchanged), "
        f"{len(summary.failed)} failed, {len(summary.removed)} removed"
        + (f", {len(summary.duplicates)} duplicate(s)" if summary.duplicates else "")
    )
    click.echo(f"database: {summary.sections} sections, {summary.paragraphs} paragraphs; {summary.seconds:.1f} s")
    for path, message in summary.failed:
        click.secho(f"FAILED  {naming(path, message)}", fg="red", err=True)
    for path, message in summary.partial:
        click.secho(f"PARTIAL {naming(path, message)}", fg="yellow", err=True)
    for path in summary.removed:
        click.secho(f"REMOVED {path}: in the database but no longer on disk", fg="yellow", err=True)
    for path, original in summary.duplicates:
        click.secho(f"DUPLICATE {path}: duplicate of {original} (not loaded again)", fg="yellow", err=True)
    for run_id in summary.interrupted_runs:
        click.secho(f"INTERRUPTED run {run_id} was killed before it finished (marked interrupted; its failed files are retried)", fg="yellow", err=True)
    if summary.peak_memory_mb:
        click.echo(f"peak memory of one worker: {summary.peak_memory_mb:,.0f} MB")
    for problem in summary.manifest_problems:
        click.secho(f"MANIFEST {problem}", fg="yellow", err=True)


@cli.command("run", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@DB_OPTION
@click.option("--force", is_flag=True, help="Reprocess files even when unchanged.")
@click.option("-r", "--recursive", is_flag=True, help="Also read files in subfolders (e.g. corpus/pdf).")
@click.option("--workers", default=1, show_default=True, help="Files processed at once, each in its own process (0: in this process, no limits).")
@click.option("--timeout", type=float, help="Seconds allowed per file [default: 120 + 3 per page + 10 per MB].")
@click.option("--max-memory", "max_memory", type=float, help="MB of memory allowed per file [default: 1024 + 2 per page + 8x the file size].")
@click.option("--no-retry", is_flag=True, help="Do not reprocess unchanged files that failed in an earlier run.")
def run_command(paths: tuple[Path, ...], db_path: Path, force: bool, recursive: bool, workers: int, timeout: float | None, max_memory: float | None, no_retry: bool) -> None:
    """Load report files (.txt, .pdf) or folders into the database.

    Unchanged files (same sha256, same pipeline) are skipped; a changed file replaces its rows; a
    file that failed is retried. Each file runs in a worker process under a time and memory limit;
    a file over its limit, or one that cannot be read, is recorded as failed and the batch goes on.
    Exit code 1 when some file failed.

    \b
    Example:
        govreports run
        govreports run corpus/lhasa-2020-performance-management.txt --db /tmp/one.db
        govreports run -r corpus        # the text reports and their PDF renderings
        govreports run -r downloads --workers 2 --timeout 300 --max-memory 2000
    """
    try:
        settings = RunSettings(
            paths=paths or (DEFAULT_CORPUS,), db_path=db_path, force=force, recursive=recursive,
            workers=workers, timeout=timeout, max_memory_mb=max_memory, retry=not no_retry,
        )
    except SettingsError as exc:
        raise click.UsageError(str(exc)) from exc

    def progress(files: list[Path]):
        if not sys.stderr.isatty():  # a log or a pipe: one plain line per report, no bar, no label
            for path in files:
                click.echo(readable_path(path.name), err=True)
                yield path
            return
        with click.progressbar(files, label="reports", item_show_func=lambda p: readable_path(p.name) if p else "", file=sys.stderr) as bar:
            yield from bar

    summary = run(settings, progress=progress)
    print_summary(summary)
    click.echo(f"written: {db_path}")
    if summary.failed:
        sys.exit(1)


@cli.command("show", context_settings=CONTEXT)
@click.argument("report")
@DB_OPTION
def show_command(report: str, db_path: Path) -> None:
    """Print a report's metadata and heading structure.

    REPORT is a report id, file name, file stem or path.

    \b
    Example:
        govreports show korla-2020-performance-management
    """
    db = existing_database(db_path)
    row = queries.find_report(db, report)
    if row is None:
        raise click.ClickException(f"no report {report!r} in {db_path}")
    for label in ("name", "status", "title", "issuer", "doc_number", "signing_date", "region", "years", "pages", "error"):
        if row.get(label) not in (None, ""):
            click.echo(f"{label:>13}: {row[label]}")
    click.echo("")
    for section in queries.outline(db, row["id"]):
        indent = "  " * (section["level"] - 1)
        click.echo(f"{indent}{section['heading']}  (p. {section['page']}, {section['paragraphs']} paragraphs)")


@cli.command("search", context_settings=CONTEXT)
@click.argument("query")
@DB_OPTION
@click.option("--limit", default=20, show_default=True, help="Most results to print.")
def search_command(query: str, db_path: Path, limit: int) -> None:
    """Full-text search of paragraphs (trigram index; 1-2 character queries use LIKE).

    \b
    Example:
        govreports search 预算绩效
    """
    db = existing_database(db_path)
    try:
        hits = queries.search_paragraphs(db, query, limit)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    for hit in hits:
        where = f"{hit['report']} p.{hit['page']}" + (f" {hit['section']}" if hit["section"] else "")
        click.echo(f"{where}\n    {queries.snippet(hit['text'], query)}")
    click.echo(f"{len(hits)} paragraph(s)")


@cli.command("tables", context_settings=CONTEXT)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the tables as JSON (caption, pages, header, rows, ...).")
@click.option("--rows", "first_rows", default=3, show_default=True, help="Rows to show per table in the summary.")
def tables_command(file: Path, as_json: bool, first_rows: int) -> None:
    """Find the tables of one report file without a database and print them.

    \b
    Example:
        govreports tables corpus/lhasa-2020-performance-management.txt
        govreports tables corpus/pdf/lhasa-2020-performance-management.chromium.pdf --json
    """
    from extractors.tables.stage import table_as_dict, table_summary, tables_of_file

    report = tables_of_file(file)
    raise_if_fatal(report)
    if as_json:
        click.echo(json.dumps([table_as_dict(t) for t in report.tables], ensure_ascii=False, indent=1, default=str))
        return
    for table in report.tables:
        click.echo("\n".join(table_summary(table, first_rows)))
    click.echo(f"{len(report.tables)} table(s) in {file.name}")


@cli.command("forms", context_settings=CONTEXT)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the forms as JSON (header, funds, goals, indicators, provenance).")
def forms_command(file: Path, as_json: bool) -> None:
    """Read the performance self-assessment forms (绩效自评表) of one report file without a database.

    \b
    Example:
        govreports forms tests/fixtures/forms/tancheng-2018-self-assessment-forms-excerpt.txt
        govreports forms corpus/tibet-foreign-affairs-2022-performance-management-summary.txt --json
    """
    from extractors.forms.present import form_as_dict, form_summary
    from extractors.forms.stage import forms_of_file

    report = forms_of_file(file)
    raise_if_fatal(report)
    if as_json:
        click.echo(json.dumps([form_as_dict(f) for f in report.assessments], ensure_ascii=False, indent=1))
        return
    for form in report.assessments:
        click.echo("\n".join(form_summary(form)))
    for error in report.errors:
        click.echo(f"note: {error.message}")
    click.echo(f"{len(report.assessments)} form(s) in {file.name}")


@cli.command("export", context_settings=CONTEXT)
@DB_OPTION
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("outputs/exports"), show_default=True, help="Folder to write into.")
@click.option("--format", "formats", type=click.Choice(export.FORMATS), multiple=True, help="Formats (repeatable; default: all).")
def export_command(db_path: Path, out_dir: Path, formats: tuple[str, ...]) -> None:
    """Export every table and view as CSV, JSON Lines, Parquet and an Excel workbook.

    \b
    Example:
        govreports export --format csv --format parquet
    """
    written = export.export_database(existing_database(db_path), out_dir, formats or export.FORMATS)
    click.echo(f"{len(written)} files written to {out_dir}")


@cli.command("serve", context_settings=CONTEXT)
@DB_OPTION
@click.option("--port", default=8001, show_default=True, help="Port on localhost.")
@click.option("--metadata-only", is_flag=True, help="Print the Datasette metadata (JSON) and exit.")
def serve_command(db_path: Path, port: int, metadata_only: bool) -> None:
    """Browse the database in Datasette, with the data dictionary as column descriptions.

    \b
    Example:
        govreports serve --port 8001     # then open http://127.0.0.1:8001
    """
    metadata = browse.datasette_metadata(db_path.stem)
    if metadata_only:
        click.echo(json.dumps(metadata, ensure_ascii=False, indent=2))
        return
    existing_database(db_path)
    from datasette.app import Datasette
    import uvicorn

    app = Datasette([str(db_path)], metadata=metadata, immutables=[]).app()
    uvicorn.run(app, host="127.0.0.1", port=port)


@cli.command("figures", context_settings=CONTEXT)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of figures.")
@click.option("--tables", "with_tables", is_flag=True, help="Also print the figures read from table cells (source table).")
def figures_command(file: Path, as_json: bool, with_tables: bool = False) -> None:
    """Find the key figures of one report file without a database and print them.

    Each figure has its kind, exact value (yuan, fraction, count), metric (process.role from
    extractors/data/metrics.yaml), the total it is a 其中 part of, page and offsets.

    \b
    Example:
        govreports figures corpus/baoji-2023-performance-management.txt
        govreports figures corpus/korla-2020-performance-management.txt --json
        govreports figures corpus/lhasa-2020-performance-management.txt --tables
    """
    from extractors.figures.stage import figure_as_dict, figure_line, figures_of_file

    report = figures_of_file(file)
    raise_if_fatal(report)
    figures = report.figures + (report.table_figures if with_tables else [])
    if as_json:
        click.echo(json.dumps([figure_as_dict(f) for f in figures], ensure_ascii=False, indent=1))
        return
    for figure in figures:
        click.echo(figure_line(figure))
    click.echo(f"{len(figures)} figure(s) in {file.name}")


@cli.command("compare", context_settings=CONTEXT)
@click.argument("metric", required=False)
@DB_OPTION
@click.option("--reports", "list_reports", is_flag=True, help="List every report's region, level, years and type instead.")
@click.option("--forms", "forms", is_flag=True, help="Compare self-assessment forms (绩效自评表) instead: execution rate, scores; METRIC filters by project, department, unit or year.")
def compare_command(metric: str | None, db_path: Path, list_reports: bool = False, forms: bool = False) -> None:
    """Line up a metric across reports (the metric_comparison view).

    METRIC is a `process.role` key (ex_ante_assessment.cut_rate), a process (ex_ante_assessment) or a
    role (cut_rate, in every process); without it every metric is printed. Values are normalised:
    amounts in yuan, rates as fractions, counts as integers. `--reports` lists where and when every
    report stands (region and fiscal years from the manifest or read from the document). `--forms`
    prints every self-assessment form with its execution rate, funds score, total score and the
    indicators at full marks.

    \b
    Example:
        govreports compare ex_ante_assessment.cut_rate
        govreports compare cut_rate
        govreports compare monitoring --db /tmp/f.db
        govreports compare --reports
        govreports compare --forms
        govreports compare --forms 2018
    """
    if forms:
        return print_form_comparison(queries.form_comparison(existing_database(db_path), metric))
    if list_reports:
        places = queries.report_places(existing_database(db_path))
        for row in places:
            click.echo(
                f"  {row['years'] or '':<15} {pad(row['region'] or '(no region)', 34)} {pad(row['level'] or '', 9)}"
                f" {pad(row['report_type'] or '', 26)} {row['report']}"
            )
        placed = sum(bool(r["region"]) and bool(r["years"]) for r in places)
        click.echo(f"{len(places)} report(s), {placed} with region and year")
        return
    rows = queries.metric_comparison(existing_database(db_path), metric)
    current = None
    for row in rows:
        if row["metric"] != current:
            current = row["metric"]
            click.echo(current)
        bound = f" ({row['approx']})" if row["approx"] else ""
        noun = f" {row['noun']}" if row["noun"] else ""
        value = readable_value(row["kind"], row["value"])
        click.echo(
            f"  {row['years'] or row['year'] or '':<10} {pad(row['region'] or '', 22)} {value:>22}"
            f"{noun}{bound}  «{row['surface']}» p.{row['page']}  {row['report']}"
        )
    click.echo(f"{len(rows)} figure(s)")


def print_form_comparison(rows: list[dict]) -> None:
    """Print one line per self-assessment form: year, who, execution rate, funds and total scores."""
    number = lambda v, suffix="": "—" if v is None else f"{v:g}{suffix}"  # noqa: E731 - REAL columns as printed
    for row in rows:
        who = row["project"] or row["department"] or row["issuer"] or row["title"]
        rate = number(row["execution_rate"], "%") if row["execution_rate"] is not None else number(row["computed_rate"], "%*")
        click.echo(
            f"  {row['year'] or '':<6} {pad(who[:20], 42)} 执行率 {rate:>8}  "
            f"资金得分 {number(row['funds_score']):>5}  总分 {number(row['total_score']):>5}  "
            f"满分指标 {row['full_marks']}/{row['n_indicators']}  {row['report']} #{row['assessment_idx']}"
        )
    click.echo(f"{len(rows)} form(s); * = 执行率 not printed, computed as 全年执行数 / 全年预算数 (or 年初预算数)")


@cli.command("audit", context_settings=CONTEXT)
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the checks as a JSON list.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path), help="Also write a readable HTML audit report here.")
@click.option("--report", "report_name", help="Only this report (file name as stored).")
def audit_command(db_path: Path, as_json: bool, html_path: Path | None, report_name: str | None) -> None:
    """Print the audit checks stored by `govreports run`, failures first; exit 1 if any check fails.

    Each check compares a stated total, breakdown or rate with the value recomputed from its parts,
    with a tolerance from the printed precision; `unverifiable` means masked or missing parts.

    \b
    Example:
        govreports run && govreports audit
        govreports audit --json > checks.json
        govreports audit --html audit.html
    """
    from extractors.audit.present import check_lines, checks_from_db, summary_lines, write_audit_html
    from pipeline.errors import UnknownReport

    try:
        checks = checks_from_db(existing_database(db_path), report_name)
    except UnknownReport as exc:
        raise click.ClickException(f"{exc} ({db_path})") from exc
    if html_path:
        write_audit_html(checks, html_path)
    if as_json:
        click.echo(json.dumps(checks, ensure_ascii=False, indent=1))
    else:
        for check in checks:
            click.echo("\n".join(check_lines(check)))
        click.echo("\n".join(summary_lines(checks)))
    if any(c["status"] == "fail" for c in checks):
        sys.exit(1)


def main() -> None:
    """Entry point of the `govreports` console script."""
    cli()


if __name__ == "__main__":  # `python -m pipeline.cli ...`
    main()
