"""Table captions, shared by the text and PDF paths: the title line, and the issuer and unit lines under it.

A table is titled by its caption (`2025年部门财务收支预算总表`); the lines printed between the
title and the grid (`编制部门:某某局    单位:元`, `单位:万元`) label it: they give the table's issuer
and money unit, and are never its caption.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractors import patterns
from extractors.normalize import clean_line

# A caption is a short title line; longer blocks are prose.
MAX_CAPTION_CHARS = 60


@dataclass
class Labels:
    """What the label lines between a table's title and its grid say: issuer and money unit."""

    issuer: str | None = None
    unit: str | None = None


def is_caption_text(text: str) -> bool:
    """Tell whether a prose block can be a table's title line (short, not a sentence, not a label)."""
    return (
        0 < len(text) <= MAX_CAPTION_CHARS
        and not patterns.BLOCK_COMPLETE_END.search(text)
        and not patterns.ANNEX_START.match(text)
        and not patterns.ANNEX_LIST_LINE.match(text)
        and not patterns.UNIT_LINE.match(text)
        and not is_label_line(text)
    )


def names_a_table(text: str) -> bool:
    """Tell whether a numbered line names a table, as annex captions do: a table noun at its end
    (`…结果汇总`, `…情况对比`, `…决算表`, before a closing `(续)`), or a `表3`/`附表3` number standing apart.

    Numbered prose (`(4)预算单位对绩效管理理念尚未牢固树立,加强绩`) names none.
    """
    text = clean_line(text)
    if patterns.TABLE_NUMBER_TITLE.match(text):
        return True
    while (note := patterns.CAPTION_TRAILING_NOTE.search(text)) and note.start() > 0:
        text = text[: note.start()]
    return bool(patterns.TABLE_NOUN_END.search(text))


def is_caption_without_table(text: str, schemes: set[str]) -> bool:
    """Tell whether a numbered caption line with no table under it is reported as a caption without its table.

    Only if it names a table (`names_a_table`) and is numbered the way the numbered captions of the tables
    found are (`schemes`, of `numbering_scheme`): numbered prose (`(4)预算单位…`) is not.
    """
    return names_a_table(text) and numbering_scheme(text) in schemes


def numbering_scheme(text: str) -> str | None:
    """Return how a caption is numbered: "paren" for `(3) …`, "table" for `表3 …`/`附表三 …`, None if it is not."""
    match = patterns.CAPTION_NUMBER.match(clean_line(text))
    if not match:
        return None
    return "paren" if match["paren"] else "table"


def is_label_line(text: str) -> bool:
    """Tell whether a cleaned line labels a table (issuer, unit or date) rather than titling it."""
    text = clean_line(text)
    return is_issuer_or_unit_line(text) or bool(patterns.DATE_ONLY_LINE.match(text))


def is_issuer_or_unit_line(text: str) -> bool:
    """Tell whether a line gives a table's issuer or money unit (`编制部门:…  单位:元`): printed between a title and its table, never in one."""
    text = clean_line(text)
    return bool(patterns.UNIT_LINE.match(text) or patterns.ISSUER_LINE.match(text) or is_unit_only(text))


def is_unit_only(text: str) -> bool:
    """Tell whether a line is nothing but a unit label, maybe after a form number (`公开01表 单位:万元`)."""
    match = patterns.TABLE_UNIT.search(text)
    return bool(match) and match.end() == len(text) and len(text) - (match.end() - match.start()) <= 8


def read_labels(texts: list[str]) -> Labels:
    """Given the label lines between a title and its table, return the issuer and unit they print."""
    labels = Labels()
    for text in texts:
        text = clean_line(text)
        if labels.issuer is None and (issuer := patterns.ISSUER_LINE.match(text)) and issuer["issuer"]:
            labels.issuer = issuer["issuer"]
        if labels.unit is None and (unit := patterns.TABLE_UNIT.search(text)):
            labels.unit = unit["unit"]
    return labels
