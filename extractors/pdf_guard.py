"""Bounds on what one PDF page may cost, installed in pdfminer and pdfplumber (which the stages read with).

pdfplumber's `dedupe_chars` (removing "fake bold" doubled characters, used by load and tables)
ends with `sorted(deduped, key=chars.index)`: a linear search per character, so a page costs the
square of its characters (8,000 characters: 8 s). `linear_dedupe_chars` keeps the same result
with a position table.

pdfminer inflates every Flate stream whole (a 1 MB stream inflating to 1 GiB took 2.2 GB) and
builds a layout object per character (a one-page PDF with 3 million characters took ≥ 2.6 GB).
Both happen inside pdfminer, for the load stage and for the tables stage alike, so the bound is put
where they happen: a stream inflating past MAX_INFLATED_BYTES, or a page drawing more than
MAX_PAGE_CHARS characters, stops that page's interpretation; the page comes out empty and is marked
refused (`page.page_obj.refused` says why), and the report goes on with its other pages (`partial`).
"""

from __future__ import annotations

import itertools
import zlib
from functools import cache
from operator import itemgetter
from types import SimpleNamespace

from pdfminer import converter, pdfinterp, pdftypes
from pdfminer.layout import LTPage
from pdfplumber import utils as pdfplumber_utils
from pdfplumber.utils import cluster_objects
from pdfplumber.utils import text as pdfplumber_text

from pipeline.errors import PageRefused

# Largest size one stream may inflate to (a page's content stream is rarely over a few MB).
MAX_INFLATED_BYTES = 64 * 1024 * 1024
# Most characters one page may draw (a dense A3 table page holds about 20,000).
MAX_PAGE_CHARS = 200_000
# Output produced per step while inflating, so that the bound is checked before memory is spent.
INFLATE_STEP = 1024 * 1024


def bounded_decompress(data: bytes, *args: object, **kwargs: object) -> bytes:
    """Inflate like zlib.decompress, refusing output beyond MAX_INFLATED_BYTES (PageRefused, not zlib.error,
    so that pdfminer's fallback for corrupt streams does not inflate it again without a bound)."""
    inflater = zlib.decompressobj()
    out = [inflater.decompress(data, INFLATE_STEP)]
    size = len(out[0])
    while inflater.unconsumed_tail:
        out.append(inflater.decompress(inflater.unconsumed_tail, INFLATE_STEP))
        size += len(out[-1])
        if size > MAX_INFLATED_BYTES:
            raise PageRefused(f"a stream inflates past {MAX_INFLATED_BYTES // (1024 * 1024)} MB (a decompression bomb)")
    out.append(inflater.flush())
    if not inflater.eof:
        raise zlib.error("incomplete or truncated stream")
    return b"".join(out)


class BoundedInflater:
    """zlib.decompressobj with the same bound (pdfminer inflates corrupt streams with it, byte by byte)."""

    def __init__(self, *args: object) -> None:
        self.inflater = zlib.decompressobj(*args)
        self.size = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        """Inflate more input, refusing output beyond MAX_INFLATED_BYTES in total."""
        out = self.inflater.decompress(data, max_length)
        self.size += len(out)
        if self.size > MAX_INFLATED_BYTES:
            raise PageRefused(f"a stream inflates past {MAX_INFLATED_BYTES // (1024 * 1024)} MB (a decompression bomb)")
        return out

    def __getattr__(self, name: str) -> object:
        return getattr(self.inflater, name)


def counting_render_char(render_char):
    """Wrap pdfminer's per-character layout step so a page over MAX_PAGE_CHARS is refused."""

    def render(self, *args, **kwargs):
        self.govreports_chars = getattr(self, "govreports_chars", 0) + 1
        if self.govreports_chars > MAX_PAGE_CHARS:
            raise PageRefused(f"the page draws more than {MAX_PAGE_CHARS:,} characters")
        return render_char(self, *args, **kwargs)

    return render


def guarded_process_page(process_page):
    """Wrap pdfminer's page interpretation: a refused page ends empty and is marked, other errors pass."""

    def process(self, page):
        self.device.govreports_chars = 0
        try:
            return process_page(self, page)
        except PageRefused as refusal:
            page.refused = str(refusal)
            device = self.device
            if isinstance(device, converter.PDFLayoutAnalyzer):
                device._stack = []
                device.cur_item = LTPage(device.pageno, page.mediabox)
                device.end_page(page)
            return None

    return process


def linear_dedupe_chars(chars: list[dict], tolerance: float = 1, extra_attrs: tuple[str, ...] | None = ("fontname", "size")) -> list[dict]:
    """Return pdfplumber's `dedupe_chars(chars, tolerance, extra_attrs)` in n log n rather than n² time."""
    key = itemgetter("upright", "text", *(extra_attrs or ()))
    pos_key = itemgetter("doctop", "x0")
    unique = []
    for _, group in itertools.groupby(sorted(chars, key=key), key=key):
        for y_cluster in cluster_objects(list(group), itemgetter("doctop"), tolerance):
            for x_cluster in cluster_objects(y_cluster, itemgetter("x0"), tolerance):
                unique.append(min(x_cluster, key=pos_key))
    position = {id(char): index for index, char in enumerate(chars)}
    return sorted(unique, key=lambda char: position[id(char)])


# pdfplumber's own de-duplication, kept before install() replaces it (the reference the linear one is tested against).
PDFPLUMBER_DEDUPE_CHARS = pdfplumber_text.dedupe_chars


@cache
def install() -> None:
    """Put the bounds into pdfminer, and the linear de-duplication into pdfplumber, once per process."""
    pdfplumber_utils.dedupe_chars = linear_dedupe_chars
    pdfplumber_text.dedupe_chars = linear_dedupe_chars
    pdftypes.zlib = SimpleNamespace(decompress=bounded_decompress, decompressobj=BoundedInflater, error=zlib.error)
    converter.PDFLayoutAnalyzer.render_char = counting_render_char(converter.PDFLayoutAnalyzer.render_char)
    pdfinterp.PDFPageInterpreter.process_page = guarded_process_page(pdfinterp.PDFPageInterpreter.process_page)
