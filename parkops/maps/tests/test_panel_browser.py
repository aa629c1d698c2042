"""The map panel in a browser, at desktop and phone width: the plot page draws its shape among
its neighbours, the small-park page its plots, a plan plot says 暂无图形. Every request to a host
other than the live server is blocked and fails the test, and so does a CSP refusal."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from parkops.accounts.roles import Role
from parkops.conftest import _user
from parkops.maps.choices import ShapeSource
from parkops.maps.services import shape_store
from parkops.registry.models import LandPlot, Road, SmallPark
from parkops.testing.browser import log_in, requests_elsewhere

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OUTPUT = Path(__file__).resolve().parents[3] / "test-results"
WIDTHS = {"desktop": (1440, 900), "phone": (390, 844)}


def _box(west: float, south: float, size: float) -> list[list[list[tuple[float, float]]]]:
    e, n = west + size, south + size
    return [[[(west, south), (e, south), (e, n), (west, n), (west, south)]]]


def _world() -> tuple[LandPlot, SmallPark, LandPlot]:
    road = Road.objects.create(name="平业路")
    park = SmallPark.objects.create(name="矮柳园区", road=road)
    plot = LandPlot.objects.create(name="矮柳一号地块", small_park=park, road=road)
    other = LandPlot.objects.create(name="矮柳二号地块", small_park=park, road=road)
    bare = LandPlot.objects.create(name="方案地块", road=road)
    for subject, west, size in ((park, 121.3995, 0.004), (plot, 121.40, 0.001),
                                (other, 121.4015, 0.001)):  # fmt: skip
        shape_store(subject=subject, polygons=_box(west, 30.76 if size < 0.004 else 30.7595, size),
                    source=ShapeSource.GEOJSON, source_name="t.geojson", reason="测试")  # fmt: skip
    return plot, park, bare


@pytest.mark.parametrize("width", WIDTHS)
def test_the_record_pages_draw_their_map_panel(live_server: object, page: Page, width: str) -> None:
    viewport = WIDTHS[width]
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    elsewhere = requests_elsewhere(page, live_server)
    refused: list[str] = []

    def _csp(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    page.on("console", _csp)
    plot, park, bare = _world()
    _user("leader", {Role.TOWN_LEADER})

    log_in(page, live_server, "leader", f"/plots/{plot.pk}/")
    container = page.locator("#record-map")
    expect(container).to_have_attribute("data-loaded", "true", timeout=20_000)
    expect(container).to_have_attribute("data-features", "3")  # itself, its park, its neighbour
    expect(page.locator("#record-map-note")).to_contain_text("周边 2 个图形")
    box = container.bounding_box()
    assert box is not None
    assert box["width"] <= viewport[0]
    assert box["height"] > 200
    # The map shows the record: MapLibre's view is centred on it.
    centre = page.evaluate("() => window.parkopsRecordMap.getCenter().toArray()")
    assert centre == pytest.approx([121.4005, 30.7605], abs=1e-4)
    page.screenshot(path=str(OUTPUT / f"record-map-plot-{width}.png"), full_page=True)

    page.goto(f"{live_server}/small-parks/{park.pk}/")
    container = page.locator("#record-map")
    expect(container).to_have_attribute("data-loaded", "true", timeout=20_000)
    expect(container).to_have_attribute("data-features", "3")  # itself and its two plots
    page.screenshot(path=str(OUTPUT / f"record-map-park-{width}.png"), full_page=True)

    page.goto(f"{live_server}/plots/{bare.pk}/")
    expect(page.locator("#record-map-none")).to_have_text("暂无图形")
    expect(page.locator("#record-map")).to_have_count(0)

    page.goto(f"{live_server}/plots/{plot.pk}/")
    page.click("#record-map-link")
    expect(page.locator("#park-map")).to_have_attribute("data-loaded", "true", timeout=20_000)
    expect(page.locator("#park-map")).to_have_attribute("data-features", "1")
    assert elsewhere == [], f"requests to other hosts: {elsewhere}"
    assert refused == [], f"refused by the CSP: {refused}"
