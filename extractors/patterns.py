"""Every regular expression the extractors use, compiled once, each with what it matches.

Patterns run on *cleaned* text (NFKC applied): full-width brackets and commas are already
half-width, so `（一）` arrives as `(一)`. Where a pattern may also meet raw text it accepts both.
"""

import regex

from extractors.lexicon import measure_word_alternation

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

# Heading markers, by level: 一、 / (一) / 1. 1、 1． / (1); `number` is the number as printed (一, 12, -).
HEADING_LEVELS = (
    (1, regex.compile(r"^(?P<marker>(?P<number>[一二三四五六七八九十]{1,3})、)")),
    (2, regex.compile(r"^(?P<marker>\((?P<number>[一二三四五六七八九十]{1,3}|-)\))")),  # (-): 一 typed as a dash (（－） after NFKC)
    (3, regex.compile(r"^(?P<marker>(?P<number>\d{1,2})(?:[、．]|\.(?!\d)))")),
    (4, regex.compile(r"^(?P<marker>\((?P<number>\d{1,2})\))")),
)
# Any heading marker of HEADING_LEVELS at the start of a block (used to refuse a page-break join):
# their alternation, so the two cannot drift apart.
HEADING_START = regex.compile("|".join(pattern.pattern for _, pattern in HEADING_LEVELS))

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
# A cell naming what a total adds up: 本年收入合计, 收入总计, 支出总计 (the total lines of a 收支总表).
NAMED_TOTAL_CELL = regex.compile(r"^\p{Han}{1,6}(?:合计|总计)[:：]?$")
# A cell that opens a section row: 一、重大决策部署落实 (a level-1 marker), or a bare 一 in a 序号 column.
SECTION_CELL = regex.compile(r"^[一二三四五六七八九十]{1,3}(?:、|$)")
# Company financial statements, whose numbered lines are computed by differences (加:/减:), not sums.
FINANCIAL_STATEMENT = regex.compile(r"利润表|现金流量表|资产负债表|所有者权益变动表")
# Company statements whose subtotal lines may be differences (净额 = 流入 − 流出, 营业利润 = 收入 − 成本), unlike a 资产负债表's sums.
DIFFERENCE_STATEMENT = regex.compile(r"利润表|现金流量表|所有者权益变动表")
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
# The noun a table's caption ends with, what the table is: …决算总表, …明细表, …汇总, …情况对比, …情况, …清单, …一览
# (Chinese annex captions; a numbered prose line `(4)预算单位对…加强绩` ends otherwise).
TABLE_NOUN_END = regex.compile(r"(?:表|明细|情况|汇总|对比|清单|一览|统计|目录)$")
# A caption whose number says it is a table (`表3 …`, `附表3:…`): 表/附表 and a number, then a space, a separator or nothing.
TABLE_NUMBER_TITLE = regex.compile(r"^(?:附表|表)\s*\d{1,2}(?:\s|[:：.．、\-—]|$)")
# A parenthesised note closing a caption (`(续)`, `(单位:万元)`), not part of what it names.
CAPTION_TRAILING_NOTE = regex.compile(r"\s*\([^()]*\)\s*$")

