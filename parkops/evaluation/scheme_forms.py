"""The evaluation method edited in a form: a main form (classes, exclusion, tenants, sources) and
three formsets (populations, indicators, vetoes) that build the same JSON a scheme version stores.

The forms check each cell (a number is a number); the scheme's own parser
(`services.scheme_parse`) checks the whole, naming the field in Chinese. `definition_initial`
reads a stored definition into the forms, `definition_build` writes the forms back into one.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from parkops.core.evaluation.scheme import CLASSES, FIELDS

Choices = list[tuple[str, Any]]
EMPTY: Choices = [("", "—")]
TENANT_RULES: Choices = [
    ("convert", _("按租用建筑面积折算用地")),
    ("inherit", _("继承业主单位等级")),
]
CLASS_METHODS: Choices = [
    ("percentile", _("按类别内排名百分位")),
    ("threshold", _("按得分（最低分）")),
]
FIELD_CHOICES: Choices = [(code, _(label)) for code, label in FIELDS.items()]
BENCHMARK_KINDS: Choices = [
    ("fixed", _("固定基准值")),
    ("previous_average", _("上年园区平均 × 倍数")),
]
MODES: Choices = [("ratio", _("指标值 ÷ 基准值 × 权重")), ("minmax", _("最小–最大值法"))]
MISSING_RULES: Choices = [
    ("average", _("按平均得分")),
    ("zero", _("计 0 分")),
    ("exclude", _("不参加排名")),
]
GRADES: Choices = [("1", _("一般")), ("2", _("较大")), ("3", _("重大")), ("4", _("特别重大"))]
ACTIONS: Choices = [("force", _("强制为")), ("cap", _("最高为"))]
CLASS_CHOICES: Choices = [(c, c) for c in CLASSES]
SCALE_CHOICES: Choices = [("true", _("规上")), ("false", _("规下"))]


def _number(label: Any, required: bool = True) -> forms.FloatField:
    return forms.FloatField(
        label=label, required=required, widget=forms.NumberInput({"step": "any"})
    )


class SchemeMainForm(forms.Form):
    note = forms.CharField(label=_("方案说明"), required=False, widget=forms.Textarea({"rows": 2}))
    tenant_rule = forms.ChoiceField(label=_("租赁企业规则"), choices=TENANT_RULES)
    floor_m2_per_mu = _number(_("每亩折算建筑面积（㎡）"))
    exclusion_label = forms.CharField(label=_("不定等级名称"), max_length=50)
    min_years_in_production = _number(_("投产不满几年不定等级"))
    industry_prefixes = forms.CharField(
        label=_("不定等级的行业代码前缀（逗号分隔）"), required=False, max_length=200
    )
    class_method = forms.ChoiceField(label=_("等级划分方法"), choices=CLASS_METHODS)
    share_A = _number(_("A类比例（%）"), required=False)
    share_B = _number(_("B类比例（%）"), required=False)
    share_C = _number(_("C类比例（%）"), required=False)
    share_D = _number(_("D类比例（%）"), required=False)
    threshold_A = _number(_("A类最低得分"), required=False)
    threshold_B = _number(_("B类最低得分"), required=False)
    threshold_C = _number(_("C类最低得分"), required=False)
    sources = forms.CharField(
        label=_("方案依据（每行一条）"), required=False, widget=forms.Textarea({"rows": 4})
    )
    reason = forms.CharField(label=_("修改说明"), max_length=500)
    # The scheme's newest version number when the page was opened (see SchemeForm).
    latest = forms.IntegerField(required=False, widget=forms.HiddenInput)


class PopulationForm(forms.Form):
    code = forms.CharField(label=_("代码"), max_length=20)
    label = forms.CharField(label=_("评价类别"), max_length=50)
    above_scale = forms.ChoiceField(label=_("规上/规下"), choices=EMPTY + SCALE_CHOICES)
    min_land_mu = _number(_("最小用地（亩）"), required=False)


class IndicatorForm(forms.Form):
    population = forms.CharField(label=_("评价类别代码"), max_length=20)
    code = forms.CharField(label=_("指标代码"), max_length=30)
    label = forms.CharField(label=_("指标"), max_length=50)
    unit = forms.CharField(label=_("单位"), max_length=20, required=False)
    numerator = forms.ChoiceField(label=_("分子"), choices=EMPTY + FIELD_CHOICES)
    denominator = forms.ChoiceField(label=_("分母"), choices=EMPTY + FIELD_CHOICES)
    weight = _number(_("权重"))
    benchmark_kind = forms.ChoiceField(label=_("基准"), choices=EMPTY + BENCHMARK_KINDS)
    benchmark = _number(_("基准值"), required=False)
    benchmark_factor = _number(_("基准倍数"), required=False)
    mode = forms.ChoiceField(label=_("计分方法"), choices=EMPTY + MODES)
    cap_multiple = _number(_("封顶倍数"), required=False)
    missing = forms.ChoiceField(label=_("缺失数据"), choices=EMPTY + MISSING_RULES)


class VetoForm(forms.Form):
    kind = forms.CharField(label=_("事件类型代码"), max_length=30)
    min_grade = forms.ChoiceField(label=_("最低事件等级"), choices=EMPTY + GRADES)
    action = forms.ChoiceField(label=_("处理"), choices=EMPTY + ACTIONS)
    target_class = forms.ChoiceField(label=_("等级"), choices=EMPTY + CLASS_CHOICES)
    label = forms.CharField(label=_("说明"), max_length=100)


PopulationFormSet = formset_factory(PopulationForm, extra=1, can_delete=True)
IndicatorFormSet = formset_factory(IndicatorForm, extra=2, can_delete=True)
VetoFormSet = formset_factory(VetoForm, extra=1, can_delete=True)
PREFIXES = {"populations": "pop", "indicators": "ind", "vetoes": "veto"}


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def definition_initial(definition: Mapping[str, Any]) -> dict[str, Any]:
    """The forms' initial values from a stored definition."""
    classes = definition.get("classes") or {}
    exclusion = definition.get("exclusion") or {}
    main: dict[str, Any] = {
        "note": definition.get("note", ""),
        "tenant_rule": definition.get("tenant_rule", "convert"),
        "floor_m2_per_mu": definition.get("floor_m2_per_mu", 2000.0),
        "exclusion_label": exclusion.get("label", ""),
        "min_years_in_production": exclusion.get("min_years_in_production", 0.0),
        "industry_prefixes": ", ".join(exclusion.get("industry_prefixes") or []),
        "class_method": classes.get("method", "percentile"),
        "sources": "\n".join(definition.get("sources") or []),
    }
    for c, v in (classes.get("shares") or {}).items():
        main[f"share_{c}"] = v
    for c, v in (classes.get("thresholds") or {}).items():
        main[f"threshold_{c}"] = v
    populations = definition.get("populations") or []
    return {
        "main": main,
        "populations": [
            {
                "code": p.get("code"),
                "label": p.get("label"),
                "above_scale": "true" if p.get("above_scale") else "false",
                "min_land_mu": p.get("min_land_mu", 0.0),
            }
            for p in populations
        ],
        "indicators": [
            {"population": p.get("code"), **i}
            for p in populations
            for i in p.get("indicators") or []
        ],
        "vetoes": [
            {**v, "min_grade": _text(v.get("min_grade"))} for v in definition.get("vetoes") or []
        ],
    }


