"""jieba's dictionary in one fixed state for the whole process, so rows do not depend on file order.

jieba keeps one global dictionary; the figures stage teaches it the taxonomy's words when it first
builds its spaCy pipeline, and the clean stage cuts words with it to decide whether a page break
splits a word. Were the words added on first use, the first report would be cleaned with the plain
dictionary and every later one with the extended dictionary (issue 12: 211 paragraphs alone, 210
after another file). Loading everything once, before any report, fixes the dictionary's state.
"""

from __future__ import annotations

from functools import cache


@cache
def load_dictionary() -> None:
    """Build jieba's dictionary and add the taxonomy's words (via the figures stage's pipeline), once per process."""
    import jieba

    from extractors.figures import nlp

    jieba.initialize()
    nlp()  # adds the taxonomy's words to jieba exactly once (it is cached)
