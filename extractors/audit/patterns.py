"""The audit's own regular expressions, each a named constant saying what it matches.

The shared ones (change words, 其中, annex references, table captions) live in extractors/patterns.py.
"""

from __future__ import annotations

import regex

# Role words, checked in the window before a figure (most specific first): (family, role, words).
ROLE_WORDS: list[tuple[str, str, regex.Pattern]] = [
    ("rate", "cut_rate", regex.compile(r"审减率|核减率")),
    ("rate", "change_rate", regex.compile(r"增加|减少|增长|下降|上升|降低")),
    # 完成(年初)预算的98.20%; `预算的` alone catches a 完成 cut off by a line break.
    ("rate", "execution_rate", regex.compile(r"执行率|完成.{0,6}预算|为.{0,8}预算|预算的$")),
    ("rate", "share", regex.compile(r"占")),
    ("amount", "submitted", regex.compile(r"送审|申报")),
    ("amount", "approved", regex.compile(r"审定")),
    ("amount", "cut", regex.compile(r"审减|核减")),
    ("amount", "change", regex.compile(r"增加|减少|增长|下降|减")),
    ("amount", "spending", regex.compile(r"决算|完成.{0,6}支出")),
    ("amount", "budget", regex.compile(r"预算")),
]
# A change word saying the amount went down.
NEGATIVE_CHANGE = regex.compile(r"减少|下降|降低|减")
# Role words alone (全年预算, 年初预算数, 决算): they name a column of a statement, not an item.
GENERIC_LABEL = regex.compile(r"^(?:全年|年初|本年|当年|调整)?(?:预算|决算|支出决算|支出预算)(?:数|金额)?$")
# Joining words before an item's name (其中…, 主要用于…, 、).
LABEL_LEAD = regex.compile(r"^(?:其中|主要用于|包括|以及|和|及|、|:)+")
# Verbs between an item's name and its amount (…为, …共计, …合计为).
LABEL_TAIL = regex.compile(r"(?:为|是|达|共|计|约|合计为|总计为)+$")
# Words that make a label a change, share or scope rather than an item's own amount (比…, 涉及…).
NOT_AN_ITEM_LABEL = regex.compile(r"增加|减少|增长|下降|^比|^较|^占|^为|^涉及")
# A year or 上年 inside a base's name (2025年预算执行数 → 预算执行数).
BASE_YEAR = regex.compile(r"(?:19|20)\d{2}年度?|上年度?|去年")
