"""Choices carry their label and colour; templates show both from the choice."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from parkops.common.choices import Colour, all_coloured_choices, choices_named, colours_of
from parkops.evaluation.choices import EvaluationClass
from parkops.indicators.choices import TierChoice
from parkops.indicators.presenters import NO_TIER
from parkops.smallparks.choices import RatingLevel


def test_it_gives_every_member_of_every_coloured_choices_a_colour() -> None:
    found = {c.__name__ for c in all_coloured_choices()}
    assert {"EvaluationClass", "RunStatus", "TierChoice", "ScheduleStatus", "ListProgress",
            "CriterionCheck", "RatingLevel"} <= found  # fmt: skip
    for choices in all_coloured_choices():
        assert set(colours_of(choices)) == set(choices.values), choices.__name__
        assert all(isinstance(c, Colour) for c in colours_of(choices).values()), choices.__name__


def test_it_reads_label_colour_css_and_hex_from_the_member() -> None:
    assert RatingLevel.INEFFICIENT.colour.css == "text-bg-danger"
    assert EvaluationClass("A").colour is Colour.GREEN
    assert TierChoice.FLOOR.colour.hex == "#fd7e14"
    assert NO_TIER not in {c.hex for c in Colour}
    with pytest.raises(LookupError):
        choices_named("NoSuchChoices")


def _render(source: str, **context: object) -> str:
    return Template("{% load parkops %}" + source).render(Context(context))


def test_the_badge_tag_shows_label_and_colour_of_a_stored_value() -> None:
    assert _render('{% badge v "RatingLevel" %}', v="good") == (
        '<span class="badge text-bg-success" data-value="good">优质</span>'
    )
    assert _render('{% badge v "TierChoice" %}', v=None) == '<span class="text-muted">—</span>'
    unknown = _render('{% badge v "RatingLevel" %}', v="legacy")
    assert unknown == '<span class="badge text-bg-secondary">legacy</span>'
    assert _render('{{ v|choice_label:"ListProgress" }}', v="overdue") == "逾期未完成"
    assert _render('{{ v|choice_colour:"ScheduleStatus" }}', v="late") == "text-bg-danger"
    legend = _render('{% legend "TierChoice" %}')
    assert legend.count('class="badge') == 4
    assert legend.index("未达保底") < legend.index("达贡献")
