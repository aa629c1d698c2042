"""Fictional shapes (演示数据) for the demo small parks and their plots, for a first look at the map.

Each demo park is a rectangle in a row across the south of the park's configured extent, with its
estate plot in the west half and two more demo plots in the east half, each held by one of the
park's demo tenants (so that the map has evaluation classes to colour). The plan's plots and small
parks get no shape: their cards say "暂无地块图形". Loading twice changes nothing.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from parkops.common.versioning import record_save
from parkops.core.geo import Polygon
from parkops.evaluation.selectors import latest_standing
from parkops.maps.choices import ShapeSource
from parkops.maps.models import Shape
from parkops.maps.services import park_extent, shape_store
from parkops.registry.models import Enterprise, LandPlot, SmallPark

DEMO = "演示数据"
REASON = "生成演示数据"
SOURCE = "虚构图形"
EXTRA_PLOTS = ("东北地块", "东南地块")


def _box(west: float, south: float, east: float, north: float) -> Polygon:
    # A midpoint on the south side: a vertex the display simplification drops.
    middle = round((west + east) / 2, 7)
    ring = [(west, south), (middle, south), (east, south), (east, north), (west, north),
            (west, south)]  # fmt: skip
    return [[(round(x, 7), round(y, 7)) for x, y in ring]]


def _holders(park: SmallPark, taken: set[int]) -> list[Enterprise]:
    """Two demo tenants of the park, of different classes where the evaluation tells."""
    _year, standing = latest_standing()
    tenants = list(
        Enterprise.objects.filter(small_park=park, is_demo=True)
        .exclude(pk__in=taken)
        .order_by("name")
    )
    chosen: list[Enterprise] = []
    classes: set[str] = set()
    for tenant in tenants:
        found = standing.get(tenant.pk)
        if found is not None and found[0] not in classes:
            chosen.append(tenant)
            classes.add(found[0])
        if len(chosen) == len(EXTRA_PLOTS):
            return chosen
    return (chosen + [t for t in tenants if t not in chosen])[: len(EXTRA_PLOTS)]


def _plot(name: str, park: SmallPark, holder: Enterprise | None, area_mu: Decimal) -> LandPlot:
    plot = LandPlot.objects.filter(name=name).first()
    if plot is not None:
        return plot
    plot = LandPlot(
        name=name,
        address=park.address,
        road=park.road,
        small_park=park,
        holder=holder,
        area_mu=area_mu,
        building_coefficient=Decimal(45),
        note=f"{DEMO}：虚构地块，用于展示园区地图。",
    )
    return record_save(plot, reason=REASON)


def _store(subject: LandPlot | SmallPark, polygons: Polygon) -> int:
    if Shape.objects.filter(
        **{"plot" if isinstance(subject, LandPlot) else "small_park": subject}
    ).exists():
        return 0
    shape_store(subject=subject, polygons=[polygons], source=ShapeSource.DEMO,
                source_name=SOURCE, reason=REASON, is_demo=True)  # fmt: skip
    return 1


@transaction.atomic
def maps_demo_load() -> int:
    """The demo shapes that are missing; returns how many were created."""
    parks = list(SmallPark.objects.filter(is_demo=True).order_by("name"))
    if not parks:
        return 0
    extent = park_extent()
    width = (extent.east - extent.west) / (len(parks) + 1)
    height = (extent.north - extent.south) / 8
    taken = set(LandPlot.objects.filter(holder__isnull=False).values_list("holder_id", flat=True))
    created = 0
    for n, park in enumerate(parks):
        west = extent.west + width * (n + 0.5)
        east = west + width * 0.8
        south = extent.south + height
        north = south + height * 0.8
        mid_lon = (west + east) / 2
        mid_lat = (south + north) / 2
        gap = width * 0.02
        created += _store(park, _box(west, south, east, north))
        estate = LandPlot.objects.filter(small_park=park, name=f"{park.name}地块（{DEMO}）").first()
        if estate is not None:
            created += _store(estate, _box(west + gap, south + gap, mid_lon - gap, north - gap))
        area = (park.land_mu or Decimal(40)) / 4
        holders = _holders(park, taken)
        boxes = (
            _box(mid_lon + gap, mid_lat + gap, east - gap, north - gap),
            _box(mid_lon + gap, south + gap, east - gap, mid_lat - gap),
        )
        for label, box, holder in zip(EXTRA_PLOTS, boxes, holders + [None] * 2, strict=False):
            plot = _plot(
                f"{park.name}{label}（{DEMO}）", park, holder, area.quantize(Decimal("0.01"))
            )
            if holder is not None:
                taken.add(holder.pk)
            created += _store(plot, box)
    return created
