"""The map panel on the plot and small-park pages: the record's shape and its neighbours, as far
as the viewer may see them; 暂无图形 without a shape; the page's own scope still decides."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.contrib.auth.models import User

from parkops.conftest import client_for
from parkops.maps.choices import ShapeSource
from parkops.maps.models import Shape
from parkops.maps.services import shape_store
from parkops.registry.models import LandPlot, Road, SmallPark
from parkops.registry.tests.factories import LandPlotFactory


def box(west: float, south: float, size: float = 0.001) -> Any:
    e, n = west + size, south + size
    return [[[(west, south), (e, south), (e, n), (west, n), (west, south)]]]


def store(
    subject: LandPlot | SmallPark, west: float, south: float = 30.76, size: float = 0.001
) -> Shape:
    return shape_store(subject=subject, polygons=box(west, south, size), source=ShapeSource.GEOJSON,
                       source_name="t.geojson", reason="测试")  # fmt: skip


def panel_config(user: User, url: str) -> dict[str, Any] | None:
    response = client_for(user).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    found = re.search(
        r'<script id="record-map-config" type="application/json">(.*?)</script>', html
    )
    return json.loads(found[1]) if found else None


def names(config: dict[str, Any] | None) -> dict[str, str]:
    assert config is not None
    return {f["properties"]["name"]: f["properties"]["role"] for f in config["shapes"]["features"]}


@pytest.fixture
def around(pingye: Road, yuegong: Road, ailiu: SmallPark) -> dict[str, LandPlot]:
    """On 平业路 a plot inside 矮柳 (a 4 × 4 box), a neighbour on 月工路 just east of it, and a
    plot on 平业路 far to the east (outside the panel's window)."""
    mine = LandPlotFactory(name="平业地块", road=pingye, small_park=ailiu)
    east = LandPlotFactory(name="月工地块", road=yuegong)
    far = LandPlotFactory(name="远处地块", road=pingye)
    store(ailiu, 121.3995, 30.7595, 0.004)
    store(mine, 121.40)
    store(east, 121.4015)
    store(far, 121.45)
    return {"mine": mine, "east": east, "far": far}


def test_the_plot_page_shows_its_shape_among_its_neighbours(
    lena: User, around: dict[str, LandPlot]
) -> None:
    config = panel_config(lena, f"/plots/{around['mine'].pk}/")
    assert names(config) == {"平业地块": "self", "月工地块": "neighbour", "矮柳": "neighbour"}
    assert config is not None
    assert config["bounds"] == [121.40, 30.76, 121.401, 30.761]
    # Small parks first (drawn underneath), the record last (drawn on top).
    kinds = [f["properties"]["kind"] for f in config["shapes"]["features"]]
    assert kinds == ["small_park", "plot", "plot"]


def test_the_small_park_page_shows_its_plots(lena: User, around: dict[str, LandPlot]) -> None:
    park = around["mine"].small_park
    assert park is not None
    config = panel_config(lena, f"/small-parks/{park.pk}/")
    assert names(config) == {"矮柳": "self", "平业地块": "neighbour", "月工地块": "neighbour"}
    assert config is not None
    # The park underneath its plots, though it is the record.
    assert config["shapes"]["features"][0]["properties"]["name"] == "矮柳"


def test_a_road_chief_sees_no_neighbour_beyond_his_roads(
    rob: User, around: dict[str, LandPlot]
) -> None:
    assert names(panel_config(rob, f"/plots/{around['mine'].pk}/")) == {"平业地块": "self"}
    assert client_for(rob).get(f"/plots/{around['east'].pk}/").status_code == 404


def test_an_owner_sees_his_park_and_its_plots_only(olga: User, around: dict[str, LandPlot]) -> None:
    park = around["mine"].small_park
    assert park is not None
    assert names(panel_config(olga, f"/small-parks/{park.pk}/")) == {
        "矮柳": "self",
        "平业地块": "neighbour",
    }


def test_a_record_without_a_shape_says_so(lena: User, db: None) -> None:
    plot = LandPlotFactory(name="方案地块")
    html = client_for(lena).get(f"/plots/{plot.pk}/").content.decode()
    assert '<p class="text-muted" id="record-map-none">暂无图形</p>' in html
    assert "maplibre-gl.js" not in html  # no map, no script
    park = SmallPark.objects.create(name="无图园区")
    html = client_for(lena).get(f"/small-parks/{park.pk}/").content.decode()
    assert "暂无图形" in html


def test_the_panel_has_no_inline_script(lena: User, around: dict[str, LandPlot]) -> None:
    html = client_for(lena).get(f"/plots/{around['mine'].pk}/").content.decode()
    section = html[html.index('id="panel-record-map"') :]
    section = section[: section.index("</main>")]
    scripts = re.findall(r"<script([^>]*)>", section)
    assert scripts, "the panel loads its scripts"
    assert all('src="/static/' in s or 'type="application/json"' in s for s in scripts)
    assert 'href="/map/?q=%E5%B9%B3%E4%B8%9A%E5%9C%B0%E5%9D%97"' in section
