"""The visit, due and coverage exports: small ones at once, large ones as a job that writes the
same file for the same user's scope."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import User

from parkops.registry.models import Enterprise, Road
from parkops.registry.tests.factories import EnterpriseFactory
from parkops.testing.exports import column, export_deferred
from parkops.visits.models import Visit

pytestmark = pytest.mark.django_db


def _firm(name: str, road: Road) -> Enterprise:
    firm = EnterpriseFactory(name=name, road=road)
    Enterprise.objects.filter(pk=firm.pk).update(created_at=datetime(2020, 1, 1, tzinfo=UTC))
    return firm


@pytest.fixture
def visited(pingye: Road, yuegong: Road) -> None:
    for name, road, day in (
        ("上海甲走访有限公司", pingye, date(2025, 3, 1)),
        ("上海乙走访有限公司", pingye, date(2025, 4, 1)),
        ("上海别路走访有限公司", yuegong, date(2025, 5, 1)),
    ):
        Visit.objects.create(enterprise=_firm(name, road), visited_on=day, discussed="例行走访")


def test_a_large_visit_export_is_written_by_a_job(
    visited: None, rob: User, lena: User, charlie: User
) -> None:
    book = export_deferred(rob, "/visits/export.xlsx", stranger=lena, refused=charlie)
    assert column(book, "企业名称") == ["上海乙走访有限公司", "上海甲走访有限公司"]


def test_a_large_due_export_is_written_by_a_job(
    visited: None, rob: User, lena: User, charlie: User
) -> None:
    book = export_deferred(
        rob, "/visits/due/", {"status": "overdue", "format": "xlsx"},
        stranger=lena, refused=charlie,
    )  # fmt: skip
    assert sorted(column(book, "企业名称")) == ["上海乙走访有限公司", "上海甲走访有限公司"]


def test_a_large_coverage_export_is_written_by_a_job(
    visited: None, lena: User, rob: User, charlie: User
) -> None:
    book = export_deferred(
        lena, "/visits/coverage/", {"year": 2025, "by": "road", "format": "xlsx"},
        stranger=rob, refused=charlie,
    )  # fmt: skip
    assert {"平业路", "月工路"} <= set(column(book, "道路"))
