"""The scale of a score and the indicator that pulled a score down most, by hand."""

from __future__ import annotations

import pytest

from parkops.core.evaluation.default import default_definition, default_scheme
from parkops.core.evaluation.scheme import Scheme, SchemeError
from parkops.core.evaluation.summary import (
    ScoreLine,
    Shortfall,
    largest_shortfall,
    population_scale,
    scheme_scale,
)


def test_the_default_scheme_scores_out_of_100_at_the_benchmarks_and_at_most_300() -> None:
    above, below = scheme_scale(default_scheme())
    # 30 + 20 + 20 + 10 + 10 + 10 = 100; every indicator capped at 3 × its benchmark: 300
    assert (above.label, above.at_benchmark, above.maximum) == ("规上企业", 100.0, 300.0)
    assert (below.label, below.at_benchmark, below.maximum) == ("规下企业", 100.0, 300.0)


def test_an_uncapped_ratio_indicator_leaves_the_total_without_a_maximum() -> None:
    data = default_definition()
    indicators = data["populations"][0]["indicators"]
    indicators[0]["cap_multiple"] = None  # 亩均税收, weight 30
    indicators[1]["mode"] = "minmax"  # 亩均增加值, weight 20: at most its weight
    above = population_scale(Scheme.from_dict(data).populations[0])
    assert above.at_benchmark == 100.0
    assert above.maximum is None
    assert above.uncapped == ("亩均税收",)
    indicators[0]["cap_multiple"] = 2.0
    # 30 × 2 + 20 + (20 + 10 + 10 + 10) × 3 = 230
    assert population_scale(Scheme.from_dict(data).populations[0]).maximum == 230.0


def test_the_largest_shortfall_is_the_most_points_below_the_weight() -> None:
    lines = [
        ScoreLine(1, "tax_per_mu", "亩均税收", 30, 12.0),  # short 18
        ScoreLine(2, "va_per_mu", "亩均增加值", 20, 0.5),  # short 19.5
        ScoreLine(3, "va_per_tce", "单位能耗增加值", 20, 45.0),  # above: no shortfall
        ScoreLine(4, "rd_intensity", "研发投入强度", 10, 3.0, missing=True),  # short 7
    ]
    assert largest_shortfall(lines) == Shortfall("va_per_mu", "亩均增加值", 19.5, False)


def test_a_tie_goes_to_the_indicator_listed_first_and_no_shortfall_gives_none() -> None:
    tie = [
        ScoreLine(2, "b", "乙", 20, 10.0),
        ScoreLine(1, "a", "甲", 30, 20.0),
    ]
    assert largest_shortfall(tie) == Shortfall("a", "甲", 10.0, False)
    assert largest_shortfall([ScoreLine(1, "a", "甲", 30, 30.0)]) is None
    assert largest_shortfall([]) is None


def test_a_weight_of_zero_is_refused_naming_the_indicator() -> None:
    data = default_definition()
    data["populations"][0]["indicators"][0]["weight"] = 0
    with pytest.raises(SchemeError) as caught:
        Scheme.from_dict(data)
    assert caught.value.problems == ["规上企业指标「亩均税收」的权重必须大于 0"]
