"""The map's GeoJSON for 1,000 plots: its size after simplification and gzip (goal < 500 KB) and
the server's time for it, against the login page in the same run.

Each plot is a surveyed outline of ~200 vertices (a 150 m block whose sides carry a point every
3 m, each off the line by up to 0.3 m of survey noise), laid on a 40 × 25 grid over the park's
extent; all are held by demo enterprises with a published class, so the colouring does its work.
"""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Callable
from decimal import Decimal

from parkops.bench.harness import measure, report

PLOTS = 1_000
SIDE_POINTS = 50
NOISE_DEG = 0.000003  # about 0.3 m


def _outline(
    rng: random.Random, west: float, south: float, size: float
) -> list[list[tuple[float, float]]]:
    corners = [(west, south), (west + size, south), (west + size, south + size),
               (west, south + size)]  # fmt: skip
    ring = []
    for (x1, y1), (x2, y2) in zip(corners, corners[1:] + corners[:1], strict=True):
        for i in range(SIDE_POINTS):
            t = i / SIDE_POINTS
            ring.append((round(x1 + (x2 - x1) * t + rng.uniform(-NOISE_DEG, NOISE_DEG), 8),
                         round(y1 + (y2 - y1) * t + rng.uniform(-NOISE_DEG, NOISE_DEG), 8)))  # fmt: skip
    ring.append(ring[0])
    return [ring]


def run(out: Callable[[str], None]) -> None:
    from django.contrib.auth.models import User
    from django.test import Client
    from django.test.utils import override_settings
    from django.utils import timezone

    from parkops.accounts.roles import Role
    from parkops.accounts.services import role_permissions_sync, user_assign_roles
    from parkops.core.geo import bbox_of, display_geometry
    from parkops.evaluation.choices import RunStatus
    from parkops.evaluation.models import EvaluationResult, EvaluationRun, Scheme, SchemeVersion
    from parkops.maps.choices import ShapeKind, ShapeSource
    from parkops.maps.models import Shape
    from parkops.maps.services import park_extent, simplify_tolerance
    from parkops.registry.models import Enterprise, LandPlot

    rng = random.Random(19)
    extent = park_extent()
    step_x = (extent.east - extent.west) / 40
    step_y = (extent.north - extent.south) / 25
    size = min(step_x, step_y) * 0.8
    Enterprise.objects.bulk_create(
        Enterprise(name=f"基准企业{i}", is_demo=True) for i in range(PLOTS)
    )
    holders = list(Enterprise.objects.order_by("pk"))
    LandPlot.objects.bulk_create(
        LandPlot(name=f"基准地块{i:04d}", holder=h, area_mu=Decimal(20))
        for i, h in enumerate(holders)
    )
    scheme = Scheme.objects.create(name="基准方案")
    version = SchemeVersion.objects.create(scheme=scheme, number=1, definition={})
    run_ = EvaluationRun.objects.create(
        year=2025, scheme_version=version, status=RunStatus.PUBLISHED,
        published_at=timezone.now(), input_hash="0" * 64, input_snapshot=b"",
    )  # fmt: skip
    EvaluationResult.objects.bulk_create(
        EvaluationResult(run=run_, enterprise=h, evaluation_class="ABCD"[i % 4])
        for i, h in enumerate(holders)
    )
    plots = list(LandPlot.objects.order_by("name"))
    outlines = [
        _outline(rng, extent.west + (i % 40) * step_x, extent.south + (i // 40) * step_y, size)
        for i in range(PLOTS)
    ]
    tolerance = simplify_tolerance()

    def simplify_all() -> list[str]:
        return [json.dumps(display_geometry([o], tolerance=tolerance), separators=(",", ":"))
                for o in outlines]  # fmt: skip

    simplified = measure(f"simplify {PLOTS:,} outlines (~200 vertices each)", simplify_all)
    now = timezone.now()
    shapes = []
    for plot, outline, display in zip(plots, outlines, simplified.result, strict=True):
        box = bbox_of(outline[0])
        shapes.append(Shape(
            kind=ShapeKind.PLOT, plot=plot, geometry=json.dumps({"type": "Polygon", "coordinates": outline}),
            display=display, west=box.west, south=box.south, east=box.east, north=box.north,
            source=ShapeSource.GEOJSON, source_name="bench.geojson", imported_at=now,
        ))  # fmt: skip
    Shape.objects.bulk_create(shapes, batch_size=500)

    role_permissions_sync()
    leader = User.objects.create_user(username="bench-leader")
    user_assign_roles(user=leader, roles={Role.TOWN_LEADER})
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages, WHITENOISE_USE_FINDERS=True, ALLOWED_HOSTS=["*"]):
        anonymous, client = Client(), Client()
        client.force_login(leader)

        def get(c: Client, path: str) -> bytes:
            response = c.get(path)
            assert response.status_code == 200, (path, response.status_code)
            return response.content

        body = get(client, "/map/shapes.geojson")  # warm
        baseline = measure("baseline: the login page", lambda: get(anonymous, "/accounts/login/"),
                           repeat=5)  # fmt: skip
        by_class = measure(f"GeoJSON of {PLOTS:,} plots, coloured by class",
                           lambda: get(client, "/map/shapes.geojson"), repeat=5)  # fmt: skip
        by_action = measure(f"GeoJSON of {PLOTS:,} plots, coloured by action",
                            lambda: get(client, "/map/shapes.geojson?colour=action"), repeat=3)  # fmt: skip
        by_flag = measure(f"GeoJSON of {PLOTS:,} plots, coloured by land flag",
                          lambda: get(client, "/map/shapes.geojson?colour=land_flag"), repeat=3)  # fmt: skip
    raw = sum(len(s.geometry) for s in shapes)
    vertices = sum(len(json.loads(s.display)["coordinates"][0]) for s in shapes)
    zipped = len(gzip.compress(body, 6))
    out(report("Map (GeoJSON)", baseline, [simplified, by_class, by_action, by_flag]))
    out(f"  stored outlines: {raw / 1024:,.0f} KB, {PLOTS * (4 * SIDE_POINTS + 1):,} vertices")
    out(f"  after simplification: {vertices:,} vertices; response {len(body) / 1024:,.0f} KB, "
        f"gzip {zipped / 1024:,.0f} KB (goal < 500 KB): {'met' if zipped < 500 * 1024 else 'MISSED'}")  # fmt: skip
