"""Pages of the inspection record. Each view reads through a selector, writes through a service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from parkops.common.history import history_of
from parkops.common.lists import Export, export_xlsx, list_page
from parkops.common.types import AuthedHttpRequest
from parkops.enforcement import exports, rectifications, selectors, services
from parkops.enforcement.choices import RectificationStatus, ReinspectionResult
from parkops.enforcement.filtersets import InspectionFilterSet, PenaltyFilterSet
from parkops.enforcement.forms import (
    ExternalPenaltyForm,
    FindingFormSet,
    InspectionForm,
    PenaltyForm,
    PhotoForm,
    ReinspectionForm,
)
from parkops.enforcement.models import FindingPhoto
from parkops.enforcement.tables import InspectionTable, PenaltyTable


def xlsx_name(name: str) -> str:
    return f"{name}-{timezone.localdate().isoformat()}"


def exports_of(url_name: str) -> list[Export]:
    # Drawn inside the results partial, so that after a filter change it exports what is shown.
    return [Export(_("导出 Excel"), reverse(url_name), id="export")]


# --- the inspection ledger -------------------------------------------------------------------
def _inspections(request: HttpRequest) -> InspectionFilterSet:
    return InspectionFilterSet(request.GET, queryset=selectors.inspection_list(user=request.user))


@permission_required("enforcement.view_inspection", raise_exception=True)
def inspection_list(request: HttpRequest) -> HttpResponse:
    filterset = _inspections(request)
    return list_page(
        request, "enforcement/inspection_list.html", filterset, InspectionTable(filterset.qs),
        exports=exports_of("enforcement:inspection_export"),
    )  # fmt: skip


@permission_required("enforcement.view_inspection", raise_exception=True)
def inspection_export(request: HttpRequest) -> HttpResponse:
    inspections = _inspections(request).qs.prefetch_related("penalties")
    return export_xlsx(
        request, inspections, write=lambda: exports.inspections_xlsx(inspections),
        filename=xlsx_name(_("执法检查台账")),
    )  # fmt: skip


@permission_required("enforcement.add_inspection", raise_exception=True)
def inspection_new(request: AuthedHttpRequest) -> HttpResponse:
    user = request.user
    form = InspectionForm(request.POST or None, user=user)
    findings = FindingFormSet(request.POST or None, prefix="findings")
    if request.method == "POST" and form.is_valid() and findings.is_valid():
        data = dict(form.cleaned_data)
        departments = data.pop("departments")
        rows = [f.cleaned_data for f in findings.forms if f.has_changed() and f.cleaned_data]
        try:
            inspection = services.inspection_create(
                user=user, data=data, departments=departments, findings=rows
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已录入检查记录 %(n)s") % {"n": inspection.number})
            return HttpResponseRedirect(inspection.get_absolute_url())
    return render(request, "enforcement/inspection_form.html", {"form": form, "findings": findings})


@permission_required("enforcement.view_inspection", raise_exception=True)
def inspection_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, pk=pk)
    editable = selectors.can_edit(request.user, inspection)
    user = request.user
    penalty_form = PenaltyForm(user=user, inspection=inspection, prefix="penalty")
    reinspect_form = ReinspectionForm(prefix="re", inspection=inspection)
    photo_form = PhotoForm(prefix="photo", inspection=inspection)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        action = request.POST.get("action")
        try:
            if action == "penalty":
                penalty_form = PenaltyForm(
                    request.POST, user=user, inspection=inspection, prefix="penalty"
                )
                if penalty_form.is_valid():
                    services.penalty_create(
                        user=request.user, enterprise=inspection.enterprise,
                        inspection=inspection, data=penalty_form.cleaned_data,
                    )  # fmt: skip
                    messages.success(request, _("已录入处罚决定"))
                    return HttpResponseRedirect(inspection.get_absolute_url())
            elif action == "reinspect":
                reinspect_form = ReinspectionForm(request.POST, prefix="re", inspection=inspection)
                if reinspect_form.is_valid():
                    data = reinspect_form.cleaned_data
                    services.finding_reinspect(
                        user=request.user,
                        finding=data["finding"],
                        reinspected_on=data["reinspected_on"],
                        result=ReinspectionResult(data["result"]), note=data["note"],
                    )  # fmt: skip
                    messages.success(request, _("已记录复查结果"))
                    return HttpResponseRedirect(inspection.get_absolute_url())
            elif action == "photo":
                photo_form = PhotoForm(
                    request.POST, request.FILES, prefix="photo", inspection=inspection
                )
                if photo_form.is_valid():
                    services.finding_photo_add(
                        user=request.user,
                        finding=photo_form.cleaned_data["finding"],
                        upload=photo_form.cleaned_data["file"],
                    )
                    messages.success(request, _("已上传照片"))
                    return HttpResponseRedirect(inspection.get_absolute_url())
        except ValidationError as error:
            target = {"penalty": penalty_form, "reinspect": reinspect_form}.get(
                action or "", photo_form
            )
            for message in error.messages:
                target.add_error(None, message)
    context = {
        "inspection": inspection,
        "editable": editable,
        "penalty_form": penalty_form,
        "reinspect_form": reinspect_form,
        "photo_form": photo_form,
        "history": history_of(inspection, inspection.findings.all(), inspection.penalties.all()),
    }
    return render(request, "enforcement/inspection_detail.html", context)


@permission_required("enforcement.view_inspection", raise_exception=True)
def photo(request: HttpRequest, pk: int) -> FileResponse:
    """A finding's photo, only to a user who may read its inspection."""
    item = get_object_or_404(
        FindingPhoto.objects.filter(
            finding__inspection__in=selectors.inspections_visible_to(request.user)
        ),
        pk=pk,
    )
    return FileResponse(item.file.open("rb"), content_type=item.content_type)


