"""Writes of the map: importing plot or small-park shapes from GeoJSON or a zipped shapefile.

One service for the page and the CLI: `shape_import_upload` checks every feature and keeps the
file for its preview; `shape_import_confirm` checks it again and writes all shapes or none.
A zipped shapefile (`shapefile_import_upload`) is read into the same GeoJSON features first
(`maps/shapezip.py`), so that every check of a GeoJSON file applies to it.
Every error names the feature (1-based, in file order) and says what to do, in the user's language.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parkops.common.versioning import record_save
from parkops.core.geo import (
    Extent,
    GeometryError,
    Placement,
    Polygon,
    bbox_of,
    display_geometry,
    distance_m,
    extent_parse,
    looks_projected,
    placement,
    polygons_of,
    positions_of,
    wgs84_from_gcj02,
)
from parkops.maps.choices import ShapeKind, ShapeSource
from parkops.maps.models import Shape, ShapeImport
from parkops.maps.shapezip import ShapeZipError, display_encoding, shapezip_read
from parkops.registry.models import LandPlot, SmallPark

# The CRS names a GeoJSON file may carry (the 2008 "crs" member) for longitude/latitude.
GEOGRAPHIC_CRS = ("CRS84", "EPSG::4326", "EPSG:4326", "EPSG::4490", "EPSG:4490")


def park_extent() -> Extent:
    try:
        return extent_parse(settings.PARKOPS_MAP_EXTENT)
    except ValueError as error:
        raise ImproperlyConfigured(f"PARKOPS_MAP_EXTENT: {error}") from None


def simplify_tolerance() -> float:
    return settings.PARKOPS_MAP_SIMPLIFY_MICRODEG / 1_000_000


@dataclass
class FeatureCheck:
    number: int  # 1-based, in file order
    code: str
    subject: LandPlot | SmallPark | None = None
    polygons: list[Polygon] = field(default_factory=list)
    vertices: int = 0
    replaces: bool = False  # the record has a shape already


@dataclass
class ImportCheck:
    features: list[FeatureCheck]
    errors: list[str]

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.features)


def _load(text: str) -> list[Any]:
    """The features of a FeatureCollection; ValidationError for anything else."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError(
            _("文件不是有效的 JSON：第 %(line)d 行第 %(column)d 列附近有误")
            % {"line": error.lineno, "column": error.colno}
        ) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ValidationError(_("文件须为 GeoJSON 要素集合（FeatureCollection）"))
    crs = data.get("crs")
    if isinstance(crs, dict):
        name = str((crs.get("properties") or {}).get("name", ""))
        if name and not name.upper().endswith(GEOGRAPHIC_CRS):
            raise ValidationError(
                _(
                    "文件的坐标系为 %(crs)s，不是经纬度。请导出为 CGCS2000 或 WGS-84 经纬度"
                    "（EPSG:4490 或 EPSG:4326）后再导入"
                )
                % {"crs": name}
            )
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise ValidationError(_("文件中没有要素"))
    return features


def _geometry_message(error: GeometryError) -> str:
    messages = {
        "no_geometry": _("缺少图形"),
        "not_polygon": _("图形须为面（Polygon 或 MultiPolygon）"),
        "no_coordinates": _("图形没有坐标"),
        "short_ring": _("面的边界至少需要 4 个点"),
        "open_ring": _("面的边界未闭合（首尾两点须相同）"),
        "bad_position": _("坐标须为两个数字（经度, 纬度）"),
    }
    return messages.get(error.code, error.code)


def _placement_error(polygons: list[Polygon], extent: Extent) -> str | None:
    points = positions_of(polygons)
    if looks_projected(points):
        lon, lat = next(p for p in points if abs(p[0]) > 180 or abs(p[1]) > 90)
        return _(
            "坐标（%(x)s, %(y)s）超出经纬度范围，像是投影坐标（单位为米）。请导出为 CGCS2000 或 "
            "WGS-84 经纬度（EPSG:4490 或 EPSG:4326）后再导入"
        ) % {"x": f"{lon:g}", "y": f"{lat:g}"}
    where = placement(points, extent)
    if where == Placement.GCJ02:
        offset = distance_m(points[0], wgs84_from_gcj02(points[0]))
        return _(
            "坐标像是经过 GCJ-02 偏移（高德、腾讯等互联网地图的坐标），偏离约 %(metres)d 米。"
            "请使用 CGCS2000 或 WGS-84 的原始测绘坐标"
        ) % {"metres": round(offset / 10) * 10}
    if where == Placement.OUTSIDE:
        return _("图形超出园区范围（经度 %(west)s–%(east)s，纬度 %(south)s–%(north)s）") % {
            "west": f"{extent.west:g}",
            "east": f"{extent.east:g}",
            "south": f"{extent.south:g}",
            "north": f"{extent.north:g}",
        }
    return None


