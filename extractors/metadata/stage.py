"""The metadata stage: title, issuer, document number, years, report type, region and level.

Each value is read from the document itself and kept with its source: `header` (a web export's
labelled lines), `title`, `cover` and `first_page` (a PDF's first page by position and size, or
a text's head), `signature` (the issuing body under the text), `gazetteer` (region and level from
the issuer's name). The corpus manifest, when it has a value, wins (`manifest`); the issuer is the
exception: as printed, the manifest's only when the document names none (conventions).
"""

from __future__ import annotations

from pathlib import Path

from extractors import patterns
from extractors.content import is_chinese
from extractors.metadata.cover import cover_title, cover_unit
from extractors.metadata.fiscal_years import years_in
from extractors.metadata.gazetteer import Region, region_of, region_of_site, township_in, within
from extractors.normalize import clean_line
from extractors.metadata.report_types import OTHER, report_type_of
from pipeline.manifest import entry_describing
from pipeline.models import MetaValue, Report
from pipeline.stages import stage

# Header keys of a crawler's labelled lines.
HEADER_TITLE, HEADER_PUBLISHER, HEADER_DOC_NUMBER, HEADER_TIME, HEADER_LINK = "标题", "发布机构", "文号", "发布时间", "原文链接"
# A signature is a short line near the end of the text.
MAX_SIGNATURE_CHARS = 30
# How many closing paragraphs may hold the signature (it may sit above a date and 特此报告).
SIGNATURE_PARAGRAPHS = 4
# The head of the text where a report says on whose behalf it is made.
ENTRUSTED_WITHIN_CHARS = 600
FIELDS = ("title", "issuer", "doc_number", "years", "report_type", "region", "level", "published")


def clean_title(text: str) -> str:
    """Return a title as the conventions spell it: NFKC, spaces touching CJK removed, no site column tag."""
    return clean_line(patterns.SITE_COLUMN_TAG.sub("", text))


def read_title(report: Report) -> MetaValue | None:
    """Return the title: a PDF's by size on its first page (unless that is a masthead), a text's printed head, or its header's `标题`."""
    found = cover_title(report.pages[0]) if report.format == "pdf" and report.pages else None
    if found and not (patterns.MASTHEAD_LINE.match(found[0]) and report.title):
        return MetaValue(*found)  # a 公文's masthead (`…文件`, its largest line) names the issuer: the title is printed below it
    header = clean_title(report.header.get(HEADER_TITLE, ""))
    printed = report.title or ""
    if printed and len(printed) >= len(header):  # the body prints the title, maybe fuller than the header's
        return MetaValue(printed, "first_page")
    if header:
        return MetaValue(header, "header")
    return MetaValue(printed, "first_page") if printed else None


def is_organisation(text: str) -> bool:
    """Tell whether a short text is an organisation's whole name (局, 人民政府, 乡 …)."""
    return bool(patterns.ORG_NAME.match(text))


def signature(report: Report) -> str | None:
    """Return the issuing body signed under the text: a short organisation line among the last paragraphs."""
    prose = [p for p in report.paragraphs if p.kind in ("body", "back", "heading")]
    for i in range(len(prose) - 1, max(len(prose) - 1 - SIGNATURE_PARAGRAPHS, 0), -1):
        text = prose[i].text.strip()
        after = prose[i + 1].text.strip() if i + 1 < len(prose) else ""
        # a signature closes the text: the text's last sentence ends before it, or the date follows it
        closes = bool(patterns.BLOCK_COMPLETE_END.search(prose[i - 1].text)) or bool(patterns.DATE_LINE.match(after))
        # under 主报/抄送 lines it is the colophon's printing office (版记: `…外事办公室综合处`), not the issuer
        colophon = bool(patterns.DISTRIBUTION_LINE.match(prose[i - 1].text.strip()))
        if len(text) <= MAX_SIGNATURE_CHARS and is_organisation(text) and closes and not colophon:
            return text
    return None


