"""Admission screening (严格项目准入) of a project lead against a rule set. No Django.

A rule set has veto lists (淘汰类 / 限制类 of the industrial-structure catalogue, the district's
restricted environmental list, the negative list: each a list of GB/T 4754 codes or keywords) and
threshold rules (固定资产投资强度, 亩均税收, 亩均产值 at full production, energy per 万元 of
output, 容积率, 建筑系数). Each rule gives pass, fail, missing data or not applicable, with the
evidence in words; the verdict is fail when any rule fails, incomplete when any lacks data, else
pass. A value equal to its threshold passes.

Floor space is converted to land as the evaluation does (m² per 亩 of the scheme), so a project in
a rented factory is measured per 亩 like one on its own land. A park rated 低效 raises the bar
(方案 三（二）"提高准入门槛"): minima are multiplied by (1 + raise%), maxima divided by it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from parkops.core.text import gettext_noop as _
from parkops.core.text import normalise_code
from parkops.core.thresholds import at_least, at_most, fmt


class Outcome(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    MISSING = "missing"
    NOT_APPLICABLE = "not_applicable"


class Verdict(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    INCOMPLETE = "incomplete"


class Bound(StrEnum):
    MIN = "min"  # the value must be at least the threshold
    MAX = "max"  # the value must be at most the threshold


@dataclass(frozen=True)
class VetoList:
    kind: str  # the list's kind code (eliminated, restricted, environment, negative)
    label: str
    source: str  # the document it was loaded from
    codes: tuple[str, ...] = ()  # GB/T 4754 codes; a shorter code covers its sub-codes
    keywords: tuple[str, ...] = ()  # matched in the lead's products and description


@dataclass(frozen=True)
class Threshold:
    key: str  # investment_intensity, tax_per_mu, output_per_mu, energy_per_output, plot_ratio,
    # building_coverage
    value: Decimal


@dataclass(frozen=True)
class LeadFacts:
    industry_code: str = ""
    text: str = ""  # products and description, where keywords are looked for
    investment_wan: Decimal | None = None  # 固定资产投资 (万元)
    output_wan: Decimal | None = None  # 达产年产值 (万元)
    tax_wan: Decimal | None = None  # 达产年税收 (万元)
    energy_tce: Decimal | None = None  # 达产年综合能耗 (吨标准煤)
    land_mu: Decimal | None = None  # own land (亩)
    floor_m2: Decimal | None = None  # rented floor space (m²)
    plot_ratio: Decimal | None = None  # 容积率
    building_coverage_pct: Decimal | None = None  # 建筑系数 (%)


@dataclass(frozen=True)
class RuleResult:
    key: str
    label: str
    outcome: Outcome
    evidence: str


@dataclass(frozen=True)
class Screening:
    results: tuple[RuleResult, ...]
    verdict: Verdict
    land_mu: Decimal | None
    land_basis: str
    raise_pct: Decimal = Decimal(0)
    notes: tuple[str, ...] = field(default_factory=tuple)


# key -> (label, bound, unit)
THRESHOLDS: dict[str, tuple[str, Bound, str]] = {
    "investment_intensity": (_("固定资产投资强度"), Bound.MIN, _("万元/亩")),
    "tax_per_mu": (_("亩均税收（达产）"), Bound.MIN, _("万元/亩")),
    "output_per_mu": (_("亩均产值（达产）"), Bound.MIN, _("万元/亩")),
    "energy_per_output": (_("单位产值能耗"), Bound.MAX, _("吨标准煤/万元")),
    "plot_ratio": (_("容积率"), Bound.MIN, ""),
    "building_coverage": (_("建筑系数"), Bound.MIN, "%"),
}
LAND_ONLY = frozenset(
    {"plot_ratio", "building_coverage"}
)  # a rented factory has no plot of its own
HUNDRED = Decimal(100)


def code_covers(listed: str, code: str) -> bool:
    """A listed code covers the lead's code when it is the same or a prefix (C26 covers C2611)."""
    listed, code = normalise_code(listed), normalise_code(code)
    return bool(listed) and bool(code) and code.startswith(listed)


def land_of(facts: LeadFacts, floor_m2_per_mu: Decimal) -> tuple[Decimal | None, str]:
    """The land the thresholds are measured on, and in words where it came from."""
    if facts.land_mu:
        return facts.land_mu, _("用地 %(mu)s 亩") % {"mu": fmt(facts.land_mu, 2)}
    if facts.floor_m2:
        land = facts.floor_m2 / floor_m2_per_mu
        return land, _("租用厂房 %(m2)s ㎡ ÷ %(per)s ㎡/亩 = %(mu)s 亩（按综合评价的折算）") % {
            "m2": fmt(facts.floor_m2, 2),
            "per": fmt(floor_m2_per_mu, 0),
            "mu": fmt(land, 2),
        }
    return None, _("未填用地或厂房面积")


