"""Commitments against actuals: floors and the energy ceiling, equal meets, unreported waits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from parkops.core.commitments import Figure, Status, check, compare, due_years

D = Decimal


def test_it_is_due_from_the_year_of_full_production_to_the_last_closed_year() -> None:
    today = date(2026, 11, 27)
    assert due_years(full_on=date(2030, 1, 1), reached_on=date(2024, 5, 1), today=today) == [
        2024,
        2025,
    ]
    # Not reached: the committed date once passed.
    assert due_years(full_on=date(2025, 6, 30), reached_on=None, today=today) == [2025]
    assert due_years(full_on=date(2026, 12, 1), reached_on=None, today=today) == []
    assert due_years(full_on=None, reached_on=None, today=today) == []
    # Full production this year: no closed year yet.
    assert due_years(full_on=None, reached_on=date(2026, 3, 1), today=today) == []


def test_equal_to_a_floor_meets_and_below_is_behind_with_its_percentage() -> None:
    assert check(Figure.TAX, 2025, D(500), D(500)).status == Status.MET
    behind = check(Figure.TAX, 2025, D(500), D("499.99"))
    assert behind.status == Status.BEHIND
    assert behind.pct == D("100.0")  # 99.998 % shown to one decimal
    low = check(Figure.OUTPUT, 2025, D(8000), D(6000))
    assert (low.status, low.pct) == (Status.BEHIND, D("75.0"))
    assert check(Figure.JOBS, 2025, D(120), D(121)).status == Status.MET


def test_energy_is_a_ceiling() -> None:
    assert check(Figure.ENERGY, 2025, D(300), D(300)).status == Status.MET
    over = check(Figure.ENERGY, 2025, D(300), D(330))
    assert (over.status, over.pct) == (Status.BEHIND, D("110.0"))
    assert check(Figure.ENERGY, 2025, D(300), D(200)).status == Status.MET


def test_an_unreported_figure_is_pending_not_behind() -> None:
    pending = check(Figure.TAX, 2025, D(500), None)
    assert (pending.status, pending.actual, pending.pct) == (Status.PENDING, None, None)


def test_each_committed_figure_of_each_due_year_is_compared() -> None:
    committed = {Figure.OUTPUT: D(8000), Figure.TAX: D(500), Figure.ENERGY: None, Figure.JOBS: D(0)}
    actuals = {2024: {Figure.OUTPUT: D(9000), Figure.TAX: D(400)}}
    checks = compare(committed, actuals, [2024, 2025])
    assert [(c.year, c.figure, c.status) for c in checks] == [
        (2024, Figure.OUTPUT, Status.MET),
        (2024, Figure.TAX, Status.BEHIND),
        (2025, Figure.OUTPUT, Status.PENDING),
        (2025, Figure.TAX, Status.PENDING),
    ]
    assert checks[1].pct == D("80.0")
