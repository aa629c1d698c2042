"""The engine on hand-computed examples: scores, ranks, classes, vetoes, ties, missing data."""

from __future__ import annotations

import copy

import pytest

from parkops.core.evaluation.default import default_scheme
from parkops.core.evaluation.engine import Event, evaluate, park_averages
from parkops.core.evaluation.ranking import class_cuts, class_sizes
from parkops.core.evaluation.scheme import Scheme
from parkops.core.evaluation.tests.helpers import (
    by_id,
    frame,
    row,
    simple_definition,
    simple_scheme,
)

# Five 规上 enterprises. Scheme: 亩均税收 weight 50, benchmark 20; 亩均增加值 30, 100;
# 单位能耗增加值 20, 2; each value capped at 3 × benchmark; missing data scores the average.
FIVE = frame(
    # 40/亩 → 40/20×50 = 100; 200/亩 → 2×30 = 60; 4/tce → 2×20 = 40; total 200
    row(1, land_mu=10.0, tax=400.0, value_added=2000.0, energy_tce=500.0),
    # 10 → 25; 50 → 15; 4 → 40; total 80
    row(2, land_mu=20.0, tax=200.0, value_added=1000.0, energy_tce=250.0),
    # 100/亩 capped at 60 → 150; 100 → 30; energy missing → (40+40+10+40)/4 = 32.5; total 212.5
    row(3, land_mu=5.0, tax=500.0, value_added=500.0, energy_tce=None),
    # 10 → 25; 100 → 30; 1 → 10; total 65
    row(4, land_mu=10.0, tax=100.0, value_added=1000.0, energy_tce=1000.0),
    # 1 → 2.5; 10 → 3; 4 → 40; total 45.5
    row(5, land_mu=40.0, tax=40.0, value_added=400.0, energy_tce=100.0),
)


def test_it_scores_ranks_and_classes_five_enterprises_by_hand() -> None:
    result = by_id(evaluate(FIVE, simple_scheme()))

    assert {i: r["total_score"] for i, r in result.items()} == pytest.approx(
        {1: 200.0, 2: 80.0, 3: 212.5, 4: 65.0, 5: 45.5}
    )
    assert {i: (r["rank"], r["class"]) for i, r in result.items()} == {
        3: (1, "A"),  # n = 5: A the best round(1.0) = 1, B to round(3.0) = 3, C to round(4.0)
        1: (2, "B"),
        2: (3, "B"),
        4: (4, "C"),
        5: (5, "D"),
    }
    three = result[3]
    assert three["tax_per_mu__value"] == 100.0
    assert three["tax_per_mu__score"] == 150.0
    assert three["tax_per_mu__capped"] is True
    assert three["va_per_tce__missing"] is True
    assert three["va_per_tce__score"] == pytest.approx(32.5)
    assert three["va_per_tce__benchmark"] == 2.0
    assert result[4]["va_per_tce__score"] == pytest.approx(10.0)
    assert {i: r["park_position"] for i, r in result.items()} == {5: 1, 4: 2, 2: 3, 1: 4, 3: 5}
    assert all(r["population_size"] == 5 for r in result.values())


def test_the_same_input_always_gives_the_same_output() -> None:
    scheme = simple_scheme()
    assert evaluate(FIVE, scheme).equals(evaluate(FIVE, scheme))


def test_equal_scores_share_the_better_class_and_break_rank_ties_by_tax_per_mu() -> None:
    # Same score (tax per 亩 counted once, indicators equal); 7 has the higher tax per 亩 only
    # through a cap: both capped, so scores tie, and the tie-break still prefers 7.
    data = frame(
        row(6, land_mu=10.0, tax=700.0, value_added=1000.0, energy_tce=500.0),
        row(7, land_mu=10.0, tax=900.0, value_added=1000.0, energy_tce=500.0),
        row(8, land_mu=10.0, tax=10.0, value_added=1000.0, energy_tce=500.0),
        row(9, land_mu=10.0, tax=5.0, value_added=1000.0, energy_tce=500.0),
        row(10, land_mu=10.0, tax=1.0, value_added=1000.0, energy_tce=500.0),
    )
    result = by_id(evaluate(data, simple_scheme()))
    assert result[6]["total_score"] == result[7]["total_score"]
    assert (result[7]["rank"], result[6]["rank"]) == (1, 2)
    # Only one A place (round(5 × 20%)), but the two tied enterprises both take it.
    assert (result[6]["class"], result[7]["class"]) == ("A", "A")


