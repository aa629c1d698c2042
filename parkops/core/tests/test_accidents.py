"""Accident grades at every bound of 国务院令第493号: each bound belongs to the higher grade."""

from __future__ import annotations

from decimal import Decimal

import pytest

from parkops.core.accidents import AccidentGrade, accident_grade

G = AccidentGrade


@pytest.mark.parametrize(
    ("deaths", "grade"),
    [(0, G.ORDINARY), (2, G.ORDINARY), (3, G.LARGER), (9, G.LARGER), (10, G.MAJOR),
     (29, G.MAJOR), (30, G.EXTRAORDINARY), (31, G.EXTRAORDINARY)],
)  # fmt: skip
def test_it_grades_by_deaths(deaths: int, grade: AccidentGrade) -> None:
    assert accident_grade(deaths=deaths, serious_injuries=0, loss_wan=Decimal(0)) is grade


@pytest.mark.parametrize(
    ("injuries", "grade"),
    [(9, G.ORDINARY), (10, G.LARGER), (49, G.LARGER), (50, G.MAJOR), (99, G.MAJOR),
     (100, G.EXTRAORDINARY)],
)  # fmt: skip
def test_it_grades_by_serious_injuries(injuries: int, grade: AccidentGrade) -> None:
    assert accident_grade(deaths=0, serious_injuries=injuries, loss_wan=Decimal(0)) is grade


@pytest.mark.parametrize(
    ("loss", "grade"),
    [("999.99", G.ORDINARY), ("1000", G.LARGER), ("4999.99", G.LARGER), ("5000", G.MAJOR),
     ("9999.99", G.MAJOR), ("10000", G.EXTRAORDINARY)],
)  # fmt: skip
def test_it_grades_by_direct_loss_in_wan(loss: str, grade: AccidentGrade) -> None:
    assert accident_grade(deaths=0, serious_injuries=0, loss_wan=Decimal(loss)) is grade


def test_the_highest_figure_decides() -> None:
    # 2 deaths alone is 一般, 12 injuries alone 较大, 6,000 万 alone 重大: the accident is 重大.
    grade = accident_grade(deaths=2, serious_injuries=12, loss_wan=Decimal(6000))
    assert grade is G.MAJOR


def test_negative_figures_are_refused() -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        accident_grade(deaths=-1, serious_injuries=0, loss_wan=Decimal(0))
