"""The projects page in Debian's Chromium: 膜可's project shows as the plan reports it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from parkops.execution.services import execution_plan_load
from parkops.plan.services import plan_load
from parkops.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OUTPUT = Path(__file__).resolve().parents[3] / "test-results"


def test_the_projects_page_shows_mokes_project_late_as_reported(
    live_server: object, page: Page, lena: User
) -> None:
    plan_load()
    execution_plan_load()
    log_in(page, live_server, "lena", "/projects/")
    expect(page.locator("h1")).to_contain_text("“四早”项目")

    moke = page.locator("#project-table tr", has_text="膜可光学材料（上海）有限公司")
    expect(moke.locator(".project-status .badge").first).to_have_text("滞后")
    expect(moke.locator(".project-status")).to_contain_text("据报告")
    expect(moke).to_contain_text("2023 年 12 月 22 开工")
    # The late badge has the one red used for 滞后 everywhere.
    colour = moke.locator(".badge[data-value=late]").evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    assert colour == "rgb(220, 53, 69)"

    page.select_option("#id_status", "on_track")  # HTMX: no project is on track by now
    expect(page.locator("#result-count")).to_have_text("共 0 条")

    page.goto(f"{live_server}/projects/")
    page.locator("#project-table a", has_text="年产 10000 吨").click()
    expect(page.locator("#reports")).to_contain_text("已开工")
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=OUTPUT / "project-detail.png", full_page=True)
