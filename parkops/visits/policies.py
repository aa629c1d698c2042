"""政策找企业: which enterprises a policy's rules select, and why (parkops/core/policyrules.py).

The facts are read in bulk for the enterprises in the user's scope: the class and bottom-30
position from the latest published evaluation (evaluation.selectors), 规上 and R&D intensity
from the latest reported year, current designations, and the 技改 list of 附件 2.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from parkops.common.types import AnyUser
from parkops.core.policyrules import Facts, evaluate
from parkops.evaluation.selectors import latest_standing
from parkops.execution.choices import CultivationKind
from parkops.execution.models import CultivationEntry
from parkops.registry.models import Designation, Enterprise, EnterpriseYear
from parkops.registry.selectors import enterprises_visible_to
from parkops.visits.models import Policy


@dataclass(frozen=True)
class Match:
    enterprise: Enterprise
    reasons: list[str]


def _facts(enterprises: QuerySet[Enterprise], today: date) -> dict[int, tuple[Enterprise, Facts]]:
    latest = EnterpriseYear.objects.filter(enterprise=OuterRef("pk")).order_by("-year")
    rows = list(
        enterprises.select_related("road").annotate(
            f_above=Subquery(latest.values("is_above_scale")[:1]),
            f_revenue=Subquery(latest.values("revenue")[:1]),
            f_rd=Subquery(latest.values("rd_expense")[:1]),
        )
    )
    ids = [e.pk for e in rows]
    _year, standing = latest_standing(enterprises=enterprises)
    designations: dict[int, set[str]] = {}
    for enterprise_id, kind in Designation.objects.filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=today),
        enterprise_id__in=ids,
        revoked_on__isnull=True,
        awarded_on__lte=today,
    ).values_list("enterprise_id", "kind"):
        designations.setdefault(enterprise_id, set()).add(kind)
    tech = set(
        CultivationEntry.objects.filter(
            kind=CultivationKind.TECH, enterprise_id__in=ids
        ).values_list("enterprise_id", flat=True)
    )
    found: dict[int, tuple[Enterprise, Facts]] = {}
    for e in rows:
        annotated: Any = e
        revenue, rd = annotated.f_revenue, annotated.f_rd
        intensity = Decimal(rd) * 100 / Decimal(revenue) if revenue and rd is not None else None
        cls = standing.get(e.pk, (None, None))[0]
        found[e.pk] = (
            e,
            Facts(
                evaluation_class=str(cls) if cls is not None else None,
                above_scale=annotated.f_above,
                designations=frozenset(designations.get(e.pk, set())),
                key_industry=e.key_industry,
                has_tech_project=e.pk in tech,
                rd_intensity_pct=intensity,
            ),
        )
    return found


def _texts(reasons: list[Any]) -> list[str]:
    return [_(r.template) % {k: _(v) for k, v in r.values.items()} for r in reasons]


def policy_matches(*, user: AnyUser, policy: Policy, today: date) -> list[Match]:
    """The enterprises in the user's scope that qualify for the policy, each with why."""
    found = []
    for enterprise, facts in _facts(enterprises_visible_to(user), today).values():
        ok, reasons = evaluate(policy.rules, facts)
        if ok:
            found.append(Match(enterprise, _texts(reasons)))
    return found


def policies_in_force(today: date) -> QuerySet[Policy]:
    return Policy.objects.filter(valid_from__lte=today).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    )


def policies_for(*, enterprise: Enterprise, today: date) -> list[tuple[Policy, list[str]]]:
    """The policies in force that the enterprise qualifies for, each with why (the visit form's
    reminder)."""
    policies = list(policies_in_force(today))
    if not policies:
        return []  # no facts to read
    facts = _facts(Enterprise.objects.filter(pk=enterprise.pk), today)[enterprise.pk][1]
    found = []
    for policy in policies:
        ok, reasons = evaluate(policy.rules, facts)
        if ok:
            found.append((policy, _texts(reasons)))
    return found
