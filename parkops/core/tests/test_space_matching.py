"""Matching by hand: hard filters, a score per dimension with its reason, a ranked list."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from parkops.core.space_matching import AdmissionBar, Need, Unit, rank, refusal, score
from parkops.core.text import company_key

D = Decimal
NEED = Need(floor_m2=D(1000), clear_height_m=D(8), power_kva=D(500), hazardous=True,
            eia_category="table", industry_code="C2710")  # fmt: skip


def test_hard_filters_refuse_with_their_reason() -> None:
    assert refusal(NEED, Unit(1, D(999))) == "面积 999 ㎡ 小于需求 1000 ㎡"
    assert refusal(NEED, Unit(1, D(1000), clear_height_m=D("7.9"))) == "净高不足：7.9，需要 8.0"
    assert refusal(NEED, Unit(1, D(1000), hazardous_allowed=False)) == "不允许使用危险化学品"
    assert refusal(NEED, Unit(1, D(1000), eia_max_category="registration")) == (
        "环评类别超出：需报告表，仅允许登记表"
    )
    # Equal passes; an attribute not recorded never refuses.
    assert refusal(NEED, Unit(1, D(1000), clear_height_m=D(8), eia_max_category="table")) is None
    assert refusal(NEED, Unit(1, D(1000))) is None


def test_it_scores_each_dimension_with_its_reason() -> None:
    unit = Unit(7, D(1200), clear_height_m=D(9), power_kva=D(800), industries=("C27",),
                park_rating="good", floor_load_kn_m2=D(10))  # fmt: skip
    match = score(NEED, unit)
    assert match is not None
    dims = {d.key: (d.score, d.reason) for d in match.dimensions}
    assert dims["area"] == (80, "面积 1200 ㎡，需求 1000 ㎡，富余 20%")
    assert dims["industry"] == (100, "行业 C2710 属适合行业 C27")
    assert dims["park"] == (100, "小园区评定为优质")
    # (30×80 + 25×100 + 10×100 + 10×100 + 10×100 + 15×100) / 100 = 94
    assert match.score == 94


def test_it_ranks_best_first_and_keeps_the_top() -> None:
    units = [Unit(i, D(1000 + 100 * i), industries=("C27",)) for i in range(1, 9)]
    units.append(Unit(99, D(500)))  # too small
    ranked = rank(NEED, units, top=3)
    assert [m.unit_id for m in ranked] == [1, 2, 3]


def test_company_names_reduce_to_one_key() -> None:
    assert company_key("上海 甲乙科技股份有限公司") == company_key("甲乙科技（上海）有限公司")
    assert company_key("ＡＢＣ生物有限公司") == company_key("abc生物")
    assert company_key("甲乙科技") != company_key("甲丙科技")


def test_the_fast_ranking_gives_the_full_scoring_s_order_and_reasons() -> None:
    # rank() scores every unit without its reasons and only the best with them: it must rank
    # exactly as scoring every unit in full would.
    import random

    rng = random.Random(18)
    need = Need(
        floor_m2=Decimal(1000), clear_height_m=Decimal(6), power_kva=Decimal(400),
        eia_category="table", industry_code="C2710",
    )  # fmt: skip
    units = [
        Unit(
            id=i,
            area_m2=Decimal(rng.randint(300, 3300)),
            clear_height_m=rng.choice([None, Decimal(rng.randint(4, 11))]),
            floor_load_kn_m2=rng.choice([None, Decimal(rng.randint(5, 19))]),
            power_kva=Decimal(rng.randint(200, 1400)),
            hazardous_allowed=rng.choice([None, True, False]),
            eia_max_category=rng.choice(["registration", "table", "report", ""]),
            industries=rng.choice([("C27",), ("C35", "C39"), ("C26",), ()]),
            park_rating=rng.choice(["good", "unbalanced", "inefficient", ""]),
        )
        for i in range(500)
    ]
    full = [m for m in (score(need, u) for u in units) if m is not None]
    expected = sorted(full, key=lambda m: (-m.score, m.unit_id))[:7]
    assert rank(need, units, top=7) == expected
    assert all(d.reason for m in expected for d in m.dimensions)


# 亩均税收 ≥ 20 万元/亩, 固定资产投资强度 ≥ 300 万元/亩, 500 ㎡ of floor per 亩 (2,000 ㎡ is 4 亩),
# a 低效 park raises both by 10%.
BAR = AdmissionBar(
    floor_m2_per_mu=D(500), minima=(("investment_intensity", D(300)), ("tax_per_mu", D(20))),
    investment=D(1200), tax=D(80), inefficient_raise_pct=D(10),
)  # fmt: skip


def _admission(unit: Unit, bar: AdmissionBar = BAR) -> tuple[int, str]:
    match = score(replace(NEED, bar=bar), unit)
    assert match is not None
    [dim] = [d for d in match.dimensions if d.key == "admission"]
    return dim.score, dim.reason


def test_the_admission_thresholds_are_measured_on_the_units_area() -> None:
    # 2,000 ㎡ = 4 亩: 1200 / 4 = 300 and 80 / 4 = 20, each equal to its threshold: passes.
    assert _admission(Unit(1, D(2000))) == (100, (
        "按本单元 2000 ㎡ 折 4.00 亩：达到准入门槛：固定资产投资强度 300.00 万元/亩，门槛 300.00；"
        "亩均税收（达产） 20.00 万元/亩，门槛 20.00"
    ))  # fmt: skip
    # A larger unit dilutes the lead's 亩均 figures below the bar.
    score_, reason = _admission(Unit(1, D(2500)))
    assert score_ == 0
    assert reason.startswith("按本单元 2500 ㎡ 折 5.00 亩：低于准入门槛：固定资产投资强度 240.00")


def test_a_low_efficiency_small_park_raises_the_bar_for_its_units() -> None:
    # The same 4 亩 unit fails in a 低效 park: 300 < 330 and 20 < 22.
    score_, reason = _admission(Unit(1, D(2000), park_rating="inefficient"))
    assert score_ == 0
    assert "低效小园区门槛提高 10%" in reason
    assert "门槛 330.00" in reason
    assert "门槛 22.00" in reason
    assert _admission(Unit(1, D(2000), park_rating="good"))[0] == 100


def test_missing_amounts_score_as_unknown_and_no_bar_leaves_the_score_as_before() -> None:
    assert _admission(Unit(1, D(2000)), replace(BAR, tax=None)) == (
        50,
        "按本单元 2000 ㎡ 折 4.00 亩：线索缺少数据：亩均税收（达产）",
    )
    unit = Unit(7, D(1200), clear_height_m=D(9), power_kva=D(800), industries=("C27",),
                park_rating="good", floor_load_kn_m2=D(10))  # fmt: skip
    assert [d.key for d in score(NEED, unit).dimensions] == [  # type: ignore[union-attr]
        "area",
        "industry",
        "height",
        "load",
        "power",
        "park",
    ]
    # With a bar the unit passes, the admission weight (20) joins: (94×100 + 20×0)/120 when failing.
    failing = score(replace(NEED, bar=replace(BAR, tax=D(1))), unit)
    assert failing is not None
    assert failing.score == round(9400 / 120)


def test_a_unit_that_fails_the_bar_ranks_below_one_that_meets_it() -> None:
    need = replace(NEED, bar=BAR)
    units = [Unit(1, D(2500), industries=("C27",)), Unit(2, D(2000), industries=("C27",))]
    assert [m.unit_id for m in rank(need, units, top=2)] == [2, 1]
