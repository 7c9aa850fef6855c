"""The `govreports` command line: a thin click layer over library calls."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline import __version__, queries
from pipeline.errors import SettingsError
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


def print_summary(summary: RunSummary) -> None:
    """Print a run's closing summary."""
    click.echo(
        f"reports: {len(summary.loaded)} loaded, {len(summary.skipped)} skipped (unchanged), "
        f"{len(summary.failed)} failed, {len(summary.removed)} removed"
    )
    click.echo(f"database: {summary.sections} sections, {summary.paragraphs} paragraphs; {summary.seconds:.1f} s")
    for path, message in summary.failed:
        click.secho(f"FAILED  {path}: {message}", fg="red", err=True)
    for path, message in summary.partial:
        click.secho(f"PARTIAL {path}: {message}", fg="yellow", err=True)
    for path in summary.removed:
        click.secho(f"REMOVED {path}: in the database but no longer on disk", fg="yellow", err=True)


@cli.command("run", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@DB_OPTION
@click.option("--force", is_flag=True, help="Reprocess files even when unchanged.")
@click.option("-r", "--recursive", is_flag=True, help="Also read files in subfolders (e.g. corpus/pdf).")
def run_command(paths: tuple[Path, ...], db_path: Path, force: bool, recursive: bool) -> None:
    """Load report files (.txt, .pdf) or folders into the database.

    Unchanged files (same sha256, same pipeline) are skipped; a changed file replaces its rows.

    \b
    Example:
        govreports run
        govreports run corpus/lhasa-2020-performance-management.txt --db /tmp/one.db
        govreports run -r corpus        # the text reports and their PDF renderings
    """
    try:
        settings = RunSettings(paths=paths or (DEFAULT_CORPUS,), db_path=db_path, force=force, recursive=recursive)
    except SettingsError as exc:
        raise click.UsageError(str(exc)) from exc

    def progress(files: list[Path]):
        with click.progressbar(files, label="reports", item_show_func=lambda p: p.name if p else "", file=sys.stderr) as bar:
            yield from bar

    print_summary(run(settings, progress=progress))
    click.echo(f"written: {db_path}")


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
    db = open_database(db_path)
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
    db = open_database(db_path)
    hits = queries.search_paragraphs(db, query, limit)
    for hit in hits:
        where = f"{hit['report']} p.{hit['page']}" + (f" {hit['section']}" if hit["section"] else "")
        click.echo(f"{where}\n    {queries.snippet(hit['text'], query)}")
    click.echo(f"{len(hits)} paragraph(s)")


def main() -> None:
    """Entry point of the `govreports` console script."""
    cli()
