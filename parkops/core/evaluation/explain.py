"""Explaining a score to the enterprise in Chinese, indicator by indicator, and what-if.

`explain` turns one enterprise's result into sentences: each indicator's value, benchmark and
points, and how much each figure would have to rise to reach the next class on its own.
`what_if` re-runs the engine with changed figures and reports the new score, rank and class,
without storing anything.

The sentences are Chinese templates marked with `gettext_noop`, so that the translation
catalogue collects them; the caller passes its own `translate` (Django's gettext in the web
layer) and gets them in the user's language. Labels and units come from the scheme, as entered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
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
from parkops.core.text import gettext_noop
from parkops.core.units import ABOVE_SCALE_REVENUE_WAN

Translate = Callable[[str], str]


def _untranslated(text: str) -> str:
    return text


HEAD = gettext_noop("%(label)s（权重 %(weight)s）")
MISSING = gettext_noop("%(head)s：数据缺失，%(how)s %(score)s 分。")
MISSING_AVERAGE = gettext_noop("按本类别该指标的平均得分计")
MISSING_ZERO = gettext_noop("按 0 分计")
SHARE = gettext_noop("，为基准值的 %(share)s")
LINE = gettext_noop("%(head)s：%(value)s，基准值 %(benchmark)s%(share)s，得 %(score)s 分")
CAPPED = gettext_noop("（超过基准值 %(multiple)s 倍，按封顶值计）")
END = gettext_noop("。")
NOT_RANKED = gettext_noop("未参加排名，等级 %(cls)s。")
SUMMARY = gettext_noop("综合得分 %(total)s 分，%(population)s中评为 %(cls)s 类。")
VETOED = gettext_noop("（按得分应为 %(cls)s 类，因否决事项调整。）")
VETO_LIMIT = gettext_noop("等级受否决事项限制，提高得分不能改变本年度等级。")
NEAR_NEXT = gettext_noop("已接近上一等级的最低得分，保持现有水平即可。")
GAP = gettext_noop("距 %(target)s 类最低得分 %(low)s 分还差 %(gap)s 分。单项提升：")
STEP_MISSING = gettext_noop("%(label)s：补报数据后按实际值计分。")
STEP_MINMAX = gettext_noop("%(label)s：按最小–最大值法计分，提高指标值即可提高得分。")
STEP_CAPPED = gettext_noop("%(label)s：单靠此项无法达到（封顶 %(multiple)s 倍基准值）。")
STEP = gettext_noop("%(label)s达到 %(value)s")
STEP_MORE = gettext_noop("，即%(field)s增加 %(more)s")

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


def _line(ind: IndicatorLine, population: Population, t: Translate) -> str:
    spec = next((i for i in population.indicators if i.code == ind.code), None)
    head = t(HEAD) % {"label": ind.label, "weight": f"{ind.weight:g}"}
    if ind.missing:
        rule = spec.missing if spec else MissingRule.ZERO
        how = t(MISSING_AVERAGE if rule == MissingRule.AVERAGE else MISSING_ZERO)
        return t(MISSING) % {"head": head, "how": how, "score": f"{ind.score:.2f}"}
    share = ""
    if ind.benchmark and ind.value:
        share = t(SHARE) % {"share": f"{ind.value / ind.benchmark:.0%}"}
    text = t(LINE) % {
        "head": head,
        "value": fmt(ind.value, ind.unit),
        "benchmark": fmt(ind.benchmark, ind.unit),
        "share": share,
        "score": f"{ind.score:.2f}",
    }
    if ind.capped and spec and spec.cap_multiple:
        text += t(CAPPED) % {"multiple": f"{spec.cap_multiple:g}"}
    return text + t(END)


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
    translate: Translate = _untranslated,
) -> Explanation:
    """`figures` are the enterprise's inputs by field name (land_mu: the land the engine used);
    `translate` turns each Chinese template into the user's language."""
    t = translate
    population = scheme.population(population_code)
    lines = list(lines)
    sentences = [_line(i, population, t) for i in lines]
    if total is None:
        return Explanation(sentences, [], t(NOT_RANKED) % {"cls": cls})
    summary = t(SUMMARY) % {"total": f"{total:.2f}", "population": population.label, "cls": cls}
    upgrade: list[str] = []
    if cls != class_before_veto:
        summary += t(VETOED) % {"cls": class_before_veto}
        upgrade.append(t(VETO_LIMIT))
        return Explanation(sentences, upgrade, summary)
    position = CLASSES.index(cls) if cls in CLASSES else 0
    target = next(
        (c for c in reversed(CLASSES[:position]) if c in boundaries and boundaries[c] > total),
        None,
    )
    if target is None:
        if position > 0:
            upgrade.append(t(NEAR_NEXT))
        return Explanation(sentences, upgrade, summary)
    gap = boundaries[target] - total
    low = f"{boundaries[target]:.2f}"
    upgrade.append(t(GAP) % {"target": target, "low": low, "gap": f"{gap:.2f}"})
    for ind in lines:
        upgrade.append(_upgrade_step(ind, population, gap, figures, t))
    return Explanation(sentences, upgrade, summary)


def _upgrade_step(
    ind: IndicatorLine,
    population: Population,
    gap: float,
    figures: Mapping[str, float | None],
    t: Translate,
) -> str:
    spec = next(i for i in population.indicators if i.code == ind.code)
    if ind.missing:
        return t(STEP_MISSING) % {"label": ind.label}
    if spec.mode != ScoringMode.RATIO or not ind.benchmark or not ind.weight:
        return t(STEP_MINMAX) % {"label": ind.label}
    needed = (ind.value or 0.0) + gap / ind.weight * ind.benchmark
    if spec.cap_multiple is not None and needed > spec.cap_multiple * ind.benchmark:
        return t(STEP_CAPPED) % {"label": ind.label, "multiple": f"{spec.cap_multiple:g}"}
    denominator = figures.get(spec.denominator)
    text = t(STEP) % {"label": ind.label, "value": fmt(needed, ind.unit)}
    if denominator:
        more = (needed - (ind.value or 0.0)) * denominator
        unit = FIELD_UNITS.get(spec.numerator, "")
        amount = f"{more:,.2f}{' ' + unit if unit else ''}"
        text += t(STEP_MORE) % {"field": t(FIELDS[spec.numerator]), "more": amount}
    return text + t(END)


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
