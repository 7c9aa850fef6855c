"""Traditional → simplified folding for matching only (OpenCC), one character for one character.

Figures are found on the folded text so `5億元`, `300多萬元`, `12個`, `9項` read like `5亿元`, `300多万元`,
`12个`, `9项`; because every character folds to exactly one character, an offset in the folded
text is the same offset in the printed text, and what is stored (surface, sentence) stays as printed.
"""

from __future__ import annotations

from functools import cache


@cache
def _converter():
    """Return the OpenCC traditional-to-simplified converter (built once)."""
    import opencc

    return opencc.OpenCC("t2s")


@cache
def fold_char(char: str) -> str:
    """Given one character, return its simplified form, or the character itself when that is not one character."""
    folded = _converter().convert(char)
    return folded if len(folded) == 1 else char


def fold_to_simplified(text: str) -> str:
    """Given text, return it with each traditional character replaced by its simplified one (same length)."""
    if text.isascii():
        return text
    table = {c: fold_char(c) for c in set(text) if ord(c) >= 0x3400}
    changed = {ord(c): s for c, s in table.items() if s != c}
    return text.translate(changed) if changed else text
