"""The veto-list upload page: choose the rule-set version, the list and its source document,
upload the .xlsx, see what would be loaded (or every error by row and column), then load it all
or nothing. The uploaded file waits in the session between the preview and the load."""

from __future__ import annotations

import base64
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from parkops.attraction.choices import VetoKind
from parkops.attraction.forms import VetoUploadForm
from parkops.attraction.models import AdmissionRuleSet
from parkops.attraction.vetoes import LIMIT_BYTES, veto_list_import, veto_list_preview
from parkops.common.types import AuthedHttpRequest

PENDING = "attraction-veto-upload"
SHOWN = 200  # rows the preview lists; the count says how many there are


def _pending(request: AuthedHttpRequest) -> dict[str, Any] | None:
    pending: dict[str, Any] | None = request.session.get(PENDING)
    return pending


def _load(request: AuthedHttpRequest) -> HttpResponse | None:
    pending = _pending(request)
    if pending is None:
        messages.error(request, _("没有待载入的清单，请重新上传"))
        return None
    rule_set = AdmissionRuleSet.objects.filter(pk=pending["rule_set"]).first()
    if rule_set is None:
        messages.error(request, _("该准入规则版本已不存在，请重新上传"))
        return None
    veto = veto_list_import(
        rule_set=rule_set, kind=pending["kind"], source=pending["source"],
        content=base64.b64decode(pending["content"]),
    )  # fmt: skip
    del request.session[PENDING]
    messages.success(
        request,
        _("已载入%(kind)s %(n)s 项") % {"kind": veto.get_kind_display(), "n": veto.items.count()},
    )
    return HttpResponseRedirect(reverse("attraction:rule_set"))


@permission_required("attraction.add_vetolist", raise_exception=True)
def veto_upload(request: AuthedHttpRequest) -> HttpResponse:
    form = VetoUploadForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and request.POST.get("action") == "load":
        try:
            done = _load(request)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            done = None
        if done is not None:
            return done
        form = VetoUploadForm()
        context["form"] = form
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = form.cleaned_data
        try:
            if upload.size > LIMIT_BYTES:
                raise ValidationError(_("文件超过 5 MB，请拆分后载入"))
            content = upload.read()
            rows = veto_list_preview(
                rule_set=data["rule_set"], kind=data["kind"], source=data["source"],
                content=content,
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session[PENDING] = {
                "rule_set": data["rule_set"].pk, "kind": data["kind"],
                "source": data["source"], "content": base64.b64encode(content).decode(),
            }  # fmt: skip
            context |= {
                "rows": rows[:SHOWN], "count": len(rows), "rule_set": data["rule_set"],
                "kind": VetoKind(data["kind"]).label, "source": data["source"],
                "replaces": data["rule_set"].veto_lists.filter(kind=data["kind"]).first(),
            }  # fmt: skip
    return render(request, "attraction/veto_upload.html", context)
