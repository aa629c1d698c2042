"""Explaining a score in Chinese, and the what-if re-run."""

from __future__ import annotations

import pytest

from parkops.core.evaluation.engine import evaluate
from parkops.core.evaluation.explain import IndicatorLine, class_boundaries, explain, what_if
from parkops.core.evaluation.scheme import SchemeError
from parkops.core.evaluation.tests.helpers import simple_definition, simple_scheme
from parkops.core.evaluation.tests.test_engine import FIVE


def _lines(row: dict[str, object]) -> list[IndicatorLine]:
    scheme = simple_scheme()
    return [
        IndicatorLine(
            code=i.code,
            label=i.label,
            unit=i.unit,
            weight=i.weight,
            value=row[f"{i.code}__value"],  # type: ignore[arg-type]
            benchmark=row[f"{i.code}__benchmark"],  # type: ignore[arg-type]
            score=row[f"{i.code}__score"],  # type: ignore[arg-type]
            missing=row[f"{i.code}__missing"],  # type: ignore[arg-type]
            capped=row[f"{i.code}__capped"],  # type: ignore[arg-type]
        )
        for i in scheme.population("above").indicators
    ]


def test_it_explains_each_indicator_and_the_way_up_one_class() -> None:
    scheme = simple_scheme()
    result = evaluate(FIVE, scheme)
    bounds = class_boundaries(result, scheme)
    assert bounds["above"] == pytest.approx({"A": 212.5, "B": 80.0, "C": 65.0, "D": 45.5})
    four = result.row(3, named=True)  # enterprise 4: 65 points, C
    text = explain(
        _lines(four),
        scheme=scheme,
        population_code="above",
        total=four["total_score"],
        cls=four["class"],
        class_before_veto=four["class_before_veto"],
        figures={"tax": 100.0, "land_mu": 10.0, "value_added": 1000.0, "energy_tce": 1000.0},
        boundaries=bounds["above"],
    )
    assert text.summary == "综合得分 65.00 分，规上企业中评为 C 类。"
    assert (
        text.lines[0]
        == "亩均税收（权重 50）：10.00 万元/亩，基准值 20.00 万元/亩，为基准值的 50%，得 25.00 分。"
    )
    # 15 points to B: 亩均税收 must rise by 15 / 50 × 20 = 6 万元/亩, i.e. 60 万元 of tax on 10 亩
    assert text.upgrade[0] == "距 B 类最低得分 80.00 分还差 15.00 分。单项提升："
    assert text.upgrade[1] == "亩均税收达到 16.00 万元/亩，即税收增加 60.00 万元。"


def test_a_missing_indicator_is_explained() -> None:
    scheme = simple_scheme()
    three = evaluate(FIVE, scheme).row(2, named=True)
    text = explain(
        _lines(three),
        scheme=scheme,
        population_code="above",
        total=three["total_score"],
        cls="A",
        class_before_veto="A",
        figures={},
        boundaries={"A": 212.5},
    )
    assert "数据缺失，按本类别该指标的平均得分计 32.50 分。" in text.lines[2]
    assert "按封顶值计" in text.lines[0]
    assert text.upgrade == []


def test_what_if_reports_the_new_score_rank_and_class_without_changing_the_input() -> None:
    scheme = simple_scheme()
    # Enterprise 4 pays 60 万元 more tax: 亩均税收 16 → 40 points; total 80, ties with 2 for B.
    outcome = what_if(FIVE, scheme, enterprise_id=4, changes={"tax": 160.0})
    assert outcome.total_score == pytest.approx(80.0)
    assert outcome.evaluation_class == "B"
    assert outcome.rank == 3  # tie with 2 on score, broken by 亩均税收: 16 > 10
    assert FIVE.filter(FIVE["enterprise_id"] == 4)["tax"][0] == 100.0


def test_a_faulty_scheme_lists_every_problem_in_chinese() -> None:
    data = simple_definition()
    data["classes"]["shares"] = {"A": 20.0, "B": 40.0, "C": 35.0, "D": 10.0}
    data["populations"][0]["indicators"][0]["numerator"] = "profit"
    data["populations"][0]["indicators"][1]["benchmark"] = 0
    with pytest.raises(SchemeError) as caught:
        simple_scheme(**data)
    assert caught.value.problems == [
        "规上企业指标「亩均税收」的分子（numerator）应为 output_value、revenue、tax、value_added、energy_tce、emissions_t、rd_expense、employees、land_mu 之一",
        "规上企业指标「亩均增加值」的固定基准值必须大于 0",
        "等级划分：A、B、C、D 的比例之和应为 100%，现为 105%",
    ]
