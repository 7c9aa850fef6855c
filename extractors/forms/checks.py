"""Checks of a self-assessment form, each a check kind registered with `@check(kind, "form", doc)`.

A form-scope kind is a function `Assessment -> list[Check]`; the audit stage runs it over every form
of a report (Report.assessments), and `form_checks` runs every registered form kind over one form.
The arithmetic is the audit core's (extractors/audit/core.py), so a form total and a table total are
judged alike: a printed amount carries half a unit of its last digit, a stated total is allowed the
halves of itself and of its parts, a rate its own half plus what its inputs' rounding causes in the
quotient. Weights and indicator scores are points awarded in exact steps: no rounding.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from extractors.audit.core import ZERO, Num, judge, number_text, printed_half, rate_check, sum_check
from extractors.audit.registry import CHECKS, check
from extractors.forms.values import meets
from pipeline.models import Assessment, Check, CheckInput, FundsLine, Indicator

HUNDRED = Decimal(100)
# Funds columns that are amounts (they add up down the block); rates, weights and scores do not.
AMOUNT_COLUMNS = ["initial_budget", "full_budget", "executed", "adjustment", "allocated", "allocation_balance", "received", "balance"]
# Scored tables whose sections and total the table audit already checks (section_subtotal, table_total):
# checking their sums again here would count every failure twice.
TABLE_AUDITED_VARIANTS = {"tibet_budget_management"}
# How the standard and Fujian blocks print each amount column, for messages.
COLUMN_NAMES = {
    "initial_budget": "年初预算数", "full_budget": "全年预算数", "executed": "全年执行数", "adjustment": "年中调整金额②",
    "allocated": "年度拨付金额③", "allocation_balance": "本年度结余金额④", "received": "实际到位金额⑤", "balance": "本年度结余金额⑦",
    "weight": "分值", "rate": "执行率", "score": "得分", "balance_rate": "结余率⑧",
}  # fmt: skip
# The same columns as the Fujian 2018 block prints them.
FUJIAN_COLUMN_NAMES = COLUMN_NAMES | {"initial_budget": "年初部门预算安排金额①", "executed": "实际支出金额⑥"}


def column_name(form: Assessment, key: str) -> str:
    """Return how the form prints a funds column (年初预算数, or 年初部门预算安排金额① in the Fujian layout)."""
    names = FUJIAN_COLUMN_NAMES if form.variant == "fujian_2018" else COLUMN_NAMES
    return names.get(key, key)


def form_name(form: Assessment) -> str:
    """Return how messages name a form: its index, title and project."""
    return f"form {form.index} ({form.title}{' ' + form.project if form.project else ''})"


def form_page(form: Assessment) -> int | None:
    """Return the page a form starts on."""
    return form.provenance.page if form.provenance else None


def funds_num(form: Assessment, line: FundsLine, key: str, unit: str | None = None, exact: bool = False) -> Num | None:
    """Return one funds cell as a Num: its printed digits give its rounding (a printed 0 is exact); None if not printed."""
    value = line.values.get(key)
    if value is None:
        return None
    printed = line.printed.get(key) or str(value)
    digits = number_text(printed) or str(abs(value))  # 95.00% → 95.00: the rounding is read from the digits
    source = f"{form_name(form)} {line.label} {column_name(form, key)}"
    return Num(value, form.funds_unit if unit is None else unit, printed_half(digits, exact), printed, source, form_page(form))


def point_num(form: Assessment, value: Decimal, source: str, page: int | None = None) -> Num:
    """Return a weight or an indicator's score as a Num: points, exact."""
    return Num(value, "分", ZERO, str(value), f"{form_name(form)} {source}", page if page is not None else form_page(form))


def indicator_page(form: Assessment, indicator: Indicator) -> int | None:
    """Return the page an indicator is printed on (the form's when unknown)."""
    return indicator.provenance.page if indicator.provenance else form_page(form)