def _veto(veto: VetoList, facts: LeadFacts) -> RuleResult:
    key = f"veto:{veto.kind}"
    if not veto.source:  # the rule set names the list, but no document has been loaded
        return RuleResult(key, veto.label, Outcome.MISSING, _("清单尚未载入，无法比对"))
    hits = [c for c in veto.codes if code_covers(c, facts.industry_code)]
    words = [w for w in veto.keywords if w and w in facts.text]
    if hits or words:
        found = "、".join([*hits, *words])
        evidence = _("命中《%(source)s》：%(found)s") % {"source": veto.source, "found": found}
        return RuleResult(key, veto.label, Outcome.FAIL, evidence)
    if not facts.industry_code and veto.codes:
        return RuleResult(key, veto.label, Outcome.MISSING, _("未填行业代码，无法比对"))
    evidence = _("行业代码 %(code)s 及产品描述未列入《%(source)s》（%(n)s 项）") % {
        "code": facts.industry_code or "—",
        "source": veto.source,
        "n": len(veto.codes) + len(veto.keywords),
    }
    return RuleResult(key, veto.label, Outcome.PASS, evidence)


def _value(key: str, facts: LeadFacts, land: Decimal | None) -> tuple[Decimal | None, str]:
    """The lead's figure for a threshold and how it was computed; None when data is missing."""
    per_mu = {
        "investment_intensity": (facts.investment_wan, _("固定资产投资")),
        "tax_per_mu": (facts.tax_wan, _("达产税收")),
        "output_per_mu": (facts.output_wan, _("达产产值")),
    }
    if key in per_mu:
        amount, name = per_mu[key]
        if amount is None or not land:
            return None, _("缺少%(name)s或用地") % {"name": name}
        value = amount / land
        return value, _("%(name)s %(amount)s 万元 ÷ %(land)s 亩") % {
            "name": name, "amount": fmt(amount, 2), "land": fmt(land, 2),
        }  # fmt: skip
    if key == "energy_per_output":
        if facts.energy_tce is None or not facts.output_wan:
            return None, _("缺少达产能耗或产值")
        value = facts.energy_tce / facts.output_wan
        return value, _("能耗 %(e)s 吨标准煤 ÷ 产值 %(o)s 万元") % {
            "e": fmt(facts.energy_tce, 2), "o": fmt(facts.output_wan, 2),
        }  # fmt: skip
    if key == "plot_ratio":
        return facts.plot_ratio, _("容积率")
    return facts.building_coverage_pct, _("建筑系数")


def effective(threshold: Threshold, raise_pct: Decimal) -> Decimal:
    """The threshold after a 低效 park's raise: a minimum goes up, a maximum comes down."""
    if not raise_pct:
        return threshold.value
    factor = 1 + raise_pct / HUNDRED
    bound = THRESHOLDS[threshold.key][1]
    return threshold.value * factor if bound == Bound.MIN else threshold.value / factor


def _threshold(
    threshold: Threshold, facts: LeadFacts, land: Decimal | None, raise_pct: Decimal
) -> RuleResult:
    label, bound, unit = THRESHOLDS[threshold.key]
    key = f"threshold:{threshold.key}"
    if threshold.key in LAND_ONLY and not facts.land_mu:
        return RuleResult(key, label, Outcome.NOT_APPLICABLE, _("租用厂房，不单独供地，不适用"))
    value, how = _value(threshold.key, facts, land)
    limit = effective(threshold, raise_pct)
    sign = "≥" if bound == Bound.MIN else "≤"
    raised = (
        _("（低效小园区提高 %(pct)s%%，原为 %(base)s）")
        % {"pct": fmt(raise_pct, 0), "base": fmt(threshold.value, 2)}
        if raise_pct
        else ""
    )
    wanted = f"{sign} {fmt(limit, 2)} {unit}{raised}".strip()
    if value is None:
        return RuleResult(
            key,
            label,
            Outcome.MISSING,
            _("%(how)s；要求 %(wanted)s") % {"how": how, "wanted": wanted},
        )
    ok = at_least(value, limit) if bound == Bound.MIN else at_most(value, limit)
    evidence = _("%(how)s = %(value)s %(unit)s；要求 %(wanted)s") % {
        "how": how, "value": fmt(value, 2, against=limit), "unit": unit, "wanted": wanted,
    }  # fmt: skip
    return RuleResult(key, label, Outcome.PASS if ok else Outcome.FAIL, evidence)


def screen(
    facts: LeadFacts,
    *,
    vetoes: list[VetoList],
    thresholds: list[Threshold],
    floor_m2_per_mu: Decimal,
    raise_pct: Decimal = Decimal(0),
) -> Screening:
    land, basis = land_of(facts, floor_m2_per_mu)
    results = [_veto(v, facts) for v in vetoes]
    results += [_threshold(t, facts, land, raise_pct) for t in thresholds]
    outcomes = {r.outcome for r in results}
    if Outcome.FAIL in outcomes:
        verdict = Verdict.FAIL
    elif Outcome.MISSING in outcomes:
        verdict = Verdict.INCOMPLETE
    else:
        verdict = Verdict.PASS
    return Screening(tuple(results), verdict, land, basis, raise_pct)


def vetoed(screening: Screening) -> list[RuleResult]:
    """The veto rules that failed: a project on a veto list cannot be admitted."""
    return [r for r in screening.results if r.key.startswith("veto:") and r.outcome == Outcome.FAIL]
