"""Checks of a self-assessment form, each a pure function `Assessment -> list[Check]`.

Tolerances come from printed precision: a sum of printed numbers must match its printed total
to half a unit of the total's last digit when the total is printed coarser than its parts (else
exactly); a rate to half a unit of its last digit plus the error its inputs' rounding can cause.
Weights and scores are points: exact.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from extractors.audit.core import ZERO, half_of
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
}  # fmt: skip
# The same columns as the Fujian 2018 block prints them.
FUJIAN_COLUMN_NAMES = COLUMN_NAMES | {"initial_budget": "年初部门预算安排金额①", "executed": "实际支出金额⑥"}


def column_name(form: Assessment, key: str) -> str:
    """Return how the form prints a funds column (年初预算数, or 年初部门预算安排金额① in the Fujian layout)."""
    names = FUJIAN_COLUMN_NAMES if form.variant == "fujian_2018" else COLUMN_NAMES
    return names.get(key, key)


def places(value: Decimal) -> int:
    """Return how many digits a printed number has after the point."""
    exponent = value.as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def sum_tolerance(stated: Decimal, parts: list[Decimal]) -> Decimal:
    """Return the tolerance of a printed total against printed parts: half a unit of the total if it is printed coarser."""
    return half_of(stated) if parts and places(stated) < max(places(p) for p in parts) else ZERO


def form_name(form: Assessment) -> str:
    """Return how messages name a form: its index, title and project."""
    return f"form {form.index} ({form.title}{' ' + form.project if form.project else ''})"


def form_page(form: Assessment) -> int | None:
    """Return the page a form starts on."""
    return form.provenance.page if form.provenance else None


def verdict(stated: Decimal, computed: Decimal, tolerance: Decimal) -> str:
    """Return pass when stated and computed agree within the tolerance, else fail."""
    return "pass" if abs(stated - computed) <= tolerance else "fail"


def funds_input(line: FundsLine, key: str, form: Assessment) -> CheckInput:
    """Return one funds cell as a check input."""
    return CheckInput(surface=line.printed.get(key, ""), value=line.values.get(key), source=f"{form_name(form)} {line.label} {column_name(form, key)}", page=form_page(form))


def sum_check(kind: str, form: Assessment, total: FundsLine, parts: list[FundsLine], key: str) -> Check | None:
    """Return the check that a funds line equals the sum of `parts` in column `key`, or None if not printed."""
    stated = total.values.get(key)
    values = [p.values.get(key) for p in parts]
    if stated is None or not parts or all(v is None for v in values):
        return None
    computed = sum((v for v in values if v is not None), ZERO)
    tolerance = sum_tolerance(stated, [v for v in values if v is not None])
    labels = " + ".join(p.label for p in parts)
    return Check(
        kind=kind,
        status=verdict(stated, computed, tolerance),
        stated=stated,
        computed=computed,
        tolerance=tolerance,
        message=f"{form_name(form)}: {total.label} {column_name(form, key)} {stated} against {labels} = {computed}",
        stated_source=f"{form_name(form)} {total.label} {column_name(form, key)}",
        inputs=[funds_input(p, key, form) for p in parts],
        page=form_page(form),
        unit=form.funds_unit,
    )


def funds_total_checks(form: Assessment) -> list[Check]:
    """年度资金总额 (合计) = 财政拨款 + 上年结转资金 + 其他资金 in each amount column; a 小计 = its numbered parts."""
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
            check = sum_check("form_funds_total", form, head, parts, key)
            if check:
                checks.append(check)
    return checks


def fujian_formula_checks(form: Assessment) -> list[Check]:
    """The Fujian block's printed formulas, in every row: ④ = ① + ② − ③ (kind form_funds_total)."""
    checks = []
    for line in form.funds if form.variant == "fujian_2018" else []:
        values = [line.values.get(k) for k in ("allocation_balance", "initial_budget", "adjustment", "allocated")]
        if any(v is None for v in values):
            continue
        stated, initial, adjustment, allocated = values
        computed = initial + adjustment - allocated
        tolerance = sum_tolerance(stated, [initial, adjustment, allocated])
        checks.append(
            Check(
                kind="form_funds_total",
                status=verdict(stated, computed, tolerance),
                stated=stated,
                computed=computed,
                tolerance=tolerance,
                message=f"{form_name(form)}: {line.label} 本年度结余金额④ {stated} against ① {initial} + ② {adjustment} − ③ {allocated} = {computed}",
                stated_source=f"{form_name(form)} {line.label} {column_name(form, 'allocation_balance')}",
                inputs=[funds_input(line, k, form) for k in ("initial_budget", "adjustment", "allocated")],
                page=form_page(form),
                unit=form.funds_unit,
            )
        )
    return checks


