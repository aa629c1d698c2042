"""Reads of the matching app, scoped to what the user's role may see.

Profiles are seen with their enterprise (registry.selectors.enterprises_visible_to). The park
office, town leaders and departments see every session and pair; a road chief, grid officer or
small-park owner sees the sessions with a pair or an invitee among his enterprises, and the pairs
involving them, the counterpart outside his scope named only as "园区内其他企业" (the park office
makes the introduction).
"""

from __future__ import annotations

from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from parkops.accounts.roles import sees_whole_park
from parkops.common.types import AnyUser
from parkops.core.supply_demand import Item, keywords_split
from parkops.matching.choices import PairDecision, PairOutcome
from parkops.matching.models import MatchingSession, MatchPair, SupplyDemandProfile, codes_split
from parkops.registry.models import Enterprise
from parkops.registry.selectors import enterprises_visible_to


def profile_list(*, user: AnyUser) -> QuerySet[SupplyDemandProfile]:
    qs = SupplyDemandProfile.objects.select_related("enterprise", "enterprise__road")
    if sees_whole_park(user):
        return qs
    return qs.filter(enterprise__in=enterprises_visible_to(user))


def profile_get(*, user: AnyUser, enterprise_pk: int) -> SupplyDemandProfile:
    # By the enterprise's key first: an out-of-range id is a plain 404 there.
    enterprise = enterprise_for_profile(user=user, pk=enterprise_pk)
    return get_object_or_404(profile_list(user=user), enterprise=enterprise)


def enterprise_for_profile(*, user: AnyUser, pk: int) -> Enterprise:
    """An enterprise whose profile the user may open (404 outside the scope)."""
    return get_object_or_404(enterprises_visible_to(user), pk=pk)


def profile_of(enterprise: Enterprise) -> SupplyDemandProfile | None:
    return SupplyDemandProfile.objects.filter(enterprise=enterprise).first()


def sessions_visible_to(user: AnyUser) -> QuerySet[MatchingSession]:
    qs = MatchingSession.objects.all()
    if sees_whole_park(user):
        return qs
    mine = enterprises_visible_to(user)
    involved = MatchPair.objects.filter(session=OuterRef("pk")).filter(
        Q(need_enterprise__in=mine) | Q(offer_enterprise__in=mine)
    )
    invited = MatchingSession.invitees.through.objects.filter(
        matchingsession=OuterRef("pk"), enterprise__in=mine
    )
    return qs.filter(Q(Exists(involved)) | Q(Exists(invited)))


def session_get(*, user: AnyUser, pk: int) -> MatchingSession:
    return get_object_or_404(sessions_visible_to(user), pk=pk)


def invitees_shown(*, user: AnyUser, session: MatchingSession) -> QuerySet[Enterprise]:
    invited = session.invitees.all()
    if sees_whole_park(user):
        return invited.order_by("name")
    return invited.filter(pk__in=enterprises_visible_to(user)).order_by("name")


def _name(side: str, user: AnyUser) -> Case | F:
    """The enterprise's name, or "园区内其他企业" for one outside a restricted user's scope."""
    if sees_whole_park(user):
        return F(f"{side}__name")
    return Case(
        When(**{f"{side}__in": enterprises_visible_to(user)}, then=F(f"{side}__name")),
        default=Value(_("园区内其他企业")),
        output_field=CharField(),
    )


def pairs_visible_to(user: AnyUser) -> QuerySet[MatchPair]:
    qs = MatchPair.objects.all()
    if not sees_whole_park(user):
        mine = enterprises_visible_to(user)
        qs = qs.filter(Q(need_enterprise__in=mine) | Q(offer_enterprise__in=mine))
    return qs.select_related("session").annotate(
        need_name=_name("need_enterprise", user), offer_name=_name("offer_enterprise", user)
    )


def pair_list(*, user: AnyUser, session: MatchingSession) -> QuerySet[MatchPair]:
    return pairs_visible_to(user).filter(session=session)


def pair_get(*, user: AnyUser, pk: int) -> MatchPair:
    return get_object_or_404(pairs_visible_to(user), pk=pk)


def proposal_items(*, session: MatchingSession) -> tuple[list[Item], list[Item]]:
    """The needs and offers of the profiles the session matches over: its invitees', or the
    whole park's when it invited nobody. One item per industry code (or one without a code),
    each carrying the side's keywords."""
    profiles = SupplyDemandProfile.objects.order_by("enterprise_id")
    if session.invitees.exists():
        profiles = profiles.filter(enterprise__in=session.invitees.all())
    needs: list[Item] = []
    offers: list[Item] = []
    for profile in profiles:
        for items, codes, words in (
            (needs, profile.need_codes, profile.need_keywords),
            (offers, profile.offer_codes, profile.offer_keywords),
        ):
            keywords = keywords_split(words)
            found = codes_split(codes)
            if not found and not keywords:
                continue
            for code in found or [""]:
                items.append(
                    Item(len(needs) + len(offers) + 1, profile.enterprise_id, code, keywords)
                )
    return needs, offers


def outcome_counts(*, pairs: QuerySet[MatchPair]) -> list[tuple[str, int]]:
    """Pairs by outcome among the accepted ones the user sees, for the session's summary."""
    rows = (
        pairs.filter(decision=PairDecision.ACCEPTED)
        .order_by()
        .values("outcome")
        .annotate(n=Count("pk"))
    )
    counts = {row["outcome"]: row["n"] for row in rows}
    return [(str(o.label), counts[o.value]) for o in PairOutcome if o.value in counts]
