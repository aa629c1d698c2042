"""Fixtures of the service tests: two departments with a member each, an enterprise on the road
chief's road, and a clock that the test sets (`at`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from parkops.accounts.models import Department
from parkops.accounts.roles import Role
from parkops.conftest import _user
from parkops.core.workdays import SHANGHAI
from parkops.registry.models import Enterprise, Road
from parkops.registry.tests.factories import EnterpriseFactory
from parkops.service import services
from parkops.service.choices import Category, Channel
from parkops.service.models import ServiceRequest
from parkops.service.reference import service_reference_load


def shanghai(*args: int) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)  # type: ignore[misc]


@pytest.fixture
def at(monkeypatch: pytest.MonkeyPatch) -> Callable[[datetime], None]:
    """Set the clock the services read."""

    def set_now(moment: datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(UTC))

    return set_now


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
def firm(pingye: Road) -> Enterprise:
    return EnterpriseFactory(name="上海平业服务测试有限公司", road=pingye)


@pytest.fixture
def stranger(yuegong: Road) -> Enterprise:
    return EnterpriseFactory(name="上海月工服务测试有限公司", road=yuegong)


def accept(
    user: User, enterprise: Enterprise, received: datetime, category: str = Category.FINANCE
) -> ServiceRequest:
    return services.request_accept(
        user=user, enterprise=enterprise, channel=Channel.VISIT, category=category,
        title="贷款贴息", text="申请技改贷款贴息，问政策口径", received_at=received,
    )  # fmt: skip


@pytest.fixture(autouse=True)
def _reference_data(db: None) -> None:
    # A transactional test elsewhere (the browser tests) empties the tables the migrations
    # seeded; put the calendar, the limits, the reasons and the departments back.
    service_reference_load()
