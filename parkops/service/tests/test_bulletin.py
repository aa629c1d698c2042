"""The monthly bulletin's numbers, worked out by hand."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth.models import User
from python_calamine import CalamineWorkbook

from parkops.accounts.models import Department
from parkops.conftest import client_for
from parkops.registry.models import Enterprise
from parkops.service import services as svc
from parkops.service import services_closure as closure
from parkops.service.bulletin import bulletin
from parkops.service.models import ReasonCode, ServiceRequest
from parkops.service.tests.conftest import accept, shanghai

Clock = Callable[[datetime], None]


def test_the_monthly_bulletin_counts_by_department_and_by_road(
    at: Clock, alice: User, lena: User, rob: User, dora: User, dave: User, firm: Enterprise,
    stranger: Enterprise, eco: Department, market: Department,
) -> None:  # fmt: skip
    solved = ReasonCode.objects.get(kind="close", code="solved")

    def run(enterprise: Enterprise, dept: Department, member: User, *, answer_on: int | None,
            ratings: tuple[str, str, str] | None, cause: str = "", day: int = 3) -> ServiceRequest:  # fmt: skip
        at(shanghai(2025, 3, day, 10))
        request = accept(alice, enterprise, shanghai(2025, 3, day, 10))  # 融资: due 5 days later
        svc.request_dispatch(request=request, user=alice, department=dept)
        if answer_on is None:
            return request
        svc.request_sign(request=request, user=member)
        at(shanghai(2025, 3, answer_on, 11))
        svc.request_answer(request=request, user=member, answer="已办")
        assert ratings is not None
        closure.request_rate(request=request, user=rob if enterprise == firm else alice,
                             efficiency=ratings[0], attitude=ratings[1], result=ratings[2],
                             cause=cause)  # fmt: skip
        closure.request_close(request=request, user=alice, reason=solved, text="已解决")
        return request

    # 生态环境: one on time (满意, 满意, 基本满意), one late (answered 11 Mar after the 10 Mar 10:00
    # deadline; all 满意), one open. 市场监管: one on time (不满意 for an objective cause,
    # 基本满意, 满意). One dispatched in February is not counted.
    run(firm, eco, dora, answer_on=5, ratings=("satisfied", "satisfied", "basic"))
    run(firm, eco, dora, answer_on=11, ratings=("satisfied", "satisfied", "satisfied"))
    run(stranger, eco, dora, answer_on=None, ratings=None)
    run(stranger, market, dave, answer_on=6, ratings=("unsatisfied", "basic", "satisfied"),
        cause="objective")  # fmt: skip
    at(shanghai(2025, 2, 24, 10))
    february = accept(alice, firm, shanghai(2025, 2, 24, 10))
    svc.request_dispatch(request=february, user=alice, department=eco)

    by_dept, by_road = bulletin(ServiceRequest.objects.all(), date(2025, 3, 1))

    def table(rows: list) -> list[tuple]:
        return [(r.name, r.dispatched, r.on_time, r.late, r.open, r.closure_rate, r.on_time_rate,
                 r.rated, r.satisfaction_rate) for r in rows]  # fmt: skip

    D = Decimal
    # 满意率: eco (2.9/3 + 3/3) / 2 = 98.3 %; market (0 + 0.9 + 1)/3 = 63.3 %;
    # all three (2.9 + 3 + 1.9) / 9 = 86.7 %.
    assert table(by_dept) == [
        ("市场监管", 1, 1, 0, 0, D("100.0"), D("100.0"), 1, D("63.3")),
        ("生态环境", 3, 1, 1, 1, D("66.7"), D("33.3"), 2, D("98.3")),
        ("合计", 4, 2, 1, 1, D("75.0"), D("50.0"), 3, D("86.7")),
    ]
    assert table(by_road) == [
        ("平业路", 2, 1, 1, 0, D("100.0"), D("50.0"), 2, D("98.3")),
        ("月工路", 2, 1, 0, 1, D("50.0"), D("50.0"), 1, D("63.3")),
        ("合计", 4, 2, 1, 1, D("75.0"), D("50.0"), 3, D("86.7")),
    ]
    page = client_for(lena).get("/service/monthly/?month=2025-03")
    assert "98.3%" in page.content.decode()
    export = client_for(lena).get("/service/monthly/?month=2025-03&format=xlsx")
    book = CalamineWorkbook.from_filelike(io.BytesIO(export.content))  # type: ignore[arg-type]
    rows = book.get_sheet_by_name("按部门").to_python()
    assert rows[1] == ["名称", "派单数", "按时办结", "超时办结", "未办结", "结案率（%）",
                       "按时结案率（%）", "有效回访", "满意率（%）"]  # fmt: skip
    assert rows[3][:5] == ["生态环境", 3, 1, 1, 1]
    assert rows[3][8] == 98.3
