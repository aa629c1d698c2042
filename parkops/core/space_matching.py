"""Matching a lead's needs to vacant units. No Django.

The pattern public matchers share (reference next-capabilities §2.4): hard filters first, then a
score of 0–100 per dimension with its reason, then a ranked list. A unit attribute that is not
recorded never excludes a unit: it scores lower and says so, so that an estate whose owner has
not yet entered its clear heights is not hidden from every lead.

Environmental-assessment categories (建设项目环境影响评价分类管理名录) are ordered: 登记表 <
报告表 < 报告书; a unit permits projects up to its category.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from parkops.core.admission import THRESHOLDS, Threshold, code_covers, effective
from parkops.core.text import gettext_noop as _
from parkops.core.thresholds import fmt

EIA_ORDER = {"registration": 1, "table": 2, "report": 3}  # 登记表, 报告表, 报告书
EIA_LABELS = {"registration": _("登记表"), "table": _("报告表"), "report": _("报告书")}
# How the small park's rating weighs in (方案 三（二）: 优质 parks are supported to grow, 低效
# parks raise their bar): a score for the park dimension.
RATING_SCORES = {"good": 100, "unbalanced": 70, "inefficient": 40}
WEIGHTS = {
    "area": 30, "industry": 25, "height": 10, "load": 10, "power": 10, "park": 15, "admission": 20,
}  # fmt: skip
# The admission thresholds measured per 亩 of the unit the lead would occupy (方案 三（一）严格
# 项目准入): the lead's amount at full production divided by the unit's area in 亩.
PER_MU = {"investment_intensity": "investment", "tax_per_mu": "tax", "output_per_mu": "output"}
UNKNOWN_SCORE = 50


@dataclass(frozen=True)
class AdmissionBar:
    """The admission rule set's per-亩 minima and the lead's amounts (万元) they divide, measured
    on each unit's area: a unit much larger than the project needs lowers its 亩均 figures, and a
    unit in a 低效 small park raises the bar by `inefficient_raise_pct`."""

    floor_m2_per_mu: Decimal
    minima: tuple[tuple[str, Decimal], ...]  # (threshold key, its base minimum), keys of PER_MU
    investment: Decimal | None = None
    tax: Decimal | None = None
    output: Decimal | None = None
    inefficient_raise_pct: Decimal = Decimal(0)


@dataclass(frozen=True)
class Need:
    floor_m2: Decimal | None = None
    clear_height_m: Decimal | None = None
    floor_load_kn_m2: Decimal | None = None
    power_kva: Decimal | None = None
    hazardous: bool = False
    eia_category: str = ""
    industry_code: str = ""
    bar: AdmissionBar | None = None  # no rule set with per-亩 minima: no admission dimension


@dataclass(frozen=True)
class Unit:
    id: int
    area_m2: Decimal
    floor: int | None = None
    clear_height_m: Decimal | None = None
    floor_load_kn_m2: Decimal | None = None
    power_kva: Decimal | None = None
    hazardous_allowed: bool | None = None
    eia_max_category: str = ""
    industries: tuple[str, ...] = ()  # suitable GB/T 4754 codes (a division covers its classes)
    park_rating: str = ""


@dataclass(frozen=True)
class Dimension:
    key: str
    score: int
    reason: str


@dataclass(frozen=True)
class Match:
    unit_id: int
    score: int
    dimensions: tuple[Dimension, ...]


def refusal(need: Need, unit: Unit) -> str | None:
    """Why the unit cannot take the lead at all (a hard filter), or None."""
    if need.floor_m2 and unit.area_m2 < need.floor_m2:
        return _("面积 %(a)s ㎡ 小于需求 %(n)s ㎡") % {
            "a": fmt(unit.area_m2, 0), "n": fmt(need.floor_m2, 0),
        }  # fmt: skip
    for key, label in (("clear_height_m", _("净高")), ("floor_load_kn_m2", _("荷载")),
                       ("power_kva", _("电力容量"))):  # fmt: skip
        wanted, has = getattr(need, key), getattr(unit, key)
        if wanted and has is not None and has < wanted:
            return _("%(label)s不足：%(has)s，需要 %(wanted)s") % {
                "label": label, "has": fmt(has, 1), "wanted": fmt(wanted, 1),
            }  # fmt: skip
    if need.hazardous and unit.hazardous_allowed is False:
        return _("不允许使用危险化学品")
    if (
        need.eia_category
        and unit.eia_max_category
        and EIA_ORDER[need.eia_category] > EIA_ORDER[unit.eia_max_category]
    ):
        return _("环评类别超出：需%(n)s，仅允许%(u)s") % {
            "n": EIA_LABELS[need.eia_category], "u": EIA_LABELS[unit.eia_max_category],
        }  # fmt: skip
    return None


def _area(need: Need, unit: Unit, explain: bool) -> Dimension:
    if not need.floor_m2:
        return Dimension("area", UNKNOWN_SCORE, _("线索未填面积需求"))
    excess = (unit.area_m2 - need.floor_m2) / need.floor_m2
    score = max(0, round(100 - float(excess) * 100))
    if not explain:
        return Dimension("area", score, "")
    return Dimension(
        "area", score, _("面积 %(a)s ㎡，需求 %(n)s ㎡，富余 %(p)s%%") % {
            "a": fmt(unit.area_m2, 0), "n": fmt(need.floor_m2, 0), "p": fmt(excess * 100, 0),
        },
    )  # fmt: skip


def _margin(
    key: str, label: str, wanted: Decimal | None, has: Decimal | None, explain: bool
) -> Dimension:
    if not wanted:
        return Dimension(key, 100, _("%(label)s无要求") % {"label": label} if explain else "")
    if has is None:
        return Dimension(
            key, UNKNOWN_SCORE, _("%(label)s未登记") % {"label": label} if explain else ""
        )
    if not explain:
        return Dimension(key, 100, "")
    return Dimension(
        key, 100, _("%(label)s %(has)s，需要 %(wanted)s") % {
            "label": label, "has": fmt(has, 1), "wanted": fmt(wanted, 1),
        },
    )  # fmt: skip


def _industry(need: Need, unit: Unit, explain: bool) -> Dimension:
    if not unit.industries:
        return Dimension("industry", UNKNOWN_SCORE, _("空置厂房未登记适合行业"))
    if not need.industry_code:
        return Dimension("industry", UNKNOWN_SCORE, _("线索未填行业代码"))
    fits = [c for c in unit.industries if code_covers(c, need.industry_code)]
    if fits:
        if not explain:
            return Dimension("industry", 100, "")
        return Dimension("industry", 100, _("行业 %(c)s 属适合行业 %(f)s") % {
            "c": need.industry_code, "f": "、".join(fits),
        })  # fmt: skip
    # Same division, a different class: near.
    if any(code_covers(need.industry_code[:3], c) for c in unit.industries):
        return Dimension("industry", 60, _("同一行业大类，非所列适合行业"))
    if not explain:
        return Dimension("industry", 0, "")
    return Dimension("industry", 0, _("行业 %(c)s 不在适合行业 %(f)s 内") % {
        "c": need.industry_code, "f": "、".join(unit.industries),
    })  # fmt: skip


PARK_LABELS = {"good": _("优质"), "unbalanced": _("发展不平衡"), "inefficient": _("低效")}


def _park(unit: Unit, explain: bool) -> Dimension:
    if unit.park_rating not in RATING_SCORES:
        return Dimension("park", UNKNOWN_SCORE, _("小园区尚无评定"))
    if not explain:
        return Dimension("park", RATING_SCORES[unit.park_rating], "")
    return Dimension(
        "park", RATING_SCORES[unit.park_rating],
        _("小园区评定为%(level)s") % {"level": PARK_LABELS[unit.park_rating]},
    )  # fmt: skip


def _admission(bar: AdmissionBar, unit: Unit, explain: bool) -> Dimension:
    if not unit.area_m2:
        return Dimension("admission", UNKNOWN_SCORE, _("空置厂房未登记面积"))
    land = unit.area_m2 / bar.floor_m2_per_mu
    pct = bar.inefficient_raise_pct if unit.park_rating == "inefficient" else Decimal(0)
    failed: list[str] = []
    missing: list[str] = []
    passed: list[str] = []
    for key, base in bar.minima:
        label, _bound, measure = THRESHOLDS[key]
        amount = getattr(bar, PER_MU[key])
        if amount is None:
            missing.append(label)
            continue
        value, limit = amount / land, effective(Threshold(key, base), pct)
        words = _("%(label)s %(value)s %(unit)s，门槛 %(limit)s") % {
            "label": label, "value": fmt(value, 2), "unit": measure, "limit": fmt(limit, 2),
        }  # fmt: skip
        (passed if value >= limit else failed).append(words)
    if failed:
        score = 0
    elif missing:
        score = UNKNOWN_SCORE
    else:
        score = 100
    if not explain:
        return Dimension("admission", score, "")
    head = _("按本单元 %(m2)s ㎡ 折 %(mu)s 亩") % {"m2": fmt(unit.area_m2, 0), "mu": fmt(land, 2)}
    if pct:
        head += _("，低效小园区门槛提高 %(pct)s%%") % {"pct": fmt(pct, 0)}
    if failed:
        return Dimension("admission", score, head + _("：低于准入门槛：") + "；".join(failed))
    if missing:
        lacking = _("：线索缺少数据：%(what)s") % {"what": "、".join(missing)}
        return Dimension("admission", score, head + lacking)
    return Dimension("admission", score, head + _("：达到准入门槛：") + "；".join(passed))


def _dimensions(need: Need, unit: Unit, explain: bool) -> tuple[Dimension, ...]:
    """Each dimension's score, with its reason when `explain` (else a blank reason: formatting
    the reasons of every unit cost three quarters of a ranking that shows five)."""
    dims = (
        _area(need, unit, explain),
        _industry(need, unit, explain),
        _margin("height", _("净高（米）"), need.clear_height_m, unit.clear_height_m, explain),
        _margin("load", _("荷载（kN/㎡）"), need.floor_load_kn_m2, unit.floor_load_kn_m2, explain),
        _margin("power", _("电力（kVA）"), need.power_kva, unit.power_kva, explain),
        _park(unit, explain),
    )
    if need.bar is None or not need.bar.minima:
        return dims
    return (*dims, _admission(need.bar, unit, explain))


def _total(dims: tuple[Dimension, ...]) -> int:
    return round(sum(WEIGHTS[d.key] * d.score for d in dims) / sum(WEIGHTS[d.key] for d in dims))


def score(need: Need, unit: Unit) -> Match | None:
    """The unit's match to the need, or None when a hard filter refuses it."""
    if refusal(need, unit) is not None:
        return None
    dims = _dimensions(need, unit, explain=True)
    return Match(unit.id, _total(dims), dims)


def rank(need: Need, units: Iterable[Unit], *, top: int = 5) -> list[Match]:
    """The `top` best matches, best first; ties by unit id, so the order is stable. Every unit
    is scored without reasons; only the best are scored again with them (the same scores)."""
    scored = (
        (_total(_dimensions(need, u, explain=False)), u) for u in units if refusal(need, u) is None
    )
    best = heapq.nsmallest(top, scored, key=lambda su: (-su[0], su[1].id))
    return [m for m in (score(need, u) for _total_score, u in best) if m is not None]