# --- rectifications --------------------------------------------------------------------------
def _rectifications(request: HttpRequest) -> tuple[str, list[rectifications.Rectification]]:
    status = request.GET.get("status", "")
    if status not in RectificationStatus.values:
        status = ""
    rows = rectifications.rectification_list(
        user=request.user, today=timezone.localdate(), status=status
    )
    return status, rows


@permission_required("enforcement.view_finding", raise_exception=True)
def rectification_list(request: HttpRequest) -> HttpResponse:
    status, rows = _rectifications(request)
    context = {"rows": rows, "status": status, "statuses": RectificationStatus.choices}
    return render(request, "enforcement/rectification_list.html", context)


@permission_required("enforcement.view_finding", raise_exception=True)
def rectification_export(request: HttpRequest) -> HttpResponse:
    _status, rows = _rectifications(request)
    return export_xlsx(
        request, rows, write=lambda: exports.rectifications_xlsx(rows),
        filename=xlsx_name(_("整改清单")),
    )  # fmt: skip


# --- penalties -------------------------------------------------------------------------------
@permission_required("enforcement.view_penalty", raise_exception=True)
def penalty_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.penalties_visible_to(request.user).select_related("enterprise", "department")
    filterset = PenaltyFilterSet(request.GET, queryset=qs)
    return list_page(
        request, "enforcement/penalty_list.html", filterset, PenaltyTable(filterset.qs)
    )


@permission_required("enforcement.add_penalty", raise_exception=True)
def penalty_new(request: AuthedHttpRequest) -> HttpResponse:
    """A penalty decided elsewhere, entered from its document."""
    user = request.user
    form = ExternalPenaltyForm(request.POST or None, request.FILES or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        enterprise, document = data.pop("enterprise"), data.pop("document")
        try:
            services.penalty_create(user=user, enterprise=enterprise, data=data, document=document)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已录入处罚决定"))
            return HttpResponseRedirect(request.path.replace("new/", ""))
    return render(
        request,
        "enforcement/upload_form_page.html",
        {"form": form, "title": _("按文书录入处罚决定"), "next": request.path.replace("new/", "")},
    )
