"""Explaining a score to the enterprise in Chinese, indicator by indicator, and what-if.

`explain` turns one enterprise's result into sentences: each indicator's value, benchmark and
points, and how much each figure would have to rise to reach the next class on its own.
`what_if` re-runs the engine with changed figures and reports the new score, rank and class,
without storing anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import polars as pl

from parkops.core.evaluation.engine import Event, evaluate
from parkops.core.evaluation.scheme import (
    CLASSES,
    FIELDS,
    ClassMethod,
    MissingRule,
    Population,
    Scheme,
    ScoringMode,
)
from parkops.core.units import ABOVE_SCALE_REVENUE_WAN

FIELD_UNITS = {
    "output_value": "万元",
    "revenue": "万元",
    "tax": "万元",
    "value_added": "万元",
    "rd_expense": "万元",
    "energy_tce": "吨标准煤",
    "emissions_t": "吨",
    "employees": "人",
    "land_mu": "亩",
}


@dataclass(frozen=True)
class IndicatorLine:
    code: str
    label: str
    unit: str
    weight: float
    value: float | None
    benchmark: float | None
    score: float
    missing: bool
    capped: bool


@dataclass(frozen=True)
class Explanation:
    lines: list[str]  # one sentence per indicator
    upgrade: list[str]  # what would move the enterprise up one class
    summary: str


@dataclass(frozen=True)
class Outcome:
    total_score: float | None
    rank: int | None
    population_size: int | None
    evaluation_class: str
    park_position: int | None
    scores: dict[str, float]


def fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    if unit == "":  # a share, such as R&D intensity
        return f"{value:.2%}"
    digits = 2 if abs(value) < 1000 else 0
    return f"{value:,.{digits}f} {unit}"


def class_boundaries(results: pl.DataFrame, scheme: Scheme) -> dict[str, dict[str, float]]:
    """Per population, the lowest total score that reached each class (before vetoes)."""
    if scheme.classes.method == ClassMethod.THRESHOLD:
        return {p.code: dict(scheme.classes.thresholds) for p in scheme.populations}
    rows = (
        results.filter(pl.col("total_score").is_not_null())
        .group_by("population", "class_before_veto")
        .agg(pl.col("total_score").min())
        .sort("population", "class_before_veto")
        .iter_rows()
    )
    out: dict[str, dict[str, float]] = {}
    for population, cls, low in rows:
        out.setdefault(population, {})[cls] = low
    return out


def _line(ind: IndicatorLine, population: Population) -> str:
    spec = next((i for i in population.indicators if i.code == ind.code), None)
    head = f"{ind.label}（权重 {ind.weight:g}）"
    if ind.missing:
        rule = spec.missing if spec else MissingRule.ZERO
        how = "按本类别该指标的平均得分计" if rule == MissingRule.AVERAGE else "按 0 分计"
        return f"{head}：数据缺失，{how} {ind.score:.2f} 分。"
    share = f"，为基准值的 {ind.value / ind.benchmark:.0%}" if ind.benchmark and ind.value else ""
    text = (
        f"{head}：{fmt(ind.value, ind.unit)}，基准值 {fmt(ind.benchmark, ind.unit)}{share}，"
        f"得 {ind.score:.2f} 分"
    )
    if ind.capped and spec and spec.cap_multiple:
        text += f"（超过基准值 {spec.cap_multiple:g} 倍，按封顶值计）"
    return text + "。"


def explain(
    lines: Iterable[IndicatorLine],
    *,
    scheme: Scheme,
    population_code: str,
    total: float | None,
    cls: str,
    class_before_veto: str,
    figures: Mapping[str, float | None],
    boundaries: Mapping[str, float],
) -> Explanation:
    """`figures` are the enterprise's inputs by field name (land_mu: the land the engine used)."""
    population = scheme.population(population_code)
    lines = list(lines)
    sentences = [_line(i, population) for i in lines]
    if total is None:
        return Explanation(sentences, [], f"未参加排名，等级 {cls}。")
    summary = f"综合得分 {total:.2f} 分，{population.label}中评为 {cls} 类。"
    upgrade: list[str] = []
    if cls != class_before_veto:
        summary += f"（按得分应为 {class_before_veto} 类，因否决事项调整。）"
        upgrade.append("等级受否决事项限制，提高得分不能改变本年度等级。")
        return Explanation(sentences, upgrade, summary)
    position = CLASSES.index(cls) if cls in CLASSES else 0
    target = next(
        (c for c in reversed(CLASSES[:position]) if c in boundaries and boundaries[c] > total),
        None,
    )
    if target is None:
        if position > 0:
            upgrade.append("已接近上一等级的最低得分，保持现有水平即可。")
        return Explanation(sentences, upgrade, summary)
    gap = boundaries[target] - total
    upgrade.append(
        f"距 {target} 类最低得分 {boundaries[target]:.2f} 分还差 {gap:.2f} 分。单项提升："
    )
    for ind in lines:
        upgrade.append(_upgrade_step(ind, population, gap, figures))
    return Explanation(sentences, upgrade, summary)


