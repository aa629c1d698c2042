"""Shapes: the GCJ-02 transform both ways, the extent test and Douglas–Peucker on hand cases."""

import pytest

from parkops.core.geo import (
    Extent,
    GeometryError,
    Placement,
    display_geometry,
    distance_m,
    douglas_peucker,
    extent_parse,
    gcj02_from_wgs84,
    looks_projected,
    placement,
    polygons_of,
    simplify_ring,
    wgs84_from_gcj02,
)

CAOJING = Extent(121.36, 30.73, 121.46, 30.81)


def test_it_shifts_like_the_published_formula() -> None:
    # The reference value every coordtransform port tests (Tiananmen, 116.404 / 39.915).
    lon, lat = gcj02_from_wgs84((116.404, 39.915))
    assert lon == pytest.approx(116.41024449916938, abs=1e-12)
    assert lat == pytest.approx(39.91640428150164, abs=1e-12)


def test_it_shifts_caojing_by_about_500_metres() -> None:
    shifted = gcj02_from_wgs84((121.41, 30.77))
    assert 480 < distance_m(shifted, (121.41, 30.77)) < 520
    assert shifted[0] > 121.41  # east
    assert shifted[1] < 30.77  # and a little south


def test_the_inverse_undoes_the_forward_transform() -> None:
    for position in [(121.41, 30.77), (116.404, 39.915), (113.3, 23.1)]:
        back = wgs84_from_gcj02(gcj02_from_wgs84(position))
        assert back == pytest.approx(position, abs=1e-8)
    # and the other way: GCJ-02 -> WGS-84 -> GCJ-02
    gcj = (121.42, 30.76)
    assert gcj02_from_wgs84(wgs84_from_gcj02(gcj)) == pytest.approx(gcj, abs=1e-8)


def test_outside_china_nothing_moves() -> None:
    assert gcj02_from_wgs84((2.35, 48.85)) == (2.35, 48.85)
    assert wgs84_from_gcj02((2.35, 48.85)) == (2.35, 48.85)


def test_placement_inside_shifted_and_outside() -> None:
    square = [(121.40, 30.76), (121.401, 30.76), (121.401, 30.761), (121.40, 30.761)]
    assert placement(square, CAOJING) == Placement.INSIDE
    # The same square on a GCJ-02 map near the eastern edge falls outside, 500 m east.
    edge = [(121.458, 30.76), (121.4595, 30.76), (121.4595, 30.761), (121.458, 30.761)]
    assert placement(edge, CAOJING) == Placement.INSIDE
    shifted = [gcj02_from_wgs84(p) for p in edge]
    assert placement(shifted, CAOJING) == Placement.GCJ02
    far = [(121.6, 31.2), (121.61, 31.2), (121.61, 31.21), (121.6, 31.2)]
    assert placement(far, CAOJING) == Placement.OUTSIDE


def test_projected_coordinates_are_seen() -> None:
    assert looks_projected([(3_400_000.0, 350_000.0)])
    assert looks_projected([(30.77, 121.41)])  # swapped axes: latitude 121
    assert not looks_projected([(121.41, 30.77)])


def test_extent_parse() -> None:
    assert extent_parse("121.36, 30.73,121.46,30.81") == CAOJING
    with pytest.raises(ValueError, match="four numbers"):
        extent_parse("121.36,30.73,121.46")
    with pytest.raises(ValueError, match="west < east"):
        extent_parse("121.46,30.73,121.36,30.81")


def test_polygons_of_refuses_what_is_not_a_polygon() -> None:
    with pytest.raises(GeometryError) as error:
        polygons_of({"type": "Point", "coordinates": [121.4, 30.7]})
    assert error.value.code == "not_polygon"
    with pytest.raises(GeometryError) as error:
        polygons_of({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]})
    assert error.value.code == "open_ring"
    with pytest.raises(GeometryError) as error:
        polygons_of({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]})
    assert error.value.code == "short_ring"
    with pytest.raises(GeometryError) as error:
        polygons_of({"type": "Polygon", "coordinates": [[[0, "a"], [1, 0], [1, 1], [0, "a"]]]})
    assert error.value.code == "bad_position"
    multi = {
        "type": "MultiPolygon",
        "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[2, 2], [3, 2], [3, 3], [2, 2]]]],
    }
    assert len(polygons_of(multi)) == 2


def test_douglas_peucker_on_hand_cases() -> None:
    # Points on a straight line go; the end points stay.
    assert douglas_peucker([(0, 0), (1, 0), (2, 0), (3, 0)], 0.1) == [(0, 0), (3, 0)]
    # A bump of 0.5 stays at tolerance 0.4 and goes at 0.6.
    line = [(0, 0), (1, 0.5), (2, 0)]
    assert douglas_peucker(line, 0.4) == line
    assert douglas_peucker(line, 0.6) == [(0, 0), (2, 0)]
    # The classic zigzag: (2, -0.1) and (3, 5) are 0.1 and 5 from the chord (0,0)-(5,0); with
    # (3, 5) kept, (2, -0.1) lies 1.87 from (0,0)-(3,5) (|5*2 - 3*(-0.1)| / sqrt(34) = 10.3/5.83).
    zigzag = [(0, 0), (2, -0.1), (3, 5), (5, 0)]
    assert douglas_peucker(zigzag, 1.0) == zigzag
    assert douglas_peucker(zigzag, 2.0) == [(0, 0), (3, 5), (5, 0)]


def test_a_ring_keeps_its_corners_and_closes() -> None:
    # A square with a point in the middle of each side: the midpoints go, the corners stay.
    ring = [(0, 0), (1, 0), (2, 0), (2, 1), (2, 2), (1, 2), (0, 2), (0, 1), (0, 0)]
    assert simplify_ring(ring, 0.01) == [(0, 0), (2, 0), (2, 2), (0, 2), (0, 0)]
    # A triangle never collapses to a line.
    triangle = [(0, 0), (1, 0), (0, 1), (0, 0)]
    assert simplify_ring(triangle, 10) == triangle


def test_display_geometry_rounds_to_six_decimals() -> None:
    polygons = [[[(121.4000001, 30.7600004), (121.4010004, 30.76), (121.401, 30.761),
                  (121.4000001, 30.7600004)]]]  # fmt: skip
    shown = display_geometry(polygons, tolerance=0.000001)
    assert shown == {
        "type": "Polygon",
        "coordinates": [[[121.4, 30.76], [121.401, 30.76], [121.401, 30.761], [121.4, 30.76]]],
    }
