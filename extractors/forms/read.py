"""Read a form's cell tokens (any source) into an Assessment: header, funds, goals, indicators, total."""

from __future__ import annotations

from decimal import Decimal

from extractors.forms import patterns
from extractors.forms.tokens import Token
from extractors.forms.values import parse_value
from pipeline.errors import FormUnreadable
from pipeline.models import Assessment, FundsLine, Indicator

# Standard funds columns (财预〔2020〕10号 template), printed label → key.
STANDARD_FUNDS_COLUMNS = {"年初预算数": "initial_budget", "全年预算数": "full_budget", "全年执行数": "executed", "分值": "weight", "执行率": "rate", "得分": "score"}
# Fujian 2018 funds columns, numbered ① to ⑧ in the header, in printed order.
FUJIAN_FUNDS_COLUMNS = ["initial_budget", "adjustment", "allocated", "allocation_balance", "received", "executed", "balance", "balance_rate"]
# Indicator columns whose printed label says what they hold.
TARGET_COLUMNS = {"年度指标值", "绩效目标值", "指标值", "预期指标值"}
ACTUAL_COLUMNS = {"实际完成值"}
WEIGHT_COLUMNS = {"分值", "指标分值"}
SCORE_COLUMNS = {"得分", "自评得分"}
DEVIATION_COLUMNS = {"偏差原因分析及改进措施", "偏差原因分析", "未完成原因分析"}
LEVEL_COLUMNS = {"一级指标", "二级指标"}


def funds_role(label: str) -> str:
    """Given a funds row label, return its role: total, fiscal, carryover, other, basic, project, part, other_part."""
    if label in {"年度资金总额", "资金总额", "合计"}:
        return "total"
    if label in {"财政拨款", "本年财政拨款", "当年财政拨款", "财政资金小计"}:
        return "fiscal"
    if label.startswith("上年结转"):
        return "carryover"
    if label in {"其他资金", "其他资金小计"}:
        return "other"
    if label in {"基本支出", "项目支出"}:
        return "basic" if label == "基本支出" else "project"
    return "part" if label.endswith("资金") else "other_part"


def form_kind(title: str) -> str:
    """Given a form title, return project or department."""
    return "department" if ("部门整体" in title or "部门业务费" in title or "整体支出" in title) else "project"


class FormReader:
    """Walks a form's tokens once, block by block (header, funds, goals, indicators, total)."""

    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.i = 0

    def peek(self, ahead: int = 0) -> Token | None:
        """Return the token `ahead` places from the cursor, if any."""
        j = self.i + ahead
        return self.tokens[j] if j < len(self.tokens) else None

    def take(self) -> Token:
        """Return the token at the cursor and move past it."""
        token = self.tokens[self.i]
        self.i += 1
        return token

    def done(self) -> bool:
        """Tell whether every token was read."""
        return self.i >= len(self.tokens)


def read_form(tokens: list[Token], index: int = 0) -> Assessment | None:
    """Given the tokens of one form (title first), return it as an Assessment, or None if it has no indicator block."""
    if not tokens:
        return None
    reader = FormReader(tokens)
    title_token = reader.take()
    title_match = patterns.FORM_TITLE.search(title_token.text)
    title = title_match.group(0) if title_match else title_token.text
    form = Assessment(index=index, kind=form_kind(title), variant="standard", title=title)
    if title_match and title_match["year"]:
        form.year = int(title_match["year"])
    read_header(reader, form)
    read_funds(reader, form)
    read_goals(reader, form)
    if not read_indicators(reader, form):
        return None
    form.provenance = title_token.provenance(tokens[reader.i - 1])  # the form ends where its reading stopped
    if not form.indicators:
        where = f"page {title_token.page}" + (f", table {title_token.table}" if title_token.table is not None else "")
        raise FormUnreadable(f"form «{title}» ({where}): an indicator header (一级指标 … 三级指标) but no row ending in a weight and a score")
    return form


