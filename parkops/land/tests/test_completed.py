"""The contract with the indicators: land_completed(year, kind), each plot once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from parkops.land.choices import LandActionKind, LandActionStatus
from parkops.land.selectors import CompletedLand, land_completed
from parkops.land.tests.factories import LandActionFactory
from parkops.registry.tests.factories import LandPlotFactory

pytestmark = pytest.mark.django_db
DONE = LandActionStatus.COMPLETED


def test_a_plot_in_two_lists_counts_once_with_its_recorded_area() -> None:
    plot = LandPlotFactory(name="甲地块", area_mu=Decimal("43.74"))
    first = LandActionFactory(
        plot=plot, area_mu=Decimal("43.70"), status=DONE, completed_on=date(2025, 3, 1)
    )
    second = LandActionFactory(
        plot=plot, area_mu=Decimal("43.74"), status=DONE, completed_on=date(2025, 9, 1)
    )

    assert land_completed(year=2025, kind=LandActionKind.VACATE) == [
        CompletedLand(plot.pk, "甲地块", Decimal("43.74"), (first.pk, second.pk))
    ]


def test_a_plot_counts_in_the_year_of_its_first_completion_only() -> None:
    plot = LandPlotFactory(area_mu=Decimal("5"))
    LandActionFactory(plot=plot, status=DONE, completed_on=date(2024, 12, 31))
    LandActionFactory(plot=plot, status=DONE, completed_on=date(2025, 1, 1))

    assert [e.area_mu for e in land_completed(year=2024, kind=LandActionKind.VACATE)] == [
        Decimal("5")
    ]
    assert land_completed(year=2025, kind=LandActionKind.VACATE) == []


def test_a_plot_without_a_recorded_area_uses_its_first_actions_area() -> None:
    plot = LandPlotFactory(name="古岛", area_mu=None)
    LandActionFactory(
        kind=LandActionKind.UPGRADE, plot=plot, area_mu=Decimal("30.59"), status=DONE,
        completed_on=date(2026, 6, 30),
    )  # fmt: skip

    [entry] = land_completed(year=2026, kind=LandActionKind.UPGRADE)
    assert entry.area_mu == Decimal("30.59")


def test_only_completed_actions_of_the_kind_and_year_count_and_plotless_ones_each() -> None:
    LandActionFactory(status=LandActionStatus.IN_PROGRESS)
    LandActionFactory(kind=LandActionKind.UPGRADE, status=DONE, completed_on=date(2025, 5, 1))
    LandActionFactory(status=DONE, completed_on=date(2026, 1, 1))
    a = LandActionFactory(name="无地块一", area_mu=Decimal("4.91"), status=DONE,
                          completed_on=date(2025, 2, 2))  # fmt: skip
    b = LandActionFactory(name="无地块二", area_mu=Decimal("6.86"), status=DONE,
                          completed_on=date(2025, 12, 31))  # fmt: skip

    result = land_completed(year=2025, kind=LandActionKind.VACATE)

    assert result == [
        CompletedLand(None, "无地块一", Decimal("4.91"), (a.pk,)),
        CompletedLand(None, "无地块二", Decimal("6.86"), (b.pk,)),
    ]
    assert sum(e.area_mu for e in result) == Decimal("11.77")
