"""Every regular expression the extractors use, compiled once, each with what it matches.

Patterns run on *cleaned* text (NFKC applied): full-width brackets and commas are already
half-width, so `（一）` arrives as `(一)`. Where a pattern may also meet raw text it accepts both.
"""

import regex

CJK = r"\p{Han}"
# One Han ideograph.
HAN_CHAR = regex.compile(r"\p{Han}")
# A character that makes a line more than punctuation: a Han character, a letter or a digit.
WORD_CHAR = regex.compile(r"[\p{Han}\p{L}\d]")
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
HEADING_START = regex.compile(r"^(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|\d{1,2}(?:[、．]|\.(?!\d))|\(\d{1,2}\))")

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
TITLE_WORDS = regex.compile(r"报告|说明|总结|情况|自评|决算|预算")
# An issuer at the start of a title: 拉萨市 / 库尔勒市 / 西藏自治区外事办公室.
# An issuing body named at the start of a title, before the year: 上海市普陀区财政局2024年度部门决算.
ISSUER_IN_TITLE = regex.compile(r"^(?P<issuer>[\p{Han}()]{2,30}?(?:局|办公室|委员会|部|厅|人民政府|中心|院|所))(?:19|20)\d{2}年")
# A table-of-contents heading, which ends the front matter.
CONTENTS_LINE = regex.compile(r"^目\s*录$")

# Page furniture: a page number alone on a line (— 3 —, - 3 -, 第3页, 3/12, 3).
PAGE_NUMBER_LINE = regex.compile(r"^\s*(?:[-—–_]+\s*\d{1,4}\s*[-—–_]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|\d{1,4})\s*$")
# Digits, replaced by # to compare repeated header/footer lines across pages.
DIGITS = regex.compile(r"\d+")

# --- Tables (extractors/tables/rows.py, extractors/tables/text.py) ---
# A cell that makes its row a total row: 合计 / 总计 / 小计 (maybe 其中 before, a colon after).
TOTAL_CELL = regex.compile(r"^(?:其中[:：]?)?(?:合计|总计|小计)[:：]?$")
# A cell that opens a section row: 一、重大决策部署落实 (a level-1 marker), or a bare 一 in a 序号 column.
SECTION_CELL = regex.compile(r"^[一二三四五六七八九十]{1,3}(?:、|$)")
# Company financial statements, whose numbered lines are computed by differences (加:/减:), not sums.
FINANCIAL_STATEMENT = regex.compile(r"利润表|现金流量表|资产负债表|所有者权益变动表")
# A Chinese numeral alone in a cell (四): a section number or a value, by what follows it.
BARE_NUMERAL = regex.compile(r"^[一二三四五六七八九十]{1,3}$")
# A header naming a row-key column: 序号, 编号, No.
KEY_HEADER = regex.compile(r"^(?:序号|编号|No\.?)$", regex.IGNORECASE)
# A money unit in a column header: 预算金额(万元), 金额(单位:元).
HEADER_MONEY_UNIT = regex.compile(r"\((?:单位[:：])?(?P<unit>万亿元|亿元|万元|元)\)")
# A header of a score column: 得分, 分值, 扣罚分, 考核结果(以待督办意见为打分).
SCORE_HEADER = regex.compile(r"得分|分值|分数|评分|扣分|扣罚分|打分")
# A grade as printed in a rating column: 优 / 良 / 中 / 差 / 优秀 / 良好 / 合格 / 不合格.
GRADE_CELL = regex.compile(r"^(?:优秀?|良好?|中等?|较?差|基本合格|不?合格)$")
# A masked (withheld) value: *** .
MASKED_CELL = regex.compile(r"^[*＊]{2,}$")
# A printed number as it stands in a cell: 4,000.00, 90.40, -3, 0.5.
NUMBER_CELL = regex.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
# A percentage in a cell: 95%, 12.5%.
PERCENT_CELL = regex.compile(r"^(?P<number>[-+]?\d+(?:\.\d+)?)%$")
# A whole number: the row number in a 序号 column.
INTEGER_CELL = regex.compile(r"^\d+$")
# A unit line printed between a table's caption and the table: 单位:万元, 金额单位:元.
UNIT_LINE = regex.compile(r"^(?:金额)?单位[:：]\s*\S{1,6}$")
# A numbered table caption: (3) 2017—2020年…对比, 表3 …, 附表3 ….
TABLE_CAPTION_NUMBER = regex.compile(r"^(?:\(\d{1,2}\)\s*\S|(?:附表|表)\s*\d{1,2}(?!\d))")

