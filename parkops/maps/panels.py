"""The map's section on the plot and small-park pages (registry): a small static map of the
record's shape and the shapes around it, registered as a panel (parkops.common.panels).

The page has already checked that the viewer may see the record; the neighbours are read through
`shapes_visible_to`, so a road chief sees around his plot only what his roads hold.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from parkops.common.panels import Panel, panel_register
from parkops.common.types import AnyUser
from parkops.maps.choices import ShapeKind
from parkops.maps.models import Shape
from parkops.maps.selectors import shape_of, shapes_visible_to
from parkops.registry.models import LandPlot, SmallPark

# Around the record: half its size each way, and at least this much (about 150 m).
MARGIN_DEG = 0.0015
MAX_NEIGHBOURS = 100


def _feature(shape: Shape, role: str) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": json.loads(shape.display),
        "properties": {"name": str(shape), "kind": shape.kind, "role": role},
    }


def neighbours_of(user: AnyUser, shape: Shape) -> list[Shape]:
    """The shapes in the user's scope whose boxes touch the record's box, widened."""
    dx = max((shape.east - shape.west) / 2, MARGIN_DEG)
    dy = max((shape.north - shape.south) / 2, MARGIN_DEG)
    return list(
        shapes_visible_to(user)
        .filter(
            west__lte=shape.east + dx,
            east__gte=shape.west - dx,
            south__lte=shape.north + dy,
            north__gte=shape.south - dy,
        )
        .exclude(pk=shape.pk)
        .order_by("-kind", "pk")[:MAX_NEIGHBOURS]  # small parks first, drawn underneath
    )


def _record_map(request: HttpRequest, subject: LandPlot | SmallPark) -> dict[str, Any]:
    shape = shape_of(subject)
    if shape is None:
        return {"shape": None}
    around = neighbours_of(request.user, shape)
    features = [_feature(s, "neighbour") for s in around] + [_feature(shape, "self")]
    # Small parks underneath, plots on top: a park's own page still shows its plots.
    features.sort(key=lambda f: f["properties"]["kind"] != ShapeKind.SMALL_PARK)
    config = {
        "bounds": [round(v, 6) for v in (shape.west, shape.south, shape.east, shape.north)],
        "shapes": {"type": "FeatureCollection", "features": features},
    }
    if isinstance(subject, LandPlot):
        query = urlencode({"q": subject.name})
    else:
        query = urlencode({"small_park": subject.pk})
    return {
        "shape": shape,
        "neighbours": around,
        "map_config": config,
        "map_url": f"{reverse('maps:map')}?{query}",
    }


def panels_register() -> None:
    for model, order in (("registry.LandPlot", 40), ("registry.SmallPark", 40)):
        panel_register(
            Panel(
                model=model,
                name="record-map",
                template="maps/_record_map.html",
                title=_("位置图"),
                context=_record_map,
                permission="maps.view_shape",
                order=order,
            )
        )
