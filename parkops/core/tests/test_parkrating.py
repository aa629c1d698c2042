"""The small-park rating worked out by hand, each threshold at its boundary."""

from __future__ import annotations

from decimal import Decimal

from parkops.core.parkrating import (
    Level,
    ParkFacts,
    RatingRules,
    TenantFacts,
    average_tax_per_mu,
    park_metrics,
    rate_park,
    rate_parks,
)

D = Decimal
RULES = RatingRules(
    benchmark_tax_per_mu_wan=D("10"),
    good_min_tax_ratio=D("1.0"),
    good_max_vacancy_pct=D("15"),
    good_min_ab_share_pct=D("50"),
    good_max_d_share_pct=D("10"),
    good_max_violations=0,
    bad_veto_violations=3,
    bad_max_tax_ratio=D("0.5"),
    bad_min_vacancy_pct=D("30"),
    bad_min_d_share_pct=D("30"),
    bad_max_key_share_pct=D("30"),
    bad_min_hits=2,
)


def tenants(classes: str, *, key: int, tax: Decimal = Decimal(0), violations: int = 0) -> tuple:
    """One tenant per class letter ('-' = not classed); the first `key` are in a key industry;
    the first tenant carries all the tax and the violations."""
    return tuple(
        TenantFacts(
            enterprise_id=i,
            tax_wan=tax if i == 0 else None,
            eval_class=None if c == "-" else c,
            key_industry=i < key,
            violations=violations if i == 0 else 0,
        )
        for i, c in enumerate(classes)
    )


def park(tax: str, vacant: str, classes: str = "AABBCCCCCD", key: int = 5, violations: int = 0):
    # 10 亩 and 1,000 m²: tax per 亩 = tax / 10, vacancy % = vacant / 10
    return ParkFacts(1, D("10"), D("1000"), D(vacant), tenants(classes, key=key, tax=D(tax),
                                                                   violations=violations))  # fmt: skip


def level(facts: ParkFacts) -> Level:
    return rate_park(1, park_metrics(facts, RULES.benchmark_tax_per_mu_wan), RULES).level


def test_metrics_by_hand() -> None:
    m = park_metrics(park("150", "120"), D("10"))
    assert m.tax_per_mu_wan == D("15")
    assert m.tax_ratio == D("1.5")
    assert m.ab_share_pct == D("40")  # 4 of 10 classed tenants are A or B
    assert m.d_share_pct == D("10")
    assert m.vacancy_pct == D("12")
    assert m.key_share_pct == D("50")
    # shares of A/B and D count only classed tenants; key-industry share counts all
    m = park_metrics(park("0", "0", classes="AB--", key=1), D("10"))
    assert (m.ab_share_pct, m.d_share_pct, m.key_share_pct) == (D("100"), D("0"), D("25"))
    # T (不定等级) and N (未参评) are classes outside the ranking: left out of both shares
    m = park_metrics(park("0", "0", classes="ADTN", key=0), D("10"))
    assert (m.classed_count, m.ab_share_pct, m.d_share_pct) == (2, D("50"), D("50"))


def test_good_exactly_at_every_floor() -> None:
    # R = 1.0, vacancy 15%, A/B 50%, D 10%, no violation: 优质
    assert level(park("100", "150", classes="AAABBCCCCD")) == Level.GOOD
    rating = rate_park(1, park_metrics(park("100", "150", "AAABBCCCCD"), D("10")), RULES)
    assert rating.reasons == ("各项指标均达到优质标准",)


def test_just_below_each_good_floor_is_unbalanced() -> None:
    assert level(park("99.9", "150", classes="AAABBCCCCD")) == Level.UNBALANCED
    assert level(park("100", "150.1", classes="AAABBCCCCD")) == Level.UNBALANCED
    assert level(park("100", "150", classes="AABBCCCCCD")) == Level.UNBALANCED  # A/B 40%
    assert level(park("100", "150", classes="AAABBCCCDD")) == Level.UNBALANCED  # D 20%
    assert level(park("100", "150", classes="AAABBCCCCD", violations=1)) == Level.UNBALANCED
    rating = rate_park(1, park_metrics(park("100", "200", "AAABBCCCCD"), D("10")), RULES)
    assert rating.reasons == ("未达优质标准：", "空置率 20.0%，高于 15%")


