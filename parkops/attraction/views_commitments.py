"""Pages of the commitments after signing (履约): the list of projects against their commitments,
its export, and the commitment's edit page on a signed lead."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from parkops.attraction import exports, selectors
from parkops.attraction.choices import CommitmentStatus
from parkops.attraction.commitments import (
    CommitmentRow,
    commitment_checks,
    commitment_save,
    committed_leads,
)
from parkops.attraction.forms import CommitmentFilterForm, CommitmentForm
from parkops.attraction.models import Commitment
from parkops.attraction.tables import CommitmentTable
from parkops.common.lists import Export, export_xlsx, list_page
from parkops.common.types import AuthedHttpRequest
from parkops.common.xlsx import dated
from parkops.registry.selectors import smallparks_visible_to

VIEW = "attraction.view_commitment"
# Behind first, then awaiting the report, then met; within each the latest year first.
ORDER = {CommitmentStatus.BEHIND: 0, CommitmentStatus.PENDING: 1, CommitmentStatus.MET: 2}


def _rows(request: HttpRequest) -> tuple[CommitmentFilterForm, list[CommitmentRow]]:
    form = CommitmentFilterForm(request.GET, parks=smallparks_visible_to(request.user))
    form.is_valid()
    data = form.cleaned_data
    leads = committed_leads(request.user)
    if data.get("q"):
        leads = leads.filter(company_name__icontains=data["q"])
    if data.get("owner_park"):
        leads = leads.filter(owner_park=data["owner_park"])
    rows = commitment_checks(leads, today=timezone.localdate())
    if data.get("year"):
        rows = [r for r in rows if r.check.year == data["year"]]
    if data.get("figure"):
        rows = [r for r in rows if r.figure == data["figure"]]
    if data.get("status"):
        rows = [r for r in rows if r.status == data["status"]]
    rows.sort(key=lambda r: (ORDER[r.status], -r.check.year, r.lead.company_name))
    return form, rows


@permission_required(VIEW, raise_exception=True)
def commitment_list(request: HttpRequest) -> HttpResponse:
    form, rows = _rows(request)
    return list_page(
        request, "attraction/commitment_list.html", form, CommitmentTable(rows),
        exports=[Export(_("导出 Excel"), reverse("attraction:commitment_export"), id="export")],
    )  # fmt: skip


@permission_required(VIEW, raise_exception=True)
def commitment_export(request: HttpRequest) -> HttpResponse:
    _form, rows = _rows(request)
    return export_xlsx(
        request, rows, write=lambda: exports.commitments_xlsx(rows), filename=dated(_("履约情况"))
    )


@permission_required("attraction.change_lead", raise_exception=True)
def commitment_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    lead = selectors.lead_get(user=request.user, pk=pk)
    if not selectors.can_work(request.user, lead):
        raise PermissionDenied
    instance = Commitment.objects.filter(lead=lead).first() or Commitment(lead=lead)
    form = CommitmentForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason", "")
        try:
            commitment_save(
                user=request.user, lead=lead, data=data, version=form.based_on, reason=reason
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已保存"))
            return HttpResponseRedirect(lead.get_absolute_url())
    return render(
        request, "web/form_page.html",
        {"form": form, "title": _("履约承诺：%(name)s") % {"name": lead.company_name},
         "record": lead},
    )  # fmt: skip
