"""Writes of the matching app: profiles edited with a reason, sessions, proposals stored as
pairs, the clerk's decisions and the outcomes, each with history and the version check."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from parkops.common.versioning import record_reason, record_save
from parkops.core.supply_demand import best_per_enterprises, propose_pairs
from parkops.matching import selectors
from parkops.matching.choices import PairDecision, PairOutcome, SessionStatus
from parkops.matching.models import MatchingSession, MatchPair, SupplyDemandProfile
from parkops.registry.models import Enterprise

PER_NEED = 5  # each needing enterprise's best few offers are proposed, not every weak match
PROFILE_FIELDS = (
    "offer_text", "offer_codes", "offer_keywords", "need_text", "need_codes", "need_keywords",
)  # fmt: skip


def profile_save(
    *,
    enterprise: Enterprise,
    data: Mapping[str, Any],
    reason: str = "",
    version: str | None = None,
) -> SupplyDemandProfile:
    """Create or change the enterprise's profile; a change asks a reason, a stale edit is
    refused, an unchanged one writes nothing."""
    profile = SupplyDemandProfile.objects.filter(enterprise=enterprise).first()
    created = profile is None
    if profile is None:
        profile = SupplyDemandProfile(enterprise=enterprise, is_demo=enterprise.is_demo)
    for field in PROFILE_FIELDS:
        if field in data:
            setattr(profile, field, (data[field] or "").strip())
    return record_save(
        profile,
        reason=reason.strip() or (_("填写供需画像") if created else ""),
        version=version,
        missing_reason=_("修改供需画像须填写原因"),
    )


def session_create(
    *, data: Mapping[str, Any], invitees: Iterable[Enterprise] = ()
) -> MatchingSession:
    with transaction.atomic():
        session = record_save(MatchingSession(**data), reason=_("新建对接活动"))
        invited = list(invitees)
        if invited:
            record_reason(session, _("邀请企业"))
            session.invitees.set(invited)
    return session


def session_update(
    *,
    session: MatchingSession,
    data: Mapping[str, Any],
    reason: str,
    version: str | None = None,
    invitees: Iterable[Enterprise] | None = None,
) -> MatchingSession:
    with transaction.atomic():
        for field, value in data.items():
            setattr(session, field, value)
        record_save(
            session, reason=reason, version=version, missing_reason=_("修改对接活动须填写原因")
        )
        if invitees is not None and set(invitees) != set(session.invitees.all()):
            record_reason(session, reason or _("调整邀请企业"))
            session.invitees.set(list(invitees))
    return session


@transaction.atomic
def pairs_propose(*, session: MatchingSession) -> list[MatchPair]:
    """Run the matching over the session's profiles and store the pairs not yet on record;
    proposing again after no profile changed adds nothing. Returns the pairs added."""
    session = MatchingSession.objects.select_for_update().get(pk=session.pk)
    if session.status == SessionStatus.CLOSED:
        raise ValidationError(_("对接活动已结束，不能再推荐配对"))
    needs, offers = selectors.proposal_items(session=session)
    best = best_per_enterprises(propose_pairs(needs, offers), per_need=PER_NEED)
    recorded = set(session.pairs.values_list("need_enterprise_id", "offer_enterprise_id"))
    new = [
        MatchPair(
            session=session,
            need_enterprise_id=p.need_enterprise_id,
            offer_enterprise_id=p.offer_enterprise_id,
            score=p.score,
            code_level=p.code_level,
            shared_keywords=list(p.shared),
        )
        for p in best
        if (p.need_enterprise_id, p.offer_enterprise_id) not in recorded
    ]
    for pair in new:
        pair.full_clean(exclude=["session"])
    return bulk_create_with_history(
        new, MatchPair, default_change_reason=_("系统推荐配对"), batch_size=500
    )


def pair_decide(
    *, pair: MatchPair, decision: PairDecision, reason: str = "", version: str | None = None
) -> MatchPair:
    """Accept or reject a proposed pair (or take the word back while nothing was recorded)."""
    if decision != PairDecision.ACCEPTED and pair.outcome != PairOutcome.PENDING:
        raise ValidationError({"decision": [_("已记录对接结果的配对不能改为未采纳")]})
    pair.decision = decision
    default = {
        PairDecision.ACCEPTED: _("采纳配对"),
        PairDecision.REJECTED: _("不采纳配对"),
        PairDecision.PROPOSED: _("撤回采纳决定"),
    }[decision]
    return record_save(pair, reason=reason.strip() or default, version=version)


def pair_outcome_record(
    *,
    pair: MatchPair,
    outcome: PairOutcome,
    outcome_reason: str = "",
    amount_wan: Decimal | None = None,
    reason: str = "",
    version: str | None = None,
) -> MatchPair:
    """Record how an accepted pair turned out: 未成 asks why; an amount only for 达成意向 or
    签约合作."""
    if pair.decision != PairDecision.ACCEPTED and outcome != PairOutcome.PENDING:
        raise ValidationError({"outcome": [_("只有已采纳的配对才能记录对接结果")]})
    if outcome == PairOutcome.FAILED and not outcome_reason.strip():
        raise ValidationError({"outcome_reason": [_("对接未成须说明原因")]})
    if amount_wan is not None and outcome not in (PairOutcome.INTENT, PairOutcome.SIGNED):
        raise ValidationError({"amount_wan": [_("只有达成意向或签约合作时才填写金额")]})
    pair.outcome = outcome
    pair.outcome_reason = outcome_reason.strip()
    pair.amount_wan = amount_wan
    return record_save(
        pair,
        reason=reason.strip() or _("记录对接结果：%(o)s") % {"o": outcome.label},
        version=version,
    )
