"""Table captions, shared by the text and PDF paths: which printed lines can title a table."""

from __future__ import annotations

from extractors import patterns

# A caption is a short title line; longer blocks are prose.
MAX_CAPTION_CHARS = 60


def is_caption_text(text: str) -> bool:
    """Tell whether a prose block can be a table's title line (short, not a sentence, not a label)."""
    return (
        0 < len(text) <= MAX_CAPTION_CHARS
        and not patterns.BLOCK_COMPLETE_END.search(text)
        and not patterns.ANNEX_START.match(text)
        and not patterns.ANNEX_LIST_LINE.match(text)
        and not patterns.UNIT_LINE.match(text)
    )
