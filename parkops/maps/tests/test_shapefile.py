"""Importing a zipped shapefile: real shapefiles written by pyshp in the test (polygons,
multipart, holes, GBK names), every refusal with its exact message, all or nothing."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
import shapefile  # type: ignore[import-untyped]
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from parkops.conftest import client_for
from parkops.core.geo import gcj02_from_wgs84
from parkops.maps.choices import ShapeKind, ShapeSource
from parkops.maps.models import Shape, ShapeImport
from parkops.maps.services import shape_import_confirm, shapefile_import_upload
from parkops.registry.models import LandPlot, SmallPark
from parkops.registry.tests.factories import LandPlotFactory

Ring = list[tuple[float, float]]


def square(west: float, south: float, size: float = 0.002) -> Ring:
    """Clockwise, as a shapefile's outer rings are."""
    e, n = west + size, south + size
    return [(west, south), (west, n), (e, n), (e, south), (west, south)]


def hole(west: float, south: float, size: float) -> Ring:
    """Counter-clockwise, as a shapefile's holes are."""
    return list(reversed(square(west, south, size)))


A = square(121.40, 30.76)
A_HOLE = hole(121.4005, 30.7605, 0.001)
B1, B2 = square(121.41, 30.77), square(121.42, 30.77)  # two parts of one plot


def shapezip(
    records: list[tuple[str, list[Ring] | None]],
    *,
    encoding: str = "gbk",
    cpg: str | None = None,
    prj: str | None = None,
    field: str = "MC",
    shape_type: int = shapefile.POLYGON,
    name: str = "地块",
    extra: dict[str, bytes] | None = None,
    skip: tuple[str, ...] = (),
) -> bytes:
    """A zip of a shapefile written by pyshp: one record per (name, rings); None for no shape."""
    shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    writer = shapefile.Writer(shp=shp, shx=shx, dbf=dbf, shapeType=shape_type, encoding=encoding)
    writer.field(field, "C", size=60)
    for code, rings in records:
        if rings is None:
            writer.null()
        elif shape_type == shapefile.POLYGON:
            writer.poly([list(r) for r in rings])
        elif shape_type == shapefile.POLYLINE:
            writer.line([list(r) for r in rings])
        else:
            writer.point(*rings[0][0])
        writer.record(code)
    writer.close()
    parts = {".shp": shp.getvalue(), ".shx": shx.getvalue(), ".dbf": dbf.getvalue()}
    if cpg is not None:
        parts[".cpg"] = cpg.encode()
    if prj is not None:
        parts[".prj"] = prj.encode()
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for suffix, data in parts.items():
            if suffix not in skip:
                out.writestr(f"图形/{name}{suffix}", data)
        for member, data in (extra or {}).items():
            out.writestr(member, data)
    return archive.getvalue()


def upload(user: User, data: bytes, field: str = "MC", kind: ShapeKind = ShapeKind.PLOT) -> Any:
    return shapefile_import_upload(
        user=user, kind=kind, code_property=field, filename="地块.zip", data=data
    )


def errors_of(user: User, data: bytes, field: str = "MC") -> list[str]:
    batch, check = upload(user, data, field)
    if check.errors:
        assert batch.pk is None  # nothing kept to confirm
    return check.errors


@pytest.fixture
def plots(db: None) -> dict[str, LandPlot]:
    return {n: LandPlotFactory(name=n) for n in ("甲地块", "乙地块")}


