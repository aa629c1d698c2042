"""A year of fictional visits (演示数据) on the demo enterprises, some of them now overdue.

Idempotent: an enterprise that already has a demo visit gets none added; the demo policy is
created once. Nothing is attached to an enterprise the plan names.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from parkops.registry.models import Enterprise
from parkops.visits.choices import VisitKind, VisitMethod
from parkops.visits.models import Policy, Visit, last_visits_mark

REASON = "生成演示数据"
TOPICS = (
    "了解生产经营情况和全年产值预期",
    "宣讲亩均效益评价办法和今年的评价安排",
    "了解扩产计划和用工需求",
    "核实安全生产和环保设施运行情况",
    "征询企业对园区配套设施的意见",
)
FINDINGS = ("", "", "企业反映员工通勤班车不足", "厂区雨污分流需整改", "企业有扩租厂房需求")
KINDS = (
    VisitKind.ROUTINE,
    VisitKind.ROUTINE,
    VisitKind.ROUTINE,
    VisitKind.TARGETED,
    VisitKind.WITH_LEADERS,
)
METHODS = (VisitMethod.ON_SITE, VisitMethod.ON_SITE, VisitMethod.PHONE, VisitMethod.ONLINE)


def _number(text: str) -> int:
    """A stable number from text (same data on every run, unlike hash())."""
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big")


@transaction.atomic
def visits_demo_load(*, today: date) -> dict[str, int]:
    firms = Enterprise.objects.filter(is_demo=True).exclude(visits__is_demo=True).order_by("pk")
    visits = []
    for firm in firms:
        seed = _number(firm.uscc or firm.name)
        gap = (25, 35, 60, 95, 130)[seed % 5]  # some keep their cycle, some fall behind
        day = today - timedelta(days=365) + timedelta(days=seed % 30)
        n = 0
        while day <= today - timedelta(days=seed % 50):
            visits.append(
                Visit(
                    enterprise=firm,
                    visited_on=day,
                    kind=KINDS[(seed + n) % len(KINDS)],
                    method=METHODS[(seed + n) % len(METHODS)],
                    interviewee_name="演示联系人",
                    interviewee_position="总经理助理",
                    discussed=TOPICS[(seed + n) % len(TOPICS)],
                    findings=FINDINGS[(seed + n) % len(FINDINGS)],
                    is_demo=True,
                )
            )
            day += timedelta(days=gap)
            n += 1
    bulk_create_with_history(visits, Visit, batch_size=500, default_change_reason=REASON)
    last_visits_mark()  # bulk_create bypasses Visit.save()
    _policy, created = Policy.objects.get_or_create(
        name="【演示】规上企业研发投入奖励",
        defaults={
            "issuer": "演示数据",
            "valid_from": date(today.year, 1, 1),
            "benefit": "虚构的演示政策：研发投入强度不低于 3% 的规上企业，按研发投入给予奖励。",
            "rules": {"above_scale": True, "rd_intensity_min": 3},
            "is_demo": True,
        },
    )
    return {"visits": len(visits), "policies": int(created)}
