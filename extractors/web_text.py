"""Text saved from web pages: a crawler's labelled header lines, and the site furniture in the body.

A crawler writes `key: value` lines (`标题:`, `发布时间:`, `发布机构:` …) and a separator line above
the page text; those are metadata, not body text. Inside the body, a portal's breadcrumb and
share bar, its closing `来源：… 附件下载` line, and HTML comments, CSS and MS Word style
definitions leaked from the page's markup are furniture, not the document.
"""

from __future__ import annotations

from extractors import patterns

# A crawler header is short: the separator must come within this many lines of the top.
MAX_HEADER_LINES = 20
# Most lines above the separator must be `key: value` lines (one free note line is allowed per three).
MIN_FIELD_SHARE = 0.6


def split_labelled_header(text: str) -> tuple[dict[str, str], str]:
    """Given a text file's content, return its labelled header fields and the body after the separator.

    Text without such a header (no separator near the top, or lines above it that are not mostly
    `key: value`) comes back unchanged with no fields.
    """
    lines = text.split("\n")
    for i, line in enumerate(lines[: MAX_HEADER_LINES + 1]):
        if not patterns.HEADER_SEPARATOR_LINE.match(line):
            continue
        above = [l for l in lines[:i] if l.strip()]
        matches = [patterns.HEADER_FIELD_LINE.match(l.strip()) for l in above]
        fields = [m for m in matches if m]
        if not above or len(fields) < MIN_FIELD_SHARE * len(above):
            return {}, text
        header = {m["key"].strip(): m["value"].strip() for m in fields}
        return header, "\n".join(lines[i + 1 :])
    return {}, text


def strip_web_furniture(text: str) -> str:
    """Given a page's body text, return it without site chrome and leaked markup (comments, CSS, Word styles)."""
    text = patterns.HTML_COMMENT.sub("", text)
    text = patterns.CSS_COMMENT.sub(" ", text)
    text = patterns.CSS_RULE.sub(" ", text)
    text = patterns.WORD_SETTINGS_RUN.sub(" ", text)
    text = patterns.SITE_BREADCRUMB.sub("", text, count=1)
    return patterns.SITE_SOURCE_FOOTER.sub("", text.rstrip()) if "附件下载" in text else text
