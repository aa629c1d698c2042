"""突发环境事件 grades at every bound of the 2014 national contingency plan's annex 1: each bound
belongs to the higher grade ("以上"含本数, "以下"不含本数)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from parkops.core.accidents import AccidentGrade, environmental_incident_grade, grade_reached_by

G = AccidentGrade


def _grade(deaths: int = 0, hurt: int = 0, evacuated: int = 0, loss: str = "0") -> AccidentGrade:
    return environmental_incident_grade(
        deaths=deaths, poisoned_or_injured=hurt, evacuated=evacuated, loss_wan=Decimal(loss)
    )


@pytest.mark.parametrize(
    ("deaths", "grade"),
    [(2, G.ORDINARY), (3, G.LARGER), (9, G.LARGER), (10, G.MAJOR), (29, G.MAJOR),
     (30, G.EXTRAORDINARY)],
)  # fmt: skip
def test_it_grades_by_deaths(deaths: int, grade: AccidentGrade) -> None:
    assert _grade(deaths=deaths) is grade


@pytest.mark.parametrize(
    ("hurt", "grade"),
    [(9, G.ORDINARY), (10, G.LARGER), (49, G.LARGER), (50, G.MAJOR), (99, G.MAJOR),
     (100, G.EXTRAORDINARY)],
)  # fmt: skip
def test_it_grades_by_people_poisoned_or_seriously_injured(hurt: int, grade: AccidentGrade) -> None:
    assert _grade(hurt=hurt) is grade


@pytest.mark.parametrize(
    ("evacuated", "grade"),
    [(4_999, G.ORDINARY), (5_000, G.LARGER), (9_999, G.LARGER), (10_000, G.MAJOR),
     (49_999, G.MAJOR), (50_000, G.EXTRAORDINARY)],
)  # fmt: skip
def test_it_grades_by_people_evacuated(evacuated: int, grade: AccidentGrade) -> None:
    assert _grade(evacuated=evacuated) is grade


@pytest.mark.parametrize(
    ("loss", "grade"),
    [("499.99", G.ORDINARY), ("500", G.LARGER), ("1999.99", G.LARGER), ("2000", G.MAJOR),
     ("9999.99", G.MAJOR), ("10000", G.EXTRAORDINARY)],
)  # fmt: skip
def test_it_grades_by_direct_loss_in_wan_yuan(loss: str, grade: AccidentGrade) -> None:
    assert _grade(loss=loss) is grade


def test_the_highest_figure_decides_and_negative_figures_are_refused() -> None:
    assert _grade(deaths=3, evacuated=10_000) is G.MAJOR
    with pytest.raises(ValueError, match="negative"):
        _grade(evacuated=-1)


def test_it_names_the_figures_that_reach_the_grade() -> None:
    why = grade_reached_by(
        grade=G.MAJOR,
        environmental=True,
        deaths=3,
        hurt=0,
        evacuated=12_000,
        loss_wan=Decimal(2_000),
    )
    assert why == ["evacuated", "loss"]
    safety = grade_reached_by(
        grade=G.LARGER, environmental=False, deaths=3, hurt=0, evacuated=99_999, loss_wan=Decimal(0)
    )
    assert safety == ["deaths"]  # evacuations do not grade a production safety accident
    assert (
        grade_reached_by(
            grade=G.ORDINARY, environmental=True, deaths=1, hurt=1, evacuated=1, loss_wan=Decimal(1)
        )
        == []
    )
