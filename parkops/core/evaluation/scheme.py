"""An evaluation scheme (评价办法) as plain data: populations, indicators, classes, vetoes.

The district's weights are not public and change every year, so the method is data the park
office reads, copies and edits. `Scheme.from_dict` validates a definition and reports every
problem in Chinese; `to_dict` gives back the same JSON, so a scheme round-trips through the
database and through a file for `parkops evaluate --scheme FILE`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from parkops.core.text import gettext_noop

# The enterprise-year figures an indicator may divide; `land_mu` is the land the engine
# computes (owned land, or a tenant's rented floor space converted to 亩).
FIELDS = {
    "output_value": gettext_noop("工业产值"),
    "revenue": gettext_noop("营业收入"),
    "tax": gettext_noop("税收"),
    "value_added": gettext_noop("工业增加值"),
    "energy_tce": gettext_noop("综合能耗"),
    "emissions_t": gettext_noop("主要污染物排放量"),
    "rd_expense": gettext_noop("研发经费"),
    "employees": gettext_noop("从业人员"),
    "land_mu": gettext_noop("用地面积"),
}
CLASSES = ("A", "B", "C", "D")


class SchemeError(ValueError):
    """A scheme definition that cannot be used; `problems` lists every fault in Chinese."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("；".join(problems))
        self.problems = problems


class ScoringMode(StrEnum):
    RATIO = "ratio"  # value / benchmark × weight
    MINMAX = "minmax"  # weight × (20 + 80 × (x − min) / (max − min)) / 100


class MissingRule(StrEnum):
    AVERAGE = "average"  # the population's average score on that indicator
    ZERO = "zero"
    EXCLUDE = "exclude"  # the enterprise is left out of the ranking (class N)


class BenchmarkKind(StrEnum):
    FIXED = "fixed"
    PREVIOUS_AVERAGE = "previous_average"  # factor × the previous year's park average


class ClassMethod(StrEnum):
    PERCENTILE = "percentile"
    THRESHOLD = "threshold"


class VetoAction(StrEnum):
    FORCE = "force"  # the class becomes the given class
    CAP = "cap"  # the class is no better than the given class


class TenantRule(StrEnum):
    CONVERT = "convert"  # land = rented floor space / floor_m2_per_mu
    INHERIT = "inherit"  # a tenant takes its landlord's class


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    numerator: str
    denominator: str
    weight: float
    unit: str = ""
    benchmark: float | None = None
    benchmark_kind: BenchmarkKind = BenchmarkKind.FIXED
    benchmark_factor: float = 1.0
    mode: ScoringMode = ScoringMode.RATIO
    cap_multiple: float | None = None  # the value counts at most cap_multiple × benchmark
    missing: MissingRule = MissingRule.AVERAGE


@dataclass(frozen=True)
class Population:
    code: str
    label: str
    above_scale: bool
    indicators: tuple[Indicator, ...]
    min_land_mu: float = 0.0


@dataclass(frozen=True)
class ClassRule:
    method: ClassMethod = ClassMethod.PERCENTILE
    # percentile: share of the population in each class, in per cent, best class first
    shares: dict[str, float] = field(default_factory=dict)
    # threshold: lowest total score of A, B and C; below C's is D
    thresholds: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class VetoRule:
    kind: str
    min_grade: int  # 1 一般, 2 较大, 3 重大, 4 特别重大
    action: VetoAction
    target_class: str
    label: str


@dataclass(frozen=True)
class Exclusion:
    """Enterprises put in class T (不定等级) and left out of the ranking."""

    min_years_in_production: float = 0.0
    industry_prefixes: tuple[str, ...] = ()
    label: str = "T类（不定等级）"


@dataclass(frozen=True)
class Scheme:
    name: str
    populations: tuple[Population, ...]
    classes: ClassRule
    vetoes: tuple[VetoRule, ...] = ()
    exclusion: Exclusion = field(default_factory=Exclusion)
    tenant_rule: TenantRule = TenantRule.CONVERT
    floor_m2_per_mu: float = 2000.0
    sources: tuple[str, ...] = ()
    note: str = ""

    def population(self, code: str) -> Population:
        for population in self.populations:
            if population.code == code:
                return population
        raise KeyError(code)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Scheme:
        return _parse(data)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "note": self.note,
            "sources": list(self.sources),
            "tenant_rule": self.tenant_rule.value,
            "floor_m2_per_mu": self.floor_m2_per_mu,
            "exclusion": {
                "label": self.exclusion.label,
                "min_years_in_production": self.exclusion.min_years_in_production,
                "industry_prefixes": list(self.exclusion.industry_prefixes),
            },
            "populations": [
                {
                    "code": p.code,
                    "label": p.label,
                    "above_scale": p.above_scale,
                    "min_land_mu": p.min_land_mu,
                    "indicators": [_indicator_dict(i) for i in p.indicators],
                }
                for p in self.populations
            ],
            "classes": {
                "method": self.classes.method.value,
                "shares": dict(self.classes.shares),
                "thresholds": dict(self.classes.thresholds),
            },
            "vetoes": [
                {
                    "kind": v.kind,
                    "min_grade": v.min_grade,
                    "action": v.action.value,
                    "target_class": v.target_class,
                    "label": v.label,
                }
                for v in self.vetoes
            ],
        }


