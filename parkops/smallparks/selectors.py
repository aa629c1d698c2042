"""Reads of the small parks' estates and ratings, scoped like the registry (an owner sees its own)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from parkops.common.types import AnyUser
from parkops.registry.choices import EnterpriseStatus, KeyIndustry
from parkops.registry.models import Enterprise, SmallPark
from parkops.registry.selectors import enterprises_visible_to, smallparks_visible_to
from parkops.smallparks.models import (
    Building,
    Tenancy,
    VacantSpace,
)

KEY_INDUSTRIES = (
    KeyIndustry.BIOMEDICINE,
    KeyIndustry.INTELLIGENT_MANUFACTURING,
    KeyIndustry.NEW_MATERIALS,
)


def can_maintain(user: AnyUser, small_park: SmallPark) -> bool:
    """The park office, or the small park's own owner, keeps its buildings and space current."""
    if user.has_perm("smallparks.change_tenancy"):  # type: ignore[union-attr]
        return True
    return user.is_authenticated and small_park.owners.filter(pk=user.pk).exists()


def reference_day(year: int) -> date:
    """The day a year's estate is read on: 31 December, or today for the current year."""
    today = timezone.localdate()
    return min(today, date(year, 12, 31))


@dataclass(frozen=True)
class Occupancy:
    """The estate's space on one day: leased + vacant + unaccounted = the total (rentable)."""

    on: date
    total_m2: Decimal | None
    basis: str  # where the total comes from
    leased_m2: Decimal
    vacant_m2: Decimal
    occupancy_pct: Decimal | None
    vacancy_pct: Decimal | None
    # total - leased - vacant: space neither leased nor recorded vacant (> 0), or recorded twice
    # over (< 0); None without a total.
    unaccounted_m2: Decimal | None


def tenancies_visible_to(user: AnyUser) -> QuerySet[Tenancy]:
    """Tenancies of the enterprises the user may see: a road chief who sees a small park through
    one tenant on his road sees that tenancy, not the park's others."""
    return Tenancy.objects.filter(enterprise__in=enterprises_visible_to(user))


def estate_tenancies(*, user: AnyUser, small_park: SmallPark) -> QuerySet[Tenancy]:
    return (
        tenancies_visible_to(user)
        .filter(small_park=small_park)
        .select_related("enterprise", "building")
        .order_by("-starts_on")
    )


def tenancy_candidates(*, user: AnyUser, small_park: SmallPark) -> QuerySet[Enterprise]:
    """Who may be entered as a tenant: the park's own enterprises and those in no small park,
    among those the user may see (an owner sees only its park's, never the rest of the park)."""
    return enterprises_visible_to(user).filter(
        Q(small_park=small_park) | Q(small_park__isnull=True)
    )


def current_tenancies(small_park: SmallPark, on: date) -> QuerySet[Tenancy]:
    return small_park.tenancies.filter(starts_on__lte=on).exclude(ends_on__lt=on)


def current_vacancies(small_park: SmallPark, on: date) -> QuerySet[VacantSpace]:
    return small_park.vacancies.filter(vacant_since__lte=on).exclude(let_on__lte=on)


def total_floor_area(small_park: SmallPark) -> tuple[Decimal | None, str]:
    """The space occupancy and vacancy are shares of: the rentable floor area the park office
    recorded, else the buildings' total, else the park's registered floor area."""
    if small_park.rentable_floor_m2:
        return small_park.rentable_floor_m2, str(_("可出租面积"))
    built = small_park.buildings.aggregate(total=Sum("floor_area_m2"))["total"]
    if built:
        return built, str(_("楼栋合计"))
    return small_park.floor_area_m2, str(_("小园区登记面积"))


def occupancy(small_park: SmallPark, on: date) -> Occupancy:
    total, basis = total_floor_area(small_park)
    leased = current_tenancies(small_park, on).aggregate(s=Sum("floor_area_m2"))["s"] or Decimal(0)
    vacant = current_vacancies(small_park, on).aggregate(s=Sum("area_m2"))["s"] or Decimal(0)
    return Occupancy(
        on=on,
        total_m2=total,
        basis=basis,
        leased_m2=leased,
        vacant_m2=vacant,
        occupancy_pct=leased * 100 / total if total else None,
        vacancy_pct=vacant * 100 / total if total else None,
        unaccounted_m2=total - leased - vacant if total else None,
    )


def tenants_without_lease(
    *, user: AnyUser, small_park: SmallPark, on: date
) -> QuerySet[Enterprise]:
    """The park's registered, operating enterprises the user may see that hold no current
    tenancy in it on `on`: "未登记租约", each to be recorded."""
    leased = current_tenancies(small_park, on).values("enterprise")
    return (
        enterprises_visible_to(user)
        .filter(small_park=small_park, status=EnterpriseStatus.OPERATING)
        .exclude(pk__in=leased)
        .order_by("name")
    )


def vacancy_list(*, user: AnyUser, on: date | None = None) -> QuerySet[VacantSpace]:
    day = on or timezone.localdate()
    return (
        VacantSpace.objects.filter(
            small_park__in=smallparks_visible_to(user), vacant_since__lte=day
        )
        .exclude(let_on__lte=day)
        .select_related("small_park", "building")
        .order_by("small_park__plan_sequence", "building__name", "floor")
    )


def parks_owned_by(user: AnyUser) -> QuerySet[SmallPark]:
    """The small parks whose owner's accounts include `user` (none for another role)."""
    if not user.is_authenticated:
        return SmallPark.objects.none()
    return SmallPark.objects.filter(owners=user.pk).order_by("plan_sequence", "name")


def smallpark_count() -> int:
    return SmallPark.objects.count()


def smallpark_by_pk(pk: int) -> SmallPark:
    """Any small park (404 when missing); the caller checks who may maintain it."""
    return get_object_or_404(SmallPark, pk=pk)


def estate_buildings(small_park: SmallPark) -> QuerySet[Building]:
    return small_park.buildings.all()


def estate_vacancies(small_park: SmallPark, on: date) -> QuerySet[VacantSpace]:
    return current_vacancies(small_park, on).select_related("building")


def tenancy_of(*, small_park: SmallPark, pk: int) -> Tenancy:
    return get_object_or_404(small_park.tenancies, pk=pk)


def vacancy_of(*, small_park: SmallPark, pk: int) -> VacantSpace:
    return get_object_or_404(small_park.vacancies, pk=pk)
