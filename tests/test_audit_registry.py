"""The audit's check registry and its per-report context."""

import sys
import types

from extractors.audit import stage
from extractors.audit.present import audit_html, check_kinds, kinds_markdown
from extractors.audit.registry import CHECKS, AuditContext, check
from pipeline.models import Check
from tests.conftest import ROOT

DICTIONARY = ROOT / "docs" / "data-dictionary.md"
# Every kind the audit emitted before the registry (the data dictionary listed them by hand).
KNOWN_KINDS = {
    "table_total", "table_subtotal", "section_subtotal", "row_sum", "annex_count", "annex_total", "breakdown",
    "share", "difference", "cut_rate", "execution_rate", "change_rate", "change_amount", "consistency",
    "item_vs_table", "subject_vs_table",
}


def test_every_known_kind_is_registered_with_a_sentence():
    kinds = dict(check_kinds())
    assert KNOWN_KINDS <= set(kinds)
    assert all(len(doc) > 20 for doc in kinds.values())


def test_the_data_dictionary_lists_the_kinds_from_the_registry():
    assert kinds_markdown() in DICTIONARY.read_text(encoding="utf-8")


def test_the_html_legend_lists_the_kinds_from_the_registry():
    page = audit_html([])
    assert all(f"<td>{kind}</td>" in page for kind, _ in check_kinds())


def test_another_package_adds_a_check_kind(corpus_reports, monkeypatch):
    module = types.ModuleType("tests_extra_checks")

    @check("extra_count", "report", "a kind registered from another package, counting paragraphs")
    def extra(ctx: AuditContext) -> list[Check]:
        from decimal import Decimal

        n = Decimal(len(ctx.report.paragraphs))
        return [Check(kind="extra_count", status="pass", stated=n, computed=n, tolerance=Decimal(0), message="paragraphs")]

    module.extra = extra
    monkeypatch.setitem(sys.modules, "tests_extra_checks", module)
    monkeypatch.setattr(stage, "CHECK_MODULES", [*stage.CHECK_MODULES, "tests_extra_checks"])
    try:
        report = next(iter(corpus_reports.values()))
        checks = stage.audit_report(report)
        assert [c.kind for c in checks].count("extra_count") == 1
        assert "extra_count" in dict(check_kinds())
    finally:
        CHECKS.pop("extra_count", None)


def test_context_lookups_agree_with_a_scan_of_the_paragraphs(corpus_reports):
    for report in corpus_reports.values():
        ctx = AuditContext(report)
        for figure in report.figures:
            holding = [p for p in report.paragraphs if p.start <= figure.start < p.end]
            assert ctx.paragraph_index(figure.start) == (holding[0].index if holding else None)
            sentences = [s for p in holding for s in p.sentences if s.start <= figure.start < s.end]
            if sentences:
                assert ctx.sentence_span(figure.start) == (sentences[0].start, sentences[0].end)
        middle = len(report.text) // 2
        assert ctx.figures_between(0, middle) == [f for f in report.figures if f.start < middle]
