"""Every regular expression the extractors use, compiled once, each with what it matches.

Patterns run on *cleaned* text (NFKC applied): full-width brackets and commas are already
half-width, so `（一）` arrives as `(一)`. Where a pattern may also meet raw text it accepts both.
"""

import regex

CJK = r"\p{Han}"
# One Han ideograph.
HAN_CHAR = regex.compile(r"\p{Han}")
# Characters that make a whitespace run next to them a layout artefact (Han and CJK punctuation).
CJK_CONTEXT = r"[\p{Han}\u3000-\u303F\u2018-\u201F\uFF00-\uFFEF〔〕《》、。]"

# Whitespace touching a CJK character on either side: `生态环境局(原 市环保局)`, `2019 年`.
SPACE_NEXT_TO_CJK = regex.compile(rf"(?<={CJK_CONTEXT})[ \t\u00a0\u3000]+|[ \t\u00a0\u3000]+(?={CJK_CONTEXT})")
# Any run of horizontal whitespace (collapsed to one space after the CJK rule).
HSPACE_RUN = regex.compile(r"[ \t\u00a0\u3000]+")
# Markdown emphasis and heading markup that some text exports carry (`**(一)...**`, `## 一、`).
MARKDOWN_EMPHASIS = regex.compile(r"\*\*|__")
MARKDOWN_HEADING = regex.compile(r"^#{1,6}\s*")
# A blank line (possibly holding spaces): paragraph separator and, in PDF exports, page break.
BLANK_LINE_SPLIT = regex.compile(r"\n[ \t\u3000]*\n")

# Sentence-final punctuation at the end of a block: the block is complete.
BLOCK_COMPLETE_END = regex.compile(r"[。！？!?；;：:…](?:[”’」』)\]]*)$")
# A block ending in a mark that cannot end a paragraph: it continues after the page break.
BLOCK_OPEN_END = regex.compile(r"[，,、(（《“‘〔\[]$")

# Heading markers, by level: 一、 / (一) / 1. 1、 1． / (1).
HEADING_LEVELS = (
    (1, regex.compile(r"^(?P<marker>[一二三四五六七八九十]{1,3}、)")),
    (2, regex.compile(r"^(?P<marker>\([一二三四五六七八九十]{1,3}\))")),
    (3, regex.compile(r"^(?P<marker>\d{1,2}(?:[、．]|\.(?!\d)))")),
    (4, regex.compile(r"^(?P<marker>\(\d{1,2}\))")),
)
# Any heading marker at the start of a block (used to refuse a page-break join).
HEADING_START = regex.compile(r"^(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[、．.]|\(\d{1,2}\))")

# Sentence boundary: after 。！？!?； (and any closing quotes), keep the mark with the sentence.
SENTENCE_END = regex.compile(r"[。！？!?；;](?:[”’」』)]*)")

# Document number printed in the masthead or cited: 藏外发〔2023〕2号, 中发〔2018〕34号.
DOC_NUMBER = regex.compile(r"\p{Han}{1,8}〔(?:19|20)\d{2}〕\d{1,4}号")
# A line that is only a document number (the masthead line).
DOC_NUMBER_LINE = regex.compile(r"^\p{Han}{1,8}〔(?:19|20)\d{2}〕\d{1,4}号$")
# A full date with year, month and day: 2020年12月29日.
FULL_DATE = regex.compile(r"(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
# A line that is only a date (the signature date).
DATE_LINE = regex.compile(r"^(?:19|20)\d{2}年\d{1,2}月\d{1,2}日$")
# The masthead line of a document: 西藏自治区外事办公室文件.
MASTHEAD_LINE = regex.compile(r"^\p{Han}{2,30}文件$")
# The signer line: 签发:白曼央宗.
SIGNER_LINE = regex.compile(r"^签发[:：]")
# An addressee line: 库尔勒市人大常委会: (ends with a colon, short).
ADDRESSEE_LINE = regex.compile(r"^\p{Han}[\p{Han}()]{2,40}[:：]$")
# Distribution lines after the signature: 主报(送)单位:..., 抄报(送)单位:...
DISTRIBUTION_LINE = regex.compile(r"^(?:主报|抄报|抄送|主送)")
# The closing formula of a report: 特此报告。
CLOSING_LINE = regex.compile(r"^特此(?:报告|说明)[。.]?$")
# The start of the annex part: 附件: / 附件1 / 附表一 on its own line (not a list of annexes).
ANNEX_START = regex.compile(r"^(?:附件|附表)[一二三四五六七八九十\d]*[:：]?$")
# An annex listing line: 附件:1.2019年...汇总表 (names annexes; not the annex itself).
ANNEX_LIST_LINE = regex.compile(r"^(?:附件|附表)[:：]")
# A title line: contains a report-type word.
TITLE_WORDS = regex.compile(r"报告|说明|总结|情况|自评")
# An issuer at the start of a title: 拉萨市 / 库尔勒市 / 西藏自治区外事办公室.
ISSUER_IN_TITLE = regex.compile(r"^(?:关于)?(?P<issuer>\p{Han}{2,12}?(?:办公室|财政局|人民政府|市|县|区|州|省))")

# Page furniture: a page number alone on a line (— 3 —, - 3 -, 第3页, 3/12, 3).
PAGE_NUMBER_LINE = regex.compile(r"^\s*(?:[-—–_]+\s*\d{1,4}\s*[-—–_]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|\d{1,4})\s*$")
# Digits, replaced by # to compare repeated header/footer lines across pages.
DIGITS = regex.compile(r"\d+")
