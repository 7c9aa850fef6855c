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
    ("amount", "change", regex.compile(r"增加|减少|增长|下降|减|增收|增支|超收")),
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
LABEL_TAIL = regex.compile(r"(?:为|是|达|共|(?<![合总小])计|约|合计为|总计为)+$")
# Words that make a label a change, share or scope rather than an item's own amount (比…, 涉及…).
NOT_AN_ITEM_LABEL = regex.compile(r"增加|减少|增长|下降|^比|^较|^占|^为|^涉及")
# A year or 上年 inside a base's name (2025年预算执行数 → 预算执行数).
BASE_YEAR = regex.compile(r"(?:19|20)\d{2}年度?|上年度?|去年")
# A year: 2014年, 2014年度, 二○一四年 / 二O一五年 / 二0一四年 (Chinese digits, ○/O/0/〇 for zero).
YEAR = regex.compile(r"(?P<arabic>(?:19|20)\d{2})(?=年)|(?P<han>[二][○〇O0零][一二三四五六七八九○〇O0零]{2})(?=年)")
# A year named relative to the report's own (上年, 上年度, 去年): the base of a comparison.
PREVIOUS_YEAR = regex.compile(r"上年|上一年|去年")
# The fund an amount belongs to (一般公共预算, 政府性基金, 国有资本经营, 社会保险基金, 财政专户).
FUND = regex.compile(r"(?P<general>一般公共预算|一般预算|公共财政预算)|(?P<fund>政府性基金|基金预算)|(?P<soe>国有资本经营)|(?P<ssf>社会保险基金|社保基金)|(?P<special>财政专户|预算外)")
# The scope of an amount: the whole region (全区/全县/全市…) or the government's own level (本级, 区本级…).
SCOPE = regex.compile(r"(?P<all>全[区县市省镇乡])|(?P<own>本级)")
# What an amount measures: a budget, an estimate, an adjusted budget, or what was done (执行, 完成, 决算).
MEASURE = regex.compile(r"(?P<adjusted>调整预算|变动预算)|(?P<estimate>预计|预测)|(?P<actual>执行数|完成|实际|决算|实现|执行)|(?P<budget>预算|安排|草案|计划|年初)")
# A numbered part of a text, glued or on its own line: 一、 (一) 1、 1. ① — a heading's start.
PART_MARKER = regex.compile(r"(?:^|(?<=[。;:\n]))\s*(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|\(\d{1,2}\)|\d{1,2}[、.](?!\d)|[①-⑳])")
# Characters that only vary the spelling of one label (政府性债务 / 政府债务, 的).
LABEL_VARIANT = regex.compile(r"(?<=政府)性(?!基金)|的")
# An opening bracket left unclosed before an amount: the label starts after it.
OPEN_BRACKET = regex.compile(r"^.*[(<\[]")
# A top-level numbered part of a text: 一、 at a sentence start.
TOP_PART_MARKER = regex.compile(r"(?:^|(?<=[。;:\n]))\s*[一二三四五六七八九十]{1,3}、")
# A list item's marker at a sentence start: (1) 1. 1、 ① — items of a list name parallel things.
LIST_MARKER = regex.compile(r"\(\d{1,2}\)|\d{1,2}[、.](?!\d)|[①-⑳]")
# The title of a list item: the words after its marker, up to the first punctuation or number.
ITEM_TITLE = regex.compile(r"[^,:;。(\d]{2,16}")
# The end of a sentence's first clause.
FIRST_CLAUSE_END = regex.compile(r"[,;:]")
# What does not name a thing in a clause: numbers with their units, years, punctuation, joining words.
NOT_A_NAME = regex.compile(r"[\d,.%]+(?:万元|亿元|元|万|亿)?|(?:19|20)\d{2}年度?|截至|截止|年末|年底|其中|全年|当年|本年|[\p{P}\s]")
# A clause that introduces a list rather than naming a thing: 具体为, 情况如下, 分别是.
INTRODUCES_LIST = regex.compile(r"(?:为|如下|是|包括)$")
# An amount-like number in a clause (a year does not count).
AMOUNT_DIGITS = regex.compile(r"\d(?![\d]*年)")
# A label that measures something named before it (累计完成, 实际到位, 形成支出, 已拨付…): not an item on its own.
RELATIVE_LABEL = regex.compile(r"^(?:累计|实际|形成|已|完成|拨付|到位|执行|支付|其中)")
# Words saying a list names only some of the parts (其中较大的项目有, 主要有, 重点…): not a breakdown.
PARTIAL_LIST = regex.compile(r"较大|主要|重点|重大|部分|包括|如|例如|等$")
# Which side of the account a label is on: 收入 (and 财力) or 支出.
INCOME_SIDE = regex.compile(r"收入|财力")
SPENDING_SIDE = regex.compile(r"支出")
# Words before an amount that make it the base of a comparison or a change (比上年同期…, 同比…), not an item's own.
COMPARISON_WORDS = regex.compile(r"^\s*(?:比|较|与)|同比|比上年|较上年|上年同期")
# A clause that opens a new statement, not the next item of a list: a date (截止2017年12月31日), 共…/扣除….
NEW_STATEMENT = regex.compile(r"截止|截至|\d{4}年\d{1,2}月|共|扣除|产生|由此|[,;]\s*(?:(?:19|20)\d{2}年|实际)")
# A separator between clauses.
CLAUSE_SEPARATOR = regex.compile(r"[,;。]")
# A number printed without a unit inside a list of amounts (建安费用9253.10,监理费125.93万元): a part not read.
BARE_NUMBER = regex.compile(r"(?<![\d.])\d[\d,]*\.\d+(?![\d.%万亿元])")
# A part that names the rest (其他资金收入, 其余…): a list naming it is meant to be complete.
RESIDUAL_PART = regex.compile(r"其他|其它|其余|剩余|余下")
# A list that ends with 等 (…二中学区经费2万元等): some of the parts, not all.
ETC_AFTER = regex.compile(r"^\)?\s*等")
# A net figure (净收益, 净亏损, 净结余): a difference of parts with signs, not their sum.
NET_LABEL = regex.compile(r"净")
# A page named in an error message (…: page 14 has no text layer).
ERROR_PAGE = regex.compile(r"\bpage (\d+)\b")
# An amount of money printed in a clause (120.5万元, 3亿元).
MONEY_AMOUNT = regex.compile(r"\d(?:[\d,.]*)(?:万元|亿元|元)")
# A total stated after its parts: 两项合计, 三项合计, 合计, 共计, 总计, 支出总量 (then 为/约为/达 before the amount); not 占总量…, a share's base.
STATED_SUM = regex.compile(r"(?<!占)(?:(?P<count>[两二三四五六七八九十])项)?(?:合计|共计|总计|总量)(?:约?为|达|是)?$")
# The words that open a numbered list of the parts of a total just stated: 具体情况如下:, 如下:.
LIST_FOLLOWS = regex.compile(r"如下[:]?\s*$")
# A numbered list item's marker in running text or at a line start: 1. 2、 (the number is captured).
NUMBERED_ITEM = regex.compile(r"(?:^|(?<=[。:;,\s]))\s*(?P<n>\d{1,2})[.、](?!\d)")
# A marker of a higher level than 1./2. that ends a numbered list: (二), 二、.
HIGHER_MARKER = regex.compile(r"\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}、")
# What ends a list item's title before its amount: a sentence end or a sub-item marker ((1), ①).
ITEM_BREAK = regex.compile(r"[。]|\(\d{1,2}\)|[①-⑳]")
# Place and time words around a label that do not change the item (我区(县)2018年末政府债务余额 = 全区政府债务余额).
LABEL_PLACE_TIME = regex.compile(r"^(?:我|全)[区县市乡镇省](?:\([区县市]\))?|^[区县](?:\([区县]\))?(?=本级)|年末|年底|年初|末(?=\p{Han})")
# A budget subject's level after its name: (类), (款), (项).
SUBJECT_LEVEL = regex.compile(r"\([类款项]\)")
# A column header naming money (金额, 预算数, 决算数, 支出, 收入, 元): its whole numbers are rounded amounts, not counts.
MONEY_HEADER = regex.compile(r"金额|预算|决算|支出|收入|资金|经费|元|合计|小计|总计")
