"""The GeoJSON endpoint and the cards: scoped by role, filtered like the lists, coloured."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from parkops.conftest import client_for
from parkops.core.geo import Polygon
from parkops.evaluation.choices import RunStatus
from parkops.evaluation.models import EvaluationResult, EvaluationRun, Scheme, SchemeVersion
from parkops.land.choices import LandActionKind, LandActionMethod
from parkops.land.models import LandAction
from parkops.maps.choices import ShapeSource
from parkops.maps.demo import maps_demo_load
from parkops.maps.models import Shape
from parkops.maps.services import shape_store
from parkops.registry.models import LandPlot, Road, SmallPark
from parkops.registry.tests.factories import EnterpriseFactory, LandPlotFactory


def box(west: float, south: float) -> list[Polygon]:
    e, n = west + 0.001, south + 0.001
    return [[[(west, south), (e, south), (e, n), (west, n), (west, south)]]]


def store(subject: LandPlot | SmallPark, west: float = 121.40, south: float = 30.76) -> Shape:
    return shape_store(subject=subject, polygons=box(west, south), source=ShapeSource.GEOJSON,
                       source_name="t.geojson", reason="测试")  # fmt: skip


@pytest.fixture
def world(pingye: Road, yuegong: Road, ailiu: SmallPark, changning: SmallPark) -> dict[str, Shape]:
    return {
        "pingye": store(LandPlotFactory(name="平业地块", road=pingye)),
        "yuegong": store(LandPlotFactory(name="月工地块", road=yuegong), west=121.42),
        "ailiu_plot": store(LandPlotFactory(name="矮柳地块", small_park=ailiu), west=121.43),
        "ailiu": store(ailiu, west=121.44),
        "changning": store(changning, west=121.45),
    }


def names(user: User, query: str = "") -> list[str]:
    response = client_for(user).get(f"/map/shapes.geojson{query}")
    assert response.status_code == 200
    return sorted(f["properties"]["name"] for f in response.json()["features"])


def test_park_office_and_leader_see_every_shape(
    alice: User, lena: User, dora: User, world: dict[str, Shape]
) -> None:
    everything = ["平业地块", "月工地块", "矮柳", "矮柳地块", "长宁"]
    assert names(alice) == names(lena) == names(dora) == sorted(everything)


def test_road_chief_sees_his_roads_shapes(rob: User, world: dict[str, Shape]) -> None:
    assert names(rob) == ["平业地块"]
    assert client_for(rob).get(f"/map/plots/{world['yuegong'].plot_id}/card/").status_code == 404


def test_owner_sees_his_park_and_its_plots(olga: User, world: dict[str, Shape]) -> None:
    assert names(olga) == ["矮柳", "矮柳地块"]
    client = client_for(olga)
    assert (
        client.get(f"/map/small-parks/{world['changning'].small_park_id}/card/").status_code == 404
    )


def test_a_user_without_a_role_is_refused(charlie: User, world: dict[str, Shape]) -> None:
    assert client_for(charlie).get("/map/shapes.geojson").status_code == 403
    assert client_for(charlie).get("/map/").status_code == 403


def test_the_list_filters_apply_to_the_geojson(lena: User, world: dict[str, Shape]) -> None:
    road = world["pingye"].plot.road  # type: ignore[union-attr]
    assert names(lena, f"?road={road.pk}") == ["平业地块"]
    park = world["ailiu"].small_park
    assert names(lena, f"?small_park={park.pk}") == ["矮柳", "矮柳地块"]  # type: ignore[union-attr]
    assert names(lena, "?kind=small_park") == ["矮柳", "长宁"]
    assert names(lena, "?q=月工") == ["月工地块"]


def test_the_visible_list_follows_the_map_view(lena: User, world: dict[str, Shape]) -> None:
    # A box around the two westmost shapes (121.40 and 121.42) only.
    response = client_for(lena).get(
        "/map/?bbox=121.399,30.75,121.425,30.77", headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "平业地块" in html
    assert "月工地块" in html
    assert "矮柳地块" not in html
    # The GeoJSON ignores the box: the map draws every match.
    assert len(names(lena, "?bbox=121.399,30.75,121.425,30.77")) == 5


def test_shapes_are_coloured_by_class_and_action(lena: User, world: dict[str, Shape]) -> None:
    holder = EnterpriseFactory()
    plot = world["pingye"].plot
    assert plot is not None
    plot.holder = holder
    plot.save()
    scheme = Scheme.objects.create(name="测试方案")
    version = SchemeVersion.objects.create(scheme=scheme, number=1, definition={})
    run = EvaluationRun.objects.create(
        year=2025, scheme_version=version, status=RunStatus.PUBLISHED,
        published_at=timezone.now(), input_hash="0" * 64, input_snapshot=b"",
    )  # fmt: skip
    EvaluationResult.objects.create(run=run, enterprise=holder, evaluation_class="D")
    features = client_for(lena).get("/map/shapes.geojson").json()["features"]
    shown = {f["properties"]["name"]: f["properties"] for f in features}
    assert shown["平业地块"]["colour"] == "#dc3545"  # D类 is red
    assert shown["平业地块"]["label"].endswith("D类")
    assert shown["月工地块"]["label"] == "无数据"
    LandAction.objects.create(kind=LandActionKind.VACATE, method=LandActionMethod.VACATE,
                              name="平业地块", plot=plot, area_mu=Decimal(10), planned_year=2025)  # fmt: skip
    features = client_for(lena).get("/map/shapes.geojson?colour=action").json()["features"]
    shown = {f["properties"]["name"]: f["properties"] for f in features}
    assert (shown["平业地块"]["label"], shown["平业地块"]["colour"]) == ("腾退", "#dc3545")


def test_a_plot_without_a_shape_says_so(lena: User) -> None:
    plot = LandPlotFactory(name="方案地块")
    html = client_for(lena).get(f"/map/plots/{plot.pk}/card/").content.decode()
    assert "暂无地块图形" in html
    assert f'href="/plots/{plot.pk}/"' in html


def test_the_demo_shapes_load_once(db: None) -> None:
    road = Road.objects.create(name="平业路")
    park = SmallPark.objects.create(name="演示1号园区", road=road, is_demo=True)
    LandPlotFactory(name="演示1号园区地块（演示数据）", small_park=park)
    EnterpriseFactory(small_park=park, is_demo=True)
    assert maps_demo_load() == 4  # the park, its estate plot and two new demo plots
    assert maps_demo_load() == 0
    assert Shape.objects.filter(is_demo=True).count() == 4
    assert LandPlot.objects.filter(small_park=park).count() == 3
    assert not Shape.objects.filter(is_demo=False).exists()


def test_json_of_a_shape_is_rounded(lena: User, world: dict[str, Shape]) -> None:
    feature = client_for(lena).get("/map/shapes.geojson").json()["features"][0]
    text = json.dumps(feature["geometry"])
    assert all(len(part.split(".")[1]) <= 6 for part in text.replace("]", "").split(", ")[1:])
