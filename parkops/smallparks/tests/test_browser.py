"""In Chromium: the park office opens the small-park ratings and a 低效 park's reasons."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from parkops.plan.services import plan_load
from parkops.registry.models import SmallPark
from parkops.registry.tests.factories import EnterpriseFactory, EnterpriseYearFactory
from parkops.smallparks import services
from parkops.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OUTPUT = Path(__file__).resolve().parents[3] / "test-results"


def _estate(park: SmallPark, land: str, floor: str, vacant: str, tax: str) -> None:
    park.land_mu = Decimal(land)
    park.save()
    services.building_create(
        small_park=park, data={"name": "1号楼", "floors": 3, "floor_area_m2": Decimal(floor)}
    )
    services.vacancy_create(
        small_park=park, data={"area_m2": Decimal(vacant), "vacant_since": date(2025, 1, 1)}
    )
    tenant = EnterpriseFactory(small_park=park, name=f"{park.name}测试企业")
    EnterpriseYearFactory(enterprise=tenant, year=2025, tax=Decimal(tax), land_mu=Decimal(2))


def test_open_the_ratings_and_an_inefficient_parks_reasons(
    live_server: object, page: Page, alice: User
) -> None:
    plan_load()
    weak = SmallPark.objects.get(name="美宝")
    _estate(weak, land="20", floor="1000", vacant="500", tax="10")  # 0.5 万元/亩, 50% vacant
    _estate(SmallPark.objects.get(name="方科"), land="10", floor="1000", vacant="50", tax="400")
    services.rating_run(year=2025)

    log_in(page, live_server, "alice", "/estates/ratings/?year=2025")
    expect(page.locator("h1")).to_have_text("小园区三级评定")
    expect(page.locator("#rating-table tbody tr")).to_have_count(20)
    row = page.locator("#rating-table tbody tr", has_text="美宝")
    expect(row).to_contain_text("低效")
    unrated = page.locator("#rating-table tbody tr", has_text="矮柳")
    expect(unrated.locator(".rating-missing")).to_have_text("缺：占地面积、厂房面积、企业年度数据")

    row.locator("a").click()
    expect(page.locator("#estate-name")).to_contain_text("美宝")
    card = page.locator("#rating-2025")
    expect(card).to_contain_text("低效迹象")
    expect(card).to_contain_text("空置率 50.0%，高于 30%")
    expect(card).to_contain_text("有序腾退园内低效企业")
    expect(page.locator("#inefficient-tenants")).to_contain_text("美宝测试企业")
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=OUTPUT / "smallpark-inefficient.png", full_page=True)
    assert (OUTPUT / "smallpark-inefficient.png").stat().st_size > 10_000