def balance_rate_checks(form: Assessment) -> list[Check]:
    """The Fujian block's 结余率 ⑧ = ⑦ / ⑤ in percent, to its printed precision (kind form_execution_rate)."""
    checks = []
    for line in form.funds if form.variant == "fujian_2018" else []:
        rate, balance, received = (line.values.get(k) for k in ("balance_rate", "balance", "received"))
        if rate is None or balance is None or not received:
            continue
        computed = balance / received * HUNDRED
        tolerance = half_of(rate) + (computed * (half_of(balance) / balance + half_of(received) / received) if balance else ZERO)
        checks.append(
            Check(
                kind="form_execution_rate",
                status=verdict(rate, computed, tolerance),
                stated=rate,
                computed=computed.quantize(Decimal("0.0001")),
                tolerance=tolerance,
                message=f"{form_name(form)}: {line.label} 结余率⑧ {rate}% against ⑦ {balance} / ⑤ {received} = {computed:.4f}%",
                stated_source=f"{form_name(form)} {line.label} 结余率⑧",
                inputs=[funds_input(line, "balance", form), funds_input(line, "received", form)],
                page=form_page(form),
                unit="%",
            )
        )
    return checks


def score_total_checks(form: Assessment) -> list[Check]:
    """The total score = the funds score (standard template) + every indicator's score."""
    checks: list[Check] = []
    if form.variant in TABLE_AUDITED_VARIANTS:
        return checks
    scores = [i.score for i in form.indicators if i.score is not None]
    funds = form.funds_line("total")
    funds_score = funds.values.get("score") if funds else None
    if form.total_score is not None and scores:
        parts = scores + ([funds_score] if funds_score is not None else [])
        computed = sum(parts, ZERO)
        tolerance = sum_tolerance(form.total_score, parts)
        inputs = [indicator_input(i, i.score, form) for i in form.indicators if i.score is not None]
        if funds_score is not None:
            inputs.insert(0, funds_input(funds, "score", form))
        checks.append(
            Check(
                kind="form_score_total",
                status=verdict(form.total_score, computed, tolerance),
                stated=form.total_score,
                computed=computed,
                tolerance=tolerance,
                message=f"{form_name(form)}: total score {form.total_score} against {'funds score + ' if funds_score is not None else ''}{len(scores)} indicator scores = {computed}",
                stated_source=f"{form_name(form)} 总分",
                inputs=inputs,
                page=form_page(form),
                unit="分",
            )
        )
    return checks


def indicator_input(indicator: Indicator, value: Decimal | None, form: Assessment) -> CheckInput:
    """Return an indicator's weight or score as a check input."""
    page = indicator.provenance.page if indicator.provenance else form_page(form)
    return CheckInput(surface=str(value), value=value, source=f"{form_name(form)} indicator {indicator.index} {indicator.level3}", page=page)


def group_by_level(indicators: list[Indicator], field: str) -> dict[str, list[Decimal]]:
    """Return the indicators' weights or scores grouped by first-level indicator."""
    groups: dict[str, list[Decimal]] = defaultdict(list)
    for i in indicators:
        value = getattr(i, field)
        if i.level1 and value is not None:
            groups[i.level1].append(value)
    return groups


def score_cap_checks(form: Assessment) -> list[Check]:
    """Each indicator's score (and the funds score) is at most its weight."""
    checks = []
    funds = form.funds_line("total")
    rows = [(f"funds {funds.label}", funds.values.get("score"), funds.values.get("weight"), form_page(form))] if funds else []
    rows += [(f"indicator {i.index} {i.level3}", i.score, i.weight, i.provenance.page if i.provenance else form_page(form)) for i in form.indicators]
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


