"""Eligibility rules of a support policy (政策找企业), as data: checked, then applied to facts.

A rule set is a JSON object; every key present is one condition and all must hold:

    {"classes": ["A", "B"],            evaluation class (latest published run) is one of these
     "above_scale": true,              规上 (latest reported year) is this
     "designations": ["srdi"],         holds at least one of these current designations
     "key_industries": ["biomedicine"], key industry is one of these
     "has_tech_project": true,         is (or is not) on the 技改 list
     "rd_intensity_min": 3}            R&D expense / revenue of the latest year, in %, at least this

An empty object matches every enterprise. No Django here: the web layer builds the facts and
translates the reasons (marked with gettext_noop).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from parkops.core.text import gettext_noop

CLASSES = ("A", "B", "C", "D", "T", "N")
DESIGNATIONS = ("srdi", "little_giant", "single_champion")
KEY_INDUSTRIES = ("biomedicine", "intelligent_mfg", "new_materials", "other")
KNOWN_KEYS = (
    "classes",
    "above_scale",
    "designations",
    "key_industries",
    "has_tech_project",
    "rd_intensity_min",
)


@dataclass(frozen=True)
class Facts:
    """What the rules read about one enterprise; None where the data does not say."""

    evaluation_class: str | None
    above_scale: bool | None
    designations: frozenset[str]
    key_industry: str
    has_tech_project: bool
    rd_intensity_pct: Decimal | None


@dataclass(frozen=True)
class Reason:
    """One condition's outcome: a message template (to translate) and its values."""

    met: bool
    template: str
    values: dict[str, str]


def validate_rules(rules: Any) -> list[str]:
    """Every problem with a rule set, as messages (templates marked for translation)."""
    if not isinstance(rules, dict):
        return [gettext_noop("条件须为 JSON 对象")]
    errors: list[str] = []
    for key in rules:
        if key not in KNOWN_KEYS:
            errors.append(gettext_noop("未知的条件：%(key)s") % {"key": key})
    lists = {"classes": CLASSES, "designations": DESIGNATIONS, "key_industries": KEY_INDUSTRIES}
    for key, allowed in lists.items():
        if key not in rules:
            continue
        value = rules[key]
        if not isinstance(value, list) or not value or not all(v in allowed for v in value):
            errors.append(
                gettext_noop("%(key)s 须为非空列表，取值为 %(allowed)s")
                % {"key": key, "allowed": "、".join(allowed)}
            )
    for key in ("above_scale", "has_tech_project"):
        if key in rules and not isinstance(rules[key], bool):
            errors.append(gettext_noop("%(key)s 须为 true 或 false") % {"key": key})
    if "rd_intensity_min" in rules:
        value = rules["rd_intensity_min"]
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
            errors.append(gettext_noop("rd_intensity_min 须为 0–100 之间的数"))
    return errors


def _decimal(value: Any) -> Decimal:
    try:
        return Decimal(str(value))
    except InvalidOperation:  # validate_rules refuses it first; keep the engine total
        return Decimal(0)


def evaluate(rules: dict[str, Any], facts: Facts) -> tuple[bool, list[Reason]]:
    """Whether the enterprise qualifies, with one reason per condition (in the rule's order)."""
    reasons: list[Reason] = []
    if "classes" in rules:
        cls = facts.evaluation_class
        reasons.append(
            Reason(
                cls in rules["classes"],
                gettext_noop("评价类别 %(actual)s，要求 %(wanted)s"),
                {"actual": cls or "—", "wanted": "/".join(rules["classes"])},
            )
        )
    if "above_scale" in rules:
        wanted = bool(rules["above_scale"])
        reasons.append(
            Reason(
                facts.above_scale is wanted,
                gettext_noop("规上：%(actual)s，要求 %(wanted)s"),
                {"actual": _yes_no(facts.above_scale), "wanted": _yes_no(wanted)},
            )
        )
    if "designations" in rules:
        held = sorted(facts.designations & set(rules["designations"]))
        reasons.append(
            Reason(
                bool(held),
                gettext_noop("认定：%(actual)s，要求其一：%(wanted)s"),
                {"actual": "、".join(held) or "—", "wanted": "、".join(rules["designations"])},
            )
        )
    if "key_industries" in rules:
        reasons.append(
            Reason(
                facts.key_industry in rules["key_industries"],
                gettext_noop("重点产业：%(actual)s，要求 %(wanted)s"),
                {"actual": facts.key_industry or "—", "wanted": "、".join(rules["key_industries"])},
            )
        )
    if "has_tech_project" in rules:
        wanted = bool(rules["has_tech_project"])
        reasons.append(
            Reason(
                facts.has_tech_project is wanted,
                gettext_noop("技改项目：%(actual)s，要求 %(wanted)s"),
                {"actual": _yes_no(facts.has_tech_project), "wanted": _yes_no(wanted)},
            )
        )
    if "rd_intensity_min" in rules:
        floor = _decimal(rules["rd_intensity_min"])
        actual = facts.rd_intensity_pct
        reasons.append(
            Reason(
                actual is not None and actual >= floor,
                gettext_noop("研发投入强度 %(actual)s%%，要求 ≥ %(wanted)s%%"),
                {"actual": "—" if actual is None else f"{actual:.2f}", "wanted": str(floor)},
            )
        )
    return all(r.met for r in reasons), reasons


def _yes_no(value: bool | None) -> str:
    return "—" if value is None else (gettext_noop("是") if value else gettext_noop("否"))
