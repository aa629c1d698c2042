"""Leads matched to vacant units and, reversed, units to leads (parkops/core/space_matching.py)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from parkops.attraction.models import AdmissionRuleSet, Lead
from parkops.attraction.screening import THRESHOLD_FIELDS
from parkops.attraction.selectors import default_rule_set, leads_visible_to, open_leads
from parkops.common.types import AnyUser
from parkops.core import space_matching
from parkops.core.text import normalise_code
from parkops.smallparks.models import SmallParkRating, VacantSpace
from parkops.smallparks.selectors import vacancy_list


@dataclass(frozen=True)
class UnitMatch:
    vacancy: VacantSpace
    match: space_matching.Match


@dataclass(frozen=True)
class LeadMatch:
    lead: Lead
    match: space_matching.Match


def admission_bar(lead: Lead, rule_set: AdmissionRuleSet | None) -> space_matching.AdmissionBar:
    """The rule set's per-亩 minima (investment intensity, 亩均税收, 亩均产值) with the lead's
    amounts, measured by the engine on each unit's area (none without a rule set)."""
    minima: tuple[tuple[str, Decimal], ...] = ()
    if rule_set is not None:
        minima = tuple(
            (key, getattr(rule_set, THRESHOLD_FIELDS[key]))
            for key in space_matching.PER_MU
            if getattr(rule_set, THRESHOLD_FIELDS[key]) is not None
        )
    return space_matching.AdmissionBar(
        floor_m2_per_mu=rule_set.floor_m2_per_mu if rule_set else Decimal(1),
        minima=minima,
        investment=lead.investment_wan,
        tax=lead.tax_wan,
        output=lead.output_wan,
        inefficient_raise_pct=rule_set.inefficient_raise_pct if rule_set else Decimal(0),
    )


def need_of(lead: Lead, bar: space_matching.AdmissionBar | None = None) -> space_matching.Need:
    return space_matching.Need(
        floor_m2=lead.floor_m2,
        clear_height_m=lead.clear_height_m,
        floor_load_kn_m2=lead.floor_load_kn_m2,
        power_kva=lead.power_kva,
        hazardous=lead.hazardous_chemicals,
        eia_category=lead.eia_category,
        industry_code=lead.industry_code,
        bar=bar,
    )


def unit_of(vacancy: VacantSpace, rating: str = "") -> space_matching.Unit:
    return space_matching.Unit(
        id=vacancy.pk,
        area_m2=vacancy.area_m2,
        floor=vacancy.floor,
        clear_height_m=vacancy.clear_height_m,
        floor_load_kn_m2=vacancy.floor_load_kn_m2,
        power_kva=vacancy.power_kva,
        hazardous_allowed=vacancy.hazardous_allowed,
        eia_max_category=vacancy.eia_max_category,
        industries=tuple(vacancy.industry_codes()),
        park_rating=rating or "",
    )


UNIT_FIELDS = (
    "pk", "area_m2", "floor", "clear_height_m", "floor_load_kn_m2", "power_kva",
    "hazardous_allowed", "eia_max_category", "suitable_industries", "small_park_id",
)  # fmt: skip


def park_ratings() -> dict[int, str]:
    """Each small park's latest rating level (one query for all parks, read once per match)."""
    latest: dict[int, str] = {}
    for park, level in SmallParkRating.objects.order_by("small_park_id", "year").values_list(
        "small_park_id", "level"
    ):
        latest[park] = level
    return latest


def prefiltered(
    vacancies: QuerySet[VacantSpace], need: space_matching.Need
) -> QuerySet[VacantSpace]:
    """The hard filters in SQL, so that only the units that may fit are read (the engine checks
    them again): a recorded attribute below the need excludes; a blank one does not."""
    if need.floor_m2:
        vacancies = vacancies.filter(area_m2__gte=need.floor_m2)
    for name in ("clear_height_m", "floor_load_kn_m2", "power_kva"):
        wanted = getattr(need, name)
        if wanted:
            vacancies = vacancies.filter(
                Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__gte": wanted})
            )
    if need.hazardous:
        vacancies = vacancies.exclude(hazardous_allowed=False)
    if need.eia_category:
        allowed = [
            c
            for c, n in space_matching.EIA_ORDER.items()
            if n >= space_matching.EIA_ORDER[need.eia_category]
        ]
        vacancies = vacancies.filter(Q(eia_max_category="") | Q(eia_max_category__in=allowed))
    return vacancies


@functools.lru_cache(maxsize=1024)
def _codes(text: str) -> tuple[str, ...]:
    """The suitable industries as listed ("C35,C39"): many units share a list, parsed once."""
    return tuple(normalise_code(c) for c in re.split(r"[,，、;；\s]+", text) if c)


def _unit(row: dict[str, Any], ratings: dict[int, str]) -> space_matching.Unit:
    codes = _codes(row["suitable_industries"])
    return space_matching.Unit(
        id=row["pk"], area_m2=row["area_m2"], floor=row["floor"],
        clear_height_m=row["clear_height_m"], floor_load_kn_m2=row["floor_load_kn_m2"],
        power_kva=row["power_kva"], hazardous_allowed=row["hazardous_allowed"],
        eia_max_category=row["eia_max_category"], industries=codes,
        park_rating=ratings.get(row["small_park_id"], ""),
    )  # fmt: skip


def lead_matches(*, user: AnyUser, lead: Lead, top: int = 5) -> list[UnitMatch]:
    """The best vacant units the user may see for the lead, best first."""
    need = need_of(lead, admission_bar(lead, default_rule_set()))
    ratings = park_ratings()
    rows = prefiltered(vacancy_list(user=user), need).order_by().values(*UNIT_FIELDS)
    ranked = space_matching.rank(need, (_unit(r, ratings) for r in rows), top=top)
    found = VacantSpace.objects.select_related("small_park", "building").in_bulk(
        [m.unit_id for m in ranked]
    )
    return [UnitMatch(found[m.unit_id], m) for m in ranked]


def vacancy_leads(
    *, user: AnyUser, vacancies: list[VacantSpace], top: int = 5
) -> list[tuple[VacantSpace, list[LeadMatch]]]:
    """Reversed: for each unit, the open leads (before 注册落地) the user may see that fit it,
    best first. The leads and the ratings are read once for all the units."""
    ratings = park_ratings()
    leads = list(open_leads(leads_visible_to(user)).filter(stage__in=["lead", "talks", "signed"]))
    rule_set = default_rule_set()
    needs = [(lead, need_of(lead, admission_bar(lead, rule_set))) for lead in leads]
    rows = []
    for vacancy in vacancies:
        unit = unit_of(vacancy, ratings.get(vacancy.small_park_id, ""))
        found = []
        for lead, need in needs:
            match = space_matching.score(need, unit)
            if match is not None:
                found.append(LeadMatch(lead, match))
        found.sort(key=lambda m: (-m.match.score, m.lead.pk))
        rows.append((vacancy, found[:top]))
    return rows