# --- Key figures (extractors/numbers.py, extractors/figures/find.py) ---
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
# Money: 20,719.37万元, 2.02亿元, 1.21万亿, 两千万元, 130余万元, 3000-5000万元, and 万 alone before a stop
# (实际支出19.22万,主要用于…; not 3万人次, 22万M2) (unit as printed).
AMOUNT_FIGURE = regex.compile(rf"{_FIG_NUM}{_FIG_RANGE}(?P<mid>余|多)?(?P<unit>万亿元|万亿|亿元|万元|元|亿(?!\p{{Han}})|万(?![\p{{Han}}\dA-Za-z.]))")
# A percentage or percentage points: 38.08%, 100%, 10-20%, 3个百分点, 12.50 % (a space before the sign; Arabic numbers only).
RATE_FIGURE = regex.compile(rf"(?P<num>{_FIG_ARABIC})(?:(?P<sep>[-~～至到])(?P<num2>{_FIG_ARABIC}))?(?:(?P<unit>个百分点)|[ \t]?(?P<unit>%|‰))")
# A percentage in words: 百分之三十四, 百分之十二点五.
RATE_CHINESE_FIGURE = regex.compile(r"百分之(?P<num>[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)")
# A count with any measure word of extractors/data/measure_words.yaml: 37个, 10,285条, 130余家, 5期, 两次,
# 3万人次, 3辆, 120套, 2所 (个百分点 is a rate).
COUNT_FIGURE = regex.compile(
    rf"{_FIG_NUM}{_FIG_RANGE}(?P<mid>余|多)?(?P<mag>万|亿)?(?P<unit>(?!个百分点)(?:{measure_word_alternation()}))"
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

# --- Audit (extractors/audit/) ---
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
# A closing punctuation mark ending a word: CJK line breaking lets it hang past the edge of its cell (、。，”).
HANGING_PUNCTUATION = regex.compile(r"[、。，,．.：:；;！!？?”’）)」』】》]$")
# A table's issuer printed between its title and its grid: 编制部门:上海市普陀区财政局 (a unit may follow on the line).
ISSUER_LINE = regex.compile(r"^(?:编制部门|编制单位|填报单位|预算单位|部门\(单位\)名称)[:：]\s*(?P<issuer>.*?)\s*(?=(?:金额)?单位[:：]|$)")
# A line under a table's title that only dates it (a statement's 2018年03月31日, a 2024年度): a label, never the caption.
DATE_ONLY_LINE = regex.compile(r"^\d{4}\s*年\s*(?:度|\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?$")
# The money units a table prints on its unit line, longest first (万亿元 before 亿元, 万元 before 元).
MONEY_UNITS = r"万亿元|亿元|万元|千元|元"
# A table's money unit printed beside, under or above its title: 单位:万元, 金额单位:千元, (单位:亿元) (anywhere
# on the line; a CJK word may follow with no space, as cleaned text glues `单位:万元 项目` into `单位:万元项目`).
TABLE_UNIT = regex.compile(rf"(?:金额)?单位[:：]\s*(?P<unit>{MONEY_UNITS})")
# A header whose column holds no money even when the table prints a unit: codes, counts, rates, line numbers.
NON_MONEY_HEADER = regex.compile(r"编码|代码|序号|编号|行次|栏次|人数|数量|个数|次数|比例|比率|率|%|年度|年份")
# The first label of a project form (绩效目标表, 绩效自评表): a new 项目名称 row starts a new form.
FORM_START = regex.compile(r"^项目\s*名称[:：]?$")
# The title of a project form printed in a row of its own: 项目支出绩效目标表, 项目绩效自评表.
FORM_TITLE = regex.compile(r"绩效目标(?:申报)?表|绩效自评表|绩效目标自评表")
# --- Key figures on unseen reports (extractors/figures/find.py, issue 10) ---
# After a count in 期: the thing it is a phase of (二期工程, 一期项目, 坛南湾一期配套设施), so 期 numbers a phase.
PHASE_AFTER = regex.compile(r"(?:工程|项目|建设|配套|设施|用地|道路|改造)")
# After a count in 次: a meeting or plenary it numbers (二次会议, 三次全体会议, 五次全会).
SESSION_AFTER = regex.compile(r"\p{Han}{0,2}(?:会议|全会|常委会)")
# Before that count: a term number 届 (五届二次会议, 十三届人大五次会议), which makes the 次 an ordinal.
SESSION_BEFORE = regex.compile(r"届\p{Han}{0,8}$")
# A year glued to a word of time that starts with a measure character (2015本年收入): a year, not a count.
YEAR_BEFORE_YEAR_WORD = regex.compile(r"(?:19|20)\d{2}\p{Han}{1,2}年")
# Policy names with a numeral that count nothing, besides NUMBERED_NAME: the four budgets (四本预算/四本账).
NUMBERED_NAME_MORE = regex.compile(r"四本(?:预算|账|帐)")
# Any numeral, Arabic or Chinese: a sentence without one holds no figure.
ANY_NUMERAL = regex.compile(r"\d|[零〇一二两三四五六七八九十百千]")
# Where an over-long sentence may be cut into pieces: after a clause mark or a space (not a thousands comma).
PIECE_BREAK = regex.compile(r"[;:。!?、]|,(?!\d{3}(?!\d))|\s+")
# One character of a run jieba segments on its own (jieba's `re_han_default`: CJK ideographs, ASCII letters and
# digits, + # & . _ % -): words never cross the edge of such a run.
JIEBA_BLOCK_CHAR = regex.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]")
# Where a table that lost its line breaks starts inside prose: its unit line (单位:万元) or a header with a
# money unit (下达金额(万元)); its bare cells follow, glued to their row names.
FLATTENED_TABLE_START = regex.compile(rf"(?:金额)?单位[:：]\s*(?P<unit>{MONEY_UNITS})|\((?:单位[:：])?(?P<unit>{MONEY_UNITS})\)")
# A money cell of such a table: a number with two decimals (1,725.83, 0.00), not glued to another digit or
# dot on either side (20163,390.00 is a year glued to a cell: unreadable, left out).
FLATTENED_MONEY_CELL = regex.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}(?![\d.])")
# Han text of a row name before a cell (the last run of Han characters and brackets).
ROW_NAME_BEFORE = regex.compile(r"[\p{Han}()、]{2,30}$")

