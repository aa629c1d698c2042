"""The joint scheme's incentive ledger (联合招商奖励台账): what each small park earned in a year
under the current incentive rules, from the pipeline and the registry's year figures.

Who earns: a lead of pipeline 小园区联合招商 that has registered (注册落地, `Lead.landed_on`). Its
owning small park earns; a lead the park office owns earns the park it was offered to in which the
enterprise registered, and nothing when it registered in none of them.
What: in the landing year, the reward per landed project; in each of the first N years counted
from the landing year (the landing year is year 1), the enterprise's tax of that year × the rate.
A year whose tax is not reported earns nothing yet: computing the year again once it is adds it.

`earned` is the arithmetic, without Django; `incentive_ledger_compute` stores its result.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parkops.attraction.choices import IncentiveKind, PipelineType
from parkops.attraction.models import IncentiveEntry, IncentiveRuleSet, Lead
from parkops.common.versioning import record_delete, record_save
from parkops.registry.models import EnterpriseYear

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Rules:
    landed_reward_wan: Decimal
    tax_reward_per_wan: Decimal
    tax_years: int


@dataclass(frozen=True)
class LandedLead:
    lead_id: int
    small_park_id: int
    landed_on: date


@dataclass(frozen=True)
class Earned:
    small_park_id: int
    lead_id: int
    kind: IncentiveKind
    basis_wan: Decimal | None
    amount_wan: Decimal
    evidence: str


def earned(
    *, rules: Rules, leads: Iterable[LandedLead], taxes: Mapping[int, Decimal | None], year: int
) -> list[Earned]:
    """Each lead's rewards in `year`; `taxes` maps a lead to its enterprise's tax of that year.
    The evidence is stored with the entry, in the scheme's language (Chinese), like a memo."""
    found = []
    for lead in leads:
        nth = year - lead.landed_on.year + 1  # the landing year is year 1
        if nth == 1 and rules.landed_reward_wan > 0:
            found.append(
                Earned(
                    lead.small_park_id,
                    lead.lead_id,
                    IncentiveKind.LANDED,
                    None,
                    rules.landed_reward_wan.quantize(CENT),
                    f"{lead.landed_on.isoformat()} 注册落地，每个项目 {rules.landed_reward_wan} 万元",
                )
            )
        tax = taxes.get(lead.lead_id)
        if 1 <= nth <= rules.tax_years and tax is not None and rules.tax_reward_per_wan > 0:
            amount = (tax * rules.tax_reward_per_wan).quantize(CENT, ROUND_HALF_UP)
            found.append(
                Earned(
                    lead.small_park_id,
                    lead.lead_id,
                    IncentiveKind.TAX,
                    tax,
                    amount,
                    f"落地第 {nth} 年（共 {rules.tax_years} 年）：税收 {tax} 万元 × "
                    f"{rules.tax_reward_per_wan.normalize()} = {amount} 万元",
                )
            )
    return found


def default_incentive_rules() -> IncentiveRuleSet | None:
    return IncentiveRuleSet.objects.filter(is_default=True).order_by("-created_at").first()


def _earning_park(lead: Lead) -> int | None:
    if lead.owner_park_id:
        return lead.owner_park_id
    registered = lead.enterprise.small_park_id if lead.enterprise else None
    offered = {park.pk for park in lead.offered_to.all()}
    return registered if registered in offered else None


def _landed(year: int, rules: IncentiveRuleSet) -> list[tuple[Lead, LandedLead]]:
    leads = (
        Lead.objects.filter(
            pipeline_type=PipelineType.JOINT,
            landed_on__year__lte=year,
            landed_on__year__gte=year - max(rules.tax_years, 1) + 1,
        )
        .select_related("enterprise")
        .prefetch_related("offered_to")
    )
    found = []
    for lead in leads:
        park = _earning_park(lead)
        if park is not None and lead.landed_on is not None:
            found.append((lead, LandedLead(lead.pk, park, lead.landed_on)))
    return found


@dataclass(frozen=True)
class LedgerChange:
    year: int
    version: str
    added: int
    changed: int
    removed: int
    kept: int


@transaction.atomic
def incentive_ledger_compute(*, user: User, year: int) -> LedgerChange:
    """Compute every small park's entries of `year` under the current rules. Idempotent: an
    entry computed the same again is left as it is; one that changed is rewritten and one no
    longer earned is removed, each with a reason in its history naming the rule version."""
    if not user.has_perm("attraction.add_incentiveentry"):
        raise PermissionDenied
    return ledger_compute(year=year)


@transaction.atomic
def ledger_compute(*, year: int) -> LedgerChange:
    """`incentive_ledger_compute` without the user: for the demo data, which no one asks for."""
    if not 2000 <= year <= timezone.localdate().year:
        raise ValidationError({"year": [_("年度须在 2000 年至今年之间")]})
    rule_set = default_incentive_rules()
    if rule_set is None:
        raise ValidationError(_("尚未设置联合招商奖励规则"))
    rules = Rules(rule_set.landed_reward_wan, rule_set.tax_reward_per_wan, rule_set.tax_years)
    landed = _landed(year, rule_set)
    taxes = dict(
        EnterpriseYear.objects.filter(
            year=year, enterprise__in=[lead.enterprise_id for lead, _x in landed]
        ).values_list("enterprise_id", "tax")
    )
    by_lead = {item.lead_id: taxes.get(lead.enterprise_id or 0) for lead, item in landed}
    computed = earned(rules=rules, leads=[item for _x, item in landed], taxes=by_lead, year=year)
    existing = {(e.lead_id, e.kind): e for e in IncentiveEntry.objects.filter(year=year)}
    reason = f"计算{year}年联合招商奖励（规则 {rule_set.version}）"
    added = changed = kept = 0
    for item in computed:
        entry = existing.pop((item.lead_id, item.kind.value), None)
        if entry is None:
            entry = IncentiveEntry(year=year, lead_id=item.lead_id, kind=item.kind)
            added += 1
        stamp = entry.updated_at
        entry.small_park_id = item.small_park_id
        entry.basis_wan = item.basis_wan
        entry.amount_wan = item.amount_wan
        entry.evidence = item.evidence
        entry.rule_set = rule_set
        record_save(entry, reason=reason)
        if stamp is not None:
            changed, kept = (
                (changed + 1, kept) if entry.updated_at != stamp else (changed, kept + 1)
            )
    for stale in existing.values():
        record_delete(stale, reason=f"{reason}：不再计奖")
    return LedgerChange(year, rule_set.version, added, changed, len(existing), kept)