# --- Key figures (extractors/numbers.py, extractors/figures.py) ---
# An Arabic number as printed: thousands groups (20,719.37) or plain (645215, 0.68, 38.08);
# not glued to a letter, digit or dot before it (so `V2`, `1.2019` list numbering stay out).
_FIG_ARABIC = r"(?<![\dA-Za-z.])(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
# A Chinese numeral (两千, 一百三十, 三万五千); 万/亿 inside only when more numerals follow (两千万元 = 两千 + 万元).
_FIG_CHINESE = r"[零〇一二两三四五六七八九十百千]+(?:[万亿][零〇一二两三四五六七八九十百千]+)*"
# Either kind of number, captured as `num`; a range's second number is `num2` (3000-5000万元, 10至20个).
_FIG_NUM = rf"(?P<num>{_FIG_ARABIC}|{_FIG_CHINESE})"
_FIG_RANGE = rf"(?:(?P<sep>[-~～至到])(?P<num2>{_FIG_ARABIC}|{_FIG_CHINESE}))?"
# Just an Arabic number (whole-string check): tells Arabic from Chinese numerals.
ARABIC_NUMBER = regex.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
# Money: 20,719.37万元, 2.02亿元, 1.21万亿, 两千万元, 130余万元, 3000-5000万元 (unit as printed).
AMOUNT_FIGURE = regex.compile(rf"{_FIG_NUM}{_FIG_RANGE}(?P<mid>余|多)?(?P<unit>万亿元|万亿|亿元|万元|元|亿(?!\p{{Han}}))")
# A percentage or percentage points: 38.08%, 100%, 10-20%, 3个百分点 (Arabic numbers only).
RATE_FIGURE = regex.compile(rf"(?P<num>{_FIG_ARABIC})(?:(?P<sep>[-~～至到])(?P<num2>{_FIG_ARABIC}))?(?P<unit>%|‰|个百分点)")
# A percentage in words: 百分之三十四, 百分之十二点五.
RATE_CHINESE_FIGURE = regex.compile(r"百分之(?P<num>[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)")
# A count with its measure word: 37个, 10,285条, 130余家, 5期, 两次, 3万人次 (个百分点 is a rate).
COUNT_FIGURE = regex.compile(
    rf"{_FIG_NUM}{_FIG_RANGE}(?P<mid>余|多)?(?P<mag>万|亿)?(?P<unit>人次|个(?!百分点)|家|条|期|次|项|轮|批|所|名|件|份|篇|场|户|笔)"
)
# A score: 90.40分 (Arabic only; not 分别/分之/分析/分类/分配/分期... where 分 starts a word).
SCORE_FIGURE = regex.compile(rf"(?P<num>{_FIG_ARABIC})(?P<unit>分)(?![别之析类配期钟档解摊数值管级])")
# A multiple: 9倍, 两倍.
MULTIPLE_FIGURE = regex.compile(rf"{_FIG_NUM}(?P<unit>倍)")
# A quoted or titled stretch whose numbers are names, not figures: “1+8”, 《…2020年…》, 〔2020〕.
QUOTED_SPAN = regex.compile(r"“[^“”]{0,40}”|《[^《》]{0,80}》|〔[^〔〕]{0,10}〕")
# Policy names that contain a numeral but count nothing (中央八项规定, “三公”经费, 十四五 plan, 两个维护).
NUMBERED_NAME = regex.compile(r"八项规定|三公经费|三保|[两四]个(?:维护|意识|自信)|[十][二三四五六]五(?:规划|时期|期间)?")
# A clause boundary inside a sentence (after NFKC: ; : 。 and a comma that is not a thousands separator).
CLAUSE_BREAK = regex.compile(r"[;:。!?]|,(?!\d{3}(?!\d))")
# `其中` introducing the parts of a total just stated (其中:专项转移支付项目300202.87万元…).
PARTS_OF_TOTAL = regex.compile(r"其中[:,]?")
# `分别为` / `分别是` introducing the parts of a total (2次,分别为…一次,…一次).
PARTS_RESPECTIVELY = regex.compile(r"分别(?:为|是)")
# A grade the counted things were given, before the count (绩效评级为“优”的项目39个, 评定为良好的): a grade count.
GRADED_AS = regex.compile(r"(?:(?:评级|等级|评定|评价结果)为?|评为)[“\"]?(?:优秀?|良好?|中等?|合格|不合格|差|较差|一般)[”\"]?的?")
# 中 right after a count's noun ("16个参评项目中评出…"): the count is a total whose parts follow.
AMONG_TOTAL = regex.compile(r"^中(?!心|央|国|期|旬)")

