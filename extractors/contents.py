"""Tables of contents: recognised where printed (目录 …) and kept apart from the heading tree.

A table of contents runs from its 目录 line to just before the body repeats its first entry
(`第一部分 部门概况` … `第一部分 部门概况`), so its entries are never read as headings. Each
entry keeps the page number it points to when one is printed (`一、主要职能 …… 3`).
"""

from __future__ import annotations

from extractors import patterns
from pipeline.models import Block, ContentsEntry

# An entry names a heading: short. A longer block is body prose and ends the contents.
MAX_ENTRY_CHARS = 60
# A table of contents lists at most this many entries (blocks or characters of a flat run).
MAX_ENTRIES = 120
MAX_FLAT_CONTENTS_CHARS = 3000
# How many characters of the first entry identify its heading when the body repeats it.
ENTRY_KEY_CHARS = 6


def entry_key(text: str) -> str:
    """Return what identifies an entry: its first characters without spaces, leaders and page number."""
    text = patterns.CONTENTS_LEADER.split(text)[0]
    return patterns.HSPACE_RUN.sub("", text)[:ENTRY_KEY_CHARS]


def contents_span(blocks: list[Block], start: int = 0) -> tuple[int, int] | None:
    """Return (first, end) block indexes of a table of contents at or after `start`, or None.

    It opens at a block that is 目录 (or begins with it, in a flat text) and ends before the block
    that repeats its first entry, at a long prose block, or after MAX_ENTRIES blocks.
    """
    first = next((i for i in range(start, len(blocks)) if not blocks[i].tabular and patterns.CONTENTS_START.match(blocks[i].text)), None)
    if first is None:
        return None
    rest = patterns.CONTENTS_START.sub("", blocks[first].text).strip()
    if rest:  # a flat contents run is one block
        return first, first + 1
    if first + 1 >= len(blocks):
        return None
    key = entry_key(blocks[first + 1].text)
    end = first + 2
    while end < len(blocks) and end - first <= MAX_ENTRIES:
        text = blocks[end].text
        if len(text) > MAX_ENTRY_CHARS or blocks[end].tabular or (key and entry_key(text) == key):
            break
        end += 1
    return first, end


def flat_contents_end(text: str) -> int | None:
    """In a run of text that opens with 目录, return where the contents end (the first entry repeated)."""
    opening = patterns.CONTENTS_START.match(text)
    if not opening:
        return None
    body = text[opening.end() :]
    key = entry_key(body.strip())
    if len(key) < 2:
        return None
    lead = len(body) - len(body.lstrip())
    squeezed_at = find_unspaced(body, key, lead + 1)
    if squeezed_at is None or squeezed_at > MAX_FLAT_CONTENTS_CHARS:
        return None
    return opening.end() + squeezed_at


def find_unspaced(text: str, key: str, after: int) -> int | None:
    """Return the offset in `text` (past `after`) where `key` occurs when spaces are ignored."""
    for i in range(after, len(text)):
        if text[i].isspace():
            continue
        j, k = i, 0
        while j < len(text) and k < len(key):
            if text[j].isspace():
                j += 1
                continue
            if text[j] != key[k]:
                break
            j, k = j + 1, k + 1
        if k == len(key):
            return i
    return None


def entries_of(blocks: list[Block], pages: list[int]) -> list[ContentsEntry]:
    """Given the blocks of a table of contents (and each one's page), return its entries in order."""
    entries: list[ContentsEntry] = []
    for block, page in zip(blocks, pages):
        text = patterns.CONTENTS_START.sub("", block.text).strip()
        for piece in split_entries(text):
            title, page_ref = parse_entry(piece)
            if title:
                entries.append(ContentsEntry(len(entries), title, page_ref, page))
    return entries


def split_entries(text: str) -> list[str]:
    """Split a contents block into entries: at dot leaders (with their page number) or before markers."""
    pieces: list[str] = []
    last = 0
    for leader in patterns.CONTENTS_LEADER.finditer(text):
        pieces.append(text[last : leader.end()].strip())
        last = leader.end()
    pieces.append(text[last:].strip())
    entries: list[str] = []
    for piece in pieces:
        entries += [p for p in patterns.CONTENTS_ENTRY_SPLIT.split(piece) if p.strip()]
    return entries


def parse_entry(piece: str) -> tuple[str, int | None]:
    """Return an entry's heading text and the page number it points to (None when not printed)."""
    page_ref = None
    if (leader := patterns.CONTENTS_LEADER.search(piece)) is not None:
        page_ref = int(leader["page"]) if leader["page"] else None
        piece = piece[: leader.start()]
    elif (at_end := patterns.CONTENTS_PAGE_AT_END.search(piece)) is not None:
        page_ref = int(at_end["page"])
        piece = piece[: at_end.start()]
    return patterns.HSPACE_RUN.sub(" ", piece).strip(), page_ref
