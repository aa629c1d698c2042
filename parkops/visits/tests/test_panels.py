"""The enterprise page lists the policies the enterprise qualifies for, and why (a panel)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from parkops.conftest import client_for
from parkops.registry.models import Enterprise
from parkops.registry.tests.factories import EnterpriseFactory, EnterpriseYearFactory
from parkops.visits.models import Policy

pytestmark = pytest.mark.django_db


def test_the_enterprise_page_lists_the_policies_it_qualifies_for_with_why(
    rob: User, pingye_firm: Enterprise
) -> None:
    EnterpriseYearFactory(
        enterprise=pingye_firm, year=2025, revenue=Decimal("2500"), rd_expense=Decimal("100")
    )
    small = EnterpriseFactory(name="上海小规模面板有限公司", road=pingye_firm.road)
    Policy.objects.create(
        name="规上企业研发奖励", issuer="金山区经委", valid_from=date(2025, 1, 1),
        benefit="按研发投入给予奖励", rules={"above_scale": True, "rd_intensity_min": 3},
    )  # fmt: skip
    Policy.objects.create(
        name="已过期的补贴", issuer="镇", valid_from=date(2020, 1, 1), valid_to=date(2020, 12, 31),
        benefit="x", rules={},
    )  # fmt: skip

    page = client_for(rob).get(f"/enterprises/{pingye_firm.pk}/").content.decode()
    assert 'id="enterprise-policies"' in page
    assert "规上企业研发奖励" in page
    assert "规上：是，要求 是；研发投入强度 4.00%，要求 ≥ 3%" in page
    assert "已过期的补贴" not in page

    other = client_for(rob).get(f"/enterprises/{small.pk}/").content.decode()
    assert 'id="enterprise-policies"' in other
    assert "规上企业研发奖励" not in other
    assert "目前没有该企业符合条件的有效政策。" in other