def test_zero_land_is_missing_data_not_infinity() -> None:
    data = frame(
        row(1, land_mu=10.0, tax=400.0, value_added=2000.0, energy_tce=500.0),
        row(2, land_mu=0.0, tax=400.0, value_added=2000.0, energy_tce=500.0),
    )
    result = by_id(evaluate(data, simple_scheme()))
    assert result[2]["tax_per_mu__value"] is None
    assert result[2]["tax_per_mu__missing"] is True
    assert result[2]["tax_per_mu__score"] == result[1]["tax_per_mu__score"] == 100.0
    assert result[2]["tax_per_mu"] is None


@pytest.mark.parametrize(
    ("rule", "expected_score", "expected_class", "reason"),
    [
        ("average", 40.0 + 60 + 100, "A", None),  # E1's 40 points on energy
        ("zero", 160.0, "B", None),
        ("exclude", None, "N", "缺少数据：单位能耗增加值"),
    ],
)
def test_missing_data_under_each_rule(
    rule: str, expected_score: float | None, expected_class: str, reason: str | None
) -> None:
    definition = simple_definition()
    definition["populations"][0]["indicators"][2]["missing"] = rule
    definition["classes"]["shares"] = {"A": 50.0, "B": 50.0, "C": 0.0, "D": 0.0}
    data = frame(
        row(1, land_mu=10.0, tax=400.0, value_added=2000.0, energy_tce=500.0),
        row(2, land_mu=10.0, tax=400.0, value_added=2000.0, energy_tce=None),
    )
    second = by_id(evaluate(data, Scheme.from_dict(definition)))[2]
    assert second["total_score"] == (pytest.approx(expected_score) if expected_score else None)
    assert second["class"] == expected_class
    assert second["excluded_reason"] == reason


def test_vetoes_force_or_cap_a_class_and_ignore_lesser_grades() -> None:
    events = [
        Event(3, "safety_accident", 3),  # 重大 safety accident: forced to D
        Event(1, "illegal_land_use", 1),  # capped at C
        Event(2, "safety_accident", 1),  # 一般: below the rule's 较大, no effect
    ]
    result = by_id(
        evaluate(FIVE, simple_scheme(vetoes=default_scheme().to_dict()["vetoes"]), events=events)
    )
    assert (result[3]["class_before_veto"], result[3]["class"]) == ("A", "D")
    assert result[3]["veto_reasons"] == ["较大及以上生产安全事故，一票否决为 D 类"]
    assert (result[1]["class_before_veto"], result[1]["class"]) == ("B", "C")
    assert (result[2]["class"], result[2]["veto_reasons"]) == ("B", [])
    # After vetoes the bottom of the park starts with the D classes: 3 (rank 1) after 5 (rank 5).
    assert [
        i
        for i, _ in sorted(((i, r["park_position"]) for i, r in result.items()), key=lambda t: t[1])
    ] == [5, 3, 4, 1, 2]


def test_exclusions_new_enterprises_utilities_and_no_revenue() -> None:
    scheme = default_scheme()
    data = frame(
        row(1, land_mu=10.0, tax=100.0, years_in_production=1.5),
        row(2, land_mu=10.0, tax=100.0, industry_code="D4411"),
        row(3, land_mu=10.0, tax=100.0, above_scale=None, revenue=None),
        row(4, land_mu=1.0, tax=100.0, above_scale=False, revenue=500.0),
        row(5, land_mu=10.0, tax=100.0),
    )
    result = by_id(evaluate(data, scheme))
    assert (result[1]["class"], result[1]["excluded_reason"]) == (
        "T",
        "T类（不定等级）：投产不满 2 年",
    )
    assert (result[2]["class"], result[2]["excluded_reason"]) == ("T", "T类（不定等级）：行业 D44")
    assert (result[3]["class"], result[3]["excluded_reason"]) == (
        "N",
        "无营业收入数据，无法判定规上/规下",
    )
    assert (result[4]["class"], result[4]["excluded_reason"]) == ("N", "用地面积不足 1.5 亩")
    assert result[5]["rank"] == 1
    assert result[5]["population_size"] == 1
    assert all(
        result[i]["rank"] is None and result[i]["park_position"] is None for i in (1, 2, 3, 4)
    )


