"""Key figures: finding numbers in text (find.py), their meaning (meaning.py) and the stage (stage.py).

The names other modules, notebooks and tests use are importable from here as they were from the
single module this package replaces.
"""

from extractors.figures.find import Found, Words, find_figures_in_sentence, find_in_sentence, nlp
from extractors.figures.meaning import attach_meaning, inherit_from_totals, link_parts
from extractors.figures.stage import (
    FIGURES,
    MAX_PIECE_CHARS,
    extract_figures,
    figure_as_dict,
    figure_line,
    figures_of_file,
)

__all__ = [
    "FIGURES",
    "MAX_PIECE_CHARS",
    "Found",
    "Words",
    "attach_meaning",
    "extract_figures",
    "figure_as_dict",
    "figure_line",
    "figures_of_file",
    "find_figures_in_sentence",
    "find_in_sentence",
    "inherit_from_totals",
    "link_parts",
    "nlp",
]
