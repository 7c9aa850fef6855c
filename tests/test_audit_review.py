"""The leftovers of the audit review: the breakdown's unread parts as data, one rounding rule for forms and tables."""

from decimal import Decimal as D

from extractors.audit.registry import AuditContext
from extractors.audit.text import breakdown_checks, breakdown_groups
from pipeline.runner import run_file

UNREAD_PART = """某某镇2026年项目支出说明

一、项目情况

项目总投资10000.00万元,其中建安费用5000.00万元、设备费3000.00、监理费1000.00万元。
"""


def test_a_part_printed_without_a_unit_travels_with_its_breakdown(tmp_path):
    path = tmp_path / "unread-part.txt"
    path.write_text(UNREAD_PART, encoding="utf-8")
    report = run_file(path)
    ctx = AuditContext(report)
    (group,) = breakdown_groups(ctx)
    # 设备费3000.00 has no unit, so it is not a part: 5000.00 + 1000.00 against 10000.00
    assert ([p.surface for p in group.parts], group.unread) == (["5000.00万元", "1000.00万元"], "3000.00")
    (check,) = breakdown_checks(AuditContext(report))
    assert (check.status, check.computed) == ("unverifiable", D("6000.00"))
    assert "3000.00" in check.message
