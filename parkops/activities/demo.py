"""A year of fictional activities (演示数据) on the demo enterprises: two a month, most held with
attendance recorded, some with requests raised, and two planned for the coming weeks.

Written through the services, as a person would, back-dated; a second run finds demo activities
and writes nothing. Nothing is attached to an enterprise the plan names.
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
from parkops.activities import services
from parkops.activities.choices import ActivityKind, ActivityStatus, Attendance
from parkops.activities.models import Activity
from parkops.core.workdays import SHANGHAI
from parkops.registry.models import Enterprise
from parkops.service.choices import Category
from parkops.service.selectors_calendar import work_calendar

TITLES = {
    ActivityKind.FORUM: ("【演示】企业家座谈会", "听取企业对营商环境和园区配套的意见"),
    ActivityKind.SALON: ("【演示】新材料产业沙龙", "新材料上下游企业交流技术路线与合作机会"),
    ActivityKind.MATCHING: ("【演示】园区供需对接会", "园区企业产品与采购需求对接"),
    ActivityKind.BRIEFING: ("【演示】惠企政策宣讲会", "宣讲技改补贴、研发奖励和亩均效益评价办法"),
    ActivityKind.OTHER: ("【演示】安全生产培训", "危险化学品储存与动火作业安全培训"),
}
PLACES = ("园区服务中心一楼会议室", "镇政府三楼会议室", "演示企业展厅")
RAISED = (
    (Category.POLICY, "咨询技改补贴申报口径和截止时间"),
    (Category.INFRASTRUCTURE, "厂区门口路灯损坏，夜间通行不便"),
    (Category.TALENT, "希望协调人才公寓名额"),
    (Category.FINANCE, "了解贷款贴息办理流程"),
)


def _office() -> User:
    """The demo park-office account (no password, cannot sign in), as the service demo's."""
    user, created = User.objects.get_or_create(
        username="demo-office", defaults={"first_name": "演示园区办"}
    )
    if created:
        user.set_unusable_password()
        user.save()
    user_assign_roles(user=user, roles={Role.PARK_OFFICE})
    return user


def _moment(day: datetime, hour: int) -> datetime:
    calendar = work_calendar()
    when = day.date()
    while not calendar.is_working_day(when):
        when += timedelta(days=1)
    return datetime.combine(when, time(hour, 0), SHANGHAI)


@transaction.atomic
def activities_demo_load(*, seed: int = 2024) -> int:
    """Create the demo activities unless there are some; returns how many were created."""
    firms = list(Enterprise.objects.filter(is_demo=True).order_by("pk"))
    if not firms or Activity.objects.filter(is_demo=True).exists():
        return 0
    office = _office()
    departments = list(Department.objects.filter(is_active=True).order_by("pk"))
    rng = random.Random(seed)
    # Requests' deadlines must fall in a year the calendar table holds (as the service demo).
    last = max(work_calendar().years)
    now = min(timezone.now(), datetime(last, 12, 1, tzinfo=SHANGHAI))
    kinds = list(ActivityKind)
    created = 0
    for n in range(26):
        starts = _moment(now - timedelta(days=365) + timedelta(days=14 * n + 3), 14)
        future = starts > timezone.now()
        kind = kinds[n % len(kinds)]
        title, topics = TITLES[kind]
        organiser = None if n % 3 == 0 or not departments else departments[n % len(departments)]
        invited = rng.sample(firms, min(len(firms), rng.randint(6, 12)))
        activity = services.activity_create(
            user=office,
            data={
                "kind": kind, "title": title, "starts_at": starts, "place": PLACES[n % 3],
                "organiser": organiser, "topics": topics,
                "status": ActivityStatus.PLANNED if future else ActivityStatus.HELD,
            },
            invitees=invited, is_demo=True,
        )  # fmt: skip
        created += 1
        if future:
            continue
        rows = [
            services.AttendanceRow(
                i.pk,
                Attendance.YES if rng.random() < 0.75 else Attendance.NO,
                "演示联系人（总经理）",
            )
            for i in activity.invitations.all()
        ]
        services.attendance_record(
            user=office, activity=activity, rows=rows, summary=f"演示数据：{topics}，企业踊跃发言。"
        )
        if n % 2 or starts >= now:
            continue
        category, text = RAISED[n % len(RAISED)]
        services.activity_requests_raise(
            user=office, activity=activity, at=starts + timedelta(hours=2),
            rows=[services.RaisedRow(invited[0], category, text, organiser)],
        )  # fmt: skip
    return created
