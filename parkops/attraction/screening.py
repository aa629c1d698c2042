"""From the database to the pure admission engine (parkops/core/admission.py) and back."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from parkops.attraction.choices import VetoKind
from parkops.attraction.models import AdmissionRuleSet, Lead
from parkops.core import admission
from parkops.smallparks.choices import RatingLevel
from parkops.smallparks.models import SmallParkRating

THRESHOLD_FIELDS = {
    "investment_intensity": "min_investment_intensity",
    "tax_per_mu": "min_tax_per_mu",
    "output_per_mu": "min_output_per_mu",
    "energy_per_output": "max_energy_per_output",
    "plot_ratio": "min_plot_ratio",
    "building_coverage": "min_building_coverage",
}
FACT_FIELDS = (
    "investment_wan", "output_wan", "tax_wan", "energy_tce", "land_mu", "floor_m2",
    "plot_ratio", "building_coverage_pct",
)  # fmt: skip


def lead_facts(lead: Lead) -> admission.LeadFacts:
    return admission.LeadFacts(
        industry_code=lead.industry_code,
        text=f"{lead.company_name} {lead.products}",
        **{name: getattr(lead, name) for name in FACT_FIELDS},
    )


def veto_lists(rule_set: AdmissionRuleSet) -> list[admission.VetoList]:
    """One per kind, in a fixed order; a kind not loaded is an empty list without a source."""
    loaded = {v.kind: v for v in rule_set.veto_lists.prefetch_related("items")}
    lists = []
    for kind in VetoKind:
        found = loaded.get(kind)
        items = list(found.items.all()) if found else []
        lists.append(
            admission.VetoList(
                kind=kind.value,
                label=str(kind.label),
                source=found.source if found else "",
                codes=tuple(i.code for i in items if i.code),
                keywords=tuple(i.keyword for i in items if i.keyword),
            )
        )
    return lists


def thresholds(rule_set: AdmissionRuleSet) -> list[admission.Threshold]:
    return [
        admission.Threshold(key, getattr(rule_set, name))
        for key, name in THRESHOLD_FIELDS.items()
        if getattr(rule_set, name) is not None
    ]


def raise_pct(lead: Lead, rule_set: AdmissionRuleSet) -> Decimal:
    """The raise of a lead owned by a small park whose latest rating is 低效, else 0."""
    if lead.owner_park_id is None:
        return Decimal(0)
    latest = (
        SmallParkRating.objects.filter(small_park_id=lead.owner_park_id).order_by("-year").first()
    )
    if latest is not None and latest.level == RatingLevel.INEFFICIENT:
        return rule_set.inefficient_raise_pct
    return Decimal(0)


def screen(lead: Lead, rule_set: AdmissionRuleSet) -> tuple[admission.Screening, dict[str, Any]]:
    """The engine's screening and the inputs it read (kept with the screening)."""
    facts = lead_facts(lead)
    pct = raise_pct(lead, rule_set)
    result = admission.screen(
        facts,
        vetoes=veto_lists(rule_set),
        thresholds=thresholds(rule_set),
        floor_m2_per_mu=rule_set.floor_m2_per_mu,
        raise_pct=pct,
    )
    inputs = {
        "industry_code": facts.industry_code,
        "text": facts.text,
        **{n: None if getattr(facts, n) is None else str(getattr(facts, n)) for n in FACT_FIELDS},
        "land_mu": None if result.land_mu is None else str(result.land_mu),
        "land_basis": result.land_basis,
    }
    return result, inputs
