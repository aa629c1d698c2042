"""Every transition of a request, and the refused ones, with their exact messages and clocks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError

from parkops.accounts.models import Department
from parkops.common.versioning import StaleVersion, version_of
from parkops.registry.models import Enterprise
from parkops.service import services as svc
from parkops.service import services_closure as close
from parkops.service.choices import EscalationLevel, ReasonKind, RequestState
from parkops.service.clock import holder_shares
from parkops.service.models import ReasonCode, ServiceRequest
from parkops.service.selectors import escalations
from parkops.service.selectors_calendar import work_calendar
from parkops.service.tests.conftest import accept, shanghai

Clock = Callable[[datetime], None]
MONDAY = shanghai(2025, 3, 3, 10)


def reason(kind: ReasonKind) -> ReasonCode:
    return ReasonCode.objects.filter(kind=kind).order_by("code").first()  # type: ignore[return-value]


def answered(
    at: Clock, alice: User, rob: User, dora: User, firm: Enterprise, eco: Department
) -> ServiceRequest:
    at(MONDAY)
    request = accept(rob, firm, MONDAY)
    svc.request_dispatch(request=request, user=alice, department=eco)
    svc.request_sign(request=request, user=dora)
    at(MONDAY + timedelta(days=1))
    return svc.request_answer(request=request, user=dora, answer="已对接贴息政策，材料清单已发企业")


def test_it_runs_from_acceptance_to_closure(
    at: Clock, alice: User, rob: User, dora: User, firm: Enterprise, eco: Department
) -> None:
    request = answered(at, alice, rob, dora, firm, eco)
    # 融资: 5 working days from Monday 10:00; 临期 at 80 % (4 days) on Friday 10:00.
    assert request.due_at == shanghai(2025, 3, 10, 10)
    assert request.warn_at == shanghai(2025, 3, 7, 10)
    assert request.contact_due == shanghai(2025, 3, 4, 10)
    assert request.interim_due == shanghai(2025, 3, 6, 10)
    close.request_rate(request=request, user=rob, efficiency="satisfied", attitude="satisfied",
                       result="basic")  # fmt: skip
    close.request_close(request=request, user=alice, reason=reason(ReasonKind.CLOSE), text="已解决")
    request.refresh_from_db()
    assert request.state == RequestState.CLOSED
    assert [e.kind for e in request.events.all()] == [
        "accept", "dispatch", "sign", "answer", "follow_up", "close",
    ]  # fmt: skip
    assert request.history.first().history_change_reason == "办结：已解决"  # type: ignore[attr-defined]


def test_the_deadline_skips_the_national_day_holiday_and_counts_its_make_up_saturday(
    at: Clock, rob: User, firm: Enterprise
) -> None:
    # Tue 30 Sep 10:00 (7 h), 1–8 Oct off, Thu 9, Fri 10, Sat 11 (调休) and Mon 13 (8 h each,
    # 39 h), then 1 h on Tue 14 Oct: 40 office hours = 5 working days.
    received = shanghai(2025, 9, 30, 10)
    at(received)
    assert accept(rob, firm, received).due_at == shanghai(2025, 10, 14, 10)


def test_a_year_without_calendar_data_is_refused(at: Clock, rob: User, firm: Enterprise) -> None:
    received = shanghai(2026, 12, 28, 10)
    at(received)
    with pytest.raises(ValidationError, match="没有 2027 年的节假日安排"):
        accept(rob, firm, received)
    assert not ServiceRequest.objects.exists()


def test_an_extension_after_the_deadline_is_refused(
    at: Clock, alice: User, rob: User, dora: User, firm: Enterprise, eco: Department
) -> None:
    at(MONDAY)
    request = accept(rob, firm, MONDAY)
    svc.request_dispatch(request=request, user=alice, department=eco)
    extend = reason(ReasonKind.EXTEND)
    at(shanghai(2025, 3, 10, 10, 1))
    with pytest.raises(ValidationError) as refused:
        svc.request_extend(request=request, user=dora, reason=extend, text="需协调", limit_days=10)
    assert refused.value.messages == ["办理期限已过，不能延期：延期须在期限届满前申请。"]
    at(shanghai(2025, 3, 10, 9))  # before the deadline it is allowed
    svc.request_extend(request=request, user=dora, reason=extend, text="需协调", limit_days=10)
    request.refresh_from_db()
    assert request.limit_days == 10
    assert request.due_at == shanghai(2025, 3, 17, 10)


def test_an_extension_needs_a_reason_code_and_a_text(
    at: Clock, alice: User, rob: User, dora: User, firm: Enterprise, eco: Department
) -> None:
    at(MONDAY)
    request = accept(rob, firm, MONDAY)
    svc.request_dispatch(request=request, user=alice, department=eco)
    with pytest.raises(ValidationError) as refused:
        svc.request_extend(request=request, user=dora, reason=None, text=" ", limit_days=10)
    assert refused.value.message_dict == {"reason": ["须选择原因代码。"], "text": ["须填写说明。"]}


def test_closure_without_a_reason_is_refused(
    at: Clock, alice: User, rob: User, dora: User, firm: Enterprise, eco: Department
) -> None:
    request = answered(at, alice, rob, dora, firm, eco)
    close.request_rate(request=request, user=rob, efficiency="satisfied", attitude="satisfied",
                       result="satisfied")  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        close.request_close(request=request, user=alice, reason=None, text="")
    assert refused.value.message_dict == {"reason": ["须选择原因代码。"], "text": ["须填写说明。"]}
    # A reason code of another kind is no closure reason.
    with pytest.raises(ValidationError, match="须选择原因代码"):
        close.request_close(request=request, user=alice, reason=reason(ReasonKind.RETURN), text="x")
    request.refresh_from_db()
    assert request.state == RequestState.FOLLOWED_UP


def test_a_handler_cannot_rate_the_request(
    at: Clock, alice: User, rob: User, firm: Enterprise, eco: Department
) -> None:
    eco.members.add(rob)  # the road chief also works in the department and signs it himself
    at(MONDAY)
    request = accept(rob, firm, MONDAY)
    svc.request_dispatch(request=request, user=alice, department=eco)
    svc.request_sign(request=request, user=rob)
    svc.request_answer(request=request, user=rob, answer="已办")
    with pytest.raises(PermissionDenied) as refused:
        close.request_rate(request=request, user=rob, efficiency="satisfied",
                           attitude="satisfied", result="satisfied")  # fmt: skip
    assert str(refused.value) == "办理过此诉求的人员不能评价其满意度：回访须由走访人员或企业记录。"
    assert not request.ratings.exists()


def test_a_transition_from_the_wrong_state_is_refused(
    at: Clock, rob: User, dora: User, firm: Enterprise
) -> None:
    at(MONDAY)
    request = accept(rob, firm, MONDAY)
    with pytest.raises(PermissionDenied):
        svc.request_sign(request=request, user=dora)  # not dispatched: no department holds it
    with pytest.raises(ValidationError) as refused:
        close.request_close(request=request, user=User.objects.create_superuser("root"),
                            reason=reason(ReasonKind.CLOSE), text="x")  # fmt: skip
    assert refused.value.messages == ["诉求当前状态为“受理”，不能办结。"]


def test_a_department_that_does_not_hold_the_request_cannot_act(
    at: Clock, alice: User, rob: User, dora: User, dave: User, firm: Enterprise, eco: Department
) -> None:
    at(MONDAY)
    request = accept(rob, firm, MONDAY)
    svc.request_dispatch(request=request, user=alice, department=eco)
    with pytest.raises(PermissionDenied) as refused:
        svc.request_sign(request=request, user=dave)
    assert str(refused.value) == "您所在的部门未承办此诉求，不能签收。"
    svc.request_sign(request=request, user=dora)
    with pytest.raises(ValidationError) as wrong:
        svc.request_sign(request=request, user=dora)
    assert wrong.value.messages == ["诉求当前状态为“办理”，不能签收。"]


def test_a_transfer_changes_the_holder_and_keeps_each_departments_share(
    at: Clock, alice: User, rob: User, dora: User, dave: User, firm: Enterprise,
    eco: Department, market: Department,
) -> None:  # fmt: skip
    at(MONDAY)
    request = accept(rob, firm, MONDAY)
    svc.request_dispatch(request=request, user=alice, department=eco)
    at(MONDAY + timedelta(days=1))  # eco held it 8 office hours
    svc.request_transfer(request=request, user=dora, department=market, text="属市场监管职责")
    at(shanghai(2025, 3, 11, 10))  # market holds it from Tue 10:00; due Mon 10 Mar 10:00
    request.refresh_from_db()
    assert request.department == market
    assert request.state == RequestState.DISPATCHED
    svc.request_sign(request=request, user=dave)
    answered_request = svc.request_answer(request=request, user=dave, answer="已办")
    shares = holder_shares(
        answered_request, calendar=work_calendar(), now=shanghai(2025, 3, 11, 10)
    )
    assert shares[eco].elapsed == timedelta(hours=8)
    assert shares[eco].late == timedelta()
    # Tue 10:00 → Tue 11 Mar 10:00 = 7+8+8+8+8+1 = 40 h, of which Mon 10:00 → Tue 10:00 is late.
    assert shares[market].elapsed == timedelta(hours=40)
    assert shares[market].late == timedelta(hours=8)
    with pytest.raises(PermissionDenied):  # eco no longer holds it
        svc.request_pause(request=request, user=dora, text="等材料")


def test_a_subjective_dissatisfaction_reopens_the_request(
    at: Clock, alice: User, rob: User, dora: User, firm: Enterprise, eco: Department
) -> None:
    request = answered(at, alice, rob, dora, firm, eco)
    with pytest.raises(ValidationError, match="主观原因还是客观原因"):
        close.request_rate(request=request, user=rob, efficiency="unsatisfied",
                           attitude="satisfied", result="basic")  # fmt: skip
    at(shanghai(2025, 3, 5, 9))
    close.request_rate(request=request, user=rob, efficiency="unsatisfied", attitude="satisfied",
                       result="basic", cause="subjective")  # fmt: skip
    request.refresh_from_db()
    assert request.state == RequestState.HANDLING
    assert request.reopen_count == 1
    assert request.department == eco
    assert request.due_at == shanghai(2025, 3, 11, 17)  # a new 5-day clock from Wed 09:00
    assert [e.kind for e in request.events.all()][-2:] == ["follow_up", "reopen"]


def test_an_objective_dissatisfaction_does_not_reopen(
    at: Clock, alice: User, rob: User, dora: User, firm: Enterprise, eco: Department
) -> None:
    request = answered(at, alice, rob, dora, firm, eco)
    close.request_rate(request=request, user=rob, efficiency="satisfied", attitude="satisfied",
                       result="unsatisfied", cause="objective")  # fmt: skip
    request.refresh_from_db()
    assert request.state == RequestState.FOLLOWED_UP


def test_a_pause_stops_the_clock(
    at: Clock, alice: User, rob: User, dora: User, firm: Enterprise, eco: Department
) -> None:
    at(MONDAY)
    request = accept(rob, firm, MONDAY)
    svc.request_dispatch(request=request, user=alice, department=eco)
    svc.request_sign(request=request, user=dora)
    at(shanghai(2025, 3, 4, 10))
    svc.request_pause(request=request, user=dora, text="等待企业提交贷款合同")
    with pytest.raises(ValidationError, match="请先恢复计时再答复"):
        svc.request_answer(request=request, user=dora, answer="x")
    at(shanghai(2025, 3, 6, 10))  # paused for two working days
    svc.request_resume(request=request, user=dora)
    request.refresh_from_db()
    assert request.due_at == shanghai(2025, 3, 12, 10)
    with pytest.raises(ValidationError, match="计时没有暂停"):
        svc.request_resume(request=request, user=dora)


def test_a_stale_version_is_refused(
    at: Clock, alice: User, rob: User, firm: Enterprise, eco: Department, market: Department
) -> None:
    at(MONDAY)
    request = accept(rob, firm, MONDAY)
    seen = version_of(request)
    at(MONDAY + timedelta(minutes=5))
    svc.request_dispatch(request=request, user=alice, department=eco, version=seen)
    with pytest.raises(StaleVersion):
        close.request_supervise(request=request, user=alice, text="请加快", version=seen)


def test_a_return_needs_a_reason_and_goes_back_to_the_park_office(
    at: Clock, alice: User, rob: User, dora: User, firm: Enterprise, eco: Department,
    market: Department,
) -> None:  # fmt: skip
    at(MONDAY)
    request = accept(rob, firm, MONDAY)
    svc.request_dispatch(request=request, user=alice, department=eco)
    with pytest.raises(ValidationError, match="须选择原因代码"):
        svc.request_return(request=request, user=dora, reason=None, text="不归我们")
    svc.request_return(
        request=request, user=dora, reason=reason(ReasonKind.RETURN), text="属市场监管"
    )
    request.refresh_from_db()
    assert request.state == RequestState.RETURNED
    assert request.department is None
    svc.request_dispatch(request=request, user=alice, department=market)
    request.refresh_from_db()
    assert request.state == RequestState.DISPATCHED
    assert request.department == market


def test_escalation_warns_supervises_and_bulletins_without_moving_the_request(
    at: Clock, alice: User, rob: User, firm: Enterprise, eco: Department
) -> None:
    at(MONDAY)
    request = accept(rob, firm, MONDAY)
    svc.request_dispatch(request=request, user=alice, department=eco)

    def level(moment: datetime) -> EscalationLevel | None:
        request.refresh_from_db()
        return escalations([request], now=moment)[0].escalation

    assert level(shanghai(2025, 3, 7, 9, 59)) == EscalationLevel.NONE
    assert level(shanghai(2025, 3, 7, 10)) == EscalationLevel.WARNING
    assert level(shanghai(2025, 3, 10, 10)) == EscalationLevel.WARNING  # on time at the deadline
    assert level(shanghai(2025, 3, 10, 10, 1)) == EscalationLevel.SUPERVISION
    assert level(shanghai(2025, 3, 14, 17)) == EscalationLevel.SUPERVISION  # 5 overdue days
    assert level(shanghai(2025, 3, 17, 9, 1)) == EscalationLevel.BULLETIN  # the 6th
    assert request.department == eco


def test_only_the_park_office_dispatches_and_a_visitor_only_for_his_enterprises(
    at: Clock, alice: User, rob: User, lena: User, stranger: Enterprise, firm: Enterprise,
    eco: Department,
) -> None:  # fmt: skip
    at(MONDAY)
    with pytest.raises(ValidationError) as refused:
        accept(rob, stranger, MONDAY)
    assert refused.value.message_dict == {"enterprise": ["您只能为自己负责的企业登记诉求。"]}
    with pytest.raises(PermissionDenied):
        accept(lena, firm, MONDAY)  # leaders read, never write
    request = accept(rob, firm, MONDAY)
    with pytest.raises(PermissionDenied) as denied:
        svc.request_dispatch(request=request, user=rob, department=eco)
    assert str(denied.value) == "您无权派单此诉求。"
