"""Matching a lead to vacant units: the top 5 across 2,000 vacant units (the issue asks < 200 ms).

2,000 vacant units over 20 demo small parks, with the attributes the matcher reads (some left
blank, as owners leave them). Baseline: a plain filtered query of the same vacancies (area at
least the need), read into Python — what a list of "big enough" units would cost.

Also measured: the same ranking with every unit's reasons written out (how `rank` worked before
it scored the units without reasons and wrote them for the best five only), and the unit
attributes read in full as model instances (how a naive matcher would read them).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from parkops.bench.harness import measure, report

UNITS = 2_000


def run(out: Callable[[str], None]) -> None:
    from django.utils import timezone

    from parkops.attraction.matches import (
        UNIT_FIELDS,
        _unit,
        lead_matches,
        need_of,
        park_ratings,
        prefiltered,
        unit_of,
    )
    from parkops.attraction.models import Lead
    from parkops.core import space_matching
    from parkops.registry.models import SmallPark
    from parkops.smallparks.models import VacantSpace
    from parkops.smallparks.selectors import vacancy_list

    parks = [SmallPark.objects.create(name=f"基准园{i}", plan_sequence=100 + i) for i in range(20)]
    VacantSpace.objects.bulk_create(
        VacantSpace(
            small_park=parks[i % 20],
            floor=1 + i % 5,
            area_m2=Decimal(300 + (i * 37) % 3000),
            vacant_since=date(2025, 1, 1),
            clear_height_m=None if i % 7 == 0 else Decimal(4 + i % 8),
            floor_load_kn_m2=None if i % 5 == 0 else Decimal(5 + i % 15),
            power_kva=Decimal(200 + (i * 13) % 1200),
            hazardous_allowed=None if i % 3 == 0 else i % 2 == 0,
            eia_max_category=("registration", "table", "report", "")[i % 4],
            suitable_industries=("C27", "C35,C39", "C26", "")[i % 4],
        )
        for i in range(UNITS)
    )
    lead = Lead.objects.create(
        company_name="基准线索有限公司", name_key="基准线索", next_action="洽谈",
        next_action_on=date(2026, 1, 1), last_activity_at=timezone.now(),
        industry_code="C2710", floor_m2=Decimal(1000), clear_height_m=Decimal(6),
        power_kva=Decimal(400), eia_category="table",
    )  # fmt: skip

    class Everyone:  # a superuser-like reader: the park-wide path
        is_authenticated = True
        is_superuser = True
        pk = None

    user = Everyone()
    baseline = measure(
        f"baseline: filtered query of {UNITS:,} vacant units (area ≥ need)",
        lambda: list(
            VacantSpace.objects.filter(area_m2__gte=lead.floor_m2, let_on__isnull=True).values_list(
                "pk", "area_m2", "clear_height_m", "power_kva"
            )
        ),
        repeat=5,
    )
    top = measure(
        f"top 5 matches across {UNITS:,} vacant units",
        lambda: lead_matches(user=user, lead=lead, top=5),  # type: ignore[arg-type]
        repeat=5,
    )

    def every_unit_explained() -> list[space_matching.Match]:
        need, ratings = need_of(lead), park_ratings()
        rows = prefiltered(vacancy_list(user=user), need).order_by().values(*UNIT_FIELDS)  # type: ignore[arg-type]
        found = [m for m in (space_matching.score(need, _unit(r, ratings)) for r in rows) if m]
        return heapq.nsmallest(5, found, key=lambda m: (-m.score, m.unit_id))

    def naive() -> list[space_matching.Match]:
        need, ratings = need_of(lead), park_ratings()
        units = [unit_of(v, ratings.get(v.small_park_id, "")) for v in vacancy_list(user=user)]  # type: ignore[arg-type]
        return space_matching.rank(need, units, top=5)

    before = measure("the same, every unit's reasons written out", every_unit_explained, repeat=5)
    unfiltered = measure("the same, every vacant unit read as a model instance", naive, repeat=5)
    assert [m.unit_id for m in before.result] == [m.match.unit_id for m in top.result]
    assert [m.unit_id for m in unfiltered.result] == [m.match.unit_id for m in top.result]
    out(report("Matching a lead to vacant units", baseline, [top, before, unfiltered]))
    assert len(top.result) == 5
    verdict = "under" if top.seconds < 0.2 else "OVER"
    out(f"  top 5 in {top.seconds * 1000:.0f} ms: {verdict} the 200 ms the issue asks")
