"""Pages of the map. Each view reads through a selector, writes through a service."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from parkops.common.lists import Export, export_filtered, list_page
from parkops.common.types import AuthedHttpRequest
from parkops.common.xlsx import ExportColumn
from parkops.maps import selectors, services
from parkops.maps.choices import ColourBy, ShapeKind
from parkops.maps.filtersets import shapes_filtered
from parkops.maps.forms import ColourForm, ShapeImportForm
from parkops.maps.models import Shape, ShapeImport
from parkops.maps.tables import ShapeTable
from parkops.registry.selectors import plot_get, smallpark_get

VIEW = "maps.view_shape"
IMPORT = "maps.add_shape"
RANGE = re.compile(r"^bytes=(\d+)-(\d*)$")


def _colour_by(request: HttpRequest) -> ColourBy:
    value = request.GET.get("colour", "")
    return ColourBy(value) if value in ColourBy.values else ColourBy.EVALUATION


def basemap_path() -> Path | None:
    path = Path(settings.PARKOPS_MAP_BASEMAP)
    return path if path.is_file() else None


@permission_required(VIEW, raise_exception=True)
def map_page(request: HttpRequest) -> HttpResponse:
    filterset = shapes_filtered(request)
    extent = services.park_extent()
    config = {
        "extent": [extent.west, extent.south, extent.east, extent.north],
        "shapes": reverse("maps:shapes_geojson"),
        "basemap": reverse("maps:basemap") if basemap_path() else None,
        "noShapes": _("当前筛选条件下没有图形"),
    }
    return list_page(
        request,
        "maps/map.html",
        filterset,
        ShapeTable(filterset.qs),
        exports=[Export(_("导出 Excel"), reverse("maps:shapes_export"), id="export")],
        context={
            "colour_form": ColourForm(request.GET or None),
            "map_config": config,
            "can_import": request.user.has_perm(IMPORT),
        },
    )


@permission_required(VIEW, raise_exception=True)
def shapes_geojson(request: HttpRequest) -> JsonResponse:
    """The filtered shapes in scope as GeoJSON (the view box is the list's, not the map's)."""
    filterset = shapes_filtered(request, whole_map=True)
    collection = selectors.feature_collection(request.user, filterset.qs, _colour_by(request))
    return JsonResponse(collection, json_dumps_params={"ensure_ascii": False})


@permission_required(VIEW, raise_exception=True)
def shapes_export(request: HttpRequest) -> HttpResponse:
    columns = [
        ExportColumn(_("名称"), lambda s: str(s), 30),
        ExportColumn(_("类别"), lambda s: s.get_kind_display()),
        ExportColumn(_("道路"), lambda s: str(getattr(s.subject, "road", None) or "")),
        ExportColumn(_("最西经度"), "west"),
        ExportColumn(_("最南纬度"), "south"),
        ExportColumn(_("最东经度"), "east"),
        ExportColumn(_("最北纬度"), "north"),
        ExportColumn(_("来源"), lambda s: s.get_source_display()),
        ExportColumn(_("来源文件"), "source_name", 24),
        ExportColumn(_("导入时间"), lambda s: s.imported_at.date()),
    ]
    return export_filtered(
        request, shapes_filtered(request), columns=columns, filename=_("地图图形"), order=["pk"]
    )


def _card(request: HttpRequest, subject: object, shape: Shape | None, kind: str) -> HttpResponse:
    colour_by = _colour_by(request)
    category = None
    if shape is not None:
        category = selectors.categories(request.user, [shape], colour_by)[shape.pk]
    context = {"subject": subject, "shape": shape, "kind": kind, "category": category,
               "colour_by": colour_by}  # fmt: skip
    return render(request, "maps/_card.html", context)


@permission_required(VIEW, raise_exception=True)
def plot_card(request: HttpRequest, pk: int) -> HttpResponse:
    plot = plot_get(user=request.user, pk=pk)
    return _card(request, plot, selectors.shape_of(plot), ShapeKind.PLOT)


@permission_required(VIEW, raise_exception=True)
def park_card(request: HttpRequest, pk: int) -> HttpResponse:
    park = smallpark_get(user=request.user, pk=pk)
    return _card(request, park, selectors.shape_of(park), ShapeKind.SMALL_PARK)


@permission_required(IMPORT, raise_exception=True)
def shape_import(request: AuthedHttpRequest) -> HttpResponse:
    """Upload and preview (every feature checked), then confirm: all shapes or none."""
    form = ShapeImportForm()
    context: dict[str, object] = {}
    if request.method == "POST" and "batch" in request.POST:
        batch = get_object_or_404(
            ShapeImport, pk=request.POST.get("batch") or 0, created_by=request.user
        )
        try:
            written = services.shape_import_confirm(batch=batch, user=request.user)
        except ValidationError as error:
            context["errors"] = error.messages
        else:
            messages.success(request, _("已导入 %(n)d 个图形") % {"n": written})
            return HttpResponseRedirect(reverse("maps:map"))
    elif request.method == "POST":
        form = ShapeImportForm(request.POST, request.FILES)
        if form.is_valid():
            content = form.cleaned_data["file"]
            options = {
                "user": request.user,
                "kind": ShapeKind(form.cleaned_data["kind"]),
                "code_property": form.cleaned_data["code_property"],
                "filename": form.filename,
            }
            if isinstance(content, bytes):
                batch, check = services.shapefile_import_upload(**options, data=content)
            else:
                batch, check = services.shape_import_upload(**options, text=content)
            context.update({"batch": batch if check.ok else None, "check": check,
                            "errors": check.errors})  # fmt: skip
    context["form"] = form
    return render(request, "maps/import.html", context)


@permission_required(VIEW, raise_exception=True)
def basemap(request: HttpRequest) -> HttpResponse | FileResponse:
    """The park's PMTiles basemap, by byte ranges as the PMTiles reader asks for them."""
    path = basemap_path()
    if path is None:
        raise Http404
    size = path.stat().st_size
    match = RANGE.match(request.headers.get("Range", ""))
    if match is None:
        whole = FileResponse(path.open("rb"), content_type="application/x-pmtiles")
        whole["Accept-Ranges"] = "bytes"
        return whole
    start = int(match[1])
    end = min(int(match[2]) if match[2] else size - 1, size - 1)
    if start > end:
        response = HttpResponse(status=416)  # range not satisfiable
        response["Content-Range"] = f"bytes */{size}"
        return response
    with path.open("rb") as handle:
        handle.seek(start)
        body = handle.read(end - start + 1)
    response = HttpResponse(body, status=206, content_type="application/x-pmtiles")
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    return response
