"""Matching by hand: hard filters, a score per dimension with its reason, a ranked list."""

from __future__ import annotations

from decimal import Decimal

from parkops.core.space_matching import Need, Unit, rank, refusal, score
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