# --- Audit (extractors/audit_tables.py, extractors/audit_text.py) ---
# A header naming a budget-subject code column: 科目编码, 功能分类科目编码, 代码.
CODE_HEADER = regex.compile(r"编码|代码")
# A cell that only names a code level in a header line: 类 / 款 / 项.
CODE_LEVEL_CELL = regex.compile(r"^[类款项]$")
# A code printed with a leading zero (款/项 codes 06, 01): marks a code column, not a quantity.
LEADING_ZERO_CODE = regex.compile(r"^0\d{1,3}$")
# A budget-subject code in a code column: 201 (类), 06 / 20106 (款), 01 / 2010601 (项).
# A budget subject named by its 类/款/项 path in the narrative (after NFKC):
# 一般公共服务支出(类)财政事务(款)行政运行(项), or a class alone: 住房保障支出(类)29.42万元.
SUBJECT_PATH = regex.compile(r"(?P<cls>\p{Han}{2,24}?)\(类\)(?:(?P<kind>\p{Han}{2,30}?)\(款\))?(?:(?P<item>\p{Han}{2,40}?)\(项\))?")
# The words before a subject's spending amount: 支出决算为51.32万元, 决算数为…
SPENDING_WORDS = regex.compile(r"(?:支出)?决算(?:数)?为?$")
# The 三公 table and the column groups of its header (财政拨款“三公”经费/公务接待费/决算数).
THREE_PUBLIC_TABLE = regex.compile(r"“三公”经费支出决算表|三公经费支出决算表")
# A segment before an amount that only says which column it is (支出决算为, 年初预算为): it repeats the item before.
BARE_STATEMENT_ROLE = regex.compile(r"^[,;:、]?(?:支出)?(?:年初|全年)?(?:预算|决算)(?:数)?为?$")
# A printed number and its unit characters: text before it belongs to that number.
ANY_NUMBER_THEN = regex.compile(r"\d[\d,.]*[%万亿元]*")
# Words that make an amount a change or a share, not the item's own amount.
CHANGE_OR_SHARE = regex.compile(r"增加|减少|增长|下降|持平|占|比")
# The table the 一般公共预算 narrative describes subject by subject, and the section that describes it.
GENERAL_BUDGET_SPENDING_TABLE = regex.compile(r"^一般公共预算财政拨款支出决算表")
GENERAL_BUDGET_SPENDING_SECTION = regex.compile(r"一般公共预算财政拨款支出决算")
SUBJECT_CODE = regex.compile(r"^(?:\d{3}(?:\d{2}){0,2}|\d{2})$")
# A row or column name that is a running subtotal: 本年收入合计, 人员经费合计, 小计 (not a bare 合计).
SUBTOTAL_LABEL = regex.compile(r"(?:\p{Han}+合计|小计)$")
# A reference to an annex table in the text: (详见附表一), 见附件1, 附表2.
ANNEX_REFERENCE = regex.compile(r"(?:详见|见)?(?P<kind>附表|附件)(?P<number>[一二三四五六七八九十]{1,3}|\d{1,2})")
# The number printed at the start of a table caption: (1) …, 附表1 …, 表 2 ….
CAPTION_NUMBER = regex.compile(r"^(?:\((?P<paren>\d{1,2})\)|(?:附表|表)\s*(?P<table>\d{1,2}|[一二三四五六七八九十]{1,3}))")
# Words introducing the parts of a total just stated: 其中, 分别为/分别是.
BREAKDOWN_START = regex.compile(r"其中[:,]?|分别(?:为|是)")
# Words before an amount or rate that name its role in a change from a base (增加 25.00万元, 下降 1.87%).
CHANGE_WORD = regex.compile(r"(?P<word>增加|减少|增长|下降|上升|降低|减)(?:了)?$")
# A comparison with a base printed before a change: 比2023年度 / 与2023年度相比 / 较上年.
COMPARED_WITH = regex.compile(r"(?:比|较)(?P<base>[^,;。]{1,30}?)(?=增加|减少|增长|下降|上升|降低|减)|与(?P<base2>[^,;。]{1,30}?)相比")
# A share of a total printed after a part: 占99.79%, 占本年支出合计的100.00%.
SHARE_WORD = regex.compile(r"占[^,;。0-9]{0,12}$")
# A level-1 heading marker glued into running text (`…占20.51%;四、财政拨款…`): ends a list of parts.
INLINE_HEADING = regex.compile(r"[一二三四五六七八九十]{1,3}、")