# --- Web-exported text (extractors/web_text.py, extractors/flat_text.py) ---
# A labelled header line a crawler writes above the page text: `标题: …`, `发布机构: …`, `原文链接: https://…`.
HEADER_FIELD_LINE = regex.compile(r"^(?P<key>[\p{Han}A-Za-z][\p{Han}A-Za-z _]{0,11}?)\s*[:：]\s?(?P<value>.*)$")
# The separator line that ends such a header: `==================== 正文 ====================`, `-----`.
HEADER_SEPARATOR_LINE = regex.compile(r"^\s*(?:[=＝]{3,}|[-—]{3,})\s*(?:\p{Han}{0,6}\s*(?:[=＝]{3,}|[-—]{3,}))?\s*$")
# A portal's breadcrumb and share bar at the top of a page: `当前位置： 首页政务公开… 时间：2016-02-26 19:26 微信 微博 QQ空间`.
SITE_BREADCRUMB = regex.compile(
    r"^\s*当前位置\s*[:：](?:.*?微信\s*微博\s*(?:QQ空间|qq空间)|.*?时间\s*[:：]\s*\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)\s*",
    regex.DOTALL,
)
# A portal's closing line: `来源：平潭综合实验区财政金融局 附件下载 2016年度决算表.rar` (source, download list) to the end.
SITE_SOURCE_FOOTER = regex.compile(r"\s来源\s*[:：]\s*\S{1,40}\s+附件下载.*$", regex.DOTALL)
# An HTML comment leaked into page text: `<!--[if !supportLists]-->`, `<!--[endif]-->`.
HTML_COMMENT = regex.compile(r"<!--.*?-->", regex.DOTALL)
# A CSS comment leaked into page text: `/* Style Definitions */`.
CSS_COMMENT = regex.compile(r"/\*.*?\*/", regex.DOTALL)
# A CSS rule leaked into page text: `@font-face { font-family: "宋体"; }`, `table.MsoNormalTable {mso-style-name:…;}`.
CSS_RULE = regex.compile(r"(?:@[\w-]+|[A-Za-z][\w-]*(?:\.[\w-]+)?|\.[\w-]+)(?:\s*,\s*[\w.-]+)*\s*\{[^{}]*:[^{}]*\}|(?:@[\w-]+|[A-Za-z]+\.[\w-]+)\s*\{\s*\}")
# MS Word's document settings exported as text before its styles: `Normal 0 7.8 磅 0 2 false false false EN-US ZH-CN X-NONE`.
WORD_SETTINGS_RUN = regex.compile(r"\bNormal\s+0\s+[\d.]+\s*(?:磅|pt)?\s+\d+\s+\d+(?:\s+(?:false|true))+(?:\s+(?:[A-Z]{2}-[A-Z]{2}|X-NONE))*(?:\s+MicrosoftInternetExplorer\d)?")
# A heading marker inside a run of text, by level as in HEADING_LEVELS: 一、 / (一) / 1. 1、 / (1), number captured.
FLAT_HEADING_MARKERS = (
    (1, regex.compile(r"(?P<number>[一二三四五六七八九十]{1,3})[ \u3000]?、")),
    (2, regex.compile(r"\((?P<number>[一二三四五六七八九十]{1,3}|-)\)")),  # (-) as in HEADING_LEVELS
    (3, regex.compile(r"(?<![\d.,])(?P<number>\d{1,2})(?:[、．]|\.(?![\d%]))")),
    (4, regex.compile(r"(?<!\d)\((?P<number>\d{1,2})\)")),
)
# Punctuation that ends a sentence or a lead-in, after which a heading may start in a run of text; also a
# rate ending a flattened table's last cell (`…资金使用率=…=71.51%3.资金管理情况分析`).
FLAT_BOUNDARY_BEFORE = regex.compile(r"[。！？!?;；:：\s%]$")
# A whitespace run after a sentence end or a lead-in colon: where a web page had a paragraph break.
FLAT_PARAGRAPH_BREAK = regex.compile(r"(?<=[。！？!?;；:：”’」])[ \t\u00a0\u3000]+")
# Where a heading's title stops inside a run of text: a space not inside a number and unit (`5 万元`),
# or sentence/lead-in punctuation (kept with the heading).
FLAT_HEADING_STOP = regex.compile(r"(?<!\d)[ \t\u00a0\u3000]+|[。！？!?;；:：]")
# What may not stand right before a Chinese-numeral marker glued into text: an ordinal or a list of numerals (第一、二季度).
FLAT_NUMERAL_BEFORE = regex.compile(r"[第一二三四五六七八九十、]$")
# A year opening the paragraph a heading runs into (`一般公共预算2015年全区…`): the title stops before it.
FLAT_YEAR_AFTER_TITLE = regex.compile(r"(?<=\p{Han})(?:19|20)\d{2}年")
# A punctuation mark or opening quote: a space before one is inside a sentence, not after a title.
FLAT_PUNCTUATION = regex.compile(r"[\p{P}]")
# Where a heading's title ends inside its block: a sentence end or a lead-in colon (`1.社会效益:…`, `(一)预算安排情况:根据…`).
HEADING_TITLE_END = regex.compile(r"[。！？!?;；:：](?:[”’」』)]*)")

