"""Small builders for the engine's tests."""

from __future__ import annotations

import copy
from typing import Any

import polars as pl

from parkops.core.evaluation.default import default_definition
from parkops.core.evaluation.engine import input_frame
from parkops.core.evaluation.scheme import Scheme


def row(enterprise_id: int, **figures: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "enterprise_id": enterprise_id,
        "above_scale": True,
        "land_basis": "owned",
        "revenue": 5000.0,
        "years_in_production": 10.0,
        "industry_code": "C27",
    }
    return {**base, **figures}


def frame(*rows: dict[str, Any]) -> pl.DataFrame:
    return input_frame(rows)


def simple_definition() -> dict[str, Any]:
    """Round numbers for hand computation: three indicators, classes 20/40/20/20."""
    data = copy.deepcopy(default_definition())
    above = data["populations"][0]
    above["indicators"] = [
        _ind("tax_per_mu", "亩均税收", "tax", "land_mu", 50, 20),
        _ind("va_per_mu", "亩均增加值", "value_added", "land_mu", 30, 100),
        _ind("va_per_tce", "单位能耗增加值", "value_added", "energy_tce", 20, 2),
    ]
    data["classes"]["shares"] = {"A": 20.0, "B": 40.0, "C": 20.0, "D": 20.0}
    return data


def simple_scheme(**changes: Any) -> Scheme:
    data = simple_definition()
    data.update(changes)
    return Scheme.from_dict(data)


def _ind(code: str, label: str, num: str, den: str, weight: float, bench: float) -> dict[str, Any]:
    return {
        "code": code,
        "label": label,
        "unit": "万元/亩",
        "numerator": num,
        "denominator": den,
        "weight": weight,
        "benchmark": bench,
        "cap_multiple": 3.0,
        "missing": "average",
    }


def by_id(result: pl.DataFrame) -> dict[int, dict[str, Any]]:
    return {r["enterprise_id"]: r for r in result.iter_rows(named=True)}
