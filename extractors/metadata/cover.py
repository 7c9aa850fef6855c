"""A PDF's title and compiling unit from its first page, by position and size.

The title is the run of the largest lines near the top (a cover's `上海市普陀区财政局` /
`2024年度部门决算` over two lines), never a following smaller line such as `预算单位:某局`.
"""

from __future__ import annotations

from statistics import median

from extractors import patterns
from extractors.normalize import clean_line
from pipeline.models import Line, Page

# The title stands in the top part of the page (as a share of its height).
TITLE_ZONE = 0.6
# A title line is at least this share of the largest size on the page's top part (a cover's second
# line may be set a little smaller: 18 pt over 15.9 pt).
SAME_SIZE = 0.85
# A centred line's middle is within this share of the page width from the page's middle.
CENTRED_SHARE = 0.08
# A title holds at least this many letters or Han characters (not a page number or a code).
MIN_TITLE_WORD_CHARS = 4
# The largest lines must be this much larger than the page's median line to be a title.
MIN_TITLE_SIZE_RATIO = 1.15
# Lines of one title are at most this many sizes apart vertically.
MAX_TITLE_GAP_SIZES = 2.5
# A title runs over at most this many lines.
MAX_TITLE_LINES = 4
# A running title stands in the top margin: this share of the page height.
TOP_MARGIN_SHARE = 0.1
# A page with at most this many lines is a cover.
MAX_COVER_LINES = 15


def word_lines(page: Page) -> list[Line]:
    """Return the page's lines that hold a letter, digit or Han character."""
    return [line for line in page.lines if patterns.WORD_CHAR.search(line.text)]


def title_lines(page: Page) -> list[Line]:
    """Given a PDF's first page, return the lines of its title (largest, near the top, contiguous), or []."""
    lines = word_lines(page)
    zone = [line for line in lines if page.height is None or line.top < page.height * TITLE_ZONE]
    if not zone:
        return []
    size = max(line.char_width for line in zone)
    if size <= 0 or (len(lines) > MAX_COVER_LINES and size < median(line.char_width for line in lines) * MIN_TITLE_SIZE_RATIO):
        return []
    first = next(i for i, line in enumerate(lines) if line in zone and line.char_width >= size * SAME_SIZE)
    if not (is_centred(lines[first], page) or first == 0) or len(patterns.TITLE_WORD_CHARS.findall(lines[first].text)) < MIN_TITLE_WORD_CHARS:
        return []  # a large table cell or page number (`GMC`, `B-1191`) is no title
    run = [lines[first]]
    for line in lines[first + 1 :]:
        if not is_centred(run[0], page) or not is_centred(line, page):
            break  # a title set flush left is one line (`FLA Audit Profile` over `Country China`)
        if line.char_width < size * SAME_SIZE or line.top - run[-1].bottom > MAX_TITLE_GAP_SIZES * size:
            break
        run.append(line)
    return run[:MAX_TITLE_LINES]


def is_centred(line: Line, page: Page) -> bool:
    """Tell whether a line is centred on the page (its middle near the page's middle)."""
    if not page.width:
        return False
    return abs((line.x0 + line.x1) / 2 - page.width / 2) <= CENTRED_SHARE * page.width


def join_title_lines(texts: list[str]) -> str:
    """Join a title's lines: with a space between two Latin-script ends (`Space Type,` + `Alternative`)."""
    joined = ""
    for text in (t.strip() for t in texts):
        if joined and joined[-1].isascii() and not joined[-1].isspace() and text[:1].isascii():
            joined += " "
        joined += text
    return joined


def running_title(page: Page) -> Line | None:
    """Return a page's running title: a centred first line in the top margin, set apart from the text below.

    A page from inside a document (an excerpt) names its document there (`安徽省建设用地使用标准(2020年版)`).
    """
    lines = word_lines(page)
    if len(lines) < 2 or not page.height:
        return None
    first, second = lines[0], lines[1]
    height = max(first.bottom - first.top, 1.0)
    if first.top > TOP_MARGIN_SHARE * page.height or not is_centred(first, page) or second.top - first.bottom < height:
        return None
    return first if len(patterns.TITLE_WORD_CHARS.findall(first.text)) >= MIN_TITLE_WORD_CHARS else None


def cover_title(page: Page) -> tuple[str, str] | None:
    """Return (title, source) from a PDF's first page: source `cover` on a cover page, else `first_page`.

    A cover's title is its largest lines; another page's is its running title if it has one,
    else its largest lines near the top.
    """
    cover = len(word_lines(page)) <= MAX_COVER_LINES
    running = None if cover else running_title(page)
    run = [running] if running else title_lines(page)
    if not run:
        return None
    title = patterns.FOOTNOTE_MARK_END.sub("", clean_line(join_title_lines([line.text for line in run])))
    return title, ("cover" if cover else "first_page")


def cover_unit(page: Page) -> str | None:
    """Return the compiling or budget unit a first page names (`编制单位:上海市普陀区财政局`), if any."""
    for line in word_lines(page):
        if match := patterns.COVER_UNIT_LINE.match(clean_line(line.text)):
            return match["org"].strip()
    return None
