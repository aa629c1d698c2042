"""Pages of requests (诉求): list, new, detail with its actions, attachments. Reads through the
selectors, writes through the services; the bulletin and inbox pages are in views_reports.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parkops.accounts.roles import Role, roles_of
from parkops.common.forms import add_service_errors
from parkops.common.lists import Export, export_xlsx, list_page
from parkops.common.types import AuthedHttpRequest
from parkops.common.versioning import StaleVersion, version_of
from parkops.service import attachments, exports, selectors, services
from parkops.service.actions import ACTIONS, allowed_actions, may_attach
from parkops.service.clock import holder_shares, hours
from parkops.service.filtersets import RequestFilterSet
from parkops.service.forms import AttachmentForm, RequestCreateForm
from parkops.service.models import Attachment, CategoryLimit, ServiceRequest
from parkops.service.rules import is_park_office
from parkops.service.selectors_calendar import work_calendar
from parkops.service.tables import RequestTable

VIEW = "service.view_servicerequest"


def may_create(user: User) -> bool:
    return is_park_office(user) or bool(roles_of(user) & {Role.ROAD_CHIEF, Role.GRID_OFFICER})


def _filtered(request: HttpRequest) -> RequestFilterSet:
    return RequestFilterSet(request.GET, queryset=selectors.request_list(user=request.user))


@permission_required(VIEW, raise_exception=True)
def request_list(request: AuthedHttpRequest) -> HttpResponse:
    filterset = _filtered(request)
    table = RequestTable(
        filterset.qs.prefetch_related("pauses"),
        calendar=work_calendar(),
        limits={row.category: row for row in CategoryLimit.objects.all()},
    )
    return list_page(
        request, "service/request_list.html", filterset, table,
        exports=[Export(_("导出 Excel"), reverse("service:request_export"), id="export")],
        context={"may_create": may_create(request.user)},
    )  # fmt: skip


@permission_required(VIEW, raise_exception=True)
def request_export(request: AuthedHttpRequest) -> HttpResponse:
    rows = _filtered(request).qs.order_by("-received_at")
    stamp = timezone.localdate().isoformat()
    return export_xlsx(
        request,
        rows,
        write=lambda: exports.requests_xlsx(rows),
        filename=f"{_('企业诉求')}-{stamp}",
    )


@permission_required(VIEW, raise_exception=True)
def request_new(request: AuthedHttpRequest) -> HttpResponse:
    user = request.user
    if not may_create(user):
        raise PermissionDenied(_("只有园区办、路长和网格员可以登记诉求。"))
    form = RequestCreateForm(request.POST or None, request.FILES or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("file")
        try:
            if upload:
                attachments.attachment_check(upload)
            created = services.request_accept(user=user, **data)
            if upload:
                attachments.attachment_add(request=created, user=user, upload=upload)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已受理诉求 %(number)s") % {"number": created.number})
            return HttpResponseRedirect(created.get_absolute_url())
    return render(request, "service/request_new.html", {"form": form})


def _detail(
    request: AuthedHttpRequest,
    obj: ServiceRequest,
    bound: tuple[str, object] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    version = version_of(obj)
    forms = []
    refusal = None
    allowed = allowed_actions(user, obj)
    if bound is not None and bound[0] not in {a.name for a in allowed}:
        # The action is not offered to this user (a department that does not hold the
        # request): its form is not on the page, so its refusal is shown above it.
        refusal = " ".join(str(e) for e in bound[1].non_field_errors())  # type: ignore[attr-defined]
    for action in allowed:
        if bound is not None and bound[0] == action.name:
            form = bound[1]
        else:
            form = action.form(initial={"version": version}, prefix=action.name)
        forms.append((action, form))
    calendar = work_calendar()
    shares = holder_shares(obj, calendar=calendar, now=timezone.now())
    limit = CategoryLimit.objects.filter(category=obj.category).first() or CategoryLimit(
        limit_days=15
    )
    clocked = selectors.escalations([obj], calendar=calendar)[0]
    context = {
        "req": obj, "forms": forms, "escalation": clocked.escalation, "limit": limit,
        "refusal": refusal,
        "shares": [(dept, hours(s.elapsed), hours(s.late)) for dept, s in shares.items()],
        "attach_form": AttachmentForm() if may_attach(user, obj) else None,
    }  # fmt: skip
    return render(request, "service/request_detail.html", context, status=status)


@permission_required(VIEW, raise_exception=True)
def request_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.request_get(user=request.user, pk=pk))


@require_POST
@permission_required(VIEW, raise_exception=True)
def request_act(request: AuthedHttpRequest, pk: int, action: str) -> HttpResponse:
    obj = selectors.request_get(user=request.user, pk=pk)
    if action not in ACTIONS:
        raise Http404
    chosen = ACTIONS[action]
    form = chosen.form(request.POST, prefix=action)
    if not form.is_valid():
        return _detail(request, obj, (action, form), status=422)
    data = dict(form.cleaned_data)
    version = data.pop("version") or None
    try:
        chosen.run(request=obj, user=request.user, version=version, **data)
    except StaleVersion as error:
        form.add_error(None, error)
        return _detail(
            request, selectors.request_get(user=request.user, pk=pk), (action, form), 409
        )
    except PermissionDenied as error:
        form.add_error(None, str(error))
        return _detail(request, obj, (action, form), status=403)
    except ValidationError as error:
        add_service_errors(form, error)
        return _detail(request, obj, (action, form), status=422)
    messages.success(request, _("已%(action)s") % {"action": chosen.label})
    return HttpResponseRedirect(obj.get_absolute_url())


@require_POST
@permission_required(VIEW, raise_exception=True)
def attachment_upload(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    obj = selectors.request_get(user=request.user, pk=pk)
    user = request.user
    if not may_attach(user, obj):
        raise PermissionDenied(_("您无权为此诉求上传附件。"))
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachments.attachment_add(request=obj, user=user, upload=form.cleaned_data["file"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("已上传附件"))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return HttpResponseRedirect(obj.get_absolute_url())


@permission_required(VIEW, raise_exception=True)
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = get_object_or_404(
        Attachment.objects.filter(request__in=selectors.requests_visible_to(request.user)), pk=pk
    )
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as error:  # lost from the storage root (a partial restore)
        raise Http404(_("附件文件缺失")) from error
    return FileResponse(
        handle, as_attachment=True, filename=attachment.name,
        content_type=attachments.content_type(attachment),
    )  # fmt: skip
