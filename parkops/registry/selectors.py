"""Reads of the registry, scoped to what the user's role may see.

The park office, town leaders and departments see the whole park; a road chief sees the
enterprises and plots on the roads he or she leads; a small-park owner sees the small parks it
owns, their tenants and their plots. Every page and API call reads through these functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Exists, Model, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from parkops.accounts.roles import Role, roles_of, sees_whole_park
from parkops.registry.models import (
    Designation,
    Enterprise,
    EnterpriseYear,
    LandPlot,
    Road,
    SmallPark,
)

AnyUser = AbstractBaseUser | AnonymousUser


def _roads_led(user: AnyUser) -> QuerySet[Road]:
    return Road.objects.filter(chiefs=user.pk)


def _parks_owned(user: AnyUser) -> QuerySet[SmallPark]:
    return SmallPark.objects.filter(owners=user.pk)


def enterprises_visible_to(user: AnyUser) -> QuerySet[Enterprise]:
    qs = Enterprise.objects.all()
    if sees_whole_park(user):
        return qs
    roles = roles_of(user)
    visible = Q(pk__in=[])
    if Role.ROAD_CHIEF in roles:
        visible |= Q(road__in=_roads_led(user))
    if Role.SMALL_PARK_OWNER in roles:
        visible |= Q(small_park__in=_parks_owned(user))
    return qs.filter(visible)


def smallparks_visible_to(user: AnyUser) -> QuerySet[SmallPark]:
    qs = SmallPark.objects.all()
    if sees_whole_park(user):
        return qs
    roles = roles_of(user)
    visible = Q(pk__in=[])
    if Role.ROAD_CHIEF in roles:
        on_road = Enterprise.objects.filter(small_park=OuterRef("pk"), road__in=_roads_led(user))
        visible |= Q(road__in=_roads_led(user)) | Q(Exists(on_road))
    if Role.SMALL_PARK_OWNER in roles:
        visible |= Q(pk__in=_parks_owned(user))
    return qs.filter(visible)


def plots_visible_to(user: AnyUser) -> QuerySet[LandPlot]:
    qs = LandPlot.objects.all()
    if sees_whole_park(user):
        return qs
    roles = roles_of(user)
    visible = Q(pk__in=[])
    if Role.ROAD_CHIEF in roles:
        visible |= Q(road__in=_roads_led(user))
    if Role.SMALL_PARK_OWNER in roles:
        visible |= Q(small_park__in=_parks_owned(user)) | Q(
            holder__small_park__in=_parks_owned(user)
        )
    return qs.filter(visible)


def related_in_scope(user: AnyUser, model: type[Model], lookup: str) -> Prefetch[Any]:
    """Follow the foreign key `lookup` only to a record the user may see.

    A record in scope can point at one outside it (a plot on the road chief's road held by an
    enterprise on another road; a control-list entry on his plot naming that enterprise). With
    this prefetch the outside record reads as None, so no page, export or answer names it, while
    the key itself (an id) stays for the computations that need the whole park.
    """
    visible: dict[type[Model], Any] = {
        Enterprise: enterprises_visible_to,
        LandPlot: plots_visible_to,
        SmallPark: smallparks_visible_to,
    }
    return Prefetch(lookup, queryset=visible[model](user))


def latest_year_annotations() -> dict[str, Any]:
    """The latest reported year's revenue and 规上 flag of each enterprise, as annotations."""
    latest = EnterpriseYear.objects.filter(enterprise=OuterRef("pk")).order_by("-year")
    return {
        "latest_year": Subquery(latest.values("year")[:1]),
        "latest_revenue": Subquery(latest.values("revenue")[:1]),
        "latest_above_scale": Subquery(latest.values("is_above_scale")[:1]),
    }


def enterprise_list(*, user: AnyUser) -> QuerySet[Enterprise]:
    return (
        enterprises_visible_to(user)
        .select_related("small_park", "road")
        .annotate(**latest_year_annotations())
    )


def enterprise_get(*, user: AnyUser, pk: int) -> Enterprise:
    return get_object_or_404(enterprise_list(user=user), pk=pk)


