"""The small parks' three-level rating (小园区三级评定: 优质 / 发展不平衡 / 低效). No Django.

Metrics per small park from its tenants' year: tax per 亩 of the estate and its ratio R to a
benchmark (a fixed figure, or the average of the parks rated together: their total tax over their
total land), the shares of classed tenants in classes A/B and in D, the vacancy rate, the share of
tenants in the three key industries, and the violations on record. Thresholds (a versioned rule
set) map them to a level, and every decision is written out as a Chinese reason.

Each metric is compared with its threshold in decimal (parkops.core.thresholds): exactly at the
threshold is not past it, and a reason never prints a value that reads equal to a threshold it
is not equal to. The rule set's page states the rules and how this default differs from the
proposal of reference/small-park-rating.md §4 (parkops.smallparks.rules).

A metric that cannot be computed (no land recorded, no evaluation classes yet) is None; a rule
that needs it is skipped, the reasons say so, and such a park cannot be rated 优质.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from parkops.core.thresholds import above, below, fmt


class Level(StrEnum):
    GOOD = "good"  # 优质
    UNBALANCED = "unbalanced"  # 发展不平衡
    INEFFICIENT = "inefficient"  # 低效


@dataclass(frozen=True)
class TenantFacts:
    enterprise_id: int
    tax_wan: Decimal | None
    eval_class: str | None  # "A".."D" as the evaluation gives it; None when not classed
    key_industry: bool
    violations: int = 0


@dataclass(frozen=True)
class ParkFacts:
    park_id: int
    land_mu: Decimal | None
    floor_area_m2: Decimal | None
    vacant_m2: Decimal
    tenants: tuple[TenantFacts, ...]


@dataclass(frozen=True)
class RatingRules:
    benchmark_tax_per_mu_wan: Decimal | None  # None: the average of the parks rated together
    good_min_tax_ratio: Decimal
    good_max_vacancy_pct: Decimal
    good_min_ab_share_pct: Decimal
    good_max_d_share_pct: Decimal
    good_max_violations: int
    bad_veto_violations: int
    bad_max_tax_ratio: Decimal
    bad_min_vacancy_pct: Decimal
    bad_min_d_share_pct: Decimal
    bad_max_key_share_pct: Decimal
    bad_min_hits: int


@dataclass(frozen=True)
class Metrics:
    tenant_count: int
    classed_count: int
    tax_wan: Decimal | None
    tax_per_mu_wan: Decimal | None
    benchmark_wan: Decimal | None
    tax_ratio: Decimal | None
    ab_share_pct: Decimal | None
    d_share_pct: Decimal | None
    vacancy_pct: Decimal | None
    key_share_pct: Decimal | None
    violations: int


@dataclass(frozen=True)
class Rating:
    park_id: int
    level: Level
    metrics: Metrics
    reasons: tuple[str, ...]


HUNDRED = Decimal(100)
RANKED = ("A", "B", "C", "D")


def _pct(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    return Decimal(part) * HUNDRED / Decimal(whole) if whole else None


def park_tax(park: ParkFacts) -> Decimal | None:
    taxes = [t.tax_wan for t in park.tenants if t.tax_wan is not None]
    return sum(taxes, Decimal(0)) if taxes else None


def average_tax_per_mu(parks: Iterable[ParkFacts]) -> Decimal | None:
    """Total tax over total land of the parks that have both (Hangzhou's same-type average)."""
    tax, land = Decimal(0), Decimal(0)
    for park in parks:
        park_total = park_tax(park)
        if park_total is not None and park.land_mu:
            tax += park_total
            land += park.land_mu
    return tax / land if land else None


def park_metrics(park: ParkFacts, benchmark: Decimal | None) -> Metrics:
    tax = park_tax(park)
    per_mu = tax / park.land_mu if tax is not None and park.land_mu else None
    # Only the ranked classes count: T (不定等级) and N (未参评) tenants are left out of both shares.
    given = (t.eval_class.strip().upper() for t in park.tenants if t.eval_class)
    classed = [c for c in given if c in RANKED]
    return Metrics(
        tenant_count=len(park.tenants),
        classed_count=len(classed),
        tax_wan=tax,
        tax_per_mu_wan=per_mu,
        benchmark_wan=benchmark,
        tax_ratio=per_mu / benchmark if per_mu is not None and benchmark else None,
        ab_share_pct=_pct(sum(c in ("A", "B") for c in classed), len(classed)),
        d_share_pct=_pct(sum(c == "D" for c in classed), len(classed)),
        vacancy_pct=_pct(park.vacant_m2, park.floor_area_m2 or 0),
        key_share_pct=_pct(sum(t.key_industry for t in park.tenants), len(park.tenants)),
        violations=sum(t.violations for t in park.tenants),
    )


def _n(value: Decimal | int) -> str:
    """A threshold as people write it: 0.5, 30, 10 (not 0.50, 30.00)."""
    if isinstance(value, int):
        return str(value)
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


RATIO_PLACES = 2  # R is shown as 0.50 倍
PCT_PLACES = 1  # shares and vacancy as 30.0%


def _f(value: Decimal, threshold: Decimal | int, places: int = PCT_PLACES) -> str:
    """The metric as a reason prints it beside its threshold (parkops.core.thresholds.fmt)."""
    return fmt(value, places, against=threshold)


def _inefficient(m: Metrics, rules: RatingRules) -> list[str]:
    """The 低效 signs found; the park is 低效 when there are enough of them (or a veto)."""
    signs = []
    if m.tax_ratio is not None and below(m.tax_ratio, rules.bad_max_tax_ratio):
        signs.append(
            f"亩均税收为基准的 {_f(m.tax_ratio, rules.bad_max_tax_ratio, RATIO_PLACES)} 倍，低于 {_n(rules.bad_max_tax_ratio)} 倍"
        )
    if m.vacancy_pct is not None and above(m.vacancy_pct, rules.bad_min_vacancy_pct):
        signs.append(
            f"空置率 {_f(m.vacancy_pct, rules.bad_min_vacancy_pct)}%，高于 {_n(rules.bad_min_vacancy_pct)}%"
        )
    if m.d_share_pct is not None and above(m.d_share_pct, rules.bad_min_d_share_pct):
        signs.append(
            f"D 类企业占 {_f(m.d_share_pct, rules.bad_min_d_share_pct)}%，高于 {_n(rules.bad_min_d_share_pct)}%"
        )
    if m.key_share_pct is not None and below(m.key_share_pct, rules.bad_max_key_share_pct):
        signs.append(
            f"三大重点产业企业占 {_f(m.key_share_pct, rules.bad_max_key_share_pct)}%，低于 {_n(rules.bad_max_key_share_pct)}%"
        )
    return signs


def _good_shortfalls(m: Metrics, rules: RatingRules) -> list[str]:
    """The 优质 floors the park misses (a missing metric is a miss: 优质 must be shown)."""
    misses = []
    if m.tax_ratio is None:
        misses.append("亩均税收无法计算（缺少税收或占地面积）")
    elif below(m.tax_ratio, rules.good_min_tax_ratio):
        misses.append(
            f"亩均税收为基准的 {_f(m.tax_ratio, rules.good_min_tax_ratio, RATIO_PLACES)} 倍，未达 {_n(rules.good_min_tax_ratio)} 倍"
        )
    if m.vacancy_pct is None:
        misses.append("空置率无法计算（缺少厂房面积）")
    elif above(m.vacancy_pct, rules.good_max_vacancy_pct):
        misses.append(
            f"空置率 {_f(m.vacancy_pct, rules.good_max_vacancy_pct)}%，高于 {_n(rules.good_max_vacancy_pct)}%"
        )
    if m.ab_share_pct is None or m.d_share_pct is None:
        misses.append("没有企业评价结果，A/B 类与 D 类占比无法计算")
    else:
        if below(m.ab_share_pct, rules.good_min_ab_share_pct):
            misses.append(
                f"A/B 类企业占 {_f(m.ab_share_pct, rules.good_min_ab_share_pct)}%，未达 {_n(rules.good_min_ab_share_pct)}%"
            )
        if above(m.d_share_pct, rules.good_max_d_share_pct):
            misses.append(
                f"D 类企业占 {_f(m.d_share_pct, rules.good_max_d_share_pct)}%，高于 {_n(rules.good_max_d_share_pct)}%"
            )
    if m.violations > rules.good_max_violations:
        misses.append(f"违法违规记录 {m.violations} 起，多于 {_n(rules.good_max_violations)} 起")
    return misses


def rate_park(park_id: int, m: Metrics, rules: RatingRules) -> Rating:
    if m.violations >= rules.bad_veto_violations:
        reason = (
            f"违法违规记录 {m.violations} 起，达到 {_n(rules.bad_veto_violations)} 起，直接评为低效"
        )
        return Rating(park_id, Level.INEFFICIENT, m, (reason,))
    signs = _inefficient(m, rules)
    if len(signs) >= rules.bad_min_hits:
        head = f"低效迹象 {len(signs)} 项，达到 {_n(rules.bad_min_hits)} 项"
        return Rating(park_id, Level.INEFFICIENT, m, (head, *signs))
    misses = _good_shortfalls(m, rules)
    if not misses:
        return Rating(park_id, Level.GOOD, m, ("各项指标均达到优质标准",))
    return Rating(park_id, Level.UNBALANCED, m, ("未达优质标准：", *misses, *signs))


def rate_parks(parks: Sequence[ParkFacts], rules: RatingRules) -> list[Rating]:
    benchmark = rules.benchmark_tax_per_mu_wan
    if benchmark is None:
        benchmark = average_tax_per_mu(parks)
    return [rate_park(p.park_id, park_metrics(p, benchmark), rules) for p in parks]
