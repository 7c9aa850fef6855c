"""The figures stage: key figures of the narrative with their meaning and provenance.

Given the sentences of body and heading paragraphs (and the signature date of the back matter),
return every amount, rate, count, score, multiple and full date as a `Figure`: its exact value
(yuan, fraction, integer, ISO date), bound (约/余/超过/以上...), counted noun, metric
`process.role` from extractors/data/metrics.yaml, the total it is a 其中 part of, and where it is.
Finding numbers is extractors/figures/find.py's, their meaning extractors/figures/meaning.py's.
Sentences longer than MAX_PIECE_CHARS are searched in pieces, so the stage is linear in a
paragraph's length. Typed table cells become figures too (extractors/table_figures.py,
`Report.table_figures`).
"""

from __future__ import annotations

from pathlib import Path

from extractors import numbers, patterns
from extractors.figures.find import Found, find_in_sentence
from extractors.figures.meaning import attach_meaning, inherit_from_totals, link_parts
from extractors.simplified import fold_to_simplified
from extractors.table_figures import flattened_cell_figures, table_figures
from extractors.taxonomy import taxonomy
from pipeline.models import Figure, Paragraph, Report
from pipeline.stages import stage

# The most characters one searched piece of a sentence may hold (longer sentences are cut at clause breaks).
MAX_PIECE_CHARS = 1000


def to_figure(report: Report, paragraph: Paragraph, sentence_text: str, sentence_start: int, f: Found) -> Figure:
    """Turn a sentence-level find into a report-level Figure with provenance."""
    start, end = sentence_start + f.start, sentence_start + f.end
    metric = f"{f.process}.{f.role}" if f.process and f.role else None
    return Figure(
        surface=report.text[start:end],
        kind=f.kind,
        value=f.value,
        unit=f.unit,
        start=start,
        end=end,
        page=report.page_at(start),
        sentence=sentence_text,
        paragraph=paragraph.index,
        section_path=report.section_path(paragraph.section) or None,
        approx=f.approx,
        noun=f.noun,
        metric=metric,
        process=f.process,
        role=f.role,
    )


def bounded_pieces(text: str, start: int, limit: int = MAX_PIECE_CHARS) -> list[tuple[str, int]]:
    """Cut a sentence longer than `limit` into pieces at its last clause break (else space) before each limit."""
    pieces: list[tuple[str, int]] = []
    at = 0
    while len(text) - at > limit:
        window = text[at : at + limit]
        cuts = [m.end() for m in patterns.PIECE_BREAK.finditer(window)]
        cut = cuts[-1] if cuts and cuts[-1] > limit // 2 else limit
        pieces.append((text[at : at + cut], start + at))
        at += cut
    pieces.append((text[at:], start + at))
    return pieces


def paragraph_sentences(paragraph: Paragraph) -> list[tuple[str, int]]:
    """Return (text, start offset) of the pieces of a paragraph to search: its sentences, or the whole back-matter line.

    A sentence longer than MAX_PIECE_CHARS (a flattened table, a text without stops) is searched in
    pieces, so what one sentence costs is bounded and the stage is linear in the paragraph's length.
    """
    if paragraph.kind in ("body", "heading"):
        return [piece for s in paragraph.sentences for piece in bounded_pieces(s.text, s.start)]
    if paragraph.kind == "back":
        return bounded_pieces(paragraph.text, paragraph.start)
    return []


def extract_figures(report: Report) -> list[Figure]:
    """Return the key figures of a segmented report, in text order, with metric, part_of and provenance."""
    tax = taxonomy()
    figures: list[Figure] = []
    for paragraph in report.paragraphs:
        pieces = paragraph_sentences(paragraph)
        if not pieces:
            continue
        dates_only = paragraph.kind == "back"  # the signature date; closing lines hold no key figures
        # Matching runs on the simplified fold (same length, so offsets hold); stored text stays as printed.
        folded = [fold_to_simplified(text) for text, _ in pieces]
        results = [find_in_sentence(text, dates_only) for text in folded]
        sentences = [(text, found) for text, (found, _) in zip(folded, results)]
        attach_meaning(report, paragraph, sentences, tax, [words for _, words in results])
        link_parts(sentences)
        index_of: dict[int, int] = {}
        for (_, found), (printed, start) in zip(sentences, pieces):
            inherit_from_totals(found, tax)
            for f in found:
                figure = to_figure(report, paragraph, printed, start, f)
                figure.index = len(figures)
                figure.part_of = index_of.get(id(f.total)) if f.total is not None else None
                index_of[id(f)] = figure.index
                figures.append(figure)
    return figures


@stage("figures", requires={"paragraphs", "sections", "text", "tables"}, produces={"figures", "table_figures"})
def FIGURES(report: Report) -> Report:
    """Find the key figures of the narrative with their meaning and provenance."""
    report.figures = extract_figures(report)
    report.table_figures = table_figures(report, first_index=len(report.figures))
    taken = [(f.start, f.end) for f in report.figures]
    report.table_figures += flattened_cell_figures(report, taken, first_index=len(report.figures) + len(report.table_figures))
    return report


def figure_as_dict(figure: Figure) -> dict:
    """Return a figure as a JSON-ready dict (value as exact text)."""
    return {
        "index": figure.index,
        "surface": figure.surface,
        "kind": figure.kind,
        "value": numbers.format_value(figure.value),
        "unit": figure.unit,
        "approx": figure.approx,
        "noun": figure.noun,
        "metric": figure.metric,
        "part_of": figure.part_of,
        "sentence": figure.sentence,
        "start": figure.start,
        "end": figure.end,
        "page": figure.page,
        "section_path": figure.section_path,
        "source": figure.source,
        "table": figure.table_index,
        "row": figure.row_index,
        "column": figure.column,
    }


def figure_line(figure: Figure) -> str:
    """Return a one-line summary of a figure for people: index, page, surface, value, metric."""
    bound = f" ({figure.approx})" if figure.approx else ""
    noun = f" [{figure.noun}]" if figure.noun else ""
    part = f" part of #{figure.part_of}" if figure.part_of is not None else ""
    if figure.source == "table":
        where = f"table {figure.table_index} row {figure.row_index} {figure.column}" if figure.table_index is not None else "flattened table"
        part += f" [{where}]"
    return (
        f"#{figure.index:<3} p.{figure.page:<2} {figure.kind:<8} {figure.surface}{noun}{bound} = "
        f"{numbers.readable_value(figure.kind, figure.value)} → {figure.metric or '-'}{part}"
    )


def figures_of_file(path) -> Report:
    """Run the stages up to figures on one file, without a database; return the report."""
    from pipeline.runner import run_until  # lazy: the runner imports the stages

    return run_until(Path(path), "figures")