def execution_rate_checks(form: Assessment) -> list[Check]:
    """执行率 = 全年执行数 / 全年预算数, to the rate's printed precision plus the inputs' rounding."""
    funds = form.funds_line("total")
    if not funds:
        return []
    rate, executed, budget = (funds.values.get(k) for k in ("rate", "executed", "full_budget"))
    if rate is None or executed is None or not budget:
        return []
    computed = executed / budget * HUNDRED
    propagated = computed * (half_of(executed) / executed + half_of(budget) / budget) if executed else ZERO
    tolerance = half_of(rate) + propagated
    return [
        Check(
            kind="form_execution_rate",
            status=verdict(rate, computed, tolerance),
            stated=rate,
            computed=computed.quantize(Decimal("0.0001")),
            tolerance=tolerance.quantize(Decimal("0.0001")),
            message=f"{form_name(form)}: 执行率 {funds.printed.get('rate')} against 全年执行数 {executed} / 全年预算数 {budget} = {computed:.4f}%",
            stated_source=f"{form_name(form)} {funds.label} 执行率",
            inputs=[funds_input(funds, "executed", form), funds_input(funds, "full_budget", form)],
            page=form_page(form),
            unit="%",
        )
    ]


def funds_score_checks(form: Assessment) -> list[Check]:
    """The funds score = 执行率 × 分值, capped at 分值 (the template's rule), to the printed precision."""
    funds = form.funds_line("total")
    if not funds:
        return []
    rate, weight, score = (funds.values.get(k) for k in ("rate", "weight", "score"))
    if rate is None or weight is None or score is None:
        return []
    computed = min(rate / HUNDRED * weight, weight)
    tolerance = half_of(score) + weight * half_of(rate) / HUNDRED
    return [
        Check(
            kind="form_funds_score",
            status=verdict(score, computed, tolerance),
            stated=score,
            computed=computed,
            tolerance=tolerance,
            message=f"{form_name(form)}: funds score {score} against 执行率 {funds.printed.get('rate')} × 分值 {weight} (capped) = {computed}",
            stated_source=f"{form_name(form)} {funds.label} 得分",
            inputs=[funds_input(funds, "rate", form), funds_input(funds, "weight", form)],
            page=form_page(form),
            unit="分",
        )
    ]


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
                page=i.provenance.page if i.provenance else form_page(form),
                unit=i.actual.unit or i.target.unit,
            )
        )
    return checks


def weights_checks(form: Assessment) -> list[Check]:
    """Each printed level weight (产出指标（50分）) = its indicators' weights; the total weight = all weights (+ the funds weight)."""
    checks: list[Check] = []
    if form.variant in TABLE_AUDITED_VARIANTS:
        return checks
    by_level = group_by_level(form.indicators, "weight")
    for level, stated in form.level_weights.items():
        values = by_level.get(level, [])
        if not values:
            continue
        computed = sum(values, ZERO)
        checks.append(weight_check(form, f"{level}", stated, computed, [indicator_input(i, i.weight, form) for i in form.indicators if i.level1 == level and i.weight is not None]))
    weights = [i.weight for i in form.indicators if i.weight is not None]
    funds = form.funds_line("total")
    funds_weight = funds.values.get("weight") if funds else None
    if form.total_weight is not None and weights:
        computed = sum(weights, ZERO) + (funds_weight or ZERO)
        inputs = [indicator_input(i, i.weight, form) for i in form.indicators if i.weight is not None]
        checks.append(weight_check(form, "总分", form.total_weight, computed, inputs))
    return checks


def weight_check(form: Assessment, what: str, stated: Decimal, computed: Decimal, inputs: list[CheckInput]) -> Check:
    """Return one form_weights check: a printed weight against the weights under it."""
    return Check(
        kind="form_weights",
        status=verdict(stated, computed, ZERO),
        stated=stated,
        computed=computed,
        tolerance=ZERO,
        message=f"{form_name(form)}: {what} weight {stated} against the weights under it = {computed}",
        stated_source=f"{form_name(form)} {what} 分值",
        inputs=inputs,
        page=form_page(form),
        unit="分",
    )


# Every check of a form, in the order they are reported.
FORM_CHECKS = [funds_total_checks, fujian_formula_checks, score_total_checks, score_cap_checks, execution_rate_checks, balance_rate_checks,
               funds_score_checks, target_met_checks, weights_checks]  # fmt: skip


def form_checks(form: Assessment) -> list[Check]:
    """Return every check of one form."""
    return [check for run in FORM_CHECKS for check in run(form)]