def shapes_check(*, text: str, kind: ShapeKind, code_property: str) -> ImportCheck:
    """Every feature checked: its code names a known plot (by name) or small park (by name),
    once in the file; its geometry is a polygon in longitude/latitude inside the park."""
    try:
        features = _load(text)
    except ValidationError as error:
        return ImportCheck([], list(error.messages))
    extent = park_extent()
    model: type[LandPlot] | type[SmallPark] = LandPlot if kind == ShapeKind.PLOT else SmallPark
    codes = [
        str(((f.get("properties") or {}) if isinstance(f, dict) else {}).get(code_property) or "")
        for f in features
    ]
    known = {r.name: r for r in model.objects.filter(name__in=[c.strip() for c in codes if c])}
    shaped = set(
        Shape.objects.filter(**{f"{kind.value}__in": known.values()}).values_list(
            f"{kind.value}_id", flat=True
        )
    )
    noun = _("地块") if kind == ShapeKind.PLOT else _("小园区")
    checks, errors, seen = [], [], set()
    for number, (feature, raw) in enumerate(zip(features, codes, strict=True), 1):
        code = raw.strip()
        check = FeatureCheck(number, code)
        problems = []
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(_("不是 GeoJSON 要素（Feature）"))
        elif not code:
            problems.append(
                _("缺少属性“%(name)s”（%(noun)s名称）") % {"name": code_property, "noun": noun}
            )
        elif code not in known:
            problems.append(_("找不到名为“%(code)s”的%(noun)s") % {"code": code, "noun": noun})
        elif code in seen:
            problems.append(_("“%(code)s”在文件中重复出现") % {"code": code})
        else:
            check.subject = known[code]
            check.replaces = known[code].pk in shaped
        seen.add(code)
        if isinstance(feature, dict):
            try:
                check.polygons = polygons_of(feature.get("geometry"))
            except GeometryError as error:
                problems.append(_geometry_message(error))
            else:
                check.vertices = len(positions_of(check.polygons))
                placed = _placement_error(check.polygons, extent)
                if placed:
                    problems.append(placed)
        errors += [
            _("第 %(n)d 个要素：%(problem)s") % {"n": number, "problem": p} for p in problems
        ]
        checks.append(check)
    return ImportCheck(checks, errors)


def shape_import_upload(
    *,
    user: User,
    kind: ShapeKind,
    code_property: str,
    filename: str,
    text: str,
    source: ShapeSource = ShapeSource.GEOJSON,
) -> tuple[ShapeImport, ImportCheck]:
    """Check the file and keep it for the confirmation (only when it has no error)."""
    check = shapes_check(text=text, kind=kind, code_property=code_property)
    batch = ShapeImport(
        kind=kind,
        source=source,
        code_property=code_property,
        filename=filename[:200],
        content=text,
        feature_count=len(check.features),
        created_by=user,
    )
    if check.ok:
        batch.full_clean()
        batch.save()
    return batch, check


def _shape_for(check: FeatureCheck, kind: ShapeKind) -> Shape:
    subject = check.subject
    assert subject is not None
    existing = Shape.objects.filter(**{kind.value: subject}).first()
    shape = existing or Shape(kind=kind, **{kind.value: subject})
    box = bbox_of(positions_of(check.polygons))
    shown = display_geometry(check.polygons, tolerance=simplify_tolerance())
    geometry: dict[str, Any] = (
        {"type": "Polygon", "coordinates": check.polygons[0]}
        if len(check.polygons) == 1
        else {"type": "MultiPolygon", "coordinates": check.polygons}
    )
    shape.geometry = json.dumps(geometry, separators=(",", ":"))
    shape.display = json.dumps(shown, separators=(",", ":"))
    shape.west, shape.south, shape.east, shape.north = box.west, box.south, box.east, box.north
    return shape


