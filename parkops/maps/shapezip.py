"""A zipped ESRI shapefile read into the GeoJSON features the shape import checks.

No Django: bytes in, features out. The zip is opened by us, not by pyshp, so that its members'
sizes are checked before anything is unpacked (a zip bomb is refused by the directory's claim,
and each member is read no further than the room left). Each problem is a `ShapeZipError` whose
`code` and `params` the service turns into a message in the user's language.

The .dbf's text is decoded by the encoding its .cpg names. Without a .cpg, GBK (what Chinese
GIS desktops write by default) unless the text is valid UTF-8: GBK text is almost never valid
UTF-8, while UTF-8 Chinese text often is valid (and wrong) GBK, so trying GBK first would turn a
UTF-8 file's names into nonsense instead of falling back.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

import shapefile  # type: ignore[import-untyped]

POLYGON_TYPES = {shapefile.POLYGON, shapefile.POLYGONZ, shapefile.POLYGONM}
SHAPE_TYPE_NAMES = {
    shapefile.POINT: "Point",
    shapefile.POINTZ: "PointZ",
    shapefile.POINTM: "PointM",
    shapefile.MULTIPOINT: "MultiPoint",
    shapefile.MULTIPOINTZ: "MultiPointZ",
    shapefile.MULTIPOINTM: "MultiPointM",
    shapefile.POLYLINE: "PolyLine",
    shapefile.POLYLINEZ: "PolyLineZ",
    shapefile.POLYLINEM: "PolyLineM",
    shapefile.MULTIPATCH: "MultiPatch",
}
# Datums of longitude/latitude we accept, as a .prj's WKT names them (upper case, letters and
# digits only): CGCS2000 and WGS-84, which differ by centimetres.
GEOGRAPHIC_DATUMS = ("CGCS2000", "CHINA2000", "WGS1984", "WGS84")
DEFAULT_ENCODING = "gbk"
_WKT_NAME = re.compile(r'^\s*([A-Z]+)\s*\[\s*"([^"]*)"')
_WKT_DATUM = re.compile(r'DATUM\s*\[\s*"([^"]*)"', re.IGNORECASE)


class ShapeZipError(ValueError):
    """Why the zip cannot be read; `code` names the problem, `params` fill its message."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass
class ShapeZip:
    features: list[dict[str, Any]]  # GeoJSON Features: {code_field: name}, geometry or None
    encoding: str
    fields: list[str] = field(default_factory=list)


def display_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its author saw it: a zip made on a Chinese Windows names its files
    in GBK without saying so (no UTF-8 flag), which Python reads as code page 437."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The files of the zip, without folders and the resource forks a Mac adds (__MACOSX/, ._*)."""
    return [
        info
        for info in archive.infolist()
        if not info.is_dir()
        and not info.filename.startswith("__MACOSX/")
        and not PurePosixPath(info.filename).name.startswith("._")
    ]


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, room: int, limit: int) -> bytes:
    with archive.open(info) as member:
        data = member.read(room + 1)
    if len(data) > room:
        raise ShapeZipError("zip_bomb", size_mb=None, limit_mb=round(limit / 1024 / 1024))
    return data


