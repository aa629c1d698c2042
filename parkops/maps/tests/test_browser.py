"""Done-when of issue 19 (map): as `leader`, at desktop and phone width, the map loads the demo
shapes coloured by evaluation class and a click on a plot opens its card, with a link to the
record. Every request to a host other than the live server is blocked and fails the test."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from parkops.accounts.roles import Role
from parkops.conftest import _user
from parkops.evaluation.choices import RunStatus
from parkops.evaluation.models import EvaluationResult, EvaluationRun, Scheme, SchemeVersion
from parkops.maps.demo import maps_demo_load
from parkops.registry.models import Enterprise, LandPlot, Road, SmallPark
from parkops.testing.browser import log_in, requests_elsewhere

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OUTPUT = Path(__file__).resolve().parents[3] / "test-results"
WIDTHS = {"desktop": (1440, 900), "phone": (390, 844)}
GREEN, RED = "#198754", "#dc3545"  # A类, D类


def _demo_world() -> LandPlot:
    """One demo small park with two tenants of class A and D; the demo shapes loaded."""
    road = Road.objects.create(name="平业路")
    park = SmallPark.objects.create(name="演示1号园区", road=road, is_demo=True)
    LandPlot.objects.create(name="演示1号园区地块（演示数据）", small_park=park, road=road)
    best = Enterprise.objects.create(name="上海演示甲有限公司", small_park=park, is_demo=True)
    worst = Enterprise.objects.create(name="上海演示乙有限公司", small_park=park, is_demo=True)
    scheme = Scheme.objects.create(name="测试方案")
    version = SchemeVersion.objects.create(scheme=scheme, number=1, definition={})
    run = EvaluationRun.objects.create(
        year=2025, scheme_version=version, status=RunStatus.PUBLISHED,
        published_at=timezone.now(), input_hash="0" * 64, input_snapshot=b"",
    )  # fmt: skip
    EvaluationResult.objects.create(run=run, enterprise=best, evaluation_class="A")
    EvaluationResult.objects.create(run=run, enterprise=worst, evaluation_class="D")
    assert maps_demo_load() == 4
    return LandPlot.objects.get(holder=worst)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_leader_sees_the_demo_shapes_by_class_and_opens_a_card(
    live_server: object, page: Page, width: str
) -> None:
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    elsewhere = requests_elsewhere(page, live_server)
    plot = _demo_world()
    _user("leader", {Role.TOWN_LEADER})

    log_in(page, live_server, "leader", "/map/")
    container = page.locator("#park-map")
    expect(container).to_have_attribute("data-loaded", "true", timeout=20_000)
    expect(container).to_have_attribute("data-features", "4")
    colours = (container.get_attribute("data-colours") or "").split(",")
    assert GREEN in colours
    assert RED in colours
    expect(page.locator("#map-legend")).to_contain_text("2025 A类")
    expect(page.locator("#map-legend")).to_contain_text("2025 D类")
    expect(page.locator(".map-label")).to_have_count(4)

    # Zoom onto the D-class plot and click the map beside its label: the plot's card opens.
    point = page.evaluate(
        """async (name) => {
          const map = window.parkopsMap;
          const feature = window.parkopsMapData.features.find(f => f.properties.name === name);
          map.jumpTo({ center: feature.properties.centre, zoom: 16 });
          await new Promise(resolve => map.once('idle', resolve));
          const p = map.project(feature.properties.centre);
          const box = map.getCanvas().getBoundingClientRect();
          return { x: box.left + p.x, y: box.top + p.y + 40 };
        }""",
        plot.name,
    )
    page.mouse.click(point["x"], point["y"])
    card = page.locator("#shape-card")
    expect(card).to_contain_text(plot.name)
    expect(page.locator("#card-category")).to_contain_text("D类")
    page.screenshot(path=str(OUTPUT / f"map-{width}.png"), full_page=True)
    page.click("#card-record")
    expect(page).to_have_url(f"{live_server}/plots/{plot.pk}/")
    assert elsewhere == [], f"requests to other hosts: {elsewhere}"
