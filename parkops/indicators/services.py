"""Writes of Table 1: loading the plan's targets, and manual values with their reasons."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction

from parkops.common.versioning import record_delete, record_save
from parkops.indicators.choices import COMPUTATION_OF
from parkops.indicators.models import Indicator, IndicatorTarget, ManualValue
from parkops.plan import caojing

PLAN_REASON = "载入《行动方案》表 1（漕府〔2024〕11号）"


@transaction.atomic
def indicators_plan_load() -> int:
    """Create Table 1's indicators and targets that are missing; never overwrite an edited one."""
    created = 0
    for row in caojing.TABLE_1:
        indicator = Indicator.objects.filter(number=row.number).first()
        if indicator is None:
            indicator = Indicator(
                number=row.number, group=row.group, name=row.name, unit=row.unit,
                computation=COMPUTATION_OF[row.number],
            )  # fmt: skip
            record_save(indicator, reason=PLAN_REASON)
            created += 1
        for year, (floor, committed, stretch) in row.targets.items():
            if IndicatorTarget.objects.filter(indicator=indicator, year=year).exists():
                continue
            target = IndicatorTarget(
                indicator=indicator, year=year, floor=floor, committed=committed, stretch=stretch
            )
            record_save(target, reason=PLAN_REASON)
            created += 1
    return created


def manual_value_set(
    *,
    indicator: Indicator,
    year: int,
    value: Decimal,
    reason: str,
    user: User,
    version: str | None = None,
) -> ManualValue:
    """Set (or change) the manual value; the previous one stays in the history. Refused
    (StaleVersion) when the stored manual value changed after `version`."""
    manual = ManualValue.objects.filter(indicator=indicator, year=year).first() or ManualValue(
        indicator=indicator, year=year
    )
    manual.value, manual.reason, manual.set_by = value, reason.strip(), user
    record_save(manual, reason=reason.strip(), version=version or None)
    return manual


def manual_value_clear(*, manual: ManualValue, reason: str) -> None:
    """Go back to the computed value; the manual one and the reason stay in the history."""
    record_delete(manual, reason=reason.strip())
