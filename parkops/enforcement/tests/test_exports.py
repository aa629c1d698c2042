"""The ledger, rectification and 管控事项 exports: small ones at once, large ones as a job that
writes the same file."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User

from parkops.enforcement.supervision import ControlEvent
from parkops.enforcement.tests.factories import FindingFactory, InspectionFactory
from parkops.registry.tests.factories import EnterpriseFactory
from parkops.testing.exports import column, export_deferred

pytestmark = pytest.mark.django_db


def test_a_large_ledger_export_is_written_by_a_job(alice: User, lena: User, charlie: User) -> None:
    kept = FindingFactory(description="未设置防爆设施").inspection
    other = InspectionFactory(inspected_on=date(2025, 2, 1))
    InspectionFactory(kind="special")
    book = export_deferred(
        alice, "/enforcement/inspections/export.xlsx", {"kind": "routine"},
        stranger=lena, refused=charlie,
    )  # fmt: skip
    assert column(book, "编号") == [kept.number, other.number]
    assert column(book, "发现问题")[0] == "一般·安全：未设置防爆设施（安全生产法第三十六条）"


def test_a_large_rectification_export_is_written_by_a_job(
    alice: User, lena: User, charlie: User
) -> None:
    late = FindingFactory(deadline=date(2025, 9, 1), description="逾期未整改")
    FindingFactory(deadline=date(2099, 1, 1), description="尚在期限内")
    FindingFactory()  # no deadline: nothing to rectify
    book = export_deferred(
        alice, "/enforcement/rectifications/export.xlsx", stranger=lena, refused=charlie
    )
    assert column(book, "问题描述") == ["逾期未整改", "尚在期限内"]
    assert column(book, "检查编号")[0] == late.inspection.number


def test_a_large_control_event_export_is_written_by_a_job(
    alice: User, lena: User, charlie: User
) -> None:
    for day, name in ((9, "上海甲拍卖有限公司"), (10, "上海乙拍卖有限公司")):
        ControlEvent.objects.create(
            enterprise=EnterpriseFactory(name=name), kind="judicial_auction",
            occurred_on=date(2025, 10, day), source_document="（2025）沪0116执123号",
            measure="priority_acquisition",
        )  # fmt: skip
    book = export_deferred(
        alice, "/enforcement/control-events/export.xlsx", stranger=lena, refused=charlie
    )
    assert column(book, "企业") == ["上海乙拍卖有限公司", "上海甲拍卖有限公司"]
