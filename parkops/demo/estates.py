"""The fictional demo small parks (演示数据) and their estates: master data, buildings, tenancies,
vacant space and a land plot. The plan's 20 small parks get none of it.

The five demo parks are drawn to differ, so that the rating rules give different levels: a dense,
nearly full estate whose tenants pay the most tax per m² of floor space, down to a low-rise estate,
two-fifths empty, that houses the weakest tenants. Tenants are dealt to the parks in that order of
their latest year's tax per m² rented; the levels themselves are whatever the rating run makes of
these figures. Loading twice changes nothing: a park that has buildings keeps its estate as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from parkops.common.versioning import record_save
from parkops.core.demo import DemoEnterprise
from parkops.core.units import M2_PER_MU
from parkops.registry.models import Enterprise, EnterpriseYear, LandPlot, Road, SmallPark
from parkops.smallparks.models import Building
from parkops.smallparks.services import building_create, tenancy_create, vacancy_create

DEMO = "演示数据"
REASON = "生成演示数据"
CENT = Decimal("0.01")
VACANT_SINCE = date(2024, 3, 1)


@dataclass(frozen=True)
class ParkProfile:
    name: str
    owner_name: str
    road: str
    opened_on: date
    plot_ratio: Decimal  # floor space over land
    vacancy_pct: Decimal  # share of the floor space standing empty
    buildings: int
    floors: int
    suitable_uses: str


PROFILES: tuple[ParkProfile, ...] = (
    ParkProfile("演示1号园区", "上海一园实业有限公司（演示）", "平业路", date(2012, 5, 1),
                Decimal("2.0"), Decimal(5), 4, 5, "精密加工、研发中试"),
    ParkProfile("演示2号园区", "上海二园投资有限公司（演示）", "月工路", date(2010, 3, 1),
                Decimal("1.6"), Decimal(10), 3, 4, "智能装备组装"),
    ParkProfile("演示3号园区", "上海三园置业有限公司（演示）", "金轩路", date(2008, 9, 1),
                Decimal("1.2"), Decimal(20), 3, 3, "新材料、仓储"),
    ParkProfile("演示4号园区", "上海四园物业有限公司（演示）", "展业路", date(2006, 6, 1),
                Decimal("1.0"), Decimal(25), 2, 2, "一般制造"),
    ParkProfile("演示5号园区", "上海五园实业有限公司（演示）", "亭卫公路", date(2003, 4, 1),
                Decimal("0.6"), Decimal(40), 2, 1, "仓储、一般制造"),
)  # fmt: skip
OWNER_PARK = PROFILES[0].name  # the demo owner account's park (parkops.demo.accounts)


def demo_parks_ensure(roads: dict[str, Road]) -> dict[str, SmallPark]:
    """The demo small parks by name, created with their master data when missing."""
    parks = {p.name: p for p in SmallPark.objects.filter(is_demo=True)}
    for n, profile in enumerate(PROFILES, 1):
        if profile.name in parks:
            continue
        park = SmallPark(
            name=profile.name,
            full_name=f"{profile.owner_name.removesuffix('（演示）')}{profile.name}（{DEMO}）",
            owner_name=profile.owner_name,
            road=roads.get(profile.road),
            address=f"{profile.road} {100 * n} 号（演示）",
            is_demo=True,
            note=f"{DEMO}：虚构的小园区，用于展示厂房、租赁、空置与三级评定。",
        )
        parks[profile.name] = record_save(park, reason=REASON)
    return parks


def _tax_per_m2(g: DemoEnterprise) -> Decimal:
    latest = g.years[-1] if g.years else None
    if latest is None or latest.tax is None or not latest.rented_floor_m2:
        return Decimal(-1)
    return latest.tax / latest.rented_floor_m2


def allocation(generated: Iterable[DemoEnterprise]) -> dict[str, str]:
    """USCC -> demo park name for the generated tenants: best tax per m² to the first profile."""
    tenants = sorted(
        (g for g in generated if g.small_park), key=lambda g: (-_tax_per_m2(g), g.uscc)
    )
    size = len(tenants)
    return {g.uscc: PROFILES[i * len(PROFILES) // size].name for i, g in enumerate(tenants)}


def tenants_move(*, target: dict[str, str], parks: dict[str, SmallPark]) -> int:
    """Move demo enterprises still registered in a plan small park to their demo park."""
    moved = 0
    stray = Enterprise.objects.filter(is_demo=True, small_park__is_demo=False, uscc__in=target)
    for enterprise in stray.order_by("pk"):
        enterprise.small_park = parks[target[str(enterprise.uscc)]]
        record_save(enterprise, reason="演示企业迁入演示小园区")
        moved += 1
    return moved


def _split(items: Sequence[Enterprise], parts: int) -> list[list[Enterprise]]:
    return [list(items[i::parts]) for i in range(parts)]


def _vacant_for(leased: Decimal, vacancy_pct: Decimal) -> Decimal:
    return (leased * vacancy_pct / (100 - vacancy_pct)).quantize(CENT)


def estate_build(*, park: SmallPark, profile: ParkProfile) -> bool:
    """Buildings, tenancies, vacant space, land and plot for a demo park that has no buildings."""
    if Building.objects.filter(small_park=park).exists():
        return False
    rows = (
        EnterpriseYear.objects.filter(enterprise__small_park=park, rented_floor_m2__isnull=False)
        .order_by("enterprise_id", "year")
        .values_list("enterprise_id", "rented_floor_m2")
    )
    floor = {pk: m2 for pk, m2 in rows if m2 is not None}  # the latest year's floor space wins
    tenants = list(
        Enterprise.objects.filter(small_park=park, is_demo=True, pk__in=floor).order_by("name")
    )
    count = min(profile.buildings, max(1, len(tenants)))
    total = Decimal(0)
    for n, group in enumerate(_split(tenants, count), 1):
        leased = sum((floor[e.pk] for e in group), Decimal(0))
        vacant = _vacant_for(leased, profile.vacancy_pct) if leased else Decimal(2000)
        data = {"name": f"{n} 号楼", "floors": profile.floors, "floor_area_m2": leased + vacant}
        building = building_create(small_park=park, data=data, reason=REASON)
        total += leased + vacant
        for enterprise in group:
            starts = max(profile.opened_on, enterprise.production_started_on or profile.opened_on)
            tenancy = {"building": building, "enterprise": enterprise, "starts_on": starts,
                       "floor_area_m2": floor[enterprise.pk], "note": DEMO}  # fmt: skip
            tenancy_create(small_park=park, data=tenancy, reason=REASON)
        if vacant:
            space = {"building": building, "floor": profile.floors, "area_m2": vacant,
                     "vacant_since": VACANT_SINCE, "suitable_uses": profile.suitable_uses,
                     "note": DEMO}  # fmt: skip
            vacancy_create(small_park=park, data=space, reason=REASON)
    land_mu = (total / profile.plot_ratio / M2_PER_MU).quantize(CENT)
    park.land_mu, park.floor_area_m2 = land_mu, total
    record_save(park, reason=REASON)
    plot = LandPlot(
        name=f"{park.name}地块（{DEMO}）",
        address=park.address,
        road=park.road,
        small_park=park,
        area_mu=land_mu,
        plot_ratio=(total / (land_mu * M2_PER_MU)).quantize(CENT),
        building_coefficient=Decimal(45),
        note=f"{DEMO}：虚构地块。",
    )
    if not LandPlot.objects.filter(name=plot.name).exists():
        record_save(plot, reason=REASON)
    return True


def estates_build(parks: dict[str, SmallPark]) -> int:
    return sum(estate_build(park=parks[p.name], profile=p) for p in PROFILES if p.name in parks)
