"""The enterprise page lists its requests (a panel): open first by deadline, then closed ones,
only those the viewer may see."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.contrib.auth.models import User

from parkops.accounts.models import Department
from parkops.conftest import client_for
from parkops.registry.models import Enterprise
from parkops.service import services as svc
from parkops.service.models import ServiceRequest
from parkops.service.tests.conftest import accept, shanghai

Clock = Callable[[datetime], None]
MONDAY = shanghai(2025, 3, 3, 10)


def _closed(request: ServiceRequest) -> ServiceRequest:
    ServiceRequest.objects.filter(pk=request.pk).update(state="closed", closed_at=MONDAY)
    request.refresh_from_db()
    return request


def test_the_enterprise_page_lists_its_requests_open_first(
    at: Clock,
    rob: User,
    alice: User,
    dora: User,
    dave: User,
    firm: Enterprise,
    eco: Department,
    market: Department,
) -> None:
    at(MONDAY)
    done = _closed(accept(rob, firm, MONDAY, category="policy"))
    calm = accept(rob, firm, MONDAY, category="land")  # due the 24th
    late = accept(rob, firm, MONDAY, category="policy")  # due Tuesday
    svc.request_dispatch(request=calm, user=alice, department=eco)
    svc.request_dispatch(request=late, user=alice, department=market)
    at(shanghai(2025, 3, 5, 12))

    page = client_for(rob).get(f"/enterprises/{firm.pk}/").content.decode()
    assert 'id="enterprise-requests"' in page
    order = [page.index(r.number) for r in (late, calm, done)]
    assert order == sorted(order)
    assert 'class="badge text-bg-danger deadline-overdue">超期' in page  # the late one
    assert "deadline-on_time" in page  # the calm one
    assert "已办结 2025-03-03" in page

    # A department sees the enterprise, but only the requests it holds or held.
    mine = client_for(dora).get(f"/enterprises/{firm.pk}/").content.decode()
    assert calm.number in mine
    assert late.number not in mine
    assert done.number not in mine
    assert market  # dave's department holds `late`
    assert late.number in client_for(dave).get(f"/enterprises/{firm.pk}/").content.decode()