def _indicator_dict(i: Indicator) -> dict[str, Any]:
    return {
        "code": i.code,
        "label": i.label,
        "unit": i.unit,
        "numerator": i.numerator,
        "denominator": i.denominator,
        "weight": i.weight,
        "benchmark": i.benchmark,
        "benchmark_kind": i.benchmark_kind.value,
        "benchmark_factor": i.benchmark_factor,
        "mode": i.mode.value,
        "cap_multiple": i.cap_multiple,
        "missing": i.missing.value,
    }


class _Reader:
    """Reads a JSON definition, collecting every problem instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def number(self, data: dict[str, Any], key: str, where: str, default: Any = ...) -> Any:
        value = data.get(key, default)
        if value is ...:
            self.problems.append(f"{where}：缺少“{key}”")
            return 0.0
        if value is None and default is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problems.append(f"{where}：“{key}”应为数字，而不是 {value!r}")
            return 0.0
        return float(value)

    def choice(self, enum: type[StrEnum], value: Any, where: str) -> Any:
        try:
            return enum(value)
        except ValueError:
            allowed = "、".join(m.value for m in enum)
            self.problems.append(f"{where}：“{value}”不是可用的取值（{allowed}）")
            return next(iter(enum))


def _parse(data: dict[str, Any]) -> Scheme:
    r = _Reader()
    if not isinstance(data, dict):
        raise SchemeError(["方案定义应为 JSON 对象"])
    populations = tuple(
        _parse_population(r, p, n) for n, p in enumerate(data.get("populations") or [], 1)
    )
    if not populations:
        r.problems.append("方案至少需要一个评价类别（如规上、规下）")
    codes = [p.code for p in populations]
    if len(set(codes)) != len(codes):
        r.problems.append("评价类别代码不能重复")
    flags = [p.above_scale for p in populations]
    if len(set(flags)) != len(flags):
        r.problems.append("规上、规下各只能设一个评价类别")
    classes = _parse_classes(r, data.get("classes") or {})
    vetoes = tuple(_parse_veto(r, v, n) for n, v in enumerate(data.get("vetoes") or [], 1))
    ex = data.get("exclusion") or {}
    exclusion = Exclusion(
        min_years_in_production=r.number(ex, "min_years_in_production", "排除规则", 0.0),
        industry_prefixes=tuple(str(x).upper() for x in ex.get("industry_prefixes") or ()),
        label=str(ex.get("label") or "T类（不定等级）"),
    )
    floor = r.number(data, "floor_m2_per_mu", "租赁企业折算", 2000.0)
    if floor <= 0:
        r.problems.append("租赁企业折算：每亩对应的建筑面积必须大于 0")
    tenant_rule = r.choice(TenantRule, data.get("tenant_rule", "convert"), "租赁企业规则")
    if not str(data.get("name") or "").strip():
        r.problems.append("方案名称不能为空")
    if r.problems:
        raise SchemeError(r.problems)
    return Scheme(
        name=str(data["name"]).strip(),
        note=str(data.get("note") or ""),
        sources=tuple(str(s) for s in data.get("sources") or ()),
        populations=populations,
        classes=classes,
        vetoes=vetoes,
        exclusion=exclusion,
        tenant_rule=tenant_rule,
        floor_m2_per_mu=floor,
    )


def _parse_population(r: _Reader, p: dict[str, Any], n: int) -> Population:
    where = f"第 {n} 个评价类别"
    code = str(p.get("code") or "").strip()
    if not code:
        r.problems.append(f"{where}：缺少代码")
    if not isinstance(p.get("above_scale"), bool):
        r.problems.append(f"{where}：“above_scale”应为 true（规上）或 false（规下）")
    label = str(p.get("label") or code)
    indicators = tuple(
        _parse_indicator(r, i, _indicator_where(label, i, k))
        for k, i in enumerate(p.get("indicators") or [], 1)
    )
    if not indicators:
        r.problems.append(f"{label}：至少需要一个指标")
    icodes = [i.code for i in indicators]
    if len(set(icodes)) != len(icodes):
        r.problems.append(f"{label}：指标代码不能重复")
    if indicators and sum(i.weight for i in indicators) <= 0:
        r.problems.append(f"{label}：权重之和必须大于 0")
    min_land = r.number(p, "min_land_mu", where, 0.0)
    if min_land < 0:
        r.problems.append(f"{where}：最小用地面积不能为负数")
    return Population(
        code=code,
        label=label,
        above_scale=bool(p.get("above_scale")),
        indicators=indicators,
        min_land_mu=min_land,
    )


def _indicator_where(population: str, i: Any, k: int) -> str:
    """How a problem names an indicator: by its label when it has one, else by its place."""
    label = str(i.get("label") or "").strip() if isinstance(i, dict) else ""
    return f"{population}指标「{label}」" if label else f"{population}第 {k} 个指标"


def _parse_indicator(r: _Reader, i: dict[str, Any], where: str) -> Indicator:
    code = str(i.get("code") or "").strip()
    if not code or not code.replace("_", "").isalnum() or not code.isascii():
        r.problems.append(f"{where}的指标代码应为英文字母、数字或下划线")
    for key, name in (("numerator", "分子"), ("denominator", "分母")):
        if i.get(key) not in FIELDS:
            r.problems.append(f"{where}的{name}（{key}）应为 {'、'.join(FIELDS)} 之一")
    weight = r.number(i, "weight", where)
    if not weight > 0:
        r.problems.append(f"{where}的权重必须大于 0")
    kind = r.choice(BenchmarkKind, i.get("benchmark_kind", "fixed"), where)
    mode = r.choice(ScoringMode, i.get("mode", "ratio"), where)
    benchmark = r.number(i, "benchmark", where, None)
    factor = r.number(i, "benchmark_factor", where, 1.0)
    if kind == BenchmarkKind.FIXED and mode == ScoringMode.RATIO and not (benchmark or 0) > 0:
        r.problems.append(f"{where}的固定基准值必须大于 0")
    if kind == BenchmarkKind.PREVIOUS_AVERAGE and factor <= 0:
        r.problems.append(f"{where}的基准倍数必须大于 0")
    cap = r.number(i, "cap_multiple", where, None)
    if cap is not None and cap <= 0:
        r.problems.append(f"{where}的封顶倍数必须大于 0")
    return Indicator(
        code=code,
        label=str(i.get("label") or code),
        unit=str(i.get("unit") or ""),
        numerator=str(i.get("numerator")),
        denominator=str(i.get("denominator")),
        weight=weight,
        benchmark=benchmark,
        benchmark_kind=kind,
        benchmark_factor=factor,
        mode=mode,
        cap_multiple=cap,
        missing=r.choice(MissingRule, i.get("missing", "average"), where),
    )


def _parse_classes(r: _Reader, c: dict[str, Any]) -> ClassRule:
    method = r.choice(ClassMethod, c.get("method", "percentile"), "等级划分")
    shares = {k: float(v) for k, v in (c.get("shares") or {}).items()}
    thresholds = {k: float(v) for k, v in (c.get("thresholds") or {}).items()}
    if method == ClassMethod.PERCENTILE:
        if set(shares) != set(CLASSES):
            r.problems.append("等级划分：须给出 A、B、C、D 四个等级的比例")
        elif any(v < 0 for v in shares.values()) or abs(sum(shares.values()) - 100) > 1e-6:
            r.problems.append(
                f"等级划分：A、B、C、D 的比例之和应为 100%，现为 {sum(shares.values()):g}%"
            )
    else:
        if set(thresholds) != {"A", "B", "C"}:
            r.problems.append("等级划分：须给出 A、B、C 三个等级的最低得分")
        elif not thresholds["A"] >= thresholds["B"] >= thresholds["C"]:
            r.problems.append("等级划分：最低得分应满足 A ≥ B ≥ C")
    return ClassRule(method=method, shares=shares, thresholds=thresholds)


def _parse_veto(r: _Reader, v: dict[str, Any], n: int) -> VetoRule:
    where = f"第 {n} 条否决规则"
    grade = v.get("min_grade", 1)
    if grade not in (1, 2, 3, 4):
        r.problems.append(f"{where}：事件等级应为 1–4（一般、较大、重大、特别重大）")
        grade = 1
    target = v.get("target_class")
    if target not in CLASSES:
        r.problems.append(f"{where}：目标等级应为 A、B、C、D 之一")
        target = "D"
    if not v.get("kind"):
        r.problems.append(f"{where}：缺少事件类型")
    return VetoRule(
        kind=str(v.get("kind")),
        min_grade=int(grade),
        action=r.choice(VetoAction, v.get("action", "force"), where),
        target_class=str(target),
        label=str(v.get("label") or v.get("kind")),
    )
