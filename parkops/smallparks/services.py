"""Writes of the small parks' estates and ratings: full_clean, atomic, history with a reason."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from parkops.common.versioning import record_save
from parkops.common.years import year_check
from parkops.core.parkrating import Metrics, RatingRules, rate_parks
from parkops.registry.models import SmallPark
from parkops.smallparks.choices import RatingLevel
from parkops.smallparks.models import (
    Building,
    RatingRuleSet,
    SmallParkRating,
    Tenancy,
    VacantSpace,
)
from parkops.smallparks.rating_selectors import evaluation_inputs, park_facts

DEFAULT_VERSION = "默认规则 v1"


@transaction.atomic
def building_create(
    *, small_park: SmallPark, data: Mapping[str, Any], reason: str = ""
) -> Building:
    return record_save(Building(small_park=small_park, **data), reason=reason or "新增楼栋")


@transaction.atomic
def tenancy_create(*, small_park: SmallPark, data: Mapping[str, Any], reason: str = "") -> Tenancy:
    return record_save(Tenancy(small_park=small_park, **data), reason=reason or "新增租赁")


@transaction.atomic
def tenancy_end(*, tenancy: Tenancy, ends_on: date, reason: str = "") -> Tenancy:
    tenancy.ends_on = ends_on
    return record_save(tenancy, reason=reason or "租赁到期或退租")


@transaction.atomic
def vacancy_create(
    *, small_park: SmallPark, data: Mapping[str, Any], reason: str = ""
) -> VacantSpace:
    return record_save(VacantSpace(small_park=small_park, **data), reason=reason or "登记空置厂房")


@transaction.atomic
def vacancy_let(*, vacancy: VacantSpace, let_on: date, reason: str = "") -> VacantSpace:
    vacancy.let_on = let_on
    return record_save(vacancy, reason=reason or "空置厂房已出租")


def ruleset_default() -> RatingRuleSet:
    """The default rule set, made once. It is drawn from, but is not, the proposal of
    reference/small-park-rating.md §4: parkops.smallparks.rules.differences says how it differs."""
    existing = RatingRuleSet.objects.filter(version=DEFAULT_VERSION).first()
    if existing is not None:
        return existing
    rules = RatingRuleSet(
        version=DEFAULT_VERSION,
        is_default=True,
        note="默认规则（判断值，可修改）：参照浙江小微企业园绩效评价与上海产业用地 A/B/C/D 分类拟定，"
        "不是官方标准，也不是参考资料 §4 的百分制方案（差异见评定页）。",
    )
    record_save(rules, reason="创建默认评定规则")
    rules.refresh_from_db()  # decimals as stored (10.00, not 10)
    return rules


def ruleset_parse(rule_set: RatingRuleSet) -> RatingRules:
    return RatingRules(
        benchmark_tax_per_mu_wan=rule_set.benchmark_tax_per_mu_wan,
        good_min_tax_ratio=rule_set.good_min_tax_ratio,
        good_max_vacancy_pct=rule_set.good_max_vacancy_pct,
        good_min_ab_share_pct=rule_set.good_min_ab_share_pct,
        good_max_d_share_pct=rule_set.good_max_d_share_pct,
        good_max_violations=rule_set.good_max_violations,
        bad_veto_violations=rule_set.bad_veto_violations,
        bad_max_tax_ratio=rule_set.bad_max_tax_ratio,
        bad_min_vacancy_pct=rule_set.bad_min_vacancy_pct,
        bad_min_d_share_pct=rule_set.bad_min_d_share_pct,
        bad_max_key_share_pct=rule_set.bad_max_key_share_pct,
        bad_min_hits=rule_set.bad_min_hits,
    )


def _metrics_json(metrics: Metrics) -> dict[str, Any]:
    return {
        key: (str(value.quantize(Decimal("0.01"))) if isinstance(value, Decimal) else value)
        for key, value in asdict(metrics).items()
    }


@transaction.atomic
def rating_run(*, year: int, rule_set: RatingRuleSet | None = None) -> list[SmallParkRating]:
    """Rate every small park for the year; a park's earlier rating of that year is replaced
    (its history keeps the old one). A park where neither tax per 亩 nor vacancy can be computed
    (no land or no tenants' tax, and no floor area) is not rated: a level from no data misleads."""
    year_check(year)
    rule_set = rule_set or ruleset_default()
    inputs = evaluation_inputs(year)
    note = ""
    if inputs.classes is None:
        note = f"{year} 年度没有已发布的企业评价结果：A/B 类、D 类占比未计算。"
    parks = list(SmallPark.objects.order_by("plan_sequence", "name"))
    facts = park_facts(year=year, parks=parks, inputs=inputs)
    stored = []
    for park, rating in zip(parks, rate_parks(facts, ruleset_parse(rule_set)), strict=True):
        if rating.metrics.tax_per_mu_wan is None and rating.metrics.vacancy_pct is None:
            continue
        record = SmallParkRating.objects.filter(small_park=park, year=year).first()
        record = record or SmallParkRating(small_park=park, year=year)
        record.rule_set = rule_set
        record.level = RatingLevel(rating.level.value)
        record.metrics = _metrics_json(rating.metrics)
        record.reasons = list(rating.reasons)
        record.inputs_note = note
        stored.append(record_save(record, reason=f"按“{rule_set.version}”评定 {year} 年度"))
    return stored