def _rows(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    """The kept rows of a valid formset, in order: not deleted, and for the blank rows offered
    at the end, not left blank."""
    kept = []
    for n, form in enumerate(formset.forms):
        if n >= formset.initial_form_count() and not form.has_changed():
            continue
        if not form.cleaned_data.get("DELETE"):
            kept.append(form.cleaned_data)
    return kept


def _prefixes(text: str) -> list[str]:
    return [p.upper() for p in re.split(r"[,，、\s]+", text) if p]


def definition_build(
    base: Mapping[str, Any],
    main: Mapping[str, Any],
    populations: forms.BaseFormSet,
    indicators: forms.BaseFormSet,
    vetoes: forms.BaseFormSet,
) -> dict[str, Any]:
    """The definition the forms describe, on top of `base` (its name and any key the forms do
    not show are kept). An indicator names its population by code; one naming no population
    is kept aside under its code so that the parser reports it."""
    definition = copy.deepcopy(dict(base))
    method = main["class_method"]
    definition.update(
        {
            "note": main["note"],
            "sources": [s.strip() for s in main["sources"].splitlines() if s.strip()],
            "tenant_rule": main["tenant_rule"],
            "floor_m2_per_mu": main["floor_m2_per_mu"],
            "exclusion": {
                "label": main["exclusion_label"],
                "min_years_in_production": main["min_years_in_production"],
                "industry_prefixes": _prefixes(main["industry_prefixes"]),
            },
            "classes": {
                "method": method,
                "shares": {
                    c: main[f"share_{c}"]
                    for c in CLASSES
                    if method == "percentile" and main[f"share_{c}"] is not None
                },
                "thresholds": {
                    c: main[f"threshold_{c}"]
                    for c in CLASSES[:3]
                    if method == "threshold" and main[f"threshold_{c}"] is not None
                },
            },
        }
    )
    pops = [
        {
            "code": p["code"].strip(),
            "label": p["label"].strip(),
            "above_scale": p["above_scale"] == "true",
            "min_land_mu": p["min_land_mu"] or 0.0,
            "indicators": [],
        }
        for p in _rows(populations)
    ]
    by_code = {p["code"]: p for p in pops}
    orphans: list[str] = []
    for i in _rows(indicators):
        line = {
            "code": i["code"].strip(),
            "label": i["label"].strip(),
            "unit": i["unit"].strip(),
            "numerator": i["numerator"],
            "denominator": i["denominator"],
            "weight": i["weight"],
            "benchmark": i["benchmark"],
            "benchmark_kind": i["benchmark_kind"],
            "benchmark_factor": 1.0 if i["benchmark_factor"] is None else i["benchmark_factor"],
            "mode": i["mode"],
            "cap_multiple": i["cap_multiple"],
            "missing": i["missing"],
        }
        owner = by_code.get(i["population"].strip())
        if owner is None:
            orphans.append(
                str(_("指标「%(label)s」所属的评价类别“%(code)s”不存在"))
                % {"label": line["label"], "code": i["population"]}
            )
        else:
            owner["indicators"].append(line)
    definition["populations"] = pops
    definition["vetoes"] = [
        {
            "kind": v["kind"].strip(),
            "min_grade": int(v["min_grade"]),
            "action": v["action"],
            "target_class": v["target_class"],
            "label": v["label"].strip(),
        }
        for v in _rows(vetoes)
    ]
    if orphans:
        raise forms.ValidationError(orphans)
    return definition
