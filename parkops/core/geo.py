"""Plot and park shapes: coordinate checks, the GCJ-02 transform and line simplification.

Pure Python, no Django. Coordinates are (longitude, latitude) in degrees, CGCS2000 or WGS-84
(they differ by centimetres). Chinese web maps (AMap, Tencent) publish GCJ-02 ("Mars")
coordinates, shifted by some 500 m around Shanghai by a published, non-invertible formula; a
shape drawn on such a map lands beside its plot, so an import looks for the shift and refuses it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

Position = tuple[float, float]
Ring = list[Position]
Polygon = list[Ring]  # the outer ring first, then the holes

# The Krasovsky 1940 ellipsoid that the GCJ-02 formula uses.
_A = 6378245.0
_EE = 0.00669342162296594323
DECIMALS = 6  # about 0.1 m: finer than any plot survey shown on a screen


@dataclass(frozen=True)
class Extent:
    """A box in longitude/latitude: west, south, east, north."""

    west: float
    south: float
    east: float
    north: float

    def contains(self, position: Position) -> bool:
        lon, lat = position
        return self.west <= lon <= self.east and self.south <= lat <= self.north

    def contains_box(self, box: Extent) -> bool:
        return (
            self.west <= box.west
            and box.east <= self.east
            and self.south <= box.south
            and box.north <= self.north
        )


def extent_parse(text: str) -> Extent:
    """'west,south,east,north' in degrees; ValueError when malformed or not a box."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 4:
        raise ValueError("an extent is four numbers: west,south,east,north")
    west, south, east, north = (float(p) for p in parts)
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise ValueError("an extent needs west < east and south < north, in degrees")
    return Extent(west, south, east, north)


# --- GCJ-02 -----------------------------------------------------------------------------------


def _shift_lat(x: float, y: float) -> float:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _shift_lon(x: float, y: float) -> float:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def outside_china(position: Position) -> bool:
    """The formula leaves positions outside this rough box of China unshifted."""
    lon, lat = position
    return not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271)


def gcj02_from_wgs84(position: Position) -> Position:
    """The standard forward transform: where a GCJ-02 map draws a WGS-84 position."""
    lon, lat = position
    if outside_china(position):
        return position
    d_lat = _shift_lat(lon - 105.0, lat - 35.0)
    d_lon = _shift_lon(lon - 105.0, lat - 35.0)
    rad = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(rad) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrt_magic) * math.pi)
    d_lon = (d_lon * 180.0) / (_A / sqrt_magic * math.cos(rad) * math.pi)
    return lon + d_lon, lat + d_lat


def wgs84_from_gcj02(position: Position, *, tolerance: float = 1e-9) -> Position:
    """The inverse, by fixed-point iteration (the forward shift varies slowly): to ~1e-9°."""
    lon, lat = position
    guess = position
    for _ in range(30):
        shifted = gcj02_from_wgs84(guess)
        d_lon, d_lat = shifted[0] - lon, shifted[1] - lat
        guess = guess[0] - d_lon, guess[1] - d_lat
        if abs(d_lon) < tolerance and abs(d_lat) < tolerance:
            break
    return guess


