"""Importing shapes: every refusal with its exact message, all or nothing, and the preview."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from parkops.conftest import client_for
from parkops.core.geo import gcj02_from_wgs84
from parkops.maps.choices import ShapeKind, ShapeSource
from parkops.maps.models import Shape, ShapeImport
from parkops.maps.services import shape_import_confirm, shape_import_upload, shapes_check
from parkops.registry.models import LandPlot, SmallPark
from parkops.registry.tests.factories import LandPlotFactory

# Inside the default extent 121.36,30.73,121.46,30.81 (config/settings.py).
SQUARE = [[121.40, 30.76], [121.401, 30.76], [121.401, 30.761], [121.40, 30.761], [121.40, 30.76]]


def feature(name: str, ring: list[list[float]] | None = None, **props: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"name": name, **props},
        "geometry": {"type": "Polygon", "coordinates": [ring or SQUARE]},
    }


def collection(*features: dict[str, Any]) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


def errors_of(text: str, kind: ShapeKind = ShapeKind.PLOT) -> list[str]:
    return shapes_check(text=text, kind=kind, code_property="name").errors


@pytest.fixture
def plot(db: None) -> LandPlot:
    return LandPlotFactory(name="甲地块")


def test_it_refuses_text_that_is_not_json(plot: LandPlot) -> None:
    assert errors_of('{"type": "FeatureCollection",\n "features": [}') == [
        "文件不是有效的 JSON：第 2 行第 15 列附近有误"
    ]


def test_it_refuses_json_that_is_not_a_feature_collection(plot: LandPlot) -> None:
    assert errors_of(json.dumps(feature("甲地块"))) == [
        "文件须为 GeoJSON 要素集合（FeatureCollection）"
    ]
    assert errors_of(collection()) == ["文件中没有要素"]


def test_it_refuses_projected_coordinates(plot: LandPlot) -> None:
    # CGCS2000 / 3-degree Gauss-Kruger zone 40 metres, as a surveyor's CAD file has them.
    metres = [[40_539_000, 3_404_000], [40_539_100, 3_404_000], [40_539_100, 3_404_100],
              [40_539_000, 3_404_000]]  # fmt: skip
    assert errors_of(collection(feature("甲地块", metres))) == [
        "第 1 个要素：坐标（4.0539e+07, 3.404e+06）超出经纬度范围，像是投影坐标（单位为米）。"
        "请导出为 CGCS2000 或 WGS-84 经纬度（EPSG:4490 或 EPSG:4326）后再导入"
    ]


def test_it_refuses_a_projected_crs_named_in_the_file(plot: LandPlot) -> None:
    text = json.loads(collection(feature("甲地块")))
    text["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4528"}}
    assert errors_of(json.dumps(text)) == [
        "文件的坐标系为 urn:ogc:def:crs:EPSG::4528，不是经纬度。请导出为 CGCS2000 或 WGS-84 "
        "经纬度（EPSG:4490 或 EPSG:4326）后再导入"
    ]


def test_it_refuses_gcj02_shifted_coordinates(plot: LandPlot) -> None:
    # A plot by the eastern edge of the park, traced on a GCJ-02 web map: ~500 m east, outside.
    edge = [[121.458, 30.76], [121.4595, 30.76], [121.4595, 30.761], [121.458, 30.761],
            [121.458, 30.76]]  # fmt: skip
    assert errors_of(collection(feature("甲地块", edge))) == []
    shifted = [list(gcj02_from_wgs84((lon, lat))) for lon, lat in edge]
    assert errors_of(collection(feature("甲地块", shifted))) == [
        "第 1 个要素：坐标像是经过 GCJ-02 偏移（高德、腾讯等互联网地图的坐标），偏离约 500 米。"
        "请使用 CGCS2000 或 WGS-84 的原始测绘坐标"
    ]


def test_it_refuses_shapes_outside_the_park(plot: LandPlot) -> None:
    people_square = [[121.47, 31.23], [121.48, 31.23], [121.48, 31.24], [121.47, 31.23]]
    assert errors_of(collection(feature("甲地块", people_square))) == [
        "第 1 个要素：图形超出园区范围（经度 121.36–121.46，纬度 30.73–30.81）"
    ]


def test_it_refuses_unknown_missing_and_repeated_names(plot: LandPlot) -> None:
    text = collection(
        feature("乙地块"),
        {"type": "Feature", "properties": {}, "geometry": feature("x")["geometry"]},
        feature("甲地块"),
        feature("甲地块"),
    )
    assert errors_of(text) == [
        "第 1 个要素：找不到名为“乙地块”的地块",
        "第 2 个要素：缺少属性“name”（地块名称）",
        "第 4 个要素：“甲地块”在文件中重复出现",
    ]
    assert errors_of(collection(feature("甲地块")), ShapeKind.SMALL_PARK) == [
        "第 1 个要素：找不到名为“甲地块”的小园区"
    ]


def test_it_refuses_what_is_not_a_polygon(plot: LandPlot) -> None:
    point = {"type": "Feature", "properties": {"name": "甲地块"},
             "geometry": {"type": "Point", "coordinates": [121.4, 30.76]}}  # fmt: skip
    assert errors_of(collection(point)) == ["第 1 个要素：图形须为面（Polygon 或 MultiPolygon）"]
    open_ring = feature("甲地块", SQUARE[:-1])
    assert errors_of(collection(open_ring)) == ["第 1 个要素：面的边界未闭合（首尾两点须相同）"]


def test_one_bad_feature_writes_nothing(alice: User, plot: LandPlot) -> None:
    LandPlotFactory(name="乙地块")
    far = [[121.6, 31.2], [121.61, 31.2], [121.61, 31.21], [121.6, 31.2]]
    text = collection(feature("甲地块"), feature("乙地块", far))
    batch, check = shape_import_upload(
        user=alice, kind=ShapeKind.PLOT, code_property="name", filename="a.geojson", text=text
    )
    assert not check.ok
    assert batch.pk is None  # nothing kept to confirm
    assert Shape.objects.count() == 0


def test_confirm_writes_every_shape_simplified_with_history(alice: User, plot: LandPlot) -> None:
    park = SmallPark.objects.create(name="演示园")
    ring = [[121.40, 30.76], [121.4005, 30.76], [121.401, 30.76], [121.401, 30.761],
            [121.40, 30.761], [121.40, 30.76]]  # fmt: skip
    batch, check = shape_import_upload(
        user=alice, kind=ShapeKind.PLOT, code_property="name", filename="a.geojson",
        text=collection(feature("甲地块", ring)),
    )  # fmt: skip
    assert check.ok
    assert shape_import_confirm(batch=batch, user=alice) == 1
    shape = Shape.objects.get(plot=plot)
    assert shape.source == ShapeSource.GEOJSON
    assert shape.source_name == "a.geojson"
    assert (shape.west, shape.south, shape.east, shape.north) == (121.40, 30.76, 121.401, 30.761)
    # The midpoint of the south side is dropped for display; the stored geometry keeps it.
    assert json.loads(shape.display)["coordinates"] == [
        [[121.4, 30.76], [121.401, 30.76], [121.401, 30.761], [121.4, 30.761], [121.4, 30.76]]
    ]
    assert len(json.loads(shape.geometry)["coordinates"][0]) == 6
    assert shape.history.first().history_change_reason == "GeoJSON 导入：a.geojson"
    # Confirming twice is refused.
    with pytest.raises(Exception, match="该文件已确认导入，不能重复导入"):
        shape_import_confirm(batch=batch, user=alice)
    assert park.pk is not None


def test_the_import_page_previews_then_confirms(alice: User, plot: LandPlot) -> None:
    client = client_for(alice)
    upload = SimpleUploadedFile("plots.geojson", collection(feature("甲地块")).encode())
    page = client.post(
        "/map/import/", {"kind": "plot", "code_property": "name", "file": upload}
    ).content.decode()
    assert "检查通过" in page
    assert Shape.objects.count() == 0
    batch = ShapeImport.objects.get()
    response = client.post("/map/import/", {"batch": batch.pk})
    assert response.status_code == 302
    assert Shape.objects.filter(plot=plot).count() == 1


def test_the_import_page_shows_errors_in_chinese(alice: User, plot: LandPlot) -> None:
    upload = SimpleUploadedFile("plots.geojson", b"not json")
    page = client_for(alice).post(
        "/map/import/", {"kind": "plot", "code_property": "name", "file": upload}
    )
    assert page.status_code == 200
    assert "文件不是有效的 JSON：第 1 行第 1 列附近有误" in page.content.decode()
    assert ShapeImport.objects.count() == 0


@pytest.mark.parametrize("reader", ["lena", "dora", "rob", "olga"])
def test_readers_may_not_import(reader: str, request: pytest.FixtureRequest) -> None:
    user: User = request.getfixturevalue(reader)
    assert client_for(user).get("/map/import/").status_code == 403
