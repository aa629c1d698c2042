"""In Chromium: the park office filters the 附件 3 lists, sees the conflicts, opens the flags."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from parkops.land.services import land_plan_load
from parkops.plan import caojing
from parkops.plan.services import plan_load
from parkops.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OUTPUT = Path(__file__).resolve().parents[3] / "test-results"


def test_filter_the_lists_and_follow_a_conflict(
    live_server: object, page: Page, alice: User
) -> None:
    plan_load()
    land_plan_load()

    log_in(page, live_server, "alice", "/land/")
    expect(page.locator("h1")).to_have_text("低效用地")
    expect(page.locator("#result-count")).to_have_text("共 10 条")

    page.select_option("#id_kind", "vacate")  # HTMX swaps the results in place
    expect(page.locator("#result-count")).to_have_text("共 4 条")
    pulizi = page.locator("#action-table tbody tr", has_text=caojing.PULIZI)
    expect(pulizi).to_contain_text("冲突")

    pulizi.locator("a").first.click()
    expect(page).to_have_url(re.compile(rf"{live_server}/land/actions/\d+/$"))
    expect(page.locator("#action-conflicts")).to_contain_text("计划时间（年）")
    expect(page.locator("#action-conflicts")).to_contain_text("2025")

    page.click("#land-tabs >> text=清单冲突")
    expect(page.locator("#action-conflicts li")).to_have_count(3)
    expect(page.locator("#plan-conflicts")).to_contain_text("30.62")
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=OUTPUT / "land-conflicts.png", full_page=True)

    page.click("#land-tabs >> text=低效认定")
    expect(page.locator("#flag-table")).to_be_visible()
    expect(page.locator("#flag-rules")).to_contain_text("默认规则")