def test_it_imports_polygons_with_holes_and_multipart_shapes_named_in_gbk(
    alice: User, plots: dict[str, LandPlot]
) -> None:
    data = shapezip([("甲地块", [A, A_HOLE]), ("乙地块", [B1, B2])])  # GBK, no .cpg
    batch, check = upload(alice, data)
    assert check.errors == []
    assert [(f.code, f.vertices) for f in check.features] == [("甲地块", 10), ("乙地块", 10)]
    assert batch.source == ShapeSource.SHAPEFILE
    assert Shape.objects.count() == 0  # the preview writes nothing
    assert shape_import_confirm(batch=batch, user=alice) == 2

    first = Shape.objects.get(plot=plots["甲地块"])
    geometry = json.loads(first.geometry)
    assert geometry["type"] == "Polygon"
    assert geometry["coordinates"] == [[list(p) for p in A], [list(p) for p in A_HOLE]]
    assert (first.west, first.south, first.east, first.north) == (121.40, 30.76, 121.402, 30.762)
    assert first.source == ShapeSource.SHAPEFILE
    assert first.source_name == "地块.zip"
    assert first.history.first().history_change_reason == "Shapefile 导入：地块.zip"

    second = json.loads(Shape.objects.get(plot=plots["乙地块"]).geometry)
    assert second["type"] == "MultiPolygon"
    assert second["coordinates"] == [[[list(p) for p in B1]], [[list(p) for p in B2]]]


@pytest.mark.parametrize(
    ("encoding", "cpg"),
    [("utf-8", None), ("utf-8", "UTF-8"), ("gbk", "GBK"), ("gbk", "ANSI 936"), ("gbk", None)],
)
def test_it_decodes_the_dbf_by_its_cpg_else_gbk_or_utf8(
    alice: User, plots: dict[str, LandPlot], encoding: str, cpg: str | None
) -> None:
    # "乙地块" in UTF-8 is 9 bytes that are not GBK; "甲地块" … all are read right.
    data = shapezip([("甲地块", [A]), ("乙地块", [B1])], encoding=encoding, cpg=cpg)
    _batch, check = upload(alice, data)
    assert check.errors == []
    assert [f.code for f in check.features] == ["甲地块", "乙地块"]


def test_a_utf8_file_without_cpg_is_not_read_as_gbk(alice: User, db: None) -> None:
    # "地块" in UTF-8 (6 bytes) is also valid GBK ("鍦板潡"): read as UTF-8 all the same.
    LandPlotFactory(name="地块")
    _batch, check = upload(alice, shapezip([("地块", [A])], encoding="utf-8"))
    assert check.errors == []
    assert [f.code for f in check.features] == ["地块"]


def test_the_field_is_named_in_the_form_and_may_be_chinese(alice: User, db: None) -> None:
    park = SmallPark.objects.create(name="矮柳园区")
    data = shapezip([("矮柳园区", [A])], field="名称")
    _batch, check = shapefile_import_upload(
        user=alice, kind=ShapeKind.SMALL_PARK, code_property="名称", filename="p.zip", data=data
    )
    assert check.errors == []
    assert check.features[0].subject == park
    # A field of another case is found too (.dbf names are often upper case).
    assert errors_of(alice, shapezip([("矮柳园区", [A])]), field="mc") == [
        "第 1 个要素：找不到名为“矮柳园区”的地块"
    ]


def test_it_refuses_a_field_not_in_the_dbf(alice: User, plots: dict[str, LandPlot]) -> None:
    assert errors_of(alice, shapezip([("甲地块", [A])]), field="name") == [
        "属性表（.dbf）中没有字段“name”；现有字段：MC"
    ]


def test_it_refuses_what_is_not_a_zip(alice: User, plots: dict[str, LandPlot]) -> None:
    assert errors_of(alice, b"PK\x03\x04 but nothing else") == [
        "文件不是有效的 zip 压缩包。shapefile 请将 .shp、.shx、.dbf（及 .prj、.cpg）打包为 .zip 后上传"
    ]


def test_it_refuses_a_zip_without_its_three_parts(alice: User, plots: dict[str, LandPlot]) -> None:
    assert errors_of(alice, shapezip([("甲地块", [A])], skip=(".shx", ".dbf"))) == [
        "压缩包中缺少 shapefile 的 .shx、.dbf 文件（.shp、.shx、.dbf 三者缺一不可，且须同名）"
    ]
    assert errors_of(alice, shapezip([("甲地块", [A])], skip=(".shp", ".shx", ".dbf"))) == [
        "压缩包中缺少 shapefile 的 .shp、.shx、.dbf 文件（.shp、.shx、.dbf 三者缺一不可，且须同名）"
    ]