def test_two_signs_make_a_park_inefficient_and_one_does_not() -> None:
    # R = 0.49 and vacancy 31%: two signs
    rating = rate_park(1, park_metrics(park("49", "310"), D("10")), RULES)
    assert rating.level == Level.INEFFICIENT
    assert rating.reasons == (
        "低效迹象 2 项，达到 2 项",
        "亩均税收为基准的 0.49 倍，低于 0.5 倍",
        "空置率 31.0%，高于 30%",
    )
    assert level(park("50", "310")) == Level.UNBALANCED  # R exactly 0.5 is no sign
    assert level(park("49", "300")) == Level.UNBALANCED  # vacancy exactly 30% is no sign
    # D share exactly 30% is no sign; 40% is
    assert level(park("49", "0", classes="AAAACCCDDD")) == Level.UNBALANCED
    assert level(park("49", "0", classes="AAACCCDDDD")) == Level.INEFFICIENT
    # key-industry share exactly 30% is no sign; 20% is
    assert level(park("49", "0", key=3)) == Level.UNBALANCED
    assert level(park("49", "0", key=2)) == Level.INEFFICIENT


def test_three_violations_veto_a_good_park() -> None:
    assert level(park("500", "0", classes="AAAAAAAAAA", violations=2)) == Level.UNBALANCED
    rating = rate_park(
        1, park_metrics(park("500", "0", "AAAAAAAAAA", violations=3), D("10")), RULES
    )
    assert rating.level == Level.INEFFICIENT
    assert rating.reasons == ("违法违规记录 3 起，达到 3 起，直接评为低效",)


def test_without_classes_a_park_cannot_be_good_and_the_reason_says_so() -> None:
    rating = rate_park(1, park_metrics(park("500", "0", classes="----------"), D("10")), RULES)
    assert rating.level == Level.UNBALANCED
    assert "没有企业评价结果，A/B 类与 D 类占比无法计算" in rating.reasons


def test_the_default_benchmark_is_the_average_of_the_parks_rated() -> None:
    a = ParkFacts(1, D("10"), None, D(0), tenants("AB", key=2, tax=D("300")))
    b = ParkFacts(2, D("30"), None, D(0), tenants("AB", key=2, tax=D("100")))
    no_land = ParkFacts(3, None, None, D(0), tenants("AB", key=2, tax=D("999")))
    assert average_tax_per_mu([a, b, no_land]) == D("10")  # 400 万元 / 40 亩
    rules = RatingRules(**{**RULES.__dict__, "benchmark_tax_per_mu_wan": None})
    ratios = [r.metrics.tax_ratio for r in rate_parks([a, b, no_land], rules)]
    assert ratios == [D("3"), D("1") / D("3"), None]


def test_a_park_at_exactly_half_the_average_benchmark_is_not_below_half() -> None:
    # Park 1: 1 万元 over 3 亩; park 2: 3 万元 over 3 亩. The average is 4 ÷ 6 = 2/3 万元/亩, so
    # park 1's R is (1/3) ÷ (2/3) = 0.5 exactly; in 28-digit decimals it came out 0.4999…9 and
    # the park was rated 低效 for "0.50 倍，低于 0.5 倍". Vacancy 35% is one 低效 sign already.
    def estate(pk: int, tax: str, vacant: str) -> ParkFacts:
        tenant = TenantFacts(enterprise_id=pk, tax_wan=D(tax), eval_class=None, key_industry=True)
        return ParkFacts(pk, D("3"), D("1000"), D(vacant), (tenant,))

    average = RatingRules(**{**RULES.__dict__, "benchmark_tax_per_mu_wan": None})
    rating = rate_parks([estate(1, "1", "350"), estate(2, "3", "0")], average)[0]
    assert rating.level == Level.UNBALANCED
    assert "亩均税收为基准的 0.50 倍，未达 1 倍" in rating.reasons
    assert not any("低于 0.5 倍" in r for r in rating.reasons)


def test_a_share_just_past_a_threshold_is_printed_with_the_digits_that_show_it() -> None:
    # vacancy 300.004 of 1,000 m² = 30.0004%: above 30%, and never printed as "30.0%，高于 30%"
    facts = ParkFacts(1, D("10"), D("1000"), D("300.004"), tenants("AABBCCCCCD", key=5, tax=D(40)))
    reasons = rate_park(1, park_metrics(facts, D(10)), RULES).reasons
    assert "空置率 30.0004%，高于 30%" in reasons
