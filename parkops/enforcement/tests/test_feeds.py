"""What the record feeds: vetoes by rule, the small-park violations metric, 关停 proposals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from parkops.conftest import client_for
from parkops.enforcement import services
from parkops.enforcement.choices import (
    ClosureGround,
    FindingDomain,
    PenaltyType,
    ProposalDecision,
    ReinspectionResult,
    Severity,
)
from parkops.enforcement.models import Accident
from parkops.enforcement.rectifications import closure_proposals
from parkops.enforcement.tests.factories import FindingFactory, InspectionFactory, department
from parkops.evaluation import services as evaluation
from parkops.evaluation.tests.factories import enterprise_with_year
from parkops.land.choices import Batch
from parkops.land.models import BatchAssignment
from parkops.smallparks.rating_selectors import evaluation_inputs

pytestmark = pytest.mark.django_db
TODAY = date(2025, 12, 1)


def _park_of_five() -> list:
    leader = enterprise_with_year(tax=Decimal("600"))
    return [leader, *(enterprise_with_year(tax=Decimal("50")) for _ in range(4))]


def test_a_major_environmental_finding_vetoes_the_class_by_rule(alice: User) -> None:
    leader = _park_of_five()[0]
    inspection = InspectionFactory(enterprise=leader, inspected_on=date(2025, 6, 1))
    FindingFactory(inspection=inspection, domain=FindingDomain.ENVIRONMENT, severity=Severity.MAJOR)

    result = evaluation.run_create(year=2025).results.get(enterprise=leader)

    assert (result.class_before_veto, result.evaluation_class) == ("A", "D")
    assert result.veto_reasons == ["重大安全环保违法行为（执法检查认定），一票否决为 D 类"]
    # The card names the inspection behind the veto, with its link.
    page = client_for(alice).get(leader.get_absolute_url()).content.decode()
    assert f'href="{inspection.get_absolute_url()}"' in page
    assert f"检查 {inspection.number}：重大环保问题（安全生产法 第三十六条）" in page


def test_a_serious_but_not_major_finding_does_not_veto() -> None:
    leader = _park_of_five()[0]
    FindingFactory(
        inspection=InspectionFactory(enterprise=leader), severity=Severity.SERIOUS,
        domain=FindingDomain.ENVIRONMENT,
    )  # fmt: skip
    result = evaluation.run_create(year=2025).results.get(enterprise=leader)
    assert (result.evaluation_class, result.veto_reasons) == ("A", [])


def test_a_larger_accident_vetoes_and_an_ordinary_one_does_not(alice: User) -> None:
    leader, second = _park_of_five()[:2]
    for enterprise, deaths in ((leader, 3), (second, 2)):
        services.accident_create(
            user=alice,
            data={
                "enterprise": enterprise, "occurred_on": date(2025, 4, 1), "description": "爆炸",
                "deaths": deaths, "department": department("emergency"),
            },
        )  # fmt: skip
    assert Accident.objects.get(enterprise=leader).grade == "2_larger"
    assert Accident.objects.get(enterprise=second).grade == "1_ordinary"
    results = {r.enterprise_id: r for r in evaluation.run_create(year=2025).results.all()}
    assert results[leader.pk].evaluation_class == "D"
    assert results[second.pk].veto_reasons == []


def test_a_closure_order_vetoes_and_is_proposed_for_closure(alice: User) -> None:
    leader = _park_of_five()[0]
    inspection = InspectionFactory(enterprise=leader, inspected_on=date(2025, 6, 1))
    services.penalty_create(
        user=alice, enterprise=leader, inspection=inspection,
        data={"decision_number": "金环罚〔2025〕7号", "kind": PenaltyType.CLOSURE,
              "decided_on": date(2025, 6, 20), "department": department("eco")},
    )  # fmt: skip
    result = evaluation.run_create(year=2025).results.get(enterprise=leader)
    assert result.veto_reasons == ["被责令关闭或停产停业，一票否决为 D 类"]
    [proposal] = closure_proposals(today=TODAY)
    assert proposal.grounds == [ClosureGround.CLOSURE_ORDER]
    assert proposal.evidence_text == "2025-06-20 责令关闭（金环罚〔2025〕7号）"


def test_violations_on_record_count_in_the_small_park_metric() -> None:
    enterprise = enterprise_with_year()
    inspection = InspectionFactory(enterprise=enterprise, inspected_on=date(2025, 3, 1))
    FindingFactory(inspection=inspection)
    FindingFactory(inspection=inspection)
    FindingFactory(
        inspection=InspectionFactory(enterprise=enterprise, inspected_on=date(2024, 3, 1))
    )
    assert evaluation_inputs(2025).incidents == {enterprise.pk: 2}
    assert evaluation_inputs(2024).incidents == {enterprise.pk: 1}


def test_two_major_findings_in_twelve_months_or_an_overdue_one_are_proposed() -> None:
    repeated = InspectionFactory(inspected_on=date(2025, 1, 10)).enterprise
    FindingFactory(inspection=InspectionFactory(enterprise=repeated, inspected_on=date(2025, 1, 10)),
                   severity=Severity.MAJOR)  # fmt: skip
    FindingFactory(inspection=InspectionFactory(enterprise=repeated, inspected_on=date(2025, 9, 1)),
                   severity=Severity.MAJOR)  # fmt: skip
    # One major finding a year and a day before: outside the twelve months.
    once = InspectionFactory(inspected_on=date(2024, 11, 30))
    FindingFactory(inspection=once, severity=Severity.MAJOR)
    FindingFactory(
        inspection=InspectionFactory(enterprise=once.enterprise), severity=Severity.MAJOR
    )
    late = FindingFactory(deadline=date(2025, 11, 30))
    fixed = FindingFactory(deadline=date(2025, 4, 1), reinspected_on=date(2025, 3, 30),
                           reinspection_result=ReinspectionResult.PASSED)  # fmt: skip

    grounds = {p.enterprise.pk: p.grounds for p in closure_proposals(today=TODAY)}

    assert grounds == {
        repeated.pk: [ClosureGround.REPEATED_MAJOR],
        late.inspection.enterprise_id: [ClosureGround.OVERDUE],
    }
    assert fixed.inspection.enterprise_id not in grounds


def test_the_park_office_accepts_a_proposal_into_the_closing_batch(alice: User) -> None:
    late = FindingFactory(deadline=date(2025, 1, 31))
    enterprise = late.inspection.enterprise
    response = client_for(alice).post(
        "/enforcement/proposals/",
        {"enterprise": enterprise.pk, "decision": ProposalDecision.ACCEPTED, "reason": "拒不整改"},
    )
    assert response.status_code == 302
    assignment = BatchAssignment.objects.get(enterprise=enterprise)
    assert assignment.batch == Batch.CLOSE
    assert assignment.reason.startswith("拒不整改（检查 JC-")
    assert enterprise.closure_decisions.get().assignment == assignment


def test_a_rejection_needs_a_reason_and_adds_no_batch(alice: User) -> None:
    enterprise = FindingFactory(deadline=date(2025, 1, 31)).inspection.enterprise
    response = client_for(alice).post(
        "/enforcement/proposals/",
        {"enterprise": enterprise.pk, "decision": ProposalDecision.REJECTED, "reason": ""},
    )
    assert response.status_code == 200
    assert "这个字段是必填项。" in response.content.decode()
    assert not BatchAssignment.objects.exists()


def test_a_department_cannot_decide_proposals(dora: User) -> None:
    assert client_for(dora).get("/enforcement/proposals/").status_code == 403
