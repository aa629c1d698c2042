from __future__ import annotations

from datetime import date

import pytest

from parkops.demo.services import demo_load
from parkops.matching.choices import PairDecision, PairOutcome
from parkops.matching.demo import matching_demo_load
from parkops.matching.models import MatchingSession, MatchPair, SupplyDemandProfile
from parkops.plan.services import plan_load

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 30)


def test_demo_profiles_and_two_sessions_with_outcomes_idempotent_on_demo_firms_only() -> None:
    plan_load()
    demo_load(count=40)
    assert matching_demo_load(today=TODAY) == {"profiles": 16, "sessions": 2}
    pairs = MatchPair.objects.count()
    assert matching_demo_load(today=TODAY) == {"profiles": 0, "sessions": 0}
    assert MatchPair.objects.count() == pairs
    assert not SupplyDemandProfile.objects.filter(enterprise__is_demo=False).exists()
    assert not SupplyDemandProfile.objects.filter(is_demo=False).exists()
    assert not MatchPair.objects.filter(need_enterprise__is_demo=False).exists()
    assert not MatchPair.objects.filter(offer_enterprise__is_demo=False).exists()
    assert MatchingSession.objects.filter(is_demo=True).count() == 2
    meeting = MatchingSession.objects.get(title="【演示】园区供需对接会")
    outcomes = set(meeting.pairs.values_list("outcome", flat=True))
    assert {PairOutcome.SIGNED, PairOutcome.INTENT, PairOutcome.FAILED} <= outcomes
    assert meeting.pairs.filter(decision=PairDecision.REJECTED).count() == 1
    failed = meeting.pairs.get(outcome=PairOutcome.FAILED)
    assert failed.outcome_reason == "价格未谈拢"
    one = MatchingSession.objects.get(title="【演示】包装材料一对一撮合")
    invited = set(one.invitees.values_list("pk", flat=True))
    assert len(invited) == 4
    assert set(one.pairs.values_list("need_enterprise", flat=True)) <= invited
    assert one.pairs.filter(outcome=PairOutcome.INTENT).count() == 1