# --- Report metadata (extractors/metadata/stage.py, extractors/metadata/gazetteer.py, extractors/metadata/fiscal_years.py) ---
# A township's name at the start of an organisation's name: 东庠乡(人民政府), 潭城镇, 石泉街道(办事处)
# (a name holding 县/区/市 is a longer path, not a bare township).
TOWNSHIP_NAME = regex.compile(r"^(?P<name>(?:(?![省市县区旗州盟])\p{Han}){1,6}?(?:乡|镇|街道))(?=人民政府|政府|党委|办事处|财政所|财政|$|\p{Han}{0,8}(?:局|所|办|站|中心)$)")
# A span of years: 2017—2019年, 2024-2025年, 2017至2019年.
YEAR_SPAN = regex.compile(r"(?<!\d)(?P<first>(?:19|20)\d{2})(?:年度?)?\s*[-—–~～至到]\s*(?P<last>(?:19|20)\d{2})年")
# A year in Arabic digits followed by 年 (2015年, 2024年度) or directly by a budget word (2018预算).
ARABIC_YEAR = regex.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})(?=\s*年|(?:部门|财政|预算|决算|年度))")
# A year in Chinese digits (二0一四年, 二○一六年, 二O一五财政): 二 then three digits written any way.
CHINESE_YEAR = regex.compile(r"(?P<year>[一二][〇○零0OoＯ一二三四五六七八九]{3})(?=\s*年|财政|预算|决算)")
# A web site's column tag in front of a page title: 【部门预算公开】, 【专项资金绩效评价】.
SITE_COLUMN_TAG = regex.compile(r"^\s*【[^】]{1,20}】\s*")
# An organisation's whole name (an issuer): ends in a body's kind (局, 办公室, 人民政府, 乡, 镇 …).
ORG_NAME = regex.compile(r"^[\p{Han}()]{2,40}?(?:人民政府|政府|委员会|办公室|办事处|局|厅|部|署|中心|院|所|处|站|队|乡|镇|街道|公司|集团|事务所)$")
# The issuing body at the start of a title, maybe after its year: 平潭综合实验区财政金融局关于…,
# 2014年度平潭综合实验区白青乡人民政府部门决算说明, 上海市普陀区财政局2024年度部门决算, 澳前镇二O一六年….
# A company opening a title, before its stock code or the period: 株式会社極洋(1301)平成26年3月期決算短信,
# 贵州茅台酒股份有限公司2023年年度报告 (Japanese 株式会社 leads the name, a Chinese company's kind ends it).
TITLE_COMPANY = regex.compile(
    r"^(?P<org>(?:株式会社|有限会社)[\p{Han}\p{Katakana}\p{Hiragana}ー]{1,20}?|[\p{Han}()]{2,30}?(?:股份有限公司|有限责任公司|有限公司|株式会社))"
    r"(?=\(\d{4,6}\)|\s|(?:19|20)\d{2}|平成|令和|$)"
)
TITLE_ISSUER = regex.compile(
    r"^(?:(?:19|20)\d{2}年度?)?(?P<org>[\p{Han}()]{2,30}?(?:人民政府|政府|委员会|办公室|局|厅|部|中心|院|所|乡|镇|公司))"
    r"(?=关于|(?:19|20)\d{2}|[一二][〇○零0O][一二三四五六七八九〇○零0O]{2}|部门|单位|本级|预算|决算|$)"
)
# A government on whose behalf a report to a people's congress is made: 受平潭县人民政府委托, 我受芦洋乡政府的委托.
ENTRUSTED_BY = regex.compile(r"受(?P<org>\p{Han}{2,20}?(?:人民政府|政府))的?委托")
# A cover line naming the compiling or budget unit: 编制单位:上海市普陀区财政局, 预算单位:某局.
COVER_UNIT_LINE = regex.compile(r"^(?:编制单位|编制部门|预算单位|单位名称|报送单位|填报单位)[:：]\s*(?P<org>\S.{1,40})$")
# The word that opens a title about something (关于…的报告): not part of a place name.
TITLE_ABOUT = regex.compile(r"^关于")
# A government named by its kind only (县人民政府, 区政府): it names no place.
UNPLACED_GOVERNMENT = regex.compile(r"^(?:省|市|县|区|乡|镇)(?:人民)?政府$")
# A county- or city-level division's name just before another name (平潭县|东庠乡, 普陀区|石泉路街道).
PLACE_BEFORE = regex.compile(r"(?P<place>\p{Han}{1,8}?(?:县|区|市|旗))(?=\p{Han}{1,6}?(?:乡|镇|街道))")
# A letter or Han character of a title (digits and marks do not make a title).
TITLE_WORD_CHARS = regex.compile(r"[\p{Han}\p{L}]")