def test_a_tenants_land_is_its_rented_floor_space_converted() -> None:
    scheme = default_scheme()
    data = frame(
        # 6,000 m² at 2,000 m² per 亩 = 3 亩; tax 36 → 12 万元/亩 → 12 / 11.5932 × 100
        row(
            1,
            land_basis="rented",
            rented_floor_m2=6000.0,
            tax=36.0,
            above_scale=False,
            revenue=900.0,
        ),
    )
    tenant = by_id(evaluate(data, scheme))[1]
    assert tenant["land_mu"] == 3.0
    assert tenant["tax_per_mu__value"] == 12.0
    assert tenant["total_score"] == pytest.approx(12 / 11.5932 * 100)


def test_under_the_inherit_rule_a_tenant_takes_its_landlords_class() -> None:
    definition = simple_definition()
    definition["tenant_rule"] = "inherit"
    data = FIVE.vstack(
        frame(
            row(6, land_basis="rented", rented_floor_m2=100.0, tax=1.0, landlord_id=3),
            row(7, land_basis="rented", rented_floor_m2=100.0, tax=1.0, landlord_id=99),
        )
    )
    result = by_id(
        evaluate(data, Scheme.from_dict(definition), events=[Event(6, "illegal_land_use", 1)])
    )
    assert result[3]["class"] == "A"
    assert (result[6]["class_before_veto"], result[6]["inherited_from"]) == ("A", 3)
    assert result[6]["rank"] is None  # inherited, not ranked
    assert result[6]["class"] == "C"  # its own illegal land use caps it at C
    assert (result[7]["class"], result[7]["excluded_reason"]) == ("N", "租赁企业的业主单位未定级")
    # the five owners keep their classes
    assert [result[i]["class"] for i in range(1, 6)] == ["B", "B", "A", "C", "D"]


def test_benchmark_as_a_multiple_of_last_years_park_average() -> None:
    definition = simple_definition()
    tax = definition["populations"][0]["indicators"][0]
    tax.update(benchmark=None, benchmark_kind="previous_average", benchmark_factor=2.0)
    scheme = Scheme.from_dict(definition)
    last_year = frame(
        row(1, land_mu=10.0, tax=100.0, value_added=1.0, energy_tce=1.0),
        row(2, land_mu=30.0, tax=100.0, value_added=1.0, energy_tce=1.0),
    )
    averages = park_averages(last_year, scheme)
    assert averages["above.tax_per_mu"] == 5.0  # 200 万元 over 40 亩
    result = by_id(evaluate(FIVE, scheme, previous_averages=averages))
    assert result[1]["tax_per_mu__benchmark"] == 10.0
    assert result[1]["tax_per_mu__score"] == 30.0 * 50 / 10  # 40/亩 capped at 3 × 10


def test_min_max_scoring() -> None:
    definition = simple_definition()
    definition["populations"][0]["indicators"] = [
        {"code": "tax_per_mu", "label": "亩均税收", "numerator": "tax", "denominator": "land_mu",
         "weight": 100, "mode": "minmax", "missing": "zero"},
    ]  # fmt: skip
    data = frame(
        row(1, land_mu=1.0, tax=10.0), row(2, land_mu=1.0, tax=20.0), row(3, land_mu=1.0, tax=30.0)
    )
    result = by_id(evaluate(data, Scheme.from_dict(definition)))
    assert [result[i]["total_score"] for i in (1, 2, 3)] == pytest.approx([20.0, 60.0, 100.0])