def test_it_refuses_several_shapefiles_but_not_a_macs_resource_forks(
    alice: User, plots: dict[str, LandPlot]
) -> None:
    one = shapezip([("甲地块", [A])])
    two = shapezip(
        [("甲地块", [A])],
        extra={"图形/道路.shp": zipfile.ZipFile(io.BytesIO(one)).read("图形/地块.shp")},
    )
    assert errors_of(alice, two) == [
        "压缩包中有多个 .shp 文件（图形/地块.shp、图形/道路.shp），一次只能导入一个 shapefile"
    ]
    mac = shapezip([("甲地块", [A])], extra={"__MACOSX/图形/._地块.shp": b"\x00\x05\x16\x07"})
    assert errors_of(alice, mac) == []


@override_settings(PARKOPS_IMPORT_MAX_UNCOMPRESSED_MB=1)
def test_it_refuses_a_zip_bomb(alice: User, plots: dict[str, LandPlot]) -> None:
    bomb = shapezip([("甲地块", [A])], extra={"图形/说明.txt": b"\x00" * (3 * 1024 * 1024)})
    assert len(bomb) < 20_000  # three megabytes of zeros pack into a few kilobytes
    assert errors_of(alice, bomb) == ["压缩包解压后约 3 MB，超过 1 MB 的上限，不予导入"]


def test_it_refuses_shapes_that_are_not_polygons(alice: User, plots: dict[str, LandPlot]) -> None:
    line = [(121.40, 30.76), (121.401, 30.761)]
    assert errors_of(alice, shapezip([("甲地块", [line])], shape_type=shapefile.POLYLINE)) == [
        "shapefile 的图形类型为 PolyLine，须为面（Polygon）"
    ]
    assert errors_of(alice, shapezip([("甲地块", [line])], shape_type=shapefile.POINT)) == [
        "shapefile 的图形类型为 Point，须为面（Polygon）"
    ]
    # A record without a shape is named like a GeoJSON feature without a geometry.
    assert errors_of(alice, shapezip([("甲地块", [A]), ("乙地块", None)])) == [
        "第 2 个要素：缺少图形"
    ]


def test_it_refuses_a_projected_crs_or_another_datum_in_the_prj(
    alice: User, plots: dict[str, LandPlot]
) -> None:
    gauss = (
        'PROJCS["CGCS2000_3_Degree_GK_Zone_40",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000"]]'
    )
    assert errors_of(alice, shapezip([("甲地块", [A])], prj=gauss)) == [
        "坐标系文件（.prj）为投影坐标系 CGCS2000_3_Degree_GK_Zone_40，不是经纬度。请导出为 "
        "CGCS2000 或 WGS-84 经纬度（EPSG:4490 或 EPSG:4326）后再导入"
    ]
    beijing = 'GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940"]]]'
    assert errors_of(alice, shapezip([("甲地块", [A])], prj=beijing)) == [
        "坐标系文件（.prj）为 GCS_Beijing_1954，不是 CGCS2000 或 WGS-84 经纬度。请转换为 "
        "CGCS2000 或 WGS-84 经纬度（EPSG:4490 或 EPSG:4326）后再导入"
    ]
    cgcs = 'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000"]]'
    wgs = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984"]]]'
    assert errors_of(alice, shapezip([("甲地块", [A])], prj=cgcs)) == []
    assert errors_of(alice, shapezip([("甲地块", [A])], prj=wgs)) == []


