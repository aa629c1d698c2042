"""The estate page tells one story: registered enterprises without a lease are named, occupancy
and vacancy add up to the rentable area (or the difference is shown) as of a stated date, and
the owner reaches his park from the navigation."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from parkops.conftest import client_for
from parkops.registry.choices import EnterpriseStatus
from parkops.registry.models import SmallPark
from parkops.registry.tests.factories import EnterpriseFactory
from parkops.smallparks import selectors, services

pytestmark = pytest.mark.django_db


def _lease(park: SmallPark, area: str, **fields: object) -> None:
    services.tenancy_create(
        small_park=park,
        data={"enterprise": EnterpriseFactory(small_park=park, **fields),
              "floor_area_m2": Decimal(area), "starts_on": date(2024, 1, 1)},
    )  # fmt: skip


def _vacant(park: SmallPark, area: str) -> None:
    services.vacancy_create(
        small_park=park, data={"area_m2": Decimal(area), "vacant_since": date(2024, 1, 1)}
    )


def test_occupied_and_vacant_add_up_to_the_rentable_area(ailiu: SmallPark) -> None:
    ailiu.floor_area_m2, ailiu.rentable_floor_m2 = Decimal("12000"), Decimal("10000")
    ailiu.save()
    _lease(ailiu, "7000")
    _vacant(ailiu, "3000")
    o = selectors.occupancy(ailiu, date(2025, 6, 30))
    assert (o.on, o.total_m2, o.basis) == (date(2025, 6, 30), Decimal("10000"), "可出租面积")
    assert (o.leased_m2 + o.vacant_m2, o.unaccounted_m2) == (o.total_m2, Decimal(0))
    assert (o.occupancy_pct, o.vacancy_pct) == (Decimal(70), Decimal(30))


def test_the_difference_is_shown_and_named_with_the_date(alice: User, ailiu: SmallPark) -> None:
    ailiu.rentable_floor_m2 = Decimal("10000")
    ailiu.save()
    _lease(ailiu, "6000")
    _vacant(ailiu, "1500")
    page = client_for(alice).get(f"/estates/{ailiu.pk}/").content.decode()
    today = timezone.localdate().isoformat()
    assert f"出租情况（截至 {today}）" in page
    assert "2,500.00（既未登记租赁也未登记空置）" in page
    assert "在租 6,000.00 + 空置 1,500.00 + 差额 2,500.00 = 可出租面积 10,000.00 ㎡" in page
    _vacant(ailiu, "4000")  # recorded twice over: 11,500 against 10,000
    page = client_for(alice).get(f"/estates/{ailiu.pk}/").content.decode()
    assert "-1,500.00（租赁与空置合计超出总面积，请核对登记）" in page


def test_a_registered_enterprise_without_a_lease_is_listed_with_a_link(
    alice: User, olga: User, ailiu: SmallPark
) -> None:
    _lease(ailiu, "2000", name="上海有租约有限公司")
    unleased = EnterpriseFactory(name="上海无租约有限公司", small_park=ailiu)
    EnterpriseFactory(name="上海已关停有限公司", small_park=ailiu, status=EnterpriseStatus.CLOSED)
    assert [e.name for e in selectors.tenants_without_lease(
        user=alice, small_park=ailiu, on=timezone.localdate())] == ["上海无租约有限公司"]  # fmt: skip
    page = client_for(olga).get(f"/estates/{ailiu.pk}/").content.decode()
    section = page[page.index('id="unleased"') :]
    section = section[: section.index("</ul>")]
    assert "上海无租约有限公司" in section
    assert "上海有租约有限公司" not in section
    assert "上海已关停有限公司" not in section
    link = f"/estates/{ailiu.pk}/add/tenancy/?enterprise={unleased.pk}"
    assert link in section
    form = client_for(olga).get(link).content.decode()
    assert f'<option value="{unleased.pk}" selected>' in form


def test_the_owner_finds_my_park_in_the_navigation(
    olga: User, lena: User, ailiu: SmallPark, changning: SmallPark
) -> None:
    home = client_for(olga).get("/").content.decode()
    assert 'href="/estates/mine/"' in home
    assert "我的园区" in home
    response = client_for(olga).get("/estates/mine/")
    assert (response.status_code, response["Location"]) == (302, f"/estates/{ailiu.pk}/")
    assert 'href="/estates/mine/"' not in client_for(lena).get("/").content.decode()
    changning.owners.add(olga)
    page = client_for(olga).get("/estates/mine/").content.decode()
    assert f'href="/estates/{ailiu.pk}/"' in page
    assert f'href="/estates/{changning.pk}/"' in page


def test_the_owner_reaches_the_estate_from_the_small_park_page(
    olga: User, ailiu: SmallPark
) -> None:
    page = client_for(olga).get(f"/small-parks/{ailiu.pk}/").content.decode()
    assert f'id="estate-button" href="/estates/{ailiu.pk}/"' in page