def test_negative_tax_scores_zero_not_below() -> None:
    data = frame(row(1, land_mu=10.0, tax=-50.0, value_added=1000.0, energy_tce=500.0))
    assert by_id(evaluate(data, simple_scheme()))[1]["tax_per_mu__score"] == 0.0


def test_the_scheme_round_trips_through_json() -> None:
    scheme = default_scheme()
    assert Scheme.from_dict(copy.deepcopy(scheme.to_dict())) == scheme


def test_zero_land_leaves_a_firm_out_of_the_ranking_like_blank_land() -> None:
    # 20 亩 scored 71.08 while 0 亩 got the population's average (83.76): zero land is missing.
    data = frame(
        row(1, land_mu=10.0, tax=400.0, value_added=2000.0, energy_tce=500.0),
        row(2, land_mu=0.0, tax=400.0, value_added=2000.0, energy_tce=500.0),
        row(3, land_mu=None, tax=400.0, value_added=2000.0, energy_tce=500.0),
        row(4, land_basis="rented", rented_floor_m2=0.0, tax=40.0),
    )
    result = by_id(evaluate(data, simple_scheme()))
    assert (result[1]["rank"], result[1]["population_size"]) == (1, 1)
    for i in (2, 3, 4):
        assert (result[i]["class"], result[i]["excluded_reason"]) == (
            "N",
            "缺少用地面积（未填或为 0）",
        )
        assert result[i]["total_score"] is None


def test_land_at_the_minimum_as_shown_is_not_short() -> None:
    # 2,999.999 m² ÷ 2,000 = 1.4999995 亩, shown 1.500: not under the 1.5 亩 minimum
    data = frame(
        row(1, above_scale=False, revenue=500.0, land_basis="rented", rented_floor_m2=2999.999,
            tax=30.0),
        row(2, above_scale=False, revenue=500.0, land_basis="rented", rented_floor_m2=2998.0,
            tax=30.0),
    )  # fmt: skip
    result = by_id(evaluate(data, default_scheme()))
    assert result[1]["rank"] == 1
    assert (result[2]["class"], result[2]["excluded_reason"]) == ("N", "用地面积不足 1.5 亩")


def test_class_shares_round_half_up_in_exact_arithmetic() -> None:
    shares = {"A": 20.0, "B": 40.0, "C": 35.0, "D": 5.0}
    assert class_sizes(30, shares) == {"A": 6, "B": 12, "C": 11, "D": 1}
    assert class_sizes(10, shares) == {"A": 2, "B": 4, "C": 4, "D": 0}
    assert class_sizes(20, shares) == {"A": 4, "B": 8, "C": 7, "D": 1}
    # 0.1 + 0.2 in floating point is 0.30000000000000004: exact shares of 0.1% and 0.2% of
    # 500 enterprises give 0.5 then 1.5, which round up to 1 and 2
    odd = {"A": 0.1, "B": 0.2, "C": 49.7, "D": 50.0}
    assert class_cuts(500, odd)["A"] == 1
    assert class_cuts(500, odd)["B"] == 2


def test_a_score_shown_at_a_class_threshold_reaches_the_class() -> None:
    # one indicator, weight 100, benchmark 3: a value of 1.8 scores 1.8 / 3 × 100 = 60.00000000000001
    # or 59.99999999999999 depending on the division; shown 60.00 it reaches C at 60
    data = simple_definition()
    data["populations"][0]["indicators"] = [
        {"code": "t", "label": "亩均税收", "numerator": "tax", "denominator": "land_mu",
         "weight": 100, "benchmark": 3, "cap_multiple": None, "missing": "average"},
    ]  # fmt: skip
    data["classes"] = {"method": "threshold", "thresholds": {"A": 90, "B": 75, "C": 60}}
    scheme = Scheme.from_dict(data)
    result = by_id(evaluate(frame(row(1, land_mu=10.0, tax=17.99999999999999)), scheme))
    assert f"{result[1]['total_score']:.2f}" == "60.00"
    assert result[1]["total_score"] < 60
    assert result[1]["class"] == "C"
