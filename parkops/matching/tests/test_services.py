"""Proposals worked out by hand on a tiny park, stored once; decisions and outcomes with history.

By hand (core/supply_demand.py: class 3, group 2, division 1; a shared keyword 2, one inside
another 1):
- 甲 needs C2231 纸盒、玻璃瓶 ← 乙 offers C2231 纸盒、纸箱: class 3 + 纸盒 2 = 5
- 甲 ← 丙 offers C2239 玻璃瓶包装: group 223 2 + 玻璃瓶 inside 玻璃瓶包装 1 = 3
- 甲 ← 丁 offers C2929: codes share one digit, no keyword: no pair
- 乙 needs C2929 注塑件 ← 丁 offers C2929 注塑件: class 3 + 注塑件 2 = 5
- 乙 ← 甲 (C2684), 乙 ← 丙 (C2239): nothing in common
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from parkops.common.versioning import StaleVersion, version_of
from parkops.matching import services
from parkops.matching.choices import PairDecision, PairOutcome, SessionStatus
from parkops.matching.models import MatchingSession, MatchPair, SupplyDemandProfile
from parkops.matching.tests.conftest import Firms
from parkops.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


def _stored(session: MatchingSession) -> list[tuple[str, str, int, int, list[str]]]:
    return [
        (p.need_enterprise.name, p.offer_enterprise.name, p.score, p.code_level, p.shared_keywords)
        for p in session.pairs.order_by("-score", "pk")
    ]


def test_it_proposes_the_pairs_worked_out_by_hand(firms: Firms, session: MatchingSession) -> None:
    added = services.pairs_propose(session=session)
    assert len(added) == 3
    assert _stored(session) == [
        ("上海甲日化有限公司", "上海乙纸品有限公司", 5, 4, ["纸盒"]),
        ("上海乙纸品有限公司", "上海丁塑料有限公司", 5, 4, ["注塑件"]),
        ("上海甲日化有限公司", "上海丙包装有限公司", 3, 3, ["玻璃瓶/玻璃瓶包装"]),
    ]
    pair = session.pairs.order_by("pk").first()
    assert pair is not None
    assert pair.decision == PairDecision.PROPOSED
    assert pair.outcome == PairOutcome.PENDING
    assert pair.history.get().history_change_reason == "系统推荐配对"


def test_it_matches_only_among_the_invitees(firms: Firms) -> None:
    session = services.session_create(
        data={"title": "一对一", "held_on": "2026-03-20", "organiser": "园区办"},
        invitees=[firms.a, firms.b, firms.d],
    )
    services.pairs_propose(session=session)
    assert [(n, o) for n, o, *_ in _stored(session)] == [
        ("上海甲日化有限公司", "上海乙纸品有限公司"),
        ("上海乙纸品有限公司", "上海丁塑料有限公司"),
    ]


def test_proposing_again_adds_only_new_pairs(firms: Firms, session: MatchingSession) -> None:
    services.pairs_propose(session=session)
    assert services.pairs_propose(session=session) == []
    assert session.pairs.count() == 3
    # A new supplier of 纸盒 (no code): 甲 ← 戊 scores 2 for the keyword, proposed alone.
    e = EnterpriseFactory(name="上海戊印务有限公司")
    services.profile_save(enterprise=e, data={"offer_keywords": "纸盒"})
    added = services.pairs_propose(session=session)
    assert [(p.need_enterprise_id, p.offer_enterprise_id, p.score) for p in added] == [
        (firms.a.pk, e.pk, 2)
    ]
    assert session.pairs.count() == 4


def test_a_closed_session_proposes_nothing(firms: Firms, session: MatchingSession) -> None:
    session.status = SessionStatus.CLOSED
    session.save()
    with pytest.raises(ValidationError) as error:
        services.pairs_propose(session=session)
    assert error.value.messages == ["对接活动已结束，不能再推荐配对"]
    assert not MatchPair.objects.exists()


def _pair(session: MatchingSession) -> MatchPair:
    services.pairs_propose(session=session)
    found = session.pairs.order_by("-score", "pk").first()
    assert found is not None
    return found


def test_an_outcome_is_recorded_only_on_an_accepted_pair_and_kept_in_history(
    firms: Firms, session: MatchingSession
) -> None:
    pair = _pair(session)
    with pytest.raises(ValidationError) as error:
        services.pair_outcome_record(pair=pair, outcome=PairOutcome.SIGNED)
    assert error.value.message_dict == {"outcome": ["只有已采纳的配对才能记录对接结果"]}
    services.pair_decide(pair=pair, decision=PairDecision.ACCEPTED)
    services.pair_outcome_record(pair=pair, outcome=PairOutcome.CONTACTED, reason="已电话联系")
    services.pair_outcome_record(
        pair=pair, outcome=PairOutcome.SIGNED, amount_wan=Decimal("120.5"), reason="签约"
    )
    pair.refresh_from_db()
    assert (pair.outcome, pair.amount_wan) == (PairOutcome.SIGNED, Decimal("120.50"))
    steps = [
        (h.outcome, h.decision, h.history_change_reason)
        for h in pair.history.order_by("history_date", "history_id")
    ]
    assert steps == [
        ("pending", "proposed", "系统推荐配对"),
        ("pending", "accepted", "采纳配对"),
        ("contacted", "accepted", "已电话联系"),
        ("signed", "accepted", "签约"),
    ]


def test_a_failed_pair_needs_a_reason_and_an_amount_needs_an_agreement(
    firms: Firms, session: MatchingSession
) -> None:
    pair = _pair(session)
    services.pair_decide(pair=pair, decision=PairDecision.ACCEPTED)
    with pytest.raises(ValidationError) as error:
        services.pair_outcome_record(pair=pair, outcome=PairOutcome.FAILED, outcome_reason=" ")
    assert error.value.message_dict == {"outcome_reason": ["对接未成须说明原因"]}
    with pytest.raises(ValidationError) as error:
        services.pair_outcome_record(
            pair=pair, outcome=PairOutcome.CONTACTED, amount_wan=Decimal("5")
        )
    assert error.value.message_dict == {"amount_wan": ["只有达成意向或签约合作时才填写金额"]}
    services.pair_outcome_record(pair=pair, outcome=PairOutcome.FAILED, outcome_reason="价格")
    with pytest.raises(ValidationError) as error:
        services.pair_decide(pair=pair, decision=PairDecision.REJECTED)
    assert error.value.message_dict == {"decision": ["已记录对接结果的配对不能改为未采纳"]}
    pair.refresh_from_db()
    assert (pair.decision, pair.outcome) == (PairDecision.ACCEPTED, PairOutcome.FAILED)


def test_a_stale_outcome_is_refused(firms: Firms, session: MatchingSession) -> None:
    pair = _pair(session)
    opened = version_of(pair)
    services.pair_decide(pair=pair, decision=PairDecision.ACCEPTED)
    with pytest.raises(StaleVersion):
        services.pair_outcome_record(
            pair=MatchPair.objects.get(pk=pair.pk), outcome=PairOutcome.CONTACTED, version=opened
        )
    assert MatchPair.objects.get(pk=pair.pk).outcome == PairOutcome.PENDING


def test_a_profile_change_asks_a_reason_and_bad_codes_are_named(firms: Firms) -> None:
    with pytest.raises(ValidationError) as error:
        services.profile_save(enterprise=firms.c, data={"offer_keywords": "玻璃瓶"})
    assert error.value.message_dict == {"reason": ["修改供需画像须填写原因"]}
    with pytest.raises(ValidationError) as error:
        services.profile_save(
            enterprise=firms.c, data={"offer_codes": "C2239, X99，2710"}, reason="补代码"
        )
    assert error.value.message_dict == {
        "offer_codes": ["不是有效的国民经济行业代码（GB/T 4754-2017）：X99"]
    }
    services.profile_save(enterprise=firms.c, data={"offer_keywords": "玻璃瓶"}, reason="更正")
    profile = SupplyDemandProfile.objects.get(enterprise=firms.c)
    assert profile.offer_keywords == "玻璃瓶"
    assert [h.history_change_reason for h in profile.history.order_by("history_date")] == [
        "填写供需画像",
        "更正",
    ]
