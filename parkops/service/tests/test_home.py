"""A department's home page is its inbox: 超期 first, then 临期, then the rest by deadline."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.contrib.auth.models import User

from parkops.accounts.models import Department
from parkops.conftest import client_for
from parkops.registry.models import Enterprise
from parkops.service import services as svc
from parkops.service.models import ServiceRequest as ServiceRequestModel
from parkops.service.tests.conftest import accept, shanghai

Clock = Callable[[datetime], None]
MONDAY = shanghai(2025, 3, 3, 10)
FRIDAY = shanghai(2025, 3, 7, 12)


def test_it_puts_overdue_then_due_soon_first_and_counts_them(
    at: Clock,
    rob: User,
    alice: User,
    dora: User,
    firm: Enterprise,
    eco: Department,
    market: Department,
) -> None:
    at(MONDAY)
    late = accept(rob, firm, MONDAY, category="policy")  # 1 working day: due Tue 10:00
    soon = accept(rob, firm, MONDAY, category="finance")  # 5: due Mon 10th, 临期 from Fri 10:00
    calm = accept(rob, firm, MONDAY, category="land")  # 15: due the 24th
    answered = accept(rob, firm, MONDAY, category="policy")  # answered: off the clock
    other = accept(rob, firm, MONDAY, category="policy")  # another department's
    for request in (late, soon, calm, answered):
        svc.request_dispatch(request=request, user=alice, department=eco)
    svc.request_dispatch(request=other, user=alice, department=market)
    svc.request_sign(request=answered, user=dora)
    svc.request_answer(request=answered, user=dora, answer="已电话告知申报口径")
    at(FRIDAY)

    page = client_for(dora).get("/").content.decode()

    assert 'id="home-department"' in page
    assert "待办诉求 4 件：超期 1 件，临期 1 件" in page
    order = [page.index(r.number) for r in (late, soon, answered, calm)]
    assert order == sorted(order)  # the answered one's earlier deadline does not lift it
    assert other.number not in page
    assert "escalation-supervision" in page
    assert "escalation-warning" in page


def test_it_shows_only_to_department_members(rob: User, alice: User, lena: User) -> None:
    for user in (rob, alice, lena):
        assert 'id="home-department"' not in client_for(user).get("/").content.decode()


def test_the_inbox_page_orders_by_urgency_too(
    at: Clock, rob: User, alice: User, dora: User, firm: Enterprise, eco: Department
) -> None:
    at(MONDAY)
    soon = accept(rob, firm, MONDAY, category="finance")
    answered = accept(rob, firm, MONDAY, category="policy")
    for request in (soon, answered):
        svc.request_dispatch(request=request, user=alice, department=eco)
    svc.request_sign(request=answered, user=dora)
    svc.request_answer(request=answered, user=dora, answer="已答复")
    at(FRIDAY)
    page = client_for(dora).get("/service/inbox/").content.decode()
    assert page.index(soon.number) < page.index(answered.number)


def test_a_road_chiefs_home_lists_his_enterprises_open_requests_with_deadlines(
    at: Clock,
    rob: User,
    alice: User,
    firm: Enterprise,
    stranger: Enterprise,
    eco: Department,
) -> None:
    at(MONDAY)
    late = accept(rob, firm, MONDAY, category="policy")
    calm = accept(rob, firm, MONDAY, category="land")
    closed = accept(rob, firm, MONDAY, category="policy")
    ServiceRequestModel.objects.filter(pk=closed.pk).update(state="closed")
    elsewhere = accept(alice, stranger, MONDAY, category="policy")
    svc.request_dispatch(request=late, user=alice, department=eco)
    at(FRIDAY)

    page = client_for(rob).get("/").content.decode()

    section = page[page.index('id="home-open-requests"') :]
    assert "未办结 2 件" in page
    assert section.index(late.number) < section.index(calm.number)
    assert 'deadline-overdue">超期' in section
    assert closed.number not in section
    assert elsewhere.number not in page
