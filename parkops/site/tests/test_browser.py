"""The cockpit in Debian's Chromium, as the town leader, on a desktop and on a phone: every tile
loads, nothing asks a host other than the server, and a tile leads to its list and a record."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Page, expect

from parkops.enforcement.choices import InspectionResult
from parkops.enforcement.tests.factories import InspectionFactory
from parkops.indicators.services import indicators_plan_load
from parkops.land.choices import LandActionKind, LandActionMethod, LandActionStatus
from parkops.land.models import LandAction
from parkops.registry.tests.factories import LandPlotFactory
from parkops.site.cockpit import cockpit_year
from parkops.testing.browser import log_in, requests_elsewhere

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OUTPUT = Path(__file__).resolve().parents[3] / "test-results"
TILES = [
    *(f"tile-indicator-{n}" for n in range(1, 9)),
    "tile-evaluation", "tile-smallparks", "tile-execution", "tile-service", "tile-funnel",
]  # fmt: skip


@pytest.mark.parametrize("width", [1440, 390])
def test_a_leader_reads_the_cockpit_and_follows_a_tile_to_a_record(
    live_server: object, page: Page, lena: User, width: int
) -> None:
    indicators_plan_load()
    year = cockpit_year(timezone.localdate())
    LandAction.objects.create(
        kind=LandActionKind.VACATE, method=LandActionMethod.VACATE, name="甲地块腾退",
        plot=LandPlotFactory(area_mu=Decimal("3.5")), area_mu=Decimal("3.5"), planned_year=year,
        status=LandActionStatus.COMPLETED, completed_on=timezone.localdate().replace(month=1, day=2),
    )  # fmt: skip
    today = timezone.localdate()
    for result in (InspectionResult.ORDERED_CORRECTED, InspectionResult.NORMAL):
        InspectionFactory(inspected_on=today.replace(month=1, day=5), result=result)

    outside = requests_elsewhere(page, live_server)
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, "lena")
    expect(page.locator("#cockpit")).to_be_visible()
    for tile in TILES:
        expect(page.locator(f"#{tile}")).to_be_visible()
    expect(page.locator("#tile-indicator-7 .tile-value")).to_have_text("3.50")
    # Readable on a phone: nothing wider than the window; the tiles stack in one column.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    first = page.locator("#tile-indicator-1").bounding_box()
    second = page.locator("#tile-indicator-2").bounding_box()
    assert first is not None
    assert second is not None
    if width < 576:
        assert first["x"] == second["x"]
        assert second["y"] > first["y"]
    else:
        assert second["y"] == first["y"]  # side by side
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=OUTPUT / f"cockpit-{width}.png", full_page=True)

    # A tile's card opens in place.
    page.locator("#tile-indicator-7 summary").click()
    expect(page.locator("#tile-indicator-7 .cockpit-card dl")).to_contain_text("计算公式")

    # The number to its list (the same count), the list to a record.
    page.locator("#inspection-count").click()
    expect(page).to_have_url(re.compile(r"/enforcement/inspections/\?since="))
    expect(page.locator("#result-count")).to_have_text("共 2 条")
    page.locator("#results tbody a[href^='/enforcement/inspections/']").first.click()
    expect(page).to_have_url(re.compile(r"/enforcement/inspections/\d+/$"))
    assert outside == [], outside
