"""Small-park rating, land flags, land_completed and conflicts on a park far larger than Caojing.

3,000 demo enterprises over the 20 small parks, 3,000 plots held by them, 6,000 land actions (two
per plot, half completed). Baseline: reading the year's tax of every enterprise.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from parkops.bench.harness import measure, report

PLOTS = 3_000


def run(out: Callable[[str], None]) -> None:
    from parkops.demo.services import demo_load
    from parkops.land.choices import LandActionKind, LandActionMethod, LandActionStatus
    from parkops.land.models import LandAction
    from parkops.land.selectors import action_conflicts, land_completed, plot_flags
    from parkops.plan.services import plan_load
    from parkops.registry.models import Enterprise, EnterpriseYear, LandPlot, SmallPark
    from parkops.smallparks.services import rating_run

    plan_load()
    demo_load(count=3_000)
    # The plan gives no small park's land or floor area; the benchmark needs both to rate.
    SmallPark.objects.update(land_mu=Decimal(60), floor_area_m2=Decimal(40_000))
    holders = list(Enterprise.objects.filter(is_demo=True).order_by("pk")[:PLOTS])
    LandPlot.objects.bulk_create(
        LandPlot(
            name=f"基准地块{i}",
            holder=h,
            area_mu=Decimal(5 + i % 40),
            plot_ratio=Decimal("0.6"),
            building_coefficient=Decimal(25 + i % 10),
            contract_start_on=date(2022, 1, 1),
        )
        for i, h in enumerate(holders)
    )
    plots = list(LandPlot.objects.filter(name__startswith="基准地块"))
    actions = []
    for i, plot in enumerate(plots):
        for j in range(2):
            done = (i + j) % 2 == 0
            actions.append(
                LandAction(
                    kind=LandActionKind.VACATE,
                    method=LandActionMethod.VACATE,
                    name=plot.name,
                    plot=plot,
                    area_mu=(plot.area_mu or Decimal(1)) + j,
                    planned_year=2025 + j,
                    status=LandActionStatus.COMPLETED if done else LandActionStatus.PLANNED,
                    completed_on=date(2025, 1 + i % 12, 1) if done else None,
                )
            )
    LandAction.objects.bulk_create(actions)

    baseline = measure(
        "baseline: read 2025 tax of every enterprise",
        lambda: list(EnterpriseYear.objects.filter(year=2025).values_list("enterprise_id", "tax")),
        repeat=3,
    )
    rating = measure(
        "rate the 20 small parks for 2025 (3,000 tenants)", lambda: rating_run(year=2025)
    )

    class Everyone:  # a superuser-like reader, so the role scoping is the park-wide path
        is_authenticated = True
        is_superuser = True
        pk = None

    flags = measure(
        f"land flags for {PLOTS:,} plots",
        lambda: plot_flags(user=Everyone(), year=2025),  # type: ignore[arg-type]
    )
    completed = measure(
        "land_completed(2025, 腾退) over 6,000 actions",
        lambda: land_completed(year=2025, kind=LandActionKind.VACATE),
        repeat=3,
    )
    conflicts = measure("conflicts between 6,000 actions", action_conflicts, repeat=3)
    out(report("Small parks and land", baseline, [rating, flags, completed, conflicts]))
    out(f"  ratings stored: {len(rating.result)}; plots flagged: "
        f"{sum(1 for r in flags.result if r.result.flags):,}; completed entries: "
        f"{len(completed.result):,}; conflicts: {len(conflicts.result):,}")  # fmt: skip
