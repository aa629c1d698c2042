"""Reads of the map: the shapes a user may see, as GeoJSON coloured by one of four facts.

A shape is in scope when its plot or small park is (the registry's selectors); the map's filters
are the plot list's (name, road, small park) plus the kind and the map's view box.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from parkops.common.choices import Colour
from parkops.common.types import AnyUser
from parkops.evaluation.choices import EvaluationClass
from parkops.evaluation.selectors import latest_standing
from parkops.land.choices import LandActionKind, LandActionStatus, LandFlagKind
from parkops.land.models import LandAction
from parkops.land.selectors import plot_flags
from parkops.maps.choices import ColourBy, ShapeKind
from parkops.maps.models import Shape
from parkops.registry.models import LandPlot, SmallPark
from parkops.registry.selectors import plots_visible_to, smallparks_visible_to
from parkops.smallparks.choices import RatingLevel
from parkops.smallparks.models import SmallParkRating

NO_DATA = Colour.GREY.hex
FLAG_COLOURS = {
    LandFlagKind.IDLE: Colour.RED,
    LandFlagKind.UNDERDEVELOPED: Colour.ORANGE,
    LandFlagKind.LOW_OUTPUT: Colour.YELLOW,
}
ACTION_COLOURS = {
    LandActionKind.REVITALISE: Colour.BLUE,
    LandActionKind.VACATE: Colour.RED,
    LandActionKind.UPGRADE: Colour.GREEN,
}


def shapes_visible_to(user: AnyUser) -> QuerySet[Shape]:
    return Shape.objects.filter(
        Q(plot__in=plots_visible_to(user)) | Q(small_park__in=smallparks_visible_to(user))
    ).select_related("plot", "small_park", "plot__small_park", "plot__road", "small_park__road")


def shape_of(subject: LandPlot | SmallPark) -> Shape | None:
    if isinstance(subject, LandPlot):
        return Shape.objects.filter(plot=subject).first()
    return Shape.objects.filter(small_park=subject).first()


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    colour: str  # hex


def _none() -> Category:
    return Category("none", _("无数据"), NO_DATA)


def _evaluation(shapes: list[Shape]) -> dict[int, Category]:
    year, standing = latest_standing()
    result = {}
    for shape in shapes:
        found = standing.get(shape.plot.holder_id or 0) if shape.plot else None
        if found is None:
            result[shape.pk] = _none()
            continue
        cls = EvaluationClass(found[0])
        result[shape.pk] = Category(cls.value, f"{year} {cls.label}", cls.colour.hex)
    return result


def _land_flag(user: AnyUser, shapes: list[Shape]) -> dict[int, Category]:
    year = timezone.localdate().year - 1  # the last year whose figures are complete
    # Every shaped plot in scope, by a join rather than a list of ids (SQLite's expression depth).
    plots = plots_visible_to(user).filter(shape__isnull=False)
    rows = {row.plot.pk: row for row in plot_flags(user=user, year=year, plots=plots)}
    result = {}
    for shape in shapes:
        row = rows.get(shape.plot_id or 0)
        if row is None:
            result[shape.pk] = _none()
        elif row.result.flags:
            kind = LandFlagKind(row.result.flags[0].kind.value)
            result[shape.pk] = Category(kind.value, str(kind.label), FLAG_COLOURS[kind].hex)
        else:
            result[shape.pk] = Category("clear", _("未认定低效"), Colour.GREEN.hex)
    return result


def _action(shapes: list[Shape]) -> dict[int, Category]:
    latest: dict[int | None, str] = {}
    actions = (
        LandAction.objects.filter(plot_id__in=[s.plot_id for s in shapes if s.plot_id])
        .exclude(status=LandActionStatus.CANCELLED)
        .order_by("planned_year", "pk")
        .values_list("plot_id", "kind")
    )
    for plot_id, kind in actions:
        latest[plot_id] = kind
    result = {}
    for shape in shapes:
        found = latest.get(shape.plot_id or 0)
        if found is None:
            result[shape.pk] = _none()
        else:
            action = LandActionKind(found)
            result[shape.pk] = Category(action.value, str(action.label), ACTION_COLOURS[action].hex)
    return result


def _rating(shapes: list[Shape]) -> dict[int, Category]:
    parks = {s.small_park_id or (s.plot.small_park_id if s.plot else None) for s in shapes}
    levels: dict[int | None, tuple[int, str]] = {}
    for park_id, year, level in (
        SmallParkRating.objects.filter(small_park_id__in=parks - {None})
        .order_by("year")
        .values_list("small_park_id", "year", "level")
    ):
        levels[park_id] = (year, level)
    result = {}
    for shape in shapes:
        subject = shape.small_park_id or (shape.plot.small_park_id if shape.plot else None)
        found = levels.get(subject or 0)
        if found is None:
            result[shape.pk] = _none()
        else:
            level = RatingLevel(found[1])
            result[shape.pk] = Category(level.value, f"{found[0]} {level.label}", level.colour.hex)
    return result


def categories(user: AnyUser, shapes: list[Shape], colour_by: ColourBy) -> dict[int, Category]:
    if colour_by == ColourBy.LAND_FLAG:
        return _land_flag(user, shapes)
    if colour_by == ColourBy.ACTION:
        return _action(shapes)
    if colour_by == ColourBy.RATING:
        return _rating(shapes)
    return _evaluation(shapes)


def card_url(shape: Shape) -> str:
    if shape.plot_id:
        return reverse("maps:plot_card", args=[shape.plot_id])
    return reverse("maps:park_card", args=[shape.small_park_id])


def feature_collection(
    user: AnyUser, shapes: Iterable[Shape], colour_by: ColourBy
) -> dict[str, Any]:
    """The shapes as a GeoJSON FeatureCollection of their display geometries, each with its
    name, kind, category (label and colour) and card URL; small parks first, drawn underneath."""
    listed = sorted(shapes, key=lambda s: (s.kind != ShapeKind.SMALL_PARK, s.pk))
    found = categories(user, listed, colour_by)
    features = []
    for shape in listed:
        category = found[shape.pk]
        features.append(
            {
                "type": "Feature",
                "id": shape.pk,
                "geometry": json.loads(shape.display),
                "properties": {
                    "name": str(shape),
                    "kind": shape.kind,
                    "category": category.key,
                    "label": category.label,
                    "colour": category.colour,
                    "card": card_url(shape),
                    "centre": [
                        round((shape.west + shape.east) / 2, 6),
                        round((shape.south + shape.north) / 2, 6),
                    ],
                },
            }
        )
    legend = {c.key: {"label": c.label, "colour": c.colour} for c in found.values()}
    return {"type": "FeatureCollection", "features": features, "legend": legend}
