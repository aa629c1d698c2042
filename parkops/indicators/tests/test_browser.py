"""The indicators page in Debian's Chromium: tiers coloured, one chart per indicator drawn."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from parkops.indicators.services import indicators_plan_load
from parkops.registry.tests.factories import EnterpriseFactory, EnterpriseYearFactory
from parkops.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OUTPUT = Path(__file__).resolve().parents[3] / "test-results"


def test_a_leader_sees_which_indicators_are_behind(
    live_server: object, page: Page, lena: User
) -> None:
    indicators_plan_load()
    enterprise = EnterpriseFactory()
    for year, output in ((2024, 10000), (2025, 10200)):  # +2 % in 2025: below the floor of 3
        EnterpriseYearFactory(
            enterprise=enterprise, year=year, output_value=Decimal(output), revenue=Decimal(output)
        )
    log_in(page, live_server, "lena", "/indicators/")
    expect(page.locator("h1")).to_contain_text("主要指标")

    tier = page.locator('#indicator-1 td.tier[data-year="2025"] .badge')
    expect(tier).to_have_text("未达保底")
    colour = tier.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour == "rgb(220, 53, 69)"  # the red of 未达保底, as in the legend and the export
    expect(page.locator('#indicator-1 td.actual[data-year="2025"]')).to_contain_text("2")
    expect(page.locator('#indicator-1 td.actual[data-year="2026"]')).to_contain_text("无数据")

    charts = page.locator(".indicator-chart[data-ready=true]")
    expect(charts).to_have_count(8)
    expect(page.locator("#chart-1 svg")).to_have_count(1)
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=OUTPUT / "indicators.png", full_page=True)

    page.locator('#indicator-1 td.actual[data-year="2025"] a').click()
    expect(page.locator("#computed")).to_contain_text("2")
    expect(page.locator("#sources li")).to_have_count(1)