def indicator_num(form: Assessment, indicator: Indicator, value: Decimal) -> Num:
    """Return an indicator's weight or score as an exact Num."""
    return point_num(form, value, f"indicator {indicator.index} {indicator.level3}", indicator_page(form, indicator))


@check("form_funds_total", "form", "self-assessment form: 年度资金总额 (合计) = 财政拨款 + 上年结转资金 + 其他资金 in each amount column; a 小计 = its numbered parts; Fujian ④ = ① + ② − ③")
def funds_total_checks(form: Assessment) -> list[Check]:
    """年度资金总额 (合计) = 财政拨款 + 上年结转资金 + 其他资金 in each amount column; a 小计 = its numbered parts; Fujian ④ = ① + ② − ③."""
    checks: list[Check] = []
    total = form.funds_line("total")
    groups: list[tuple[FundsLine, list[FundsLine]]] = []
    if total:
        groups.append((total, [line for line in form.funds if line.role in {"fiscal", "carryover", "other"}]))
    for subtotal_role, part_role in (("fiscal", "part"), ("other", "other_part")):
        subtotal = form.funds_line(subtotal_role)
        parts = [line for line in form.funds if line.role == part_role]
        if subtotal and parts and subtotal.label.endswith("小计"):
            groups.append((subtotal, parts))
    for head, parts in groups:
        for key in AMOUNT_COLUMNS:
            stated = funds_num(form, head, key)
            nums = [n for n in (funds_num(form, p, key) for p in parts) if n is not None]
            if stated is None or not nums:
                continue
            labels = " + ".join(p.label for p in parts)
            checks.append(sum_check("form_funds_total", stated, nums, f"{form_name(form)}: {head.label} {column_name(form, key)} against {labels}"))
    return checks + fujian_formula_checks(form)


def difference_check(kind: str, form: Assessment, line: FundsLine, stated_key: str, plus: list[str], minus: list[str], formula: str) -> Check | None:
    """Return the check of a printed formula `stated = Σ plus − Σ minus` in one funds row, or None if a cell is not printed."""
    stated = funds_num(form, line, stated_key)
    terms = [funds_num(form, line, k) for k in plus + minus]
    if stated is None or any(t is None for t in terms):
        return None
    signs = [1] * len(plus) + [-1] * len(minus)
    computed = sum((sign * t.value for sign, t in zip(signs, terms)), ZERO)
    half = sum((t.half for t in terms), ZERO)
    what = f"{form_name(form)}: {line.label} {column_name(form, stated_key)} ({formula})"
    how = " ".join(f"{'+' if sign > 0 else '−'} {t.surface}" for sign, t in zip(signs, terms)).removeprefix("+ ")
    return judge(kind, stated, computed, half, [stated, *terms], what, how)


def fujian_formula_checks(form: Assessment) -> list[Check]:
    """The Fujian block's printed formula in every row: 本年度结余金额④ = ① + ② − ③."""
    if form.variant != "fujian_2018":
        return []
    found = (difference_check("form_funds_total", form, line, "allocation_balance", ["initial_budget", "adjustment"], ["allocated"], "④ = ① + ② − ③") for line in form.funds)
    return [c for c in found if c is not None]


@check("form_balance", "form", "self-assessment form: the balance 结余 = 预算数 − 执行数 where the form prints it (Fujian: 本年度结余金额⑦ = 实际到位金额⑤ − 实际支出金额⑥), in every row")
def balance_checks(form: Assessment) -> list[Check]:
    """The balance printed in each funds row = the funds available − the funds spent (Fujian: ⑦ = ⑤ − ⑥)."""
    if form.variant != "fujian_2018":
        return []  # the standard template prints no balance column
    found = (difference_check("form_balance", form, line, "balance", ["received"], ["executed"], "⑦ = ⑤ − ⑥") for line in form.funds)
    return [c for c in found if c is not None]


