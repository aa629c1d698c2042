"""The numbers an independent computation of the rules disagreed with (issue 12)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from parkops.evaluation import services
from parkops.evaluation.selectors import input_frame
from parkops.evaluation.tests.factories import enterprise_with_year

pytestmark = pytest.mark.django_db


def test_a_firm_started_two_years_before_the_years_end_has_completed_two_years() -> None:
    on_anniversary = enterprise_with_year(2023, production_started_on=date(2021, 12, 31))
    a_day_short = enterprise_with_year(2023, production_started_on=date(2022, 1, 1))
    years = dict(input_frame(year=2023).select("enterprise_id", "years_in_production").iter_rows())
    assert years == {on_anniversary.pk: 2, a_day_short.pk: 1}

    run = services.run_create(year=2023)
    results = {r.enterprise_id: r for r in run.results.all()}
    assert results[on_anniversary.pk].evaluation_class in {"A", "B", "C", "D"}
    assert results[on_anniversary.pk].excluded_reason == ""
    assert (results[a_day_short.pk].evaluation_class, results[a_day_short.pk].excluded_reason) == (
        "T",
        "T类（不定等级）：投产不满 2 年",
    )


def test_a_firm_with_zero_land_is_left_out_like_one_with_blank_land() -> None:
    twenty = enterprise_with_year(2025, land_mu=Decimal("20"))
    zero = enterprise_with_year(2025, land_mu=Decimal("0"))
    blank = enterprise_with_year(2025, land_mu=None)
    run = services.run_create(year=2025)
    results = {r.enterprise_id: r for r in run.results.all()}
    assert results[twenty.pk].rank == 1
    assert results[twenty.pk].population_size == 1
    for firm in (zero, blank):
        assert (results[firm.pk].evaluation_class, results[firm.pk].excluded_reason) == (
            "N",
            "缺少用地面积（未填或为 0）",
        )
        assert results[firm.pk].total_score is None