@transaction.atomic
def shape_import_confirm(*, batch: ShapeImport, user: User) -> int:
    """Write every shape of the checked file, or none: the file is checked again (a plot may
    have been renamed since the preview). Returns the number of shapes written."""
    locked = ShapeImport.objects.select_for_update().get(pk=batch.pk)
    if locked.applied_at is not None:
        raise ValidationError(_("该文件已确认导入，不能重复导入"))
    kind = ShapeKind(locked.kind)
    check = shapes_check(text=locked.content, kind=kind, code_property=locked.code_property)
    if not check.ok:
        raise ValidationError(check.errors)
    now = timezone.now()
    source = ShapeSource(locked.source)
    if source == ShapeSource.SHAPEFILE:
        reason = _("Shapefile 导入：%(file)s") % {"file": locked.filename}
    else:
        reason = _("GeoJSON 导入：%(file)s") % {"file": locked.filename}
    for feature in check.features:
        shape = _shape_for(feature, kind)
        shape.source, shape.source_name, shape.imported_at = source, locked.filename, now
        record_save(shape, reason=reason)
    locked.applied_at = now
    locked.save(update_fields=["applied_at", "updated_at"])
    return len(check.features)


def shape_store(
    *,
    subject: LandPlot | SmallPark,
    polygons: list[Polygon],
    source: ShapeSource,
    source_name: str,
    reason: str,
    is_demo: bool = False,
) -> Shape:
    """Store one shape checked by the caller (the demo loader)."""
    kind = ShapeKind.PLOT if isinstance(subject, LandPlot) else ShapeKind.SMALL_PARK
    check = FeatureCheck(0, subject.name, subject, polygons)
    shape = _shape_for(check, kind)
    shape.source, shape.source_name, shape.imported_at = source, source_name, timezone.now()
    shape.is_demo = is_demo
    return record_save(shape, reason=reason)


def _shapezip_message(error: ShapeZipError) -> str:
    p = error.params
    limit = {"limit": p.get("limit_mb", 0)}
    if error.code == "zip_bomb":
        if p.get("size_mb") is None:
            return _("压缩包解压后超过 %(limit)d MB 的上限，不予导入") % limit
        return _("压缩包解压后约 %(size)d MB，超过 %(limit)d MB 的上限，不予导入") % {
            **limit,
            "size": p["size_mb"],
        }
    messages = {
        "not_zip": _(
            "文件不是有效的 zip 压缩包。shapefile 请将 .shp、.shx、.dbf（及 .prj、.cpg）"
            "打包为 .zip 后上传"
        ),
        "several_shp": _("压缩包中有多个 .shp 文件（%(names)s），一次只能导入一个 shapefile"),
        "missing_parts": _(
            "压缩包中缺少 shapefile 的 %(missing)s 文件（.shp、.shx、.dbf 三者缺一不可，且须同名）"
        ),
        "projected_prj": _(
            "坐标系文件（.prj）为投影坐标系 %(crs)s，不是经纬度。请导出为 CGCS2000 或 WGS-84 "
            "经纬度（EPSG:4490 或 EPSG:4326）后再导入"
        ),
        "other_datum": _(
            "坐标系文件（.prj）为 %(crs)s，不是 CGCS2000 或 WGS-84 经纬度。请转换为 CGCS2000 "
            "或 WGS-84 经纬度（EPSG:4490 或 EPSG:4326）后再导入"
        ),
        "unknown_cpg": _("编码文件（.cpg）中的编码“%(cpg)s”无法识别，请写为 UTF-8 或 GBK"),
        "bad_text": _(
            "属性表（.dbf）中的文字不是 %(encoding)s 编码，请在 .cpg 文件中写明其编码"
            "（如 UTF-8 或 GBK）"
        ),
        "not_polygon": _("shapefile 的图形类型为 %(shape_type)s，须为面（Polygon）"),
        "no_field": _("属性表（.dbf）中没有字段“%(field)s”；现有字段：%(fields)s"),
        "unreadable": _("shapefile 已损坏或格式不符，无法读取"),
    }
    values = {**p, "encoding": display_encoding(str(p.get("encoding", "")))}
    return messages.get(error.code, error.code) % values


def shapefile_import_upload(
    *, user: User, kind: ShapeKind, code_property: str, filename: str, data: bytes
) -> tuple[ShapeImport, ImportCheck]:
    """A zipped shapefile read into GeoJSON features (the code from the .dbf field the user
    named), then checked and kept exactly as a GeoJSON file is."""
    try:
        read = shapezip_read(
            data,
            code_field=code_property,
            max_bytes=settings.PARKOPS_IMPORT_MAX_UNCOMPRESSED_MB * 1024 * 1024,
        )
    except ShapeZipError as error:
        return ShapeImport(kind=kind, source=ShapeSource.SHAPEFILE), ImportCheck(
            [], [_shapezip_message(error)]
        )
    text = json.dumps(
        {"type": "FeatureCollection", "features": read.features},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return shape_import_upload(
        user=user,
        kind=kind,
        code_property=code_property,
        filename=filename,
        text=text,
        source=ShapeSource.SHAPEFILE,
    )
