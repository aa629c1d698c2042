"""Fixtures of the activities tests: two departments with a member each, enterprises on and off
the road chief's road, and a held policy briefing of 生态环境 that invited two of them."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.contrib.auth.models import User

from parkops.accounts.models import Department
from parkops.accounts.roles import Role
from parkops.activities import services
from parkops.activities.choices import ActivityKind, ActivityStatus
from parkops.activities.models import Activity
from parkops.conftest import _user
from parkops.core.workdays import SHANGHAI
from parkops.registry.models import Enterprise, Road, SmallPark
from parkops.registry.tests.factories import EnterpriseFactory
from parkops.service.reference import service_reference_load


def shanghai(*args: int) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)  # type: ignore[misc]


@pytest.fixture(autouse=True)
def _reference_data(db: None) -> None:
    # The calendar, limits and departments the migrations seeded (a browser test empties them).
    service_reference_load()


@pytest.fixture
def eco(_reference_data: None) -> Department:
    return Department.objects.get(code="eco")


@pytest.fixture
def market(_reference_data: None) -> Department:
    return Department.objects.get(code="market")


@pytest.fixture
def dora(db: None, eco: Department) -> User:  # overrides the project's dora: a member of 生态环境
    user = _user("dora", {Role.DEPARTMENT})
    eco.members.add(user)
    return user


@pytest.fixture
def dave(db: None, market: Department) -> User:
    user = _user("dave", {Role.DEPARTMENT})
    market.members.add(user)
    return user


@pytest.fixture
def firm(pingye: Road, ailiu: SmallPark) -> Enterprise:
    return EnterpriseFactory(name="上海平业活动测试有限公司", road=pingye, small_park=ailiu)


@pytest.fixture
def stranger(yuegong: Road, changning: SmallPark) -> Enterprise:
    return EnterpriseFactory(name="上海月工活动测试有限公司", road=yuegong, small_park=changning)


@pytest.fixture
def briefing(dora: User, eco: Department, firm: Enterprise, stranger: Enterprise) -> Activity:
    """A policy briefing 生态环境 held on 2025-06-10, both enterprises invited."""
    return services.activity_create(
        user=dora,
        data={
            "kind": ActivityKind.BRIEFING, "title": "环保政策宣讲会",
            "starts_at": shanghai(2025, 6, 10, 14), "place": "园区服务中心",
            "organiser": eco, "topics": "排污许可新规", "status": ActivityStatus.HELD,
        },
        invitees=[firm, stranger],
    )  # fmt: skip
