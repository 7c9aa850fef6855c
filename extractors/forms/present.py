"""Forms as readable lines and as plain JSON data (for `govreports forms` and notebooks)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from pipeline.models import Assessment


def plain(value: Any) -> Any:
    """Return a dataclass/Decimal structure as JSON-ready data (Decimals as exact text)."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if dataclasses.is_dataclass(value):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def form_as_dict(form: Assessment) -> dict[str, Any]:
    """Given an Assessment, return it as plain JSON data."""
    return plain(form)


def form_summary(form: Assessment) -> list[str]:
    """Given an Assessment, return readable lines: title, who, funds, total, then one line per indicator."""
    where = f"p. {form.provenance.page}" if form.provenance and form.provenance.page else ""
    lines = [f"[{form.index}] {form.title} {form.year or ''} ({form.kind}, {form.variant}) {where}".rstrip()]
    who = " / ".join(x for x in (form.project, form.department, form.unit) if x)
    if who:
        lines.append(f"    {who}")
    total = form.funds_line("total")
    if total:
        funds = ", ".join(f"{k} {v}" for k, v in total.printed.items())
        lines.append(f"    funds ({form.funds_unit or '?'}): {total.label}: {funds}")
    lines.append(f"    total {form.total_score} of {form.total_weight}{' ' + form.grade if form.grade else ''}; {len(form.indicators)} indicators")
    for i in form.indicators:
        levels = " > ".join(x for x in (i.level1, i.level2) if x)
        lines.append(f"      {levels} > {i.level3}: target «{i.target.text}» actual «{i.actual.text}» {i.score}/{i.weight}")
    return lines
