"""A year of demo requests (演示数据) on the demo enterprises: most closed with a rating, some
answered and waiting for the follow-up, some still open and overdue (a few on the 通报 list).

Written once through the services, as a person would, back-dated: a second run finds demo
requests and writes nothing. Two demo accounts act (no password, cannot sign in): 演示园区办
accepts, dispatches, rates and closes; 演示部门 is a member of every department and handles.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from parkops.accounts.models import Department
from parkops.accounts.roles import Role
from parkops.accounts.services import user_assign_roles
from parkops.core.workdays import SHANGHAI
from parkops.registry.models import Enterprise, Grid
from parkops.service import services as svc
from parkops.service import services_closure as closure
from parkops.service.choices import Category, Channel, Rating
from parkops.service.models import ReasonCode, ServiceRequest
from parkops.service.selectors_calendar import work_calendar

TOPICS = {
    Category.POLICY: ("技改补贴政策口径", "咨询区级技术改造补贴的申报条件和比例"),
    Category.LAND: ("扩产用地需求", "企业扩产需新增用地约 10 亩，希望了解园区可用地块"),
    Category.PERMIT: ("环评审批进度", "新建生产线环评审批需加快，希望协调"),
    Category.INFRASTRUCTURE: ("道路积水", "厂区门口道路雨后积水，影响车辆进出"),
    Category.FINANCE: ("贷款贴息", "申请技改项目贷款贴息，问办理流程"),
    Category.TALENT: ("人才公寓", "新招研发人员需要人才公寓"),
    Category.SAFETY_ENV: ("危废处置", "危险废物转移处置渠道不畅"),
    Category.OTHER: ("用电增容", "新设备投产需用电增容"),
}
RATINGS = (Rating.SATISFIED,) * 7 + (Rating.BASIC,) * 2 + (Rating.UNSATISFIED,)
GRIDS = ("演示网格一", "演示网格二")


def _account(username: str, first_name: str) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": first_name}
    )
    if created:
        user.set_unusable_password()
        user.save()
    return user


def _working_moment(rng: random.Random, day: datetime) -> datetime:
    calendar = work_calendar()
    when = day.date()
    while not calendar.is_working_day(when):
        when += timedelta(days=1)
    return datetime.combine(when, time(9 + rng.randrange(8), rng.randrange(60)), SHANGHAI)


def _grids(enterprises: list[Enterprise]) -> None:
    grids = [
        Grid.objects.get_or_create(name=name, defaults={"note": "演示数据"})[0] for name in GRIDS
    ]
    for n, enterprise in enumerate(enterprises):
        if enterprise.grid_id is None:
            enterprise.grid = grids[n % len(grids)]
            enterprise.save(update_fields=["grid"])


@transaction.atomic
def service_demo_load(*, seed: int = 2024, per_month: int = 20) -> int:
    """Create the demo requests unless there are some; returns how many were created."""
    enterprises = list(Enterprise.objects.filter(is_demo=True).order_by("pk"))
    if not enterprises or ServiceRequest.objects.filter(is_demo=True).exists():
        return 0
    _grids(enterprises)
    office = _account("demo-office", "演示园区办")
    user_assign_roles(user=office, roles={Role.PARK_OFFICE})
    office.is_staff = False
    office.save(update_fields=["is_staff"])
    staff = _account("demo-staff", "演示部门")
    departments = list(Department.objects.filter(is_active=True).order_by("pk"))
    for department in departments:
        department.members.add(staff)
    solved = list(ReasonCode.objects.filter(kind="close", is_active=True).order_by("pk"))
    rng = random.Random(seed)
    # The year before today, or before the last month the calendar table covers: every deadline
    # must fall in a year the table holds.
    last = max(work_calendar().years)
    now = min(timezone.now(), datetime(last, 12, 1, tzinfo=SHANGHAI))
    start = now - timedelta(days=365)
    created = 0
    for _ in range(per_month * 12):
        received = _working_moment(rng, start + timedelta(days=rng.uniform(0, 360)))
        if received >= now - timedelta(hours=1):
            continue
        category = rng.choice(list(Category))
        title, text = TOPICS[category]
        request = svc.request_accept(
            user=office, enterprise=rng.choice(enterprises), channel=rng.choice(list(Channel)),
            category=category, title=title, text=text, received_at=received, is_demo=True,
        )  # fmt: skip
        created += 1
        department = rng.choice(departments)
        step = received + timedelta(hours=1)
        svc.request_dispatch(request=request, user=office, department=department, at=step)
        fate = rng.random()
        if fate < 0.12:
            continue  # still waiting to be signed for: overdue once its deadline passes
        step += timedelta(hours=2)
        svc.request_sign(request=request, user=staff, at=step)
        if fate < 0.2:
            continue  # in hand, not answered
        late = rng.random() < 0.15
        answered = request.due_at + timedelta(days=rng.randint(1, 6)) if late else (
            step + (request.due_at - step) * rng.uniform(0.2, 0.9)
        )  # fmt: skip
        if answered >= now:
            continue
        svc.request_answer(request=request, user=staff, answer="已与企业对接并答复", at=answered)
        if fate < 0.28 or answered + timedelta(days=2) >= now:
            continue  # answered, follow-up pending
        items = [rng.choice(RATINGS) for _ in range(3)]
        cause = "objective" if Rating.UNSATISFIED in items else ""
        visit = answered + timedelta(days=1)
        closure.request_rate(request=request, user=office, efficiency=items[0], attitude=items[1],
                             result=items[2], cause=cause, at=visit)  # fmt: skip
        closure.request_close(request=request, user=office, reason=rng.choice(solved),
                              text="演示数据：已办结", at=visit + timedelta(hours=1))  # fmt: skip
    return created
