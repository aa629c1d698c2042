"""In Chromium, at desktop and phone width: the clerk opens 数据待补 from the home page, follows a
gap's link to its form, fills it in, and the count on the home page drops."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from parkops.registry.models import SmallPark
from parkops.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OUTPUT = Path(__file__).resolve().parents[3] / "test-results"


@pytest.mark.parametrize("viewport", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_the_clerk_fills_a_gap_from_the_home_page(
    live_server: object,
    page: Page,
    alice: User,
    ailiu: SmallPark,
    changning: SmallPark,
    viewport: tuple[int, int],
) -> None:
    width = viewport[0]
    page.set_viewport_size({"width": width, "height": viewport[1]})
    OUTPUT.mkdir(exist_ok=True)
    log_in(page, live_server, "alice", "/")
    expect(page.locator("#home-data-gaps")).to_have_text("数据待补 2 项")
    page.click("#home-data-gaps a")
    expect(page.locator("h1")).to_contain_text("数据待补")
    expect(page.locator("#gaps-count-smallparks")).to_have_text("2")
    row = page.locator("#gaps-smallparks tbody tr", has_text="矮柳")
    expect(row).to_contain_text("占地面积、建筑面积")
    # the page is no wider than the screen: nothing overflows on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=OUTPUT / f"data-gaps-{width}.png", full_page=True)

    row.locator("a.gap-fix").click()
    page.fill("#id_land_mu", "45.6")
    page.fill("#id_floor_area_m2", "36000")
    page.fill("#id_reason", "按业主提供的产证录入")
    page.click("main button[type=submit]")
    expect(page).to_have_url(f"{live_server}/small-parks/{ailiu.pk}/")

    page.goto(f"{live_server}/")
    expect(page.locator("#home-data-gaps")).to_have_text("数据待补 1 项")
    page.click("#home-data-gaps a")
    expect(page.locator("#gaps-smallparks tbody tr")).to_have_count(1)
    expect(page.locator("#gaps-smallparks tbody tr")).to_contain_text("长宁")
