"""The service app's reference data: the working-day calendar from `chinesecalendar`, the
category limits and the reason codes. The migrations seed them with these functions (passing
their historical models); `service_reference_load` does the same on a database that was
emptied (a flushed test or benchmark database). Idempotent: an edited row is left as it is."""

from __future__ import annotations

from typing import Any

from parkops.core.workdays import chinesecalendar_years

# Limits in working days after 沪府办〔2018〕62号's 1 / 3 / 5 / 15 and the 12345 practice: a
# policy question is answered in a day, a complex case that needs approval gets 15.
LIMITS = {
    "policy": 1,
    "talent": 3,
    "finance": 5,
    "safety_env": 5,
    "other": 5,
    "permit": 15,
    "land": 15,
    "infrastructure": 15,
}
REASONS = (
    ("return", "not_ours", "不属于本部门职责"),
    ("return", "incomplete", "诉求信息不全，无法办理"),
    ("return", "duplicate", "重复诉求"),
    ("extend", "coordination", "需多部门协调"),
    ("extend", "approval", "需报上级审批"),
    ("extend", "policy_pending", "相关政策待出台"),
    ("close", "solved", "已解决"),
    ("close", "explained", "已答复解释（政策不允许或条件不具备）"),
    ("close", "partly", "部分解决"),
    ("close", "withdrawn", "企业撤回诉求"),
)


def calendar_seed(year_model: Any, day_model: Any) -> None:
    """Every year the installed chinesecalendar covers that the table lacks."""
    for cal in chinesecalendar_years():
        row, created = year_model.objects.get_or_create(
            year=cal.year, defaults={"source": cal.source}
        )
        if not created:
            continue
        day_model.objects.bulk_create(
            [day_model(calendar_year=row, day=d, kind="holiday") for d in sorted(cal.holidays)]
            + [
                day_model(calendar_year=row, day=d, kind="makeup")
                for d in sorted(cal.makeup_workdays)
            ]
        )


def rules_seed(limit_model: Any, reason_model: Any) -> None:
    for category, days in LIMITS.items():
        limit_model.objects.get_or_create(category=category, defaults={"limit_days": days})
    for kind, code, label in REASONS:
        reason_model.objects.get_or_create(kind=kind, code=code, defaults={"label": label})


def service_reference_load() -> None:
    from parkops.accounts.departments import departments_seed
    from parkops.accounts.models import Department
    from parkops.service.models import CalendarDay, CalendarYear, CategoryLimit, ReasonCode

    departments_seed(Department)
    calendar_seed(CalendarYear, CalendarDay)
    rules_seed(CategoryLimit, ReasonCode)
