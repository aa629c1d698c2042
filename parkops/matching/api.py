"""The matching API under /api/matching/: profiles, sessions and their pairs, read through the
same selectors and filters as the pages, so the scope (and the names of counterparts outside a
restricted user's scope) is the pages'."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from parkops.common.api import Pagination, require
from parkops.common.versioning import version_of
from parkops.matching import selectors
from parkops.matching.choices import PairDecision, PairOutcome, SessionKind, SessionStatus
from parkops.matching.filtersets import PairFilterSet, ProfileFilterSet, SessionFilterSet
from parkops.matching.models import MatchingSession, MatchPair, SupplyDemandProfile
from parkops.matching.tables import pair_reasons

router = Router(tags=["matching"])


class ProfileOut(Schema):
    id: int
    version: str
    enterprise_id: int
    enterprise: str
    offer_text: str
    offer_codes: str
    offer_keywords: str
    need_text: str
    need_codes: str
    need_keywords: str
    is_demo: bool

    @staticmethod
    def resolve_version(obj: SupplyDemandProfile) -> str:
        return version_of(obj)

    @staticmethod
    def resolve_enterprise(obj: SupplyDemandProfile) -> str:
        return obj.enterprise.name


class SessionOut(Schema):
    id: int
    version: str
    title: str
    kind: SessionKind
    held_on: date
    organiser: str
    status: SessionStatus
    note: str
    is_demo: bool

    @staticmethod
    def resolve_version(obj: MatchingSession) -> str:
        return version_of(obj)


class PairOut(Schema):
    id: int
    version: str
    need_enterprise: str
    offer_enterprise: str
    score: int
    reasons: str
    decision: PairDecision
    outcome: PairOutcome
    outcome_reason: str
    amount_wan: Decimal | None

    @staticmethod
    def resolve_version(obj: MatchPair) -> str:
        return version_of(obj)

    @staticmethod
    def resolve_need_enterprise(obj: Any) -> str:
        return str(obj.need_name)

    @staticmethod
    def resolve_offer_enterprise(obj: Any) -> str:
        return str(obj.offer_name)

    @staticmethod
    def resolve_reasons(obj: MatchPair) -> str:
        return pair_reasons(obj)


class SessionDetailOut(SessionOut):
    invitees: list[str]
    pairs: list[PairOut]


@router.get("/profiles", response=list[ProfileOut], summary="供需画像列表")
@paginate(Pagination, page_size=50)
def list_profiles(request: HttpRequest) -> Any:
    """Filters as on the page: q (enterprise), road, side (offer/need), code, keyword."""
    require(request, "matching.view_supplydemandprofile")
    qs = ProfileFilterSet(request.GET, queryset=selectors.profile_list(user=request.user)).qs
    return qs.order_by("enterprise__name", "pk")


@router.get("/profiles/{pk}", response=ProfileOut, summary="企业的供需画像")
def get_profile(request: HttpRequest, pk: int) -> Any:
    """By the enterprise's id."""
    require(request, "matching.view_supplydemandprofile")
    return selectors.profile_get(user=request.user, enterprise_pk=pk)


@router.get("/sessions", response=list[SessionOut], summary="对接活动列表")
@paginate(Pagination, page_size=50)
def list_sessions(request: HttpRequest) -> Any:
    """Filters as on the page: q (title), kind, status."""
    require(request, "matching.view_matchingsession")
    qs = SessionFilterSet(request.GET, queryset=selectors.sessions_visible_to(request.user)).qs
    return qs.order_by("-held_on", "-pk")


@router.get("/sessions/{pk}", response=SessionDetailOut, summary="对接活动详情及配对")
def get_session(request: HttpRequest, pk: int) -> Any:
    require(request, "matching.view_matchingsession")
    session = selectors.session_get(user=request.user, pk=pk)
    pairs = selectors.pair_list(user=request.user, session=session)
    return {
        **SessionOut.from_orm(session).dict(),
        "invitees": [e.name for e in selectors.invitees_shown(user=request.user, session=session)],
        "pairs": list(PairFilterSet(request.GET, queryset=pairs).qs.order_by("-score", "pk")),
    }
