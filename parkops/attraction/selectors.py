"""Reads of the attraction pipeline, scoped by role.

The park office, town leaders and departments (who give opinions on admission) see every lead; a
small-park owner sees the leads its parks own and those offered to them; road chiefs and grid
officers see none. Only the park office and the owning or offered park's owner work a lead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone

from parkops.accounts.roles import Role, roles_of, sees_whole_park
from parkops.attraction.choices import IncentiveKind, Stage
from parkops.attraction.models import AdmissionRuleSet, IncentiveEntry, Lead, Screening
from parkops.common.types import AnyUser
from parkops.registry.models import SmallPark
from parkops.registry.selectors import related_in_scope, smallparks_visible_to


def _parks_owned(user: AnyUser) -> QuerySet[SmallPark]:
    return SmallPark.objects.filter(owners=user.pk)


def leads_visible_to(user: AnyUser) -> QuerySet[Lead]:
    qs = Lead.objects.all()
    if sees_whole_park(user):
        return qs
    if Role.SMALL_PARK_OWNER in roles_of(user):
        parks = _parks_owned(user)
        offered = Lead.offered_to.through.objects.filter(smallpark__in=parks).values("lead_id")
        return qs.filter(Q(owner_park__in=parks) | Q(pk__in=offered))
    return qs.none()


def _in_scope(qs: QuerySet[Lead], user: AnyUser) -> QuerySet[Lead]:
    """A lead offered to the owner's park names its owning park only when the owner may see it."""
    return qs.prefetch_related(
        related_in_scope(user, SmallPark, "owner_park"),
        Prefetch("offered_to", queryset=smallparks_visible_to(user)),
    ).select_related("lost_reason")


def lead_get(*, user: AnyUser, pk: int) -> Lead:
    return get_object_or_404(_in_scope(leads_visible_to(user), user), pk=pk)


def can_work(user: AnyUser, lead: Lead) -> bool:
    """The park office on any lead; a small-park owner on its own park's and offered ones."""
    if not user.has_perm("attraction.change_lead"):  # type: ignore[union-attr]
        return False
    return leads_visible_to(user).filter(pk=lead.pk).exists()


def can_sign(user: AnyUser) -> bool:
    return bool(user.has_perm("attraction.sign_lead"))  # type: ignore[union-attr]


def owner_parks(user: AnyUser) -> QuerySet[SmallPark]:
    """The small parks a user may make a lead's owner: any for the park office, its own else."""
    if can_sign(user):
        return SmallPark.objects.all()
    return _parks_owned(user)


def offer_parks(user: AnyUser) -> QuerySet[SmallPark]:
    """The parks a lead may be offered to: the park office offers to any park; an owner only
    among the parks it may see."""
    return SmallPark.objects.all() if can_sign(user) else smallparks_visible_to(user)


def stale_days() -> int:
    return int(settings.PARKOPS_ATTRACTION_STALE_DAYS)


def stale_before(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(days=stale_days())


def open_leads(qs: QuerySet[Lead]) -> QuerySet[Lead]:
    """Leads still worked: not lost and not yet at full production."""
    return qs.filter(lost_reason__isnull=True).exclude(stage=Stage.FULL)


def is_stale(lead: Lead, now: datetime | None = None) -> bool:
    if lead.is_lost or lead.stage == Stage.FULL:
        return False
    return lead.last_activity_at < stale_before(now)


def lead_list(*, user: AnyUser) -> QuerySet[Lead]:
    return _in_scope(leads_visible_to(user), user)


@dataclass(frozen=True)
class BoardColumn:
    stage: Stage
    count: int
    investment_wan: Decimal
    tax_wan: Decimal
    stale: int


def board(*, user: AnyUser) -> list[BoardColumn]:
    """Per stage, the leads still worked: how many, the sums of planned investment and of
    expected tax at full production (万元), and how many are stale."""
    rows = {
        r["stage"]: r
        for r in leads_visible_to(user)
        .filter(lost_reason__isnull=True)
        .values("stage")
        .annotate(
            n=Count("pk"),
            investment=Sum("investment_wan"),
            tax=Sum("tax_wan"),
            stale=Count("pk", filter=Q(last_activity_at__lt=stale_before())),
        )
    }
    return [
        BoardColumn(
            stage=stage,
            count=rows.get(stage, {}).get("n", 0),
            investment_wan=rows.get(stage, {}).get("investment") or Decimal(0),
            tax_wan=rows.get(stage, {}).get("tax") or Decimal(0),
            stale=0 if stage == Stage.FULL else rows.get(stage, {}).get("stale", 0),
        )
        for stage in Stage
    ]


def default_rule_set() -> AdmissionRuleSet | None:
    return AdmissionRuleSet.objects.filter(is_default=True).order_by("-created_at").first()


def latest_screening(lead: Lead) -> Screening | None:
    return lead.screenings.select_related("rule_set").first()


def admitted(lead: Lead) -> bool:
    latest = latest_screening(lead)
    return latest is not None and latest.decision == "admit"


def incentive_parks(user: AnyUser) -> QuerySet[SmallPark] | None:
    """The small parks whose incentive ledger the user reads: every one for the park office (who
    computes it), its own for a small-park owner; None (refused) for anyone else."""
    if user.has_perm("attraction.add_incentiveentry"):  # type: ignore[union-attr]
        return SmallPark.objects.all()
    if Role.SMALL_PARK_OWNER in roles_of(user):
        return _parks_owned(user)
    return None


def incentive_entries(parks: QuerySet[SmallPark]) -> QuerySet[IncentiveEntry]:
    return IncentiveEntry.objects.filter(small_park__in=parks).select_related(
        "small_park", "lead", "rule_set"
    )


def incentive_totals(entries: QuerySet[IncentiveEntry]) -> QuerySet[Any, dict[str, Any]]:
    """Per small park and year: the landed projects and their reward, the tax reward, the sum."""
    landed = Q(kind=IncentiveKind.LANDED)
    return (
        entries.order_by()
        .values("small_park__name", "year")
        .annotate(
            landed=Count("pk", filter=landed),
            landed_wan=Sum("amount_wan", filter=landed, default=Decimal(0)),
            tax_wan=Sum("amount_wan", filter=Q(kind=IncentiveKind.TAX), default=Decimal(0)),
            total_wan=Sum("amount_wan"),
        )
        .order_by("-year", "small_park__name")
    )


def incentive_latest(parks: QuerySet[SmallPark]) -> dict[str, object] | None:
    """The latest computed year of the ledger and its sum over `parks`, for the board."""
    return (
        IncentiveEntry.objects.filter(small_park__in=parks)
        .order_by()
        .values("year")
        .annotate(total=Sum("amount_wan"))
        .order_by("-year")
        .first()
    )