@check("form_score_total", "form", "self-assessment form: the total score = funds score + indicator scores (scored tables: see section_subtotal, table_total)")
def score_total_checks(form: Assessment) -> list[Check]:
    """The total score = the funds score (standard template) + every indicator's score."""
    if form.variant in TABLE_AUDITED_VARIANTS or form.total_score is None:
        return []
    parts = [indicator_num(form, i, i.score) for i in form.indicators if i.score is not None]
    if not parts:
        return []
    funds = form.funds_line("total")
    # The funds score is 执行率 × 分值 printed rounded (9.50), not points awarded in steps: it keeps its printed half.
    funds_score = funds_num(form, funds, "score", unit="分") if funds else None
    if funds_score is not None:
        parts.insert(0, funds_score)
    stated = point_num(form, form.total_score, "总分")
    what = f"{form_name(form)}: total score against {'funds score + ' if funds_score is not None else ''}{len(parts) - (funds_score is not None)} indicator scores"
    return [sum_check("form_score_total", stated, parts, what)]


def group_by_level(indicators: list[Indicator], field: str) -> dict[str, list[Indicator]]:
    """Return the indicators that print a weight or score, grouped by first-level indicator."""
    groups: dict[str, list[Indicator]] = defaultdict(list)
    for i in indicators:
        if i.level1 and getattr(i, field) is not None:
            groups[i.level1].append(i)
    return groups


@check("form_score_cap", "form", "self-assessment form: each indicator's score (and the funds score) is at most its weight")
def score_cap_checks(form: Assessment) -> list[Check]:
    """Each indicator's score (and the funds score) is at most its weight."""
    checks = []
    funds = form.funds_line("total")
    rows = [(f"funds {funds.label}", funds.values.get("score"), funds.values.get("weight"), form_page(form))] if funds else []
    rows += [(f"indicator {i.index} {i.level3}", i.score, i.weight, indicator_page(form, i)) for i in form.indicators]
    for what, score, weight, page in rows:
        if score is None or weight is None:
            continue
        checks.append(
            Check(
                kind="form_score_cap",
                status="pass" if score <= weight else "fail",
                stated=score,
                computed=weight,
                tolerance=ZERO,
                message=f"{form_name(form)}: {what} scored {score} of a weight of {weight}",
                stated_source=f"{form_name(form)} {what} 得分",
                page=page,
                unit="分",
            )
        )
    return checks


@check("form_execution_rate", "form", "self-assessment form: 执行率 = 全年执行数 / 全年预算数 (Fujian: 结余率 ⑧ = ⑦ / ⑤) to the printed precision")
def execution_rate_checks(form: Assessment) -> list[Check]:
    """执行率 = 全年执行数 / 全年预算数 (Fujian: 结余率 ⑧ = ⑦ / ⑤ in every row), as the audit core judges any rate."""
    checks: list[Check] = []
    funds = form.funds_line("total")
    if funds:
        checks += rate_row_check(form, funds, "rate", "executed", "full_budget", "执行率")
    return checks + balance_rate_checks(form)


def balance_rate_checks(form: Assessment) -> list[Check]:
    """The Fujian block's 结余率 ⑧ = ⑦ / ⑤ in percent, in every row whose ⑤ is not 0."""
    checks: list[Check] = []
    for line in form.funds if form.variant == "fujian_2018" else []:
        checks += rate_row_check(form, line, "balance_rate", "balance", "received", "结余率⑧ = ⑦ / ⑤")
    return checks


def rate_row_check(form: Assessment, line: FundsLine, rate_key: str, numerator_key: str, denominator_key: str, name: str) -> list[Check]:
    """Return the check of a printed rate against numerator / denominator of its row (none when the base is 0 or missing)."""
    rate = funds_num(form, line, rate_key, unit="%")
    numerator, denominator = funds_num(form, line, numerator_key), funds_num(form, line, denominator_key)
    if rate is None or numerator is None or denominator is None or denominator.value == 0:
        return []
    return [rate_check("form_execution_rate", rate, numerator, denominator, f"{form_name(form)}: {line.label} {name}")]