# --- Tables from PDF (extractors/tables/pdf/) ---
# A cell that prints only a number (1,234.56, (12), −3, 45%) or a masked figure (***).
NUMERIC_TEXT = regex.compile(r"^[-+−△]?\(?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\)?%?$|^[*＊]{2,}$")
# A wrapped cell line ending inside a number (a digit, or a decimal point after one: 得0. | 5分)…
DIGIT_END = regex.compile(r"\d\.?$")
# ...and the next line going on with it (1|00% is 100%).
DIGIT_START = regex.compile(r"^[\d.%]")
# A cell of a 栏次 row: 栏次, 行次 or a column number 1, 2, 3 ...
COLUMN_NUMBER_ROW = regex.compile(r"^(?:栏次|行次|\d{1,2})$")
# The first breakable token of a word when it is Latin or digits (a number is never broken by a wrap).
LEADING_LATIN_TOKEN = regex.compile(r"[A-Za-z0-9.,%*()\-]+")
# A table's issuer printed between its title and its grid: 编制部门:上海市普陀区财政局 (a unit may follow on the line).
ISSUER_LINE = regex.compile(r"^(?:编制部门|编制单位|填报单位|预算单位|部门\(单位\)名称)[:：]\s*(?P<issuer>.*?)\s*(?=(?:金额)?单位[:：]|$)")
# A table's money unit printed beside or under its title: 单位:万元, 金额单位:元 (anywhere on the line).
TABLE_UNIT = regex.compile(r"(?:金额)?单位[:：]\s*(?P<unit>万亿元|亿元|万元|千元|元)(?![\p{Han}])")
# A header whose column holds no money even when the table prints a unit: codes, counts, rates, line numbers.
NON_MONEY_HEADER = regex.compile(r"编码|代码|序号|编号|行次|栏次|人数|数量|个数|次数|比例|比率|率|%|年度|年份")
# The first label of a project form (绩效目标表, 绩效自评表): a new 项目名称 row starts a new form.
FORM_START = regex.compile(r"^项目\s*名称[:：]?$")
# The title of a project form printed in a row of its own: 项目支出绩效目标表, 项目绩效自评表.
FORM_TITLE = regex.compile(r"绩效目标(?:申报)?表|绩效自评表|绩效目标自评表")
# A line saying that the table goes on from the page before: 续表, 续表3, (续), 表3(续).
CONTINUED_TABLE_LINE = regex.compile(r"^(?:续表\s*\d{0,2}|\(续表?\)|.{0,40}\(续表?\)|.{0,40}续表)$")
