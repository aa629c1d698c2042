"""In Chromium, at desktop and phone width: the clerk (park office) keeps a small park's master
data, an enterprise's designation and an infrastructure completion without the Django admin; the
small-park owner opens his estate from the navigation (我的园区)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from parkops.execution.models import InfraProject
from parkops.registry.models import SmallPark
from parkops.registry.tests.factories import EnterpriseFactory
from parkops.testing.browser import log_in, log_out, open_navigation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OUTPUT = Path(__file__).resolve().parents[3] / "test-results"


@pytest.mark.parametrize("viewport", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_the_clerk_keeps_the_records_and_the_owner_opens_his_estate(
    live_server: object,
    page: Page,
    alice: User,
    olga: User,
    ailiu: SmallPark,
    viewport: tuple[int, int],
) -> None:
    width = viewport[0]
    page.set_viewport_size({"width": width, "height": viewport[1]})
    tenant = EnterpriseFactory(name="上海矮柳在册有限公司", small_park=ailiu)
    road = InfraProject.objects.create(
        name="道路修复工程", investment_wan=Decimal("60"), content="道路修复",
        start_year=2024, finish_year=2025,
    )  # fmt: skip
    OUTPUT.mkdir(exist_ok=True)

    # The small park's master data.
    log_in(page, live_server, "alice", f"/small-parks/{ailiu.pk}/")
    page.click("#smallpark-edit")
    page.fill("#id_owner_name", "上海矮柳实业有限公司")
    page.fill("#id_land_mu", "45.6")
    page.fill("#id_floor_area_m2", "36000")
    page.fill("#id_rentable_floor_m2", "32000")
    page.fill("#id_contact_person", "王经理")
    page.fill("#id_contact_phone", "021-57231234")
    page.select_option("#id_owners", label="olga")
    page.click("main button[type=submit]")
    expect(page.locator("#reason_error, [data-field=reason]").first).to_contain_text(
        "修改小园区台账须说明修改原因"
    )
    page.fill("#id_reason", "按业主提供的产证录入")
    page.click("main button[type=submit]")
    expect(page.locator("#smallpark-facts")).to_contain_text("上海矮柳实业有限公司")
    expect(page.locator("#rentable")).to_have_text("32,000.00")
    expect(page.locator("#owner-accounts")).to_have_text("olga")
    page.screenshot(path=OUTPUT / f"smallpark-master-data-{width}.png", full_page=True)

    # A designation on the enterprise's page.
    page.goto(f"{live_server}{tenant.get_absolute_url()}")
    page.click("#designation-new")
    page.select_option("#id_kind", "srdi")
    page.select_option("#id_level", "municipal")
    page.fill("#id_awarded_on", "2025-06-30")
    page.fill("#id_certificate_no", "沪经信 2025-118")
    page.click("main button[type=submit]")
    row = page.locator("#designations tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("专精特新中小企业")
    expect(row).to_contain_text("市级")
    expect(row).to_contain_text("沪经信 2025-118")

    # An infrastructure completion on the project's page.
    page.goto(f"{live_server}{road.get_absolute_url()}")
    page.click("#infra-edit")
    page.select_option("#id_status", "completed")
    page.fill("#id_started_on", "2024-09-01")
    page.fill("#id_completed_on", "2025-10-31")
    page.fill("#id_reason", "竣工验收")
    page.click("main button[type=submit]")
    expect(page.locator("#infra-status")).to_have_text("已完工")
    expect(page.locator("#infra-dates")).to_have_text("2024-09-01 / 2025-10-31")
    page.screenshot(path=OUTPUT / f"infra-completed-{width}.png", full_page=True)
    log_out(page, live_server)

    # The owner opens his estate from the navigation.
    log_in(page, live_server, "olga", "/")
    open_navigation(page)
    page.locator("nav a", has_text="我的园区").click()
    expect(page).to_have_url(f"{live_server}/estates/{ailiu.pk}/")
    expect(page.locator("#estate-name")).to_contain_text("矮柳")
    expect(page.locator("#occupancy-title")).to_contain_text("出租情况（截至 ")
    expect(page.locator("#occupancy-total")).to_have_text("32,000.00")
    expect(page.locator("#unleased")).to_contain_text("上海矮柳在册有限公司")
    page.screenshot(path=OUTPUT / f"smallpark-owner-estate-{width}.png", full_page=True)
    assert (OUTPUT / f"smallpark-owner-estate-{width}.png").stat().st_size > 10_000