def read_header(reader: FormReader, form: Assessment) -> None:
    """Read the year line and the header fields (项目名称, 主管部门, 实施单位) up to the funds or goal block."""
    label = None
    values: dict[str, list[str]] = {}
    opening = "".join(t.text for t in reader.tokens[reader.i : reader.i + 4])  # （ 2018 年度） may be three cells
    year = patterns.FORM_YEAR.search(opening)
    if year and form.year is None:
        form.year = int(year["year"])
    label_row = None
    while not reader.done():
        text = reader.peek().text
        if patterns.FUNDS_START.match(text) or patterns.GOAL_START.match(text) or patterns.INDICATOR_START.match(text) or patterns.FUNDS_COLUMN.match(text):
            break
        token = reader.take()
        if patterns.FORM_YEAR.fullmatch(text) or patterns.YEAR_LINE_PART.match(text):
            continue
        field = patterns.HEADER_FIELD.match(text)
        if field:
            label, label_row = field["label"], token.row
            values.setdefault(label, [])
        elif label and token.table is not None and token.row != label_row:
            label = None  # a table's header field ends with its printed row
        elif label:
            values[label].append(text)
    for label, cells in values.items():
        if "编码" in label:
            cells = [c for c in cells if not patterns.BARE_NUMBER.match(c)]  # the budget code is not a name
        value = " ".join(cells) or None
        if label == "项目名称":
            form.project = value
        elif label.startswith("主管部门"):
            form.department = value
        elif label == "实施单位":
            form.unit = value
        elif "名称" in label:
            form.department = form.department or value
            form.unit = form.unit or value
    if form.year is None:
        year = patterns.YEAR.search(form.title) or patterns.YEAR.search(form.project or "")
        form.year = int(year["year"]) if year else None


def read_funds(reader: FormReader, form: Assessment) -> None:
    """Read the funds block: its columns (standard labels or Fujian ①…⑧), then each labelled row of values."""
    columns: list[str] = []
    fujian_marks: set[str] = set()
    fujian_labels = 0
    while not reader.done():
        text = reader.peek().text
        if patterns.FUNDS_ROW.match(text) and (columns or fujian_marks or fujian_labels):
            break
        if patterns.GOAL_START.match(text) or patterns.INDICATOR_START.match(text):
            return
        reader.take()
        unit = patterns.UNIT_IN_LABEL.search(text)
        if unit and not form.funds_unit:
            form.funds_unit = unit["unit"]
        column = patterns.FUNDS_COLUMN.match(text)
        if column:
            columns.append(STANDARD_FUNDS_COLUMNS[column["label"]])
        fujian_marks.update(patterns.CIRCLED.findall(text))
        fujian_labels += len(patterns.FUJIAN_FUNDS_COLUMN.findall(text))
    if not columns:
        form.variant = "fujian_2018"
        columns = FUJIAN_FUNDS_COLUMNS[: max(len(fujian_marks), fujian_labels, 1)]
    while not reader.done():
        if patterns.FUNDS_GROUP.match(reader.peek().text):
            reader.take()
            continue
        row = patterns.FUNDS_ROW.match(reader.peek().text)
        if not row:
            break
        reader.take()
        printed = []
        while not reader.done() and patterns.FUNDS_VALUE.match(reader.peek().text) and len(printed) < len(columns):
            printed.append(reader.take().text)
        form.funds.append(funds_line(row["label"], columns, printed))


def funds_line(label: str, columns: list[str], printed: list[str]) -> FundsLine:
    """Given a funds row's label, the block's columns and the printed cells, return the FundsLine."""
    line = FundsLine(label=label, role=funds_role(label), values={}, printed={})
    for key, text in zip(columns, printed):
        line.printed[key] = text
        line.values[key] = funds_number(text)
    return line


def funds_number(text: str) -> Decimal | None:
    """Given a funds cell (`120`, `95%`, `—`), return its number (a rate as printed in percent), else None."""
    if patterns.PLACEHOLDER.match(text) or not text:
        return None
    return Decimal(text.rstrip("%").replace(",", ""))


def read_goals(reader: FormReader, form: Assessment) -> None:
    """Read 年度总体目标: the expected and the actual text, up to the indicator block."""
    if reader.done() or not patterns.GOAL_START.match(reader.peek().text):
        return
    reader.take()
    cells = []
    while not reader.done() and not patterns.INDICATOR_START.match(reader.peek().text):
        text = reader.take().text
        if not patterns.GOAL_COLUMN.match(text):
            cells.append(text)
    half = (len(cells) + 1) // 2
    form.goal_expected = " ".join(cells[:half]) or None
    form.goal_actual = " ".join(cells[half:]) or None