def distance_m(a: Position, b: Position) -> float:
    """Great-circle distance in metres (haversine on a sphere of the WGS-84 mean radius)."""
    r = 6371008.8
    lat1, lat2 = math.radians(a[1]), math.radians(b[1])
    d_lat = lat2 - lat1
    d_lon = math.radians(b[0] - a[0])
    h = math.sin(d_lat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(d_lon / 2) ** 2
    return 2 * r * math.asin(math.sqrt(h))


# --- geometry ---------------------------------------------------------------------------------


class GeometryError(ValueError):
    """A geometry that is not a usable polygon; `code` names the problem for a message."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code if not detail else f"{code}: {detail}")
        self.code = code
        self.detail = detail


def _position(value: Any) -> Position:
    if (
        not isinstance(value, list | tuple)
        or len(value) < 2
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value[:2])
    ):
        raise GeometryError("bad_position", repr(value)[:40])
    lon, lat = float(value[0]), float(value[1])
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise GeometryError("bad_position", repr(value)[:40])
    return lon, lat


def _ring(value: Any) -> Ring:
    if not isinstance(value, list) or len(value) < 4:
        raise GeometryError("short_ring")
    ring = [_position(v) for v in value]
    if ring[0] != ring[-1]:
        raise GeometryError("open_ring")
    return ring


def polygons_of(geometry: Any) -> list[Polygon]:
    """The polygons of a GeoJSON Polygon or MultiPolygon geometry; GeometryError otherwise."""
    if not isinstance(geometry, dict):
        raise GeometryError("no_geometry")
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    parts: list[Any]
    if kind == "Polygon":
        parts = [coordinates]
    elif kind == "MultiPolygon":
        parts = coordinates if isinstance(coordinates, list) else []
    else:
        raise GeometryError("not_polygon", str(kind))
    if not parts or not all(isinstance(p, list) and p for p in parts):
        raise GeometryError("no_coordinates")
    return [[_ring(r) for r in part] for part in parts]


def positions_of(polygons: Sequence[Polygon]) -> list[Position]:
    return [p for polygon in polygons for ring in polygon for p in ring]


def bbox_of(positions: Sequence[Position]) -> Extent:
    lons = [p[0] for p in positions]
    lats = [p[1] for p in positions]
    return Extent(min(lons), min(lats), max(lons), max(lats))


def looks_projected(positions: Sequence[Position]) -> bool:
    """Metres (a projected CRS) or swapped axes beyond the degree range."""
    return any(abs(lon) > 180 or abs(lat) > 90 for lon, lat in positions)


class Placement:
    """Where a shape's positions lie against the park's extent."""

    INSIDE = "inside"
    GCJ02 = "gcj02"  # outside, but inside once the GCJ-02 shift is taken off
    OUTSIDE = "outside"


def placement(positions: Sequence[Position], extent: Extent) -> str:
    """INSIDE when every position is in the extent; GCJ02 when they are not but the positions
    with the GCJ-02 shift taken off are (the ~500 m offset of a Chinese web map); else OUTSIDE.
    A shifted shape that still falls inside the extent cannot be told apart by this test."""
    if all(extent.contains(p) for p in positions):
        return Placement.INSIDE
    if all(extent.contains(wgs84_from_gcj02(p)) for p in positions):
        return Placement.GCJ02
    return Placement.OUTSIDE


# --- simplification for display --------------------------------------------------------------


def _segment_distance(p: Position, a: Position, b: Position) -> float:
    """Distance from p to the segment ab, in the plane of the coordinates."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
    return math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy))


def douglas_peucker(line: Sequence[Position], tolerance: float) -> list[Position]:
    """The Douglas–Peucker simplification of a line: the end points kept, and each point whose
    distance from the simplified line exceeds `tolerance` (iterative, no recursion limit)."""
    if len(line) < 3:
        return list(line)
    keep = [False] * len(line)
    keep[0] = keep[-1] = True
    stack = [(0, len(line) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = -1.0, -1
        for i in range(first + 1, last):
            d = _segment_distance(line[i], line[first], line[last])
            if d > worst:
                worst, index = d, i
        if index != -1 and worst > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, kept in zip(line, keep, strict=True) if kept]


def simplify_ring(ring: Ring, tolerance: float) -> Ring:
    """A closed ring simplified, split at its farthest point from the start so that both halves
    are open lines; a ring that would collapse below a triangle is kept as it was."""
    if len(ring) <= 4:
        return list(ring)
    start = ring[0]
    far = max(range(1, len(ring) - 1), key=lambda i: math.dist(ring[i], start))
    first = douglas_peucker(ring[: far + 1], tolerance)
    second = douglas_peucker(ring[far:], tolerance)
    result = first + second[1:]
    return result if len(result) >= 4 else list(ring)


def rounded(position: Position, decimals: int = DECIMALS) -> Position:
    return round(position[0], decimals), round(position[1], decimals)


def display_geometry(
    polygons: Sequence[Polygon], *, tolerance: float, decimals: int = DECIMALS
) -> dict[str, Any]:
    """A GeoJSON geometry for the map: simplified, rounded, repeated points dropped; a Polygon
    when there is one part, else a MultiPolygon."""
    parts: list[list[list[list[float]]]] = []
    for polygon in polygons:
        rings = []
        for ring in polygon:
            points: list[list[float]] = []
            for p in simplify_ring(ring, tolerance):
                q = list(rounded(p, decimals))
                if not points or points[-1] != q:
                    points.append(q)
            if points[0] != points[-1]:
                points.append(points[0])
            if len(points) >= 4:
                rings.append(points)
        if rings:
            parts.append(rings)
    if len(parts) == 1:
        return {"type": "Polygon", "coordinates": parts[0]}
    return {"type": "MultiPolygon", "coordinates": parts}


def centre_of(polygons: Sequence[Polygon]) -> Position:
    """The centre of the outer rings' vertices' box: where a label goes."""
    box = bbox_of([p for polygon in polygons for p in polygon[0]])
    return (box.west + box.east) / 2, (box.south + box.north) / 2