def test_it_refuses_projected_or_gcj02_coordinates(alice: User, plots: dict[str, LandPlot]) -> None:
    # No .prj: the coordinates give a projected file away (CGCS2000 Gauss–Krüger metres).
    metres = [(40_539_000.0, 3_404_000.0), (40_539_000.0, 3_404_100.0),
              (40_539_100.0, 3_404_100.0), (40_539_000.0, 3_404_000.0)]  # fmt: skip
    assert errors_of(alice, shapezip([("甲地块", [metres])])) == [
        "第 1 个要素：坐标（4.0539e+07, 3.404e+06）超出经纬度范围，像是投影坐标（单位为米）。"
        "请导出为 CGCS2000 或 WGS-84 经纬度（EPSG:4490 或 EPSG:4326）后再导入"
    ]
    edge = square(121.458, 30.76, 0.0015)
    shifted = [gcj02_from_wgs84(p) for p in edge]
    assert errors_of(alice, shapezip([("甲地块", [shifted])])) == [
        "第 1 个要素：坐标像是经过 GCJ-02 偏移（高德、腾讯等互联网地图的坐标），偏离约 500 米。"
        "请使用 CGCS2000 或 WGS-84 的原始测绘坐标"
    ]


def test_it_refuses_an_unknown_cpg_and_text_not_in_its_encoding(
    alice: User, plots: dict[str, LandPlot]
) -> None:
    assert errors_of(alice, shapezip([("甲地块", [A])], cpg="KLINGON")) == [
        "编码文件（.cpg）中的编码“KLINGON”无法识别，请写为 UTF-8 或 GBK"
    ]
    assert errors_of(alice, shapezip([("甲地块", [A])], encoding="gbk", cpg="UTF-8")) == [
        "属性表（.dbf）中的文字不是 UTF-8 编码，请在 .cpg 文件中写明其编码（如 UTF-8 或 GBK）"
    ]


def test_one_bad_record_writes_nothing(alice: User, plots: dict[str, LandPlot]) -> None:
    far = square(121.6, 31.2)
    data = shapezip([("甲地块", [A]), ("乙地块", [far]), ("丙地块", [B1])])
    assert errors_of(alice, data) == [
        "第 2 个要素：图形超出园区范围（经度 121.36–121.46，纬度 30.73–30.81）",
        "第 3 个要素：找不到名为“丙地块”的地块",
    ]
    assert Shape.objects.count() == 0
    assert ShapeImport.objects.count() == 0


def test_the_import_page_previews_then_confirms_a_shapefile(
    alice: User, plots: dict[str, LandPlot]
) -> None:
    client = client_for(alice)
    data = shapezip([("甲地块", [A, A_HOLE]), ("乙地块", [B1, B2])])
    page = client.post(
        "/map/import/",
        {"kind": "plot", "code_property": "MC", "file": SimpleUploadedFile("地块.zip", data)},
    ).content.decode()
    assert "“地块.zip”中共 2 个图形，检查通过。" in page
    batch = ShapeImport.objects.get()
    assert client.post("/map/import/", {"batch": batch.pk}).status_code == 302
    assert Shape.objects.filter(source=ShapeSource.SHAPEFILE).count() == 2


def test_the_import_page_shows_shapefile_errors_in_chinese(
    alice: User, plots: dict[str, LandPlot]
) -> None:
    client = client_for(alice)
    bad = SimpleUploadedFile("地块.zip", b"not a zip at all")
    page = client.post("/map/import/", {"kind": "plot", "code_property": "MC", "file": bad})
    assert page.status_code == 200
    assert "文件不是有效的 zip 压缩包。" in page.content.decode()
    loose = SimpleUploadedFile("地块.shp", b"\x00\x00\x27\x0a")
    page = client.post("/map/import/", {"kind": "plot", "code_property": "MC", "file": loose})
    assert "shapefile 须将 .shp、.shx、.dbf（及 .prj、.cpg）一起打包为 .zip 后上传" in (
        page.content.decode()
    )
    assert ShapeImport.objects.count() == 0
