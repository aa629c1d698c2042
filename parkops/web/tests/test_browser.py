"""A person's path through the registry in Debian's Chromium: log in, filter, open, screenshot."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from parkops.demo.services import demo_load
from parkops.plan.services import plan_load
from parkops.registry.models import Enterprise, EnterpriseYear, SmallPark
from parkops.registry.tests.factories import EnterpriseFactory
from parkops.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OUTPUT = Path(__file__).resolve().parents[3] / "test-results"


def test_log_in_filter_by_small_park_and_open_an_enterprise(
    live_server: object, page: Page, alice: User
) -> None:
    plan_load()
    demo_load(count=40)
    park = SmallPark.objects.filter(tenants__is_demo=True).order_by("plan_sequence").first()
    assert park is not None
    tenants = Enterprise.objects.filter(small_park=park).count()

    log_in(page, live_server, "alice", "/enterprises/")
    expect(page.locator("h1")).to_have_text("企业")

    page.select_option("#id_small_park", str(park.pk))  # HTMX swaps the results in place
    expect(page.locator("#result-count")).to_have_text(f"共 {tenants} 条")
    expect(page).to_have_url(
        f"{live_server}/enterprises/?q=&small_park={park.pk}&road=&industry=&key_industry=&cluster=&above_scale=&is_demo=&status="
    )
    rows = page.locator("#enterprise-table tbody tr")
    expect(rows).to_have_count(tenants)

    rows.first.locator("a").first.click()
    expect(page).to_have_url(re.compile(rf"{live_server}/enterprises/\d+/$"))
    expect(page.locator("nav.navbar")).to_have_count(1)  # a whole page, not swapped into the list
    expect(page.locator("#enterprise-name")).to_contain_text("演示数据")
    expect(page.locator("#years")).to_be_visible()
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=OUTPUT / "enterprise-detail.png", full_page=True)
    assert (OUTPUT / "enterprise-detail.png").stat().st_size > 10_000


def test_the_park_office_types_in_a_year_and_corrects_it(
    live_server: object, page: Page, alice: User
) -> None:
    firm = EnterpriseFactory(name="上海手工录入测试有限公司")
    log_in(page, live_server, "alice", f"/enterprises/{firm.pk}/")
    expect(page.locator("#enterprise-name")).to_contain_text("上海手工录入测试有限公司")

    page.click("#year-new")
    page.fill("#id_year", "2025")
    page.fill("#id_revenue", "2500")
    page.fill("#id_tax", "100")
    page.fill("#id_land_mu", "10")
    save = page.get_by_role("button", name="保存")  # not the navbar's log-out button
    save.click()
    row = page.locator("#years tbody tr").first
    expect(row).to_contain_text("2025")
    expect(row).to_contain_text("手工录入")

    row.get_by_role("link", name="更正").click()
    page.fill("#id_tax", "120")
    save.click()  # no reason: refused, nothing saved
    expect(page.locator('[data-field="reason"]')).to_be_visible()
    page.fill("#id_reason", "税务局更正")
    save.click()
    expect(page.locator("#years tbody tr").first).to_contain_text("120")
    assert EnterpriseYear.objects.get(enterprise=firm, year=2025).tax == Decimal("120.00")
