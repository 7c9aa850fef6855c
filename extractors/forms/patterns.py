"""Regexes of the forms package: what a 绩效自评表 prints (titles, labels, values)."""

from __future__ import annotations

import regex

# A form's title: 项目支出绩效自评表, 部门整体支出绩效自评表, 财政支出项目绩效自评表, 部门业务费绩效自评表,
# 专项资金绩效自评表, 项目绩效目标自评表 (a year may precede it: 2018年财政支出项目绩效自评表).
FORM_TITLE = regex.compile(
    r"(?:(?P<year>20\d\d)年度?)?(?P<name>[\p{Han}（）()]{0,16}?(?:项目|部门整体|部门业务费|整体|专项资金)(?:支出)?绩效(?:目标)?自评表)"
)
# The year line under a title: （ 2018 年度）, (2022年度).
FORM_YEAR = regex.compile(r"[（(]\s*(?P<year>20\d\d)\s*年度?\s*[）)]")
# An operator written as a symbol, at the start of a value: ≥95%, ≧, >=, =100.
VALUE_OPERATOR_SYMBOL = regex.compile(r"^(?P<op>≥|≧|>=|≤|≦|<=|>|<|=|＝)")
# A quantitative value: an optional label (满意率), an operator word or symbol, a number, a unit, an
# optional trailing bound word (95%以上): 不低于95%, ≥12次, ≤120万元, =100百分比, 48人, 满意率95%以上.
QUANTITY = regex.compile(
    r"^(?P<label>\p{Han}{0,8}?)"
    r"(?P<op>≥|≧|>=|≤|≦|<=|>|<|=|＝|不低于|不少于|不小于|大于等于|达到|高于|大于|超过|多于|不高于|不超过|不大于|不多于|小于等于|低于|小于|少于|控制在|等于)?"
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)"
    r"(?P<unit>%|‰|百分比|万元|亿元|元|万人次|人次|万人|个百分点|个|次|人|户|家|天|日|小时|周|月|年|项|件|场|所|台|套|辆|公里|千米|km|米|平方米|㎡|亩|分|篇|期|批|本|册|份|处|座|条|张|岁|名|村|间|吨|kg|万|元/人|万平方米)?"
    r"(?P<post>及以上|以上|及以下|以下|以内|内)?$"
)
# A bare number cell: a weight or a score (15, 9.5, 100).
BARE_NUMBER = regex.compile(r"^\d+(?:\.\d+)?$")
# A printed percentage: 95%, 100.00%.
PERCENT = regex.compile(r"^(?P<num>-?\d+(?:\.\d+)?)%$")
# A printed amount or placeholder in a funds block: 120, 1,574.71, —, ∕, /, -.
FUNDS_VALUE = regex.compile(r"^(?:-?\d+(?:,\d{3})*(?:\.\d+)?%?|[—–\-−∕/／]+|[-—]?)$")
# A placeholder printed in a cell that has no value (— ∕ / -).
PLACEHOLDER = regex.compile(r"^[—–\-−∕/／]+$")
# The weight printed beside a first-level indicator: 产出指标（50分）, (30分).
LEVEL_WEIGHT = regex.compile(r"[（(](?P<weight>\d+(?:\.\d+)?)分[）)]$")
# First-level indicator labels (产出指标, 效益指标, 满意度指标), with an optional printed weight.
LEVEL1 = regex.compile(r"^(?P<name>产出指标|效益指标|满意度指标|产出|效益|满意度)(?:[（(]\d+(?:\.\d+)?分[）)])?$")
# Second-level indicator labels of the standard template (数量指标 … 服务对象满意度指标).
LEVEL2 = regex.compile(
    r"^(?P<name>数量指标|质量指标|时效指标|成本指标|经济效益指标|社会效益指标|生态效益指标|可持续影响指标|服务对象满意度指标|"
    r"经济成本指标|社会成本指标|生态环境成本指标|满意度指标)$"
)
# A circled number (①…⑩) as the Fujian funds block prints its columns and sub-rows.
CIRCLED = regex.compile(r"[①-⑩]")
# A year inside a title or label: 2018年.
YEAR = regex.compile(r"(?P<year>20\d\d)年")
# Labels of the form's header fields, each to the Assessment field it fills.
HEADER_FIELD = regex.compile(
    r"^(?P<label>项目名称|主管部门及部门预算编码|主管部门|实施单位|部门[(（]单位[)）]名称|部门名称|单位名称|部门预算编码)[:：]?$"
)
# The funds block's first label: 项目资金（万元）, 年度预算申请（万元）, 资金结构（万元）, 财政资金安排和使用情况.
FUNDS_START = regex.compile(r"^(?:项目资金|年度预算申请|年度预算执行情况|资金结构|预算资金|财政资金安排和使用情况|年度资金)(?:[(（](?P<unit>万元|元)[)）])?$")
# A printed unit in brackets inside a label: （万元）.
UNIT_IN_LABEL = regex.compile(r"[(（](?P<unit>万元|元|亿元)[)）]")
# Column labels of the standard funds block, in printed order.
FUNDS_COLUMN = regex.compile(r"^(?P<label>年初预算数|全年预算数|全年执行数|分值|执行率|得分)$")
# Row labels of a funds block (standard and Fujian 2018): 年度资金总额, 其中:当年财政拨款, 上年结转资金,
# 其他资金, 基本支出, 项目支出, 财政资金小计, ①中央财政资金, 其他资金小计, ①……, 合计.
FUNDS_ROW = regex.compile(
    r"^(?:其中[:：])?(?P<label>年度资金总额|资金总额|(?:本年|当年)?财政拨款|上年结转资金|上年结转|其他资金|基本支出|项目支出|"
    r"财政资金小计|其他资金小计|[①-⑩][\p{Han}]*资金|[①-⑩][…\.]+|合计)$"
)
# The overall-goal block: 年度总体目标, 年度总体目标完成情况.
GOAL_START = regex.compile(r"^年度总体目标(?:完成情况)?$")
# The goal block's column labels: 预期目标, 实际完成情况, 绩效目标实际完成情况.
GOAL_COLUMN = regex.compile(r"^(?:预期目标|(?:绩效目标)?实际完成情况)$")
# Labels that open the indicator block: 绩效指标, 年度绩效目标完成情况, 一级指标.
INDICATOR_START = regex.compile(r"^(?:绩效指标|年度绩效目标完成情况|绩效目标完成情况|一级指标)$")
# Column labels of the indicator block, in printed order.
INDICATOR_COLUMN = regex.compile(
    r"^(?P<label>一级指标|二级指标|三级指标|指标解释|评分标准|年度指标值|绩效目标值|指标值|预期指标值|实际完成值|指标分值|分值|"
    r"自评得分|得分|偏差原因分析及改进措施|偏差原因分析|未完成原因分析)$"
)
# The total row: 总分, 合计.
TOTAL_LABEL = regex.compile(r"^(?:总分|合计|总计)$")
# The grade line after the total: 自评得分等次 优秀, 自评等级.
GRADE_LABEL = regex.compile(r"^(?:自评得分等次|自评等次|自评等级|评价等次)$")
# A fragment of the year line when a flattened form splits it into cells: (, 2018, 年度).
YEAR_LINE_PART = regex.compile(r"^(?:[(（]|20\d\d|年度?[)）])$")
# A scored assessment table of another shape: 部门预算管理绩效考核自评表 (Tibet 2022), 绩效考核评分表.
SCORED_TABLE_TITLE = regex.compile(r"(?:绩效考核自评表|绩效考核评分表|绩效评价评分表)")
# Header labels of a scored table's columns: the indicator, its weight, its score.
SCORED_NAME_COLUMN = regex.compile(r"^(?:指标|考核指标|评价指标|三级指标)$")
SCORED_GROUP_COLUMN = regex.compile(r"^(?:考核内容|二级指标|评价内容)$")
SCORED_WEIGHT_COLUMN = regex.compile(r"^(?:指标值|分值|权重|标准分)$")
SCORED_SCORE_COLUMN = regex.compile(r"^(?:考核结果|得分|自评得分|评分)")
SCORED_PENALTY_COLUMN = regex.compile(r"^(?:扣罚分|扣分)$")
# A number a narrow PDF cell wrapped onto two lines, read back with a space: `99. 60`, `1,2 85.1`.
WRAPPED_NUMBER = regex.compile(r"^\d[\d,.]*(?:\s+[\d,.]*\d)+(?:\s*%)?$")
# Whitespace inside a value cell (`≥ 95 %`), dropped before the value is parsed.
INNER_SPACE = regex.compile(r"\s+")
# A grouping label inside a funds block (按收入性质分, 按支出性质分): no values of its own.
FUNDS_GROUP = regex.compile(r"^按(?:收入|支出)性质分[:：]?$")
# The Fujian 2018 funds block's column labels, for a header whose ①…⑧ a PDF's cleaning turned into digits.
FUJIAN_FUNDS_COLUMN = regex.compile(r"年初部门预算安排金额|年中调整金额|年度拨付金额|本年度结余金额|实际到位金额|实际支出金额|结余率")
# The '/' the PDF finder puts between stacked header cells, not the one inside a formula (⑧=⑦/⑤, 8=7 /5).
HEADER_PART_SEPARATOR = regex.compile(r"/(?!\s*[\d①-⑩])")