def smallpark_list(*, user: AnyUser) -> QuerySet[SmallPark]:
    return (
        smallparks_visible_to(user)
        .select_related("road")
        .annotate(
            tenant_count=Count("tenants", distinct=True),
            demo_tenant_count=Count("tenants", filter=Q(tenants__is_demo=True), distinct=True),
            plot_area_mu=Subquery(
                LandPlot.objects.filter(small_park=OuterRef("pk"))
                .values("small_park")
                .annotate(total=Sum("area_mu"))
                .values("total")[:1]
            ),
        )
    )


def smallpark_get(*, user: AnyUser, pk: int) -> SmallPark:
    return get_object_or_404(smallpark_list(user=user), pk=pk)


def smallpark_tenants(*, user: AnyUser, small_park: SmallPark) -> QuerySet[Enterprise]:
    return enterprise_list(user=user).filter(small_park=small_park)


def plot_list(*, user: AnyUser) -> QuerySet[LandPlot]:
    return (
        plots_visible_to(user)
        .select_related("road", "small_park")
        .prefetch_related(related_in_scope(user, Enterprise, "holder"))
    )


def plot_get(*, user: AnyUser, pk: int) -> LandPlot:
    return get_object_or_404(plot_list(user=user), pk=pk)


def smallpark_plots(*, user: AnyUser, small_park: SmallPark) -> QuerySet[LandPlot]:
    """The small park's plots the user may see: a road chief who sees the park through one
    enterprise on his road does not see its plots on other roads."""
    return plot_list(user=user).filter(small_park=small_park)


def road_list(*, user: AnyUser) -> QuerySet[Road]:
    if sees_whole_park(user):
        return Road.objects.all()
    return Road.objects.filter(
        Q(pk__in=enterprises_visible_to(user).values("road")) | Q(pk__in=_roads_led(user))
    )


@dataclass(frozen=True)
class HistoryRow:
    when: datetime
    who: str
    action: str
    subject: str
    changes: list[tuple[str, str, str]]  # (field label, old, new)
    reason: str


_ACTIONS = {"+": _("创建"), "~": _("修改"), "-": _("删除")}


def history_of(*objects_or_querysets: Any, limit: int = 200) -> list[HistoryRow]:
    """The change history of the given records, newest first, each change with its diff."""
    rows: list[HistoryRow] = []
    for source in objects_or_querysets:
        records = (
            source.model.history.filter(id__in=source.values("pk"))
            if isinstance(source, QuerySet)
            else source.history.all()
        )
        for record in records.select_related("history_user").order_by("-history_date")[:limit]:
            rows.append(_history_row(record))
    rows.sort(key=lambda r: r.when, reverse=True)
    return rows[:limit]


def _history_row(record: Any) -> HistoryRow:
    changes: list[tuple[str, str, str]] = []
    previous = record.prev_record
    if previous is not None and record.history_type == "~":
        delta = record.diff_against(previous)
        model = record.instance_type
        for change in delta.changes:
            label = str(model._meta.get_field(change.field).verbose_name)
            changes.append((label, _display(change.old), _display(change.new)))
    return HistoryRow(
        when=record.history_date,
        who=str(record.history_user or _("系统")),
        action=str(_ACTIONS.get(record.history_type, record.history_type)),
        subject=str(record.instance),
        changes=changes,
        reason=record.history_change_reason or "",
    )


def _display(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):  # many-to-many changes come as lists of through-rows
        return "、".join(str(v) for v in value) or "—"
    return str(value)


def history_rows(records: QuerySet[Any], limit: int = 200) -> list[HistoryRow]:
    """History rows from a historical-records queryset: includes records deleted since."""
    return [
        _history_row(r)
        for r in records.select_related("history_user").order_by("-history_date")[:limit]
    ]


def enterprise_history(enterprise: Enterprise, limit: int = 200) -> list[HistoryRow]:
    """The enterprise's history with that of its years and designations, deleted ones included:
    a year removed (an import undone) stays on the enterprise's page."""
    sources = (
        enterprise.history.all(),
        EnterpriseYear.history.filter(enterprise_id=enterprise.pk),
        Designation.history.filter(enterprise_id=enterprise.pk),
    )
    rows = [row for source in sources for row in history_rows(source, limit)]
    rows.sort(key=lambda r: r.when, reverse=True)
    return rows[:limit]
