"""Pages of the import: upload, preview with every error, confirm, undo; templates; exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parkops.accounts.roles import sees_whole_park
from parkops.common.lists import EXPORT_CHUNK, export_filtered, export_xlsx
from parkops.common.xlsx import dated, xlsx_file, xlsx_response
from parkops.core.tabular import TableError
from parkops.imports.choices import ImportKind
from parkops.imports.engine import Plan
from parkops.imports.exports import kind_columns
from parkops.imports.forms import UploadForm
from parkops.imports.issues import file_message
from parkops.imports.jobs import confirm_enqueue
from parkops.imports.kinds import ENTERPRISES, FIGURES, KINDS, PLOTS, SMALL_PARKS
from parkops.imports.models import ImportBatch
from parkops.imports.preview import added_page, changed_page
from parkops.imports.selectors import batch_get, batch_list, figures_for_export
from parkops.imports.services import (
    ImportRefused,
    import_check,
    import_limits,
    import_undo,
    import_upload,
    last_applied_batch,
)
from parkops.imports.tables import BatchTable
from parkops.registry.filtersets import enterprises_filtered, plots_filtered, smallparks_filtered

SHOWN_ISSUES = 300


def _park_wide(request: HttpRequest) -> None:
    # The import log covers the whole park: road chiefs and small-park owners do not see it.
    if not sees_whole_park(request.user):
        raise PermissionDenied


def _may_import(request: HttpRequest, kind: str) -> None:
    model = KINDS[kind].model._meta
    needed = ("imports.add_importbatch", f"{model.app_label}.add_{model.model_name}")
    if not request.user.has_perms(needed):
        raise PermissionDenied


def _home_context(request: HttpRequest, form: UploadForm) -> dict[str, object]:
    return {
        "form": form,
        "table": BatchTable(batch_list()[:50]),
        "kinds": ImportKind.choices,
        "last": last_applied_batch(),
        "limit_mb": import_limits().max_bytes // (1024 * 1024),
    }


@permission_required("imports.view_importbatch", raise_exception=True)
def import_home(request: HttpRequest) -> HttpResponse:
    _park_wide(request)
    return render(request, "imports/home.html", _home_context(request, UploadForm()))


PREVIEW_PARTS = {
    "added": "imports/_preview_added.html",
    "changed": "imports/_preview_changed.html",
}


def _preview(request: HttpRequest, batch: ImportBatch | None, plan: Plan) -> HttpResponse:
    context: dict[str, object] = {
        "batch": batch,
        "plan": plan,
        "errors": plan.errors[:SHOWN_ISSUES],
        "warnings": plan.warnings[:SHOWN_ISSUES],
        "more_errors": max(0, len(plan.errors) - SHOWN_ISSUES),
        "more_warnings": max(0, len(plan.warnings) - SHOWN_ISSUES),
        "form": UploadForm(initial={"kind": batch.kind if batch else None}),
    }
    if batch and plan.ok:  # what confirming writes, page by page
        headers, added, added_rows = added_page(plan, request.GET.get("added"))
        changed, changed_rows = changed_page(plan, request.GET.get("changed"))
        context.update(
            added_headers=headers,
            added=added,
            added_rows=added_rows,
            changed=changed,
            changed_rows=changed_rows,
        )
        part = PREVIEW_PARTS.get(request.GET.get("part", ""))
        if part and getattr(request, "htmx", False):
            return render(request, part, context)
    return render(request, "imports/preview.html", context)


@require_POST
@permission_required("imports.add_importbatch", raise_exception=True)
def import_upload_view(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "imports/home.html", _home_context(request, form), status=400)
    kind = form.cleaned_data["kind"]
    _may_import(request, kind)
    upload = form.cleaned_data["file"]
    limits = import_limits()
    if upload.size > limits.max_bytes:  # refused before the file is read into memory
        error = TableError(
            "too_big",
            size_mb=round(upload.size / 1024 / 1024, 1),
            limit_mb=round(limits.max_bytes / 1024 / 1024, 1),
        )
        form.add_error("file", file_message(error))
        return render(request, "imports/home.html", _home_context(request, form), status=400)
    batch, plan = import_upload(
        kind=kind, data=upload.read(), file_name=upload.name, user=request.user
    )
    return _preview(request, batch, plan)


@permission_required("imports.add_importbatch", raise_exception=True)
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    batch = batch_get(pk=pk, pending=True)
    plan = import_check(
        kind=batch.kind, data=bytes(batch.content or b""), file_name=batch.file_name
    )
    return _preview(request, batch, plan)


@require_POST
@permission_required("imports.add_importbatch", raise_exception=True)
def import_confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = batch_get(pk=pk)
    _may_import(request, batch.kind)
    # The write runs on the queue; confirming the same preview again finds the same job.
    try:
        job = confirm_enqueue(batch=batch, user=request.user)
    except ImportRefused as refused:
        messages.error(request, str(refused))
        return HttpResponseRedirect(reverse("imports:home"))
    return HttpResponseRedirect(job.get_absolute_url())


@require_POST
@permission_required("imports.change_importbatch", raise_exception=True)
def import_undo_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = batch_get(pk=pk)
    _may_import(request, batch.kind)
    try:
        import_undo(batch=batch, user=request.user)
    except ImportRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("已撤销批次 #%(id)s") % {"id": batch.pk})
    return HttpResponseRedirect(reverse("imports:home"))


def template_download(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    # A template is for importing, and its drop-downs list the whole park's small parks.
    _may_import(request, kind)
    from parkops.imports.xlsx_templates import template_file

    label = ImportKind(kind).label
    return xlsx_response(
        template_file(KINDS[kind]), dated(_("导入模板-%(kind)s") % {"kind": label})
    )


@permission_required("registry.view_enterprise", raise_exception=True)
def export_enterprises(request: HttpRequest) -> HttpResponse:
    return export_filtered(
        request,
        enterprises_filtered(request),
        columns=kind_columns(ENTERPRISES),
        filename=_("企业"),
        order=("name",),
    )


@permission_required("registry.view_smallpark", raise_exception=True)
def export_small_parks(request: HttpRequest) -> HttpResponse:
    return export_filtered(
        request,
        smallparks_filtered(request),
        columns=kind_columns(SMALL_PARKS),
        filename=_("小园区"),
        order=("plan_sequence", "name"),
    )


@permission_required("registry.view_landplot", raise_exception=True)
def export_plots(request: HttpRequest) -> HttpResponse:
    return export_filtered(
        request,
        plots_filtered(request),
        columns=kind_columns(PLOTS),
        filename=_("地块"),
        order=("name",),
    )


@permission_required("registry.view_enterpriseyear", raise_exception=True)
def export_figures(request: HttpRequest) -> HttpResponse:
    """Every visible enterprise's annual figures (?year= for one year), in the import's columns."""
    records = figures_for_export(user=request.user, year=request.GET.get("year", ""))
    return export_xlsx(
        request, records,
        write=lambda: xlsx_file(
            columns=kind_columns(FIGURES), records=records.iterator(chunk_size=EXPORT_CHUNK)
        ),
        filename=dated(_("企业年度数据")),
    )  # fmt: skip
