"""The form checks (extractors/forms/checks.py) registered as audit check kinds, run over Report.assessments."""

from __future__ import annotations

from extractors.audit.registry import AuditContext, check
from extractors.forms import checks
from pipeline.models import Check


def over_forms(run) -> list[Check]:
    """Return the checks one form-check function gives over every form of the report."""
    return lambda ctx: [c for form in getattr(ctx.report, "assessments", []) for c in run(form)]


@check("form_funds_total", "report", "self-assessment form: 年度资金总额 (合计) = 财政拨款 + 上年结转资金 + 其他资金 in each amount column; a 小计 = its numbered parts; Fujian ④ = ① + ② − ③")
def form_funds_total(ctx: AuditContext) -> list[Check]:
    """Funds block sums (and the Fujian block's printed formula) of every form."""
    return over_forms(checks.funds_total_checks)(ctx) + over_forms(checks.fujian_formula_checks)(ctx)


@check("form_score_total", "report", "self-assessment form: the total score = funds score + indicator scores (scored tables: see section_subtotal, table_total)")
def form_score_total(ctx: AuditContext) -> list[Check]:
    """Score totals of every form."""
    return over_forms(checks.score_total_checks)(ctx)


@check("form_score_cap", "report", "self-assessment form: each indicator's score (and the funds score) is at most its weight")
def form_score_cap(ctx: AuditContext) -> list[Check]:
    """Scores against weights of every form."""
    return over_forms(checks.score_cap_checks)(ctx)


@check("form_execution_rate", "report", "self-assessment form: 执行率 = 全年执行数 / 全年预算数 (Fujian: 结余率 ⑧ = ⑦ / ⑤) to the printed precision")
def form_execution_rate(ctx: AuditContext) -> list[Check]:
    """Execution rates (and the Fujian 结余率) of every form."""
    return over_forms(checks.execution_rate_checks)(ctx) + over_forms(checks.balance_rate_checks)(ctx)


@check("form_funds_score", "report", "self-assessment form: the funds score = 执行率 × 分值, capped at 分值")
def form_funds_score(ctx: AuditContext) -> list[Check]:
    """Funds scores of every form."""
    return over_forms(checks.funds_score_checks)(ctx)


@check("form_target_met", "report", "self-assessment form: an indicator scored full marks has an actual value meeting its numeric target (≥12次 vs 10次 fails)")
def form_target_met(ctx: AuditContext) -> list[Check]:
    """Full-marks indicators against their targets, in every form."""
    return over_forms(checks.target_met_checks)(ctx)


@check("form_weights", "report", "self-assessment form: a printed level weight (产出指标（50分）) = its indicators' weights; the total weight = all weights + the funds weight")
def form_weights(ctx: AuditContext) -> list[Check]:
    """Weights of every form."""
    return over_forms(checks.weights_checks)(ctx)
