"""The evaluation method's own pages for the park office: the form editor, the file export and
the file import. Each saves through services.scheme_version_create / scheme_import."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.forms import BaseFormSet
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parkops.common.types import AuthedHttpRequest
from parkops.common.versioning import StaleVersion
from parkops.common.xlsx import download_headers
from parkops.evaluation import services
from parkops.evaluation.forms import SchemeImportForm
from parkops.evaluation.models import SchemeVersion
from parkops.evaluation.scheme_forms import (
    PREFIXES,
    IndicatorFormSet,
    PopulationFormSet,
    SchemeMainForm,
    VetoFormSet,
    definition_build,
    definition_initial,
)

EDIT = "evaluation.add_schemeversion"


@permission_required(EDIT, raise_exception=True)
def scheme_form_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """The method in a form; saving stores the next version (with its reason) after the scheme's
    parser accepts the whole, else every problem is listed, naming the field."""
    version = get_object_or_404(SchemeVersion.objects.select_related("scheme"), pk=pk)
    initial = definition_initial(version.definition)
    latest = version.scheme.versions.aggregate(n=Max("number"))["n"]
    data = request.POST if request.method == "POST" else None
    main = SchemeMainForm(data, initial={**initial["main"], "latest": latest})
    sets: dict[str, BaseFormSet[Any]] = {
        "populations": PopulationFormSet(
            data, initial=initial["populations"], prefix=PREFIXES["populations"]
        ),
        "indicators": IndicatorFormSet(
            data, initial=initial["indicators"], prefix=PREFIXES["indicators"]
        ),
        "vetoes": VetoFormSet(data, initial=initial["vetoes"], prefix=PREFIXES["vetoes"]),
    }
    problems: list[str] = []
    if data is not None and main.is_valid() and all(s.is_valid() for s in sets.values()):
        try:
            definition = definition_build(
                version.definition,
                main.cleaned_data,
                populations=sets["populations"],
                indicators=sets["indicators"],
                vetoes=sets["vetoes"],
            )
            new = services.scheme_version_create(
                scheme=version.scheme,
                definition=definition,
                user=request.user,
                note=main.cleaned_data["reason"],
                based_on=version,
                latest_seen=main.cleaned_data["latest"],
            )
        except StaleVersion as error:
            main.add_error(None, error.messages)
        except ValidationError as error:
            problems = error.messages
        else:
            if new.pk == version.pk:
                messages.info(request, _("方案没有改动，未保存新版本"))
            else:
                messages.success(request, _("已保存为新版本 %(v)s") % {"v": new})
            return HttpResponseRedirect(new.get_absolute_url())
    context: dict[str, Any] = {"version": version, "main": main, "problems": problems, **sets}
    return render(request, "evaluation/scheme_form_edit.html", context)


@permission_required(EDIT, raise_exception=True)
def scheme_export(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """The version's definition as a .json file, as the import and `parkops evaluate` read it."""
    version = get_object_or_404(SchemeVersion.objects.select_related("scheme"), pk=pk)
    body = json.dumps(version.definition, ensure_ascii=False, indent=2)
    response = HttpResponse(body.encode(), content_type="application/json; charset=utf-8")
    return download_headers(response, f"{version.scheme.name}-v{version.number}.json")


@require_POST
@permission_required(EDIT, raise_exception=True)
def scheme_import(request: AuthedHttpRequest) -> HttpResponse:
    """A .json file checked whole: a new version of the scheme it names (or the identical
    version already stored); nothing is stored when any problem is found."""
    form = SchemeImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            version = services.scheme_import(
                definition=form.cleaned_data["file"],
                user=request.user,
                note=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("已导入为 %(v)s") % {"v": version})
            return HttpResponseRedirect(version.get_absolute_url())
    else:
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, str(text))
    return HttpResponseRedirect(reverse("evaluation:scheme_list"))