def read_indicators(reader: FormReader, form: Assessment) -> bool:
    """Read the indicator header and rows up to the total; return whether an indicator header was found."""
    while not reader.done() and reader.peek().text != "一级指标":
        reader.take()
    columns = []
    while not reader.done() and patterns.INDICATOR_COLUMN.match(reader.peek().text):
        columns.append(reader.take().text)
    if "三级指标" not in columns:
        return False
    text_columns = [c for c in columns[columns.index("三级指标") :] if c not in WEIGHT_COLUMNS | SCORE_COLUMNS | DEVIATION_COLUMNS]
    has_deviation = any(c in DEVIATION_COLUMNS for c in columns)
    number_columns = [c for c in columns if c in WEIGHT_COLUMNS | SCORE_COLUMNS] or ["分值", "得分"]
    ends = len(number_columns)  # a row ends with this many bare numbers: its weight and score, or its score alone
    level1 = level2 = None
    pending: list[Token] = []
    while not reader.done():
        token = reader.peek()
        if patterns.TOTAL_LABEL.match(token.text):
            reader.take()
            flush_deviation(form, pending, has_deviation)
            read_total(reader, form)
            return True
        level = patterns.LEVEL1.match(token.text) or patterns.LEVEL2.match(token.text)
        if level and pending:  # text between a row's score and the next group's label: that row's deviation
            flush_deviation(form, pending, has_deviation)
            pending = []
        level = patterns.LEVEL1.match(token.text)
        if level:
            reader.take()
            level1, level2 = level["name"], None
            weight = patterns.LEVEL_WEIGHT.search(token.text)
            if weight:
                form.level_weights[level1] = Decimal(weight["weight"])
            continue
        level = patterns.LEVEL2.match(token.text)
        if level:
            reader.take()
            level2 = level["name"]
            continue
        numbers = number_run(reader)
        if len(numbers) >= ends and pending:
            pending += numbers[:-ends]
            if has_deviation and len(pending) > len(text_columns) and form.indicators:
                form.indicators[-1].deviation = pending.pop(0).text
            scored = dict(zip(number_columns, numbers[-ends:]))
            form.indicators.append(indicator(len(form.indicators), level1, level2, text_columns, pending, scored))
            pending = []
            continue
        if numbers:
            pending += numbers
            continue
        pending.append(reader.take())
    flush_deviation(form, pending, has_deviation)
    return True


def number_run(reader: FormReader) -> list[Token]:
    """Take and return the run of bare-number tokens at the cursor (weights and scores end a row)."""
    run = []
    while not reader.done() and patterns.BARE_NUMBER.match(reader.peek().text):
        run.append(reader.take())
    return run


def flush_deviation(form: Assessment, pending: list[Token], has_deviation: bool) -> None:
    """Give text left after the last row to that row as its deviation, when the form has that column."""
    if pending and has_deviation and form.indicators:
        form.indicators[-1].deviation = " ".join(t.text for t in pending)


def indicator(index: int, level1: str | None, level2: str | None, columns: list[str], cells: list[Token], numbers: dict[str, Token]) -> Indicator:
    """Given one row's text cells (三级指标 first, actual last) and its weight and score by column, return the Indicator."""
    texts = [t.text for t in cells]
    if len(texts) > len(columns):  # a name split by spaces: the extra fragments belong to the first cell
        extra = len(texts) - len(columns)
        texts = [" ".join(texts[: extra + 1])] + texts[extra + 1 :]
    by_column: dict[str, str] = {}
    if len(texts) == len(columns):
        by_column = dict(zip(columns, texts))
    else:  # cells missing from a flattened line: name first, then actual and target read from the right
        by_column["三级指标"] = texts[0] if texts else ""
        rest = texts[1:]
        value_columns = [c for c in columns if c in TARGET_COLUMNS | ACTUAL_COLUMNS]
        by_column.update(dict(zip(reversed(value_columns), reversed(rest))))
    target = next((by_column[c] for c in columns if c in TARGET_COLUMNS and c in by_column), "")
    actual = next((by_column[c] for c in columns if c in ACTUAL_COLUMNS and c in by_column), "")
    extra = {c: v for c, v in by_column.items() if c not in TARGET_COLUMNS | ACTUAL_COLUMNS | {"三级指标"}}
    weight = next((t for c, t in numbers.items() if c in WEIGHT_COLUMNS), None)
    score = next((t for c, t in numbers.items() if c in SCORE_COLUMNS), None)
    last = list(numbers.values())[-1]
    first = cells[0] if cells else last
    return Indicator(
        index=index,
        level1=level1,
        level2=level2,
        level3=by_column.get("三级指标", ""),
        target=parse_value(target),
        actual=parse_value(actual),
        weight=Decimal(weight.text) if weight else None,
        score=Decimal(score.text) if score else None,
        extra=extra,
        provenance=first.provenance(last),
    )


def read_total(reader: FormReader, form: Assessment) -> None:
    """Read the total row (总分/合计: weight then score, or the score alone) and the grade after it."""
    numbers = [Decimal(t.text) for t in number_run(reader)]
    if len(numbers) >= 2:
        form.total_weight, form.total_score = numbers[0], numbers[1]
    elif numbers:
        form.total_score = numbers[0]
    if not reader.done() and patterns.GRADE_LABEL.match(reader.peek().text):
        reader.take()
        if not reader.done():
            form.grade = reader.take().text