@check("form_funds_score", "form", "self-assessment form: the funds score = 执行率 × 分值, capped at 分值")
def funds_score_checks(form: Assessment) -> list[Check]:
    """The funds score = 执行率 × 分值, capped at 分值 (the template's rule), to the printed precision."""
    funds = form.funds_line("total")
    if not funds:
        return []
    rate, score = funds_num(form, funds, "rate", unit="%"), funds_num(form, funds, "score", unit="分")
    weight = funds.values.get("weight")
    if rate is None or weight is None or score is None:
        return []
    computed = min(rate.value / HUNDRED * weight, weight)
    weight_num = point_num(form, weight, f"{funds.label} 分值")
    # The rate's rounding carries into the product (weight × half a unit of the rate), the weight is exact.
    return [judge("form_funds_score", score, computed, weight * rate.half / HUNDRED, [score, rate, weight_num], f"{form_name(form)}: funds score", f"执行率 {rate.surface} × 分值 {weight} (capped)")]


@check("form_target_met", "form", "self-assessment form: an indicator scored full marks has an actual value meeting its numeric target (≥12次 vs 10次 fails)")
def target_met_checks(form: Assessment) -> list[Check]:
    """An indicator scored full marks must have an actual value that meets its target (when both are numbers)."""
    checks = []
    for i in form.indicators:
        if i.score is None or i.weight is None or i.score < i.weight:
            continue
        met = meets(i.target, i.actual)
        if met is None:
            continue
        checks.append(
            Check(
                kind="form_target_met",
                status="pass" if met else "fail",
                stated=i.actual.number,
                computed=i.target.number,
                tolerance=ZERO,
                message=f"{form_name(form)}: indicator {i.index} {i.level3} scored full marks ({i.score}/{i.weight}); actual «{i.actual.text}» {'meets' if met else 'misses'} target «{i.target.text}»",
                stated_source=f"{form_name(form)} indicator {i.index} {i.level3} 实际完成值",
                inputs=[CheckInput(surface=i.target.text, value=i.target.number, source=f"{form_name(form)} indicator {i.index} 年度指标值")],
                page=indicator_page(form, i),
                unit=i.actual.unit or i.target.unit,
            )
        )
    return checks


@check("form_weights", "form", "self-assessment form: a printed level weight (产出指标（50分）) = its indicators' weights; the total weight = all weights + the funds weight")
def weights_checks(form: Assessment) -> list[Check]:
    """Each printed level weight (产出指标（50分）) = its indicators' weights; the total weight = all weights (+ the funds weight)."""
    checks: list[Check] = []
    if form.variant in TABLE_AUDITED_VARIANTS:
        return checks
    by_level = group_by_level(form.indicators, "weight")
    for level, stated in form.level_weights.items():
        if by_level.get(level):
            parts = [indicator_num(form, i, i.weight) for i in by_level[level]]
            checks.append(sum_check("form_weights", point_num(form, stated, f"{level} 分值"), parts, f"{form_name(form)}: {level} weight against the weights under it"))
    weighted = [i for i in form.indicators if i.weight is not None]
    funds = form.funds_line("total")
    if form.total_weight is not None and weighted:
        parts = [indicator_num(form, i, i.weight) for i in weighted]
        if funds and funds.values.get("weight") is not None:
            parts.insert(0, point_num(form, funds.values["weight"], f"{funds.label} 分值"))
        checks.append(sum_check("form_weights", point_num(form, form.total_weight, "总分 分值"), parts, f"{form_name(form)}: 总分 weight against the weights under it"))
    return checks


def form_checks(form: Assessment) -> list[Check]:
    """Return every check of one form: each form-scope kind of the registry, in the order registered."""
    return [c for kind in CHECKS.values() if kind.scope == "form" and kind.run is not None for c in kind.run(form)]