def _upgrade_step(
    ind: IndicatorLine, population: Population, gap: float, figures: Mapping[str, float | None]
) -> str:
    spec = next(i for i in population.indicators if i.code == ind.code)
    if ind.missing:
        return f"{ind.label}：补报数据后按实际值计分。"
    if spec.mode != ScoringMode.RATIO or not ind.benchmark or not ind.weight:
        return f"{ind.label}：按最小–最大值法计分，提高指标值即可提高得分。"
    needed = (ind.value or 0.0) + gap / ind.weight * ind.benchmark
    if spec.cap_multiple is not None and needed > spec.cap_multiple * ind.benchmark:
        return f"{ind.label}：单靠此项无法达到（封顶 {spec.cap_multiple:g} 倍基准值）。"
    denominator = figures.get(spec.denominator)
    text = f"{ind.label}达到 {fmt(needed, ind.unit)}"
    if denominator:
        more = (needed - (ind.value or 0.0)) * denominator
        unit = FIELD_UNITS.get(spec.numerator, "")
        text += f"，即{FIELDS[spec.numerator]}增加 {more:,.2f}{' ' + unit if unit else ''}"
    return text + "。"


def what_if(
    frame: pl.DataFrame,
    scheme: Scheme,
    *,
    enterprise_id: int,
    changes: Mapping[str, float | None],
    events: Iterable[Event] = (),
    previous_averages: Mapping[str, float] | None = None,
) -> Outcome:
    """The enterprise's outcome if its figures were `changes`; nothing is stored."""
    mine = pl.col("enterprise_id") == enterprise_id
    changed = frame.with_columns(
        pl.when(mine).then(pl.lit(v, dtype=pl.Float64)).otherwise(pl.col(k)).alias(k)
        for k, v in changes.items()
    )
    if "revenue" in changes:  # 规上 follows the revenue
        revenue = changes["revenue"]
        above = None if revenue is None else revenue >= float(ABOVE_SCALE_REVENUE_WAN)
        changed = changed.with_columns(
            pl.when(mine)
            .then(pl.lit(above, dtype=pl.Boolean))
            .otherwise(pl.col("above_scale"))
            .alias("above_scale")
        )
    row = evaluate(changed, scheme, events=events, previous_averages=previous_averages).row(
        by_predicate=mine, named=True
    )
    codes = {i.code for p in scheme.populations for i in p.indicators}
    return Outcome(
        total_score=row["total_score"],
        rank=row["rank"],
        population_size=row["population_size"],
        evaluation_class=row["class"],
        park_position=row["park_position"],
        scores={c: row[f"{c}__score"] for c in sorted(codes) if row[f"{c}__score"] is not None},
    )