def _parts(data: bytes, limit: int) -> dict[str, bytes]:
    """The .shp, .shx, .dbf and, when there, .prj and .cpg of the zip's one shapefile."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = _members(archive)
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ShapeZipError("not_zip") from None
    claimed = sum(info.file_size for info in archive.infolist())
    if claimed > limit:
        raise ShapeZipError(
            "zip_bomb", size_mb=round(claimed / 1024 / 1024), limit_mb=round(limit / 1024 / 1024)
        )
    shps = [info for info in members if info.filename.lower().endswith(".shp")]
    if len(shps) > 1:
        raise ShapeZipError("several_shp", names="、".join(display_name(i) for i in shps))
    stem = shps[0].filename[:-4].lower() if shps else None
    by_suffix = {
        info.filename[-4:].lower(): info
        for info in members
        if stem is not None and info.filename[:-4].lower() == stem
    }
    missing = [s for s in (".shp", ".shx", ".dbf") if s not in by_suffix]
    if missing:
        raise ShapeZipError("missing_parts", missing="、".join(missing))
    parts, total = {}, 0
    try:
        for suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
            if suffix in by_suffix:
                parts[suffix] = _read(archive, by_suffix[suffix], limit - total, limit)
                total += len(parts[suffix])
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, RuntimeError):
        raise ShapeZipError("not_zip") from None
    return parts


def check_prj(text: str) -> None:
    """Refuse a .prj that names a projected CRS, or longitude/latitude on another datum."""
    found = _WKT_NAME.match(text)
    if found is None:
        return  # no WKT we can read: the coordinates' own checks still apply
    keyword, name = found[1].upper(), found[2]
    if keyword.startswith("PROJ"):  # WKT 1 PROJCS, WKT 2 PROJCRS
        raise ShapeZipError("projected_prj", crs=name)
    datum = _WKT_DATUM.search(text)
    label = re.sub(r"[^A-Z0-9]", "", ((datum[1] if datum else "") + name).upper())
    if not any(d in label for d in GEOGRAPHIC_DATUMS):
        raise ShapeZipError("other_datum", crs=name)


def cpg_encoding(text: str) -> str:
    """The Python codec of a .cpg: 'UTF-8', 'GBK', '936', 'ANSI 936', 'CP936', '65001' …"""
    name = text.strip().upper().removeprefix("ANSI").strip()
    if name.isdigit():
        name = f"cp{name}"
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise ShapeZipError("unknown_cpg", cpg=text.strip()[:40]) from None
    # GB2312 and GBK files are read as GB18030, their superset, so no character is refused.
    return "gb18030" if codec in ("gb2312", "gbk") else codec


def guess_encoding(texts: list[bytes]) -> str:
    """UTF-8 when every text is valid UTF-8, else GBK (see the module's docstring)."""
    try:
        for text in texts:
            text.decode("utf-8")
    except UnicodeDecodeError:
        return DEFAULT_ENCODING
    return "utf-8"


def display_encoding(codec: str) -> str:
    """A codec's name as people write it: GBK, UTF-8, GB18030."""
    return {"utf-8": "UTF-8", "gbk": "GBK", "gb18030": "GB18030"}.get(codec, codec.upper())


def _decode(raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        raise ShapeZipError("bad_text", encoding=encoding) from None


def _raw(value: Any) -> bytes:
    # pyshp is asked for Latin-1, which maps each byte to one character: this gives them back.
    # (A number or date field gives its value; an empty one gives None.)
    return b"" if value is None else str(value).encode("latin-1")


def shapezip_read(data: bytes, *, code_field: str, max_bytes: int) -> ShapeZip:
    """The zip's shapefile as GeoJSON features carrying the record's `code_field` (matched
    exactly, else regardless of case), in record order; ShapeZipError for what cannot be read."""
    parts = _parts(data, max_bytes)
    encoding = cpg_encoding(_decode(parts[".cpg"], "ascii")) if ".cpg" in parts else None
    if ".prj" in parts:
        check_prj(parts[".prj"].decode("utf-8", "replace"))
    try:
        reader = shapefile.Reader(
            shp=io.BytesIO(parts[".shp"]),
            shx=io.BytesIO(parts[".shx"]),
            dbf=io.BytesIO(parts[".dbf"]),
            encoding="latin-1",
        )
        with reader:
            return _features(reader, code_field, encoding)
    except ShapeZipError:
        raise
    except Exception as error:  # a damaged file makes pyshp fail in many ways, none our bug
        raise ShapeZipError("unreadable", detail=str(error)[:120]) from None


def _features(reader: Any, code_field: str, encoding: str | None) -> ShapeZip:
    if reader.shapeType not in POLYGON_TYPES and reader.shapeType != shapefile.NULL:
        name = SHAPE_TYPE_NAMES.get(reader.shapeType, str(reader.shapeType))
        raise ShapeZipError("not_polygon", shape_type=name)
    raw_names = [_raw(f.name) for f in reader.fields[1:]]  # the first is the deletion flag
    pairs = list(reader.iterShapeRecords())
    # Without a .cpg the field names alone choose first (to find the field), then the names
    # with the field's values (which are what matters).
    chosen = encoding or guess_encoding(raw_names)
    index = _field_index([_decode(n, chosen) for n in raw_names], code_field)
    if encoding is None:
        chosen = guess_encoding(raw_names + [_raw(p.record[index]) for p in pairs])
        index = _field_index([_decode(n, chosen) for n in raw_names], code_field)
    features = []
    for pair in pairs:
        shape, geometry = pair.shape, None
        if shape.shapeType != shapefile.NULL and shape.points:
            if shape.shapeType not in POLYGON_TYPES:
                name = SHAPE_TYPE_NAMES.get(shape.shapeType, str(shape.shapeType))
                raise ShapeZipError("not_polygon", shape_type=name)
            geometry = _lists(shape.__geo_interface__)
        code = _decode(_raw(pair.record[index]), chosen).strip()
        features.append({"type": "Feature", "properties": {code_field: code}, "geometry": geometry})
    return ShapeZip(features, chosen, [_decode(n, chosen) for n in raw_names])


def _field_index(names: list[str], wanted: str) -> int:
    if wanted in names:
        return names.index(wanted)
    folded = [i for i, n in enumerate(names) if n.casefold() == wanted.casefold()]
    if len(folded) == 1:
        return folded[0]
    raise ShapeZipError("no_field", field=wanted, fields="、".join(names) or "—")


def _lists(geometry: dict[str, Any]) -> dict[str, Any]:
    """pyshp's geometry with lists for tuples and only (x, y) per position, as JSON has them."""

    def walk(value: Any) -> Any:
        if isinstance(value, list | tuple) and value and isinstance(value[0], int | float):
            return [float(value[0]), float(value[1])]
        if isinstance(value, list | tuple):
            return [walk(v) for v in value]
        return value

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}
