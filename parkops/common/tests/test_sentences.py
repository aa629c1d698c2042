"""Reasons the core stores in Chinese read in English on display, old rows included; the Chinese
page shows exactly what was stored."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

import pytest
from django.utils import translation

from parkops.common.sentences import sentence_translate
from parkops.core.evaluation.engine import NO_LAND_REASON
from parkops.core.evaluation.model import INHERIT_REASON
from parkops.core.parkrating import Metrics, RatingRules, rate_park

CJK = re.compile(r"[\u4e00-\u9fff]")
D = Decimal


def english(text: str) -> str:
    with translation.override("en"):
        return sentence_translate(text)


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("用地面积不足 1.5 亩", "Land area below 1.5 mu"),
        (NO_LAND_REASON, "Land area missing (blank or 0)"),
        (INHERIT_REASON, "Tenant takes its landlord's class"),
        ("缺少数据：亩均税收", "No data: Tax per mu"),
        (
            "T类（不定等级）：投产不满 2 年",
            "Class T (not graded): in production for less than 2 years",
        ),
        ("T类（不定等级）：行业 D44", "Class T (not graded): industry D44"),
        (
            "人工调整：核实后更正",
            "Adjusted by hand: 核实后更正",
        ),  # the reason as the clerk typed it
        (
            "较大及以上生产安全事故，一票否决为 D 类",
            "Serious or worse work-safety accident: vetoed to class D",
        ),
        ("空置率 35.0%，高于 30%", "Vacancy 35.0%, above 30%"),
        ("低效迹象 2 项，达到 2 项", "2 signs of inefficiency, at least 2"),
        ("某园区自定的否决理由", "某园区自定的否决理由"),  # a scheme's own label: shown as typed
        ("", ""),
    ],
)
def test_a_stored_reason_reads_in_english_and_unchanged_in_chinese(stored: str, shown: str) -> None:
    assert english(stored) == shown
    assert sentence_translate(stored) == stored


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


def test_every_reason_the_small_park_rating_gives_has_english() -> None:
    # Every combination of good, middling, bad and missing metrics: each wording the rating can
    # write comes out at least once.
    reasons: set[str] = set()
    for ratio, vacancy, ab, d, key, violations in itertools.product(
        (D("1.2"), D("0.8"), D("0.3"), None),
        (D("5"), D("20"), D("40"), None),
        (D("60"), D("20"), None),
        (D("5"), D("20"), D("40")),
        (D("50"), D("10")),
        (0, 1, 3),
    ):
        metrics = Metrics(
            tenant_count=10, classed_count=10, tax_wan=None, tax_per_mu_wan=None,
            benchmark_wan=D("10"), tax_ratio=ratio, ab_share_pct=ab,
            d_share_pct=d if ab is not None else None, vacancy_pct=vacancy,
            key_share_pct=key, violations=violations,
        )  # fmt: skip
        reasons.update(rate_park(1, metrics, RULES).reasons)
    assert len(reasons) > 20
    assert [r for r in reasons if CJK.search(english(r))] == []
    assert {sentence_translate(r) for r in reasons} == reasons