def read_issuer(report: Report, title: str) -> MetaValue | None:
    """Return the issuer: the signature, masthead, the government a report is made for, the cover's unit,
    the body or company named in the title, the segment's reading, then the header's publisher if an organisation."""
    if found := signature(report):
        return MetaValue(found, "signature")
    head = report.text[:ENTRUSTED_WITHIN_CHARS]
    match = patterns.ENTRUSTED_BY.search(head)
    if match and not patterns.UNPLACED_GOVERNMENT.match(match["org"]):  # `受县人民政府委托` names no place
        return MetaValue(match["org"], "first_page")
    if report.format == "pdf" and report.pages and (unit := cover_unit(report.pages[0])):
        return MetaValue(unit, "cover")
    if match := patterns.TITLE_ISSUER.match(title) or patterns.TITLE_COMPANY.match(title):
        return MetaValue(match["org"], "title")
    if report.issuer:
        return MetaValue(report.issuer, "first_page")
    publisher = clean_line(report.header.get(HEADER_PUBLISHER, ""))
    if publisher and (is_organisation(publisher) or township_in(publisher)):
        return MetaValue(publisher, "header")
    return None


def read_region(report: Report, issuer: str, title: str) -> Region | None:
    """Return the region: the issuer's division; for a bare township, the county printed before its name,
    the title's or the site publisher's; else the jurisdiction the title names; last, the government web
    site the page was saved from (its host is named after the division)."""
    publisher = clean_line(report.header.get(HEADER_PUBLISHER, ""))
    place_in_title = patterns.TITLE_ABOUT.sub("", title)
    if region := region_of(issuer):
        return region
    township = township_in(issuer) or township_in(place_in_title)
    context = county_before(report.text, township) or region_of(place_in_title) or region_of(publisher)
    if context is None and (link := report.header.get(HEADER_LINK)):
        context = region_of_site(link)  # the government site the page was saved from
    return within(context, township)


def county_before(text: str, township: str | None) -> Region | None:
    """Return the division the text prints right before a township's name (`平潭县东庠乡…`), if any."""
    if not township:
        return None
    for match in patterns.PLACE_BEFORE.finditer(text):
        if text.startswith(township, match.end()) and (region := region_of(match["place"])):
            return region
    return None


def document_metadata(report: Report) -> dict[str, MetaValue]:
    """Return every metadata field the document itself gives, with its source."""
    found: dict[str, MetaValue] = {}
    title = read_title(report)
    title_text = title.value if title else ""
    if title:
        found["title"] = title
    if issuer := read_issuer(report, title_text):
        found["issuer"] = issuer
    number = report.header.get(HEADER_DOC_NUMBER, "").strip()
    if number:
        found["doc_number"] = MetaValue(clean_line(number), "header")
    elif report.doc_number:
        found["doc_number"] = MetaValue(report.doc_number, "first_page")
    kind = report_type_of(title_text) if is_chinese(report.text) else None  # the rule load refuses a text by
    found["report_type"] = MetaValue(kind or OTHER, title.source if kind and title else "first_page")
    if kind and (years := years_in(title_text)):
        found["years"] = MetaValue(years, title.source)
    if region := read_region(report, issuer.value if issuer else "", title_text):
        found["region"] = MetaValue(region.path, "gazetteer")
        found["level"] = MetaValue(region.level, "gazetteer")
    if published := report.header.get(HEADER_TIME, "").strip():
        found["published"] = MetaValue(published, "header")
    return found


def manifest_metadata(report: Report) -> dict[str, MetaValue]:
    """Return the fields the corpus manifest gives for this report (empty ones left out); none when its sha256 is another file's."""
    entry = entry_describing(report.manifest, report.sha256)
    if entry is None:
        return {}
    values = {
        "title": entry.title,
        "issuer": entry.issuer,
        "doc_number": entry.doc_number or "",
        "years": entry.years,
        "report_type": entry.report_type,
        "region": entry.region,
        "level": entry.admin_level,
    }
    return {name: MetaValue(value, "manifest") for name, value in values.items() if value}


def merge(document: dict[str, MetaValue], manifest: dict[str, MetaValue]) -> dict[str, MetaValue]:
    """Let the manifest win, except for an issuer the document prints."""
    merged = document | manifest
    if "issuer" in document:
        merged["issuer"] = document["issuer"]
    return {name: merged[name] for name in FIELDS if name in merged}


def read_metadata(path: Path) -> dict[str, MetaValue]:
    """Return a file's metadata as the pipeline decides it: the stages up to `metadata`, no database."""
    from pipeline.runner import run_until

    return run_until(Path(path), "metadata").metadata


@stage("metadata", requires={"title", "issuer", "doc_number", "header", "paragraphs", "pages", "text"}, produces={"metadata"})
def METADATA(report: Report) -> Report:
    """Read the report's metadata from the document and the manifest, each value with its source."""
    report.metadata = merge(document_metadata(report), manifest_metadata(report))
    return report
