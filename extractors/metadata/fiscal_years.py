"""The fiscal year(s) a report covers, read from its title (or another short text such as a heading).

`关于平潭2015年预算执行情况及2016年预算草案的报告` → [2015, 2016]; `2017—2019年预算编制说明` →
[2017, 2018, 2019]; years written in Chinese digits (`二0一四年`, `二O一五`) count too. Years inside
a cited document's name (《…》, 〔2018〕) are not the report's.
"""

from __future__ import annotations

from extractors import patterns

CHINESE_YEAR_DIGITS = {"〇": "0", "○": "0", "零": "0", "0": "0", "O": "0", "o": "0", "Ｏ": "0", "一": "1", "二": "2", "三": "3",
                       "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
# A rolling plan covers a few years; a longer span is a period named, not years covered.
MAX_SPAN_YEARS = 5


def chinese_year(text: str) -> int | None:
    """Given a year in Chinese digits (二0一四, 二○一六), return it as an int."""
    digits = "".join(CHINESE_YEAR_DIGITS.get(c, "") for c in text)
    return int(digits) if len(digits) == 4 else None


def years_in(text: str) -> list[int]:
    """Given a title, return the fiscal years it names, sorted, without those of cited documents."""
    text = patterns.QUOTED_SPAN.sub("", text)
    years: set[int] = set()
    for match in patterns.YEAR_SPAN.finditer(text):
        first, last = int(match["first"]), int(match["last"])
        if 0 < last - first <= MAX_SPAN_YEARS:
            years.update(range(first, last + 1))
    for match in patterns.ARABIC_YEAR.finditer(text):
        years.add(int(match["year"]))
    for match in patterns.CHINESE_YEAR.finditer(text):
        if (year := chinese_year(match["year"])) is not None:
            years.add(year)
    return sorted(y for y in years if 1949 <= y <= 2100)
