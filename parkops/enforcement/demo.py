"""Demo enforcement records (演示数据) on demo enterprises only; loading twice adds nothing.

Six inspections over 2025 by several departments (two joint), findings with their legal basis
(one 重大 environmental finding, which vetoes its enterprise's class in the next run, and one
past its deadline), a fine, an ordinary accident, a judicial auction on a controlled land user
and a joint inspection plan with its coverage. Every record says 演示数据.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from parkops.accounts.models import Department
from parkops.enforcement.choices import (
    AmountUnit,
    ControlEventType,
    ControlMeasure,
    FindingDomain,
    InspectionResult,
    InspectionType,
    PenaltyType,
    Severity,
    TargetOrigin,
)
from parkops.enforcement.models import (
    Accident,
    ControlEvent,
    Finding,
    Inspection,
    JointInspectionPlan,
    Penalty,
    PlanTarget,
)
from parkops.evaluation.choices import IncidentGrade
from parkops.registry.models import Enterprise, EnterpriseYear

DEMO = "演示数据"
FIGURES = ("output_value", "revenue", "tax", "value_added", "energy_tce", "emissions_t",
           "rd_expense")  # fmt: skip
# (enterprise index, date, type, lead, others, result, findings)
# finding: (description, domain, law, article, severity, deadline)
INSPECTIONS = [
    (0, date(2025, 3, 12), InspectionType.JOINT, "eco", ("emergency", "fire"),
     InspectionResult.ORDERED_CORRECTED,
     [("废水未经处理直排雨水管网", FindingDomain.ENVIRONMENT, "水污染防治法", "第三十九条",
       Severity.MAJOR, date(2025, 4, 12))]),
    (1, date(2025, 4, 8), InspectionType.ROUTINE, "emergency", (),
     InspectionResult.ORDERED_CORRECTED,
     [("危险化学品仓库未设置防爆设施", FindingDomain.SAFETY, "安全生产法", "第三十六条",
       Severity.SERIOUS, date(2025, 5, 8))]),
    (2, date(2025, 5, 20), InspectionType.SPECIAL, "fire", (), InspectionResult.ORDERED_CORRECTED,
     [("消防通道被货物堵塞", FindingDomain.FIRE, "消防法", "第二十八条", Severity.ORDINARY,
       date(2025, 5, 27))]),
    (3, date(2025, 6, 3), InspectionType.ROUTINE, "market", (), InspectionResult.NORMAL, []),
    (4, date(2025, 7, 15), InspectionType.COMPLAINT, "eco", (), InspectionResult.NO_PROBLEM, []),
    (5, date(2025, 9, 9), InspectionType.JOINT, "emergency", ("eco",),
     InspectionResult.NOT_DISCLOSED, []),
]  # fmt: skip


def _demo_enterprises() -> list[Enterprise]:
    """Demo manufacturers in production since 2020 with every 2025 figure and some land: the
    evaluation ranks them, so the vetoing finding shows in the next run."""
    complete = EnterpriseYear.objects.filter(
        year=2025, land_mu__gte=3, employees__isnull=False,
        **{f"{name}__isnull": False for name in FIGURES},
    )  # fmt: skip
    return list(
        Enterprise.objects.filter(
            is_demo=True, pk__in=complete.values("enterprise_id"),
            production_started_on__lte=date(2020, 1, 1), industry_code__startswith="C",
        ).order_by("uscc")[:8]
    )  # fmt: skip


@transaction.atomic
def enforcement_demo_load() -> int:
    """Create the demo records unless they are there; returns how many inspections were added."""
    if Inspection.objects.filter(note=DEMO).exists():
        return 0
    firms = _demo_enterprises()
    if len(firms) < 8:
        return 0
    departments = {d.code: d for d in Department.objects.all()}
    created: list[Inspection] = []
    for index, day, kind, lead, others, result, findings in INSPECTIONS:
        inspection = Inspection.objects.create(
            enterprise=firms[index], inspected_on=day, kind=kind,
            lead_department=departments[lead], inspectors="演示检查员甲、演示检查员乙",
            items_checked="安全生产、环境保护、消防设施", result=result, note=DEMO,
        )  # fmt: skip
        inspection.departments.set([departments[c] for c in others])
        for text, domain, law, article, severity, deadline in findings:
            Finding.objects.create(
                inspection=inspection, description=text, domain=domain, law=law,
                article=article, severity=severity, deadline=deadline,
            )  # fmt: skip
        created.append(inspection)
    water = created[0].findings.get()
    Penalty.objects.create(
        decision_number="演示-金环罚〔2025〕1号", enterprise=firms[0], inspection=created[0],
        finding=water, kind=PenaltyType.FINE, amount=Decimal("150000"),
        amount_unit=AmountUnit.YUAN, decided_on=date(2025, 3, 28), department=departments["eco"],
    )  # fmt: skip
    Accident.objects.create(
        enterprise=firms[6], occurred_on=date(2025, 8, 2), description=f"{DEMO}：机械伤害，1 人重伤",
        serious_injuries=1, grade=IncidentGrade.ORDINARY, department=departments["emergency"],
        source="演示-事故调查报告",
    )  # fmt: skip
    ControlEvent.objects.create(
        enterprise=firms[7], kind=ControlEventType.JUDICIAL_AUCTION, occurred_on=date(2025, 10, 9),
        source_document="演示-法院拍卖公告（2025）沪0116执123号",
        measure=ControlMeasure.PRIORITY_ACQUISITION, note=DEMO,
    )  # fmt: skip
    plan = JointInspectionPlan.objects.create(
        name="2025 年下半年联合执法计划（演示数据）", starts_on=date(2025, 7, 1),
        ends_on=date(2025, 12, 31), note=DEMO,
    )  # fmt: skip
    plan.departments.set([departments["eco"], departments["emergency"]])
    for firm, day, origin in ((firms[4], date(2025, 7, 15), TargetOrigin.CHOSEN),
                              (firms[5], date(2025, 9, 9), TargetOrigin.RISK),
                              (firms[1], date(2025, 11, 20), TargetOrigin.RISK)):  # fmt: skip
        PlanTarget.objects.create(plan=plan, enterprise=firm, planned_on=day, origin=origin,
                                  reason=DEMO)  # fmt: skip
    return len(created)
