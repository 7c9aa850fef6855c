"""Cell text from page characters: which cell a character falls in, wrapped lines joined, numbers told apart."""

from __future__ import annotations

from extractors import patterns
from extractors.normalize import clean_line
from extractors.tables.pdf.base import Bbox

# Characters of a cell further apart than this share of the font size are separate words (justified
# lines spread characters by less).
WORD_GAP_EM = 0.5


def anchor(char: dict) -> tuple[float, float]:
    """Return the point that places a character in a cell: just right of its left edge, mid-height.

    Not the centre: a punctuation mark printed hanging past a cell's right border (不在行首 rule)
    still belongs to the cell its left edge is in.
    """
    return char["x0"] + min(1.0, 0.2 * (char["x1"] - char["x0"])), (char["top"] + char["bottom"]) / 2


def chars_to_text(chars: list[dict]) -> str:
    """Given the characters of one cell, return its text: lines top to bottom joined by newlines."""
    lines: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if lines and abs(char["top"] - lines[-1][0]["top"]) <= 0.5 * max(char["size"], 1.0):
            lines[-1].append(char)
        else:
            lines.append([char])
    texts = []
    for line in lines:
        line.sort(key=lambda c: c["x0"])
        text = ""
        for k, char in enumerate(line):
            if k and char["x0"] - line[k - 1]["x1"] > WORD_GAP_EM * max(char["size"], 1.0):
                text += " "
            text += char["text"]
        texts.append(text)
    return join_cell_lines(texts)


def join_cell_lines(texts: list[str]) -> str:
    """Join the wrapped lines of one cell with newlines, except inside a number cut by the wrap (1|00% → 100%)."""
    joined = ""
    for text in texts:
        if joined and patterns.DIGIT_END.search(joined) and patterns.DIGIT_START.match(text):
            joined += text
        else:
            joined += ("\n" if joined else "") + text
    return joined


def cell_texts(chars: list[dict], boxes: list[list[Bbox | None]]) -> list[list[str | None]]:
    """Given a page's characters and a grid's cell boxes, return each real cell's text (None for covered cells)."""
    owned: dict[tuple[int, int], list[dict]] = {}
    for char in chars:
        if not char["text"].strip():
            continue
        x, y = anchor(char)
        for i, row in enumerate(boxes):
            for j, box in enumerate(row):
                if box is not None and box[0] <= x < box[2] and box[1] <= y < box[3]:
                    owned.setdefault((i, j), []).append(char)
                    break
            else:
                continue
            break
    return [[None if box is None else chars_to_text(owned.get((i, j), [])) for j, box in enumerate(row)] for i, row in enumerate(boxes)]


def is_numeric(text: str) -> bool:
    """Tell whether a cell prints a number, a percentage or a masked figure."""
    return bool(patterns.NUMERIC_TEXT.match(text.strip().replace(" ", "")))


def has_figure(row: list[str | None]) -> bool:
    """Tell whether a grid row prints a number in any cell."""
    return any(is_numeric(clean_line(c)) for c in row if c and clean_line(c))


def is_blank(row: list[str | None]) -> bool:
    """Tell whether a grid row prints nothing."""
    return not any(clean_line(c or "") for c in row)