# --- Tables of contents (extractors/contents.py, extractors/flat_text.py) ---
# The word 目录 opening a table of contents, maybe spaced (目 录), at the start of a block or run of text.
CONTENTS_START = regex.compile(r"^目[ \t\u3000]*录")
# Dot leaders and a page number closing a contents entry: `一、部门主要职责 ........ 3`, `…… 12`.
CONTENTS_LEADER = regex.compile(r"\s*(?:[.．·…。]\s*){3,}\s*(?P<page>\d{1,3})?\s*")
# A page number printed at the end of a contents line without leaders: `一、主要职能 3`.
CONTENTS_PAGE_AT_END = regex.compile(r"\s+(?P<page>\d{1,3})$")
# A part heading: 第一部分, 第二章 (a level above 一、).
PART_HEADING = regex.compile(r"^第[一二三四五六七八九十]{1,3}(?:部分|章|篇)")
# Where a run of contents entries without leaders splits: before a heading marker or a part heading
# (`一、部门主要职责二、部门决算单位基本情况` → two entries).
CONTENTS_ENTRY_SPLIT = regex.compile(r"(?<=\S)(?=(?:[一二三四五六七八九十]{1,3}[ \u3000]?、|第[一二三四五六七八九十]{1,3}(?:部分|章|篇)))")
# After a count in 个: a unit of time, so the count is a duration (工期33个月, 5个工作日), not a figure.
DURATION_AFTER = regex.compile(r"(?:月|工作日|小时|星期|季度|自然日)")
# (`一、部门主要职责二、部门决算单位基本情况` → two entries; `…说明 (一)机关运行经费情况` → two).
CONTENTS_ENTRY_SPLIT = regex.compile(r"(?<=[^\s一二三四五六七八九十])\s*(?=(?:[一二三四五六七八九十]{1,3}[ \u3000]?、|\([一二三四五六七八九十]{1,3}\)|第[一二三四五六七八九十]{1,3}(?:部分|章|篇)))")
# A footnote mark closing a title (`WARN Report*`, `…说明†`).
FOOTNOTE_MARK_END = regex.compile(r"[*＊†‡]+$")
# --- Robust loading (issue 12): unusable text layers ---------------------------------------------
# A glyph pdfminer could not map to Unicode, printed as `(cid:123)`: text layer without a ToUnicode map.
CID_TOKEN = regex.compile(r"\(cid:\d+\)")
# Characters that carry no text: U+FFFD (a byte no decoder read) and private-use code points (custom fonts).
NO_TEXT_CHAR = regex.compile(r"[\uFFFD\p{Co}]")
# A line saying that the table goes on from the page before: 续表, 续表3, (续), 表3(续).
CONTINUED_TABLE_LINE = regex.compile(r"^(?:续表\s*\d{0,2}|\(续表?\)|.{0,40}\(续表?\)|.{0,40}续表)$")
# The kind word ending a division's name, dropped for its short name (平潭县 → 平潭, 巴音郭楞蒙古自治州 → 巴音郭楞蒙古).
DIVISION_SUFFIX = regex.compile(r"(?:自治县|自治州|自治旗|县|区|市|旗|盟|地区)$")
# The predicate a problem heading ends with (存在问题 lists: `建设规划有待进一步提升`, `工期滞后`,
# `日常监督管理工作不到位`, `配套支持政策不健全`, `日常管护难以落到实处`): its title stops after it when a
# new sentence follows with no mark between.
PROBLEM_PREDICATE_END = regex.compile(r"(?:有待(?:进一步)?\p{Han}{2}|不到位|不健全|不完善|不规范|不及时|不够|不足|滞后|落到实处)(?=\p{Han})")
# A bracketed aside right after a heading word, closing the title: `项目经济性分析(成本控制及成本节约)`.
FLAT_TITLE_ASIDE = regex.compile(r"\([^()]{1,20}\)")
