"""Pages of the small parks' estates and ratings. Reads through selectors, writes through services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from parkops.common.forms import add_service_errors
from parkops.common.lists import Export, export_rows, export_xlsx, list_page
from parkops.common.pages import year_from_query
from parkops.registry.models import SmallPark
from parkops.registry.selectors import smallpark_get
from parkops.smallparks import jobs, rating_selectors, rules, selectors, services
from parkops.smallparks.choices import LEVEL_POLICY, UNRATED, RatingLevel
from parkops.smallparks.exports import vacancy_xlsx
from parkops.smallparks.filtersets import VacancyFilterSet
from parkops.smallparks.forms import BuildingForm, DateForm, RunForm, TenancyForm, VacancyForm
from parkops.smallparks.tables import VacancyTable


def _latest_rating_year() -> int:
    years = rating_selectors.rating_years()
    return years[0] if years else timezone.localdate().year - 1


def _year(request: HttpRequest) -> int:
    return year_from_query(request, _latest_rating_year)


@permission_required("smallparks.view_smallparkrating", raise_exception=True)
def rating_list(request: HttpRequest) -> HttpResponse:
    years = rating_selectors.rating_years()  # read once: the default year and the year picker
    year = year_from_query(request, lambda: years[0] if years else timezone.localdate().year - 1)
    rows = rating_selectors.rating_rows(user=request.user, year=year)
    # ?level=good|unbalanced|inefficient|unrated: the parks at one level (the cockpit links here).
    level = request.GET.get("level", "")
    if level in RatingLevel.values:
        rows = [r for r in rows if r.rating is not None and r.rating.level == level]
    elif level == UNRATED:
        rows = [r for r in rows if r.rating is None]
    else:
        level = ""
    rule_set = (
        next((r.rating.rule_set for r in rows if r.rating), None)
        or rating_selectors.rule_set_shown()
    )
    context = {
        "year": year,
        "level": level,
        "level_label": RatingLevel(level).label if level in RatingLevel.values else _("未评定"),
        "years": years,
        "rows": rows,
        "policies": [(level.label, LEVEL_POLICY[level], level.colour.css) for level in RatingLevel],
        "rule_set": rule_set,
        "rating_rules": rules.rating_rules(rule_set),
        "differences": rules.differences(rule_set),
    }
    return render(request, "smallparks/rating_list.html", context)


@require_POST
@permission_required("smallparks.add_smallparkrating", raise_exception=True)
def rating_run(request: HttpRequest) -> HttpResponse:
    form = RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("年度应在 2000–2100 之间"))
        return HttpResponseRedirect(reverse("smallparks:rating_list"))
    job = jobs.rating_enqueue(year=form.cleaned_data["year"], user=request.user)
    return HttpResponseRedirect(job.get_absolute_url())


@permission_required("smallparks.view_tenancy", raise_exception=True)
def estate(request: HttpRequest, pk: int) -> HttpResponse:
    park = smallpark_get(user=request.user, pk=pk)
    today = timezone.localdate()
    ratings = [
        (r, LEVEL_POLICY[RatingLevel(r.level)], RatingLevel(r.level).colour.css)
        for r in rating_selectors.ratings_of(park)
    ]
    latest = ratings[0][0] if ratings else None
    inefficient = []
    if latest is not None and latest.level == RatingLevel.INEFFICIENT:
        inefficient = rating_selectors.inefficient_tenants(
            user=request.user, small_park=park, year=latest.year, rule_set=latest.rule_set
        )
    context = {
        "park": park,
        "today": today,
        "occupancy": selectors.occupancy(park, today),
        "buildings": selectors.estate_buildings(park),
        "tenancies": selectors.estate_tenancies(user=request.user, small_park=park),
        "unleased": selectors.tenants_without_lease(user=request.user, small_park=park, on=today),
        "vacancies": selectors.estate_vacancies(park, today),
        "ratings": ratings,
        "latest": latest,
        "missing": rating_selectors.rating_missing(park) if latest is None else "",
        "inefficient": inefficient,
        "can_maintain": selectors.can_maintain(request.user, park),
    }
    return render(request, "smallparks/estate.html", context)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """我的园区: the owner's own estate page (a choice when the account owns several parks)."""
    parks = list(selectors.parks_owned_by(request.user))
    if len(parks) == 1:
        return HttpResponseRedirect(reverse("smallparks:estate", args=[parks[0].pk]))
    return render(request, "smallparks/mine.html", {"parks": parks})


def _maintained_park(request: HttpRequest, pk: int) -> SmallPark:
    park = selectors.smallpark_by_pk(pk)
    if not selectors.can_maintain(request.user, park):
        raise PermissionDenied
    return park


FORMS: dict[str, tuple[Any, Any, Any]] = {
    "building": (BuildingForm, services.building_create, gettext_lazy("新增楼栋")),
    "tenancy": (TenancyForm, services.tenancy_create, gettext_lazy("新增租赁")),
    "vacancy": (VacancyForm, services.vacancy_create, gettext_lazy("登记空置厂房")),
}


def estate_add(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    if what not in FORMS:
        raise Http404
    park = _maintained_park(request, pk)
    form_class, create, title = FORMS[what]
    kwargs: dict[str, Any] = {} if what == "building" else {"small_park": park}
    if what == "tenancy":
        kwargs["candidates"] = selectors.tenancy_candidates(user=request.user, small_park=park)
    if what == "tenancy" and request.GET.get("enterprise", "").isdigit():
        # From the estate page's "未登记租约" line: the enterprise is chosen already.
        kwargs["initial"] = {"enterprise": int(request.GET["enterprise"])}
    form = form_class(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            create(small_park=park, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存"))
            return HttpResponseRedirect(reverse("smallparks:estate", args=[park.pk]))
    context = {"form": form, "park": park, "title": title}
    return render(request, "smallparks/estate_form.html", context)


@require_POST
def tenancy_end(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    park = _maintained_park(request, pk)
    tenancy = selectors.tenancy_of(small_park=park, pk=item)
    form = DateForm(request.POST)
    if form.is_valid():
        try:
            services.tenancy_end(tenancy=tenancy, ends_on=form.cleaned_data["on"])
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
    else:
        messages.error(request, _("请填写日期"))
    return HttpResponseRedirect(reverse("smallparks:estate", args=[park.pk]))


@require_POST
def vacancy_let(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    park = _maintained_park(request, pk)
    vacancy = selectors.vacancy_of(small_park=park, pk=item)
    form = DateForm(request.POST)
    if form.is_valid():
        try:
            services.vacancy_let(vacancy=vacancy, let_on=form.cleaned_data["on"])
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
    else:
        messages.error(request, _("请填写日期"))
    return HttpResponseRedirect(reverse("smallparks:estate", args=[park.pk]))


@permission_required("smallparks.view_vacantspace", raise_exception=True)
def vacancy_list(request: HttpRequest) -> HttpResponse:
    filterset = VacancyFilterSet(request.GET, queryset=selectors.vacancy_list(user=request.user))
    if request.GET.get("format") == "xlsx":
        rows = export_rows(request, filterset)
        return export_xlsx(request, rows, write=lambda: vacancy_xlsx(rows), filename=_("空置厂房"))
    export = Export(
        _("导出 Excel"), reverse("smallparks:vacancy_list"), "vacancy-export", (("format", "xlsx"),)
    )
    return list_page(
        request,
        "smallparks/vacancy_list.html",
        filterset,
        VacancyTable(filterset.qs),
        exports=[export],
    )
