"""Joint inspection plans: candidates proposed from risk, and coverage against the plan.

Risk (each reason listed): the bottom 30 and class D of the latest published evaluation; findings
on record in the last two years; a finding past its deadline and not rectified; an operating
enterprise in a hazardous industry (HAZARDOUS_DIVISIONS); requests of the 安全环保 category in the
last year (a complaint about pollution or a hazard is a reason to look).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from parkops.enforcement.choices import ReinspectionResult
from parkops.enforcement.models import Finding, Inspection, JointInspectionPlan, PlanTarget
from parkops.evaluation.choices import EvaluationClass, RunStatus
from parkops.evaluation.models import EvaluationResult, EvaluationRun
from parkops.registry.choices import EnterpriseStatus
from parkops.registry.models import Enterprise
from parkops.service.choices import Category
from parkops.service.models import ServiceRequest

BOTTOM = 30
HISTORY_DAYS = 730
REQUEST_DAYS = 365
# GB/T 4754-2017 divisions whose plants handle hazardous chemicals, high temperatures or molten
# metal: 石油、煤炭及其他燃料加工业 (25), 化学原料和化学制品制造业 (26), 医药制造业 (27), 化学纤维
# 制造业 (28), 黑色/有色金属冶炼和压延加工业 (31, 32). A default of ours, drawn from the sectors
# under 应急管理部's 危险化学品 and 冶金 supervision; the park may change it.
HAZARDOUS_DIVISIONS: dict[str, str] = {
    "25": "石油、煤炭及其他燃料加工业",
    "26": "化学原料和化学制品制造业",
    "27": "医药制造业",
    "28": "化学纤维制造业",
    "31": "黑色金属冶炼和压延加工业",
    "32": "有色金属冶炼和压延加工业",
}


@dataclass
class Candidate:
    enterprise: Enterprise
    reasons: list[str] = field(default_factory=list)


def risk_candidates(*, today: date) -> list[Candidate]:
    found: dict[int, list[str]] = {}
    run = (
        EvaluationRun.objects.filter(status=RunStatus.PUBLISHED)
        .order_by("-year", "-published_at", "-pk")
        .first()
    )
    if run is not None:
        results = EvaluationResult.objects.filter(run=run).filter(
            Q(park_position__lte=BOTTOM) | Q(evaluation_class=EvaluationClass.D)
        )
        for r in results.order_by("park_position", "pk"):
            if r.park_position is not None and r.park_position <= BOTTOM:
                found.setdefault(r.enterprise_id, []).append(
                    _("%(year)s 年评价倒数第 %(n)s 名") % {"year": run.year, "n": r.park_position}
                )
            if r.evaluation_class == EvaluationClass.D:
                found.setdefault(r.enterprise_id, []).append(
                    _("%(year)s 年评价 D 类") % {"year": run.year}
                )
    since = today - timedelta(days=HISTORY_DAYS)
    counts: dict[int, int] = {}
    for enterprise_id in Finding.objects.filter(inspection__inspected_on__gte=since).values_list(
        "inspection__enterprise_id", flat=True
    ):
        counts[enterprise_id] = counts.get(enterprise_id, 0) + 1
    for enterprise_id, n in counts.items():
        found.setdefault(enterprise_id, []).append(_("近两年检查发现问题 %(n)s 个") % {"n": n})
    overdue = (
        Finding.objects.filter(deadline__lt=today)
        .exclude(reinspection_result=ReinspectionResult.PASSED)
        .values_list("inspection__enterprise_id", flat=True)
        .distinct()
    )
    for enterprise_id in overdue:
        found.setdefault(enterprise_id, []).append(_("有逾期未整改问题"))
    _hazardous_industries(found)
    _safety_requests(found, since=today - timedelta(days=REQUEST_DAYS))
    enterprises = Enterprise.objects.in_bulk(list(found))
    rows = [Candidate(enterprises[pk], reasons) for pk, reasons in found.items()]
    return sorted(rows, key=lambda c: (-len(c.reasons), c.enterprise.name))


def _hazardous_industries(found: dict[int, list[str]]) -> None:
    division = Substr("industry_code", 2, 2)  # the code is a section letter and four digits
    rows = (
        Enterprise.objects.filter(status=EnterpriseStatus.OPERATING)
        .annotate(division=division)
        .filter(division__in=list(HAZARDOUS_DIVISIONS))
        .values_list("pk", "division")
        .order_by("pk")
    )
    for enterprise_id, code in rows:
        found.setdefault(enterprise_id, []).append(
            _("高危行业：%(name)s") % {"name": HAZARDOUS_DIVISIONS[code]}
        )


def _safety_requests(found: dict[int, list[str]], *, since: date) -> None:
    counts = (
        ServiceRequest.objects.filter(category=Category.SAFETY_ENV, received_at__date__gte=since)
        .values("enterprise_id")
        .annotate(n=Count("pk"))
        .order_by("enterprise_id")
    )
    for row in counts:
        found.setdefault(row["enterprise_id"], []).append(
            _("近一年安全环保类诉求 %(n)s 件") % {"n": row["n"]}
        )


@dataclass(frozen=True)
class TargetRow:
    target: PlanTarget
    inspection: Inspection | None  # the first inspection of the enterprise in the plan's period


@dataclass(frozen=True)
class Coverage:
    rows: list[TargetRow]
    planned: int
    inspected: int

    @property
    def percent(self) -> float:
        return round(100 * self.inspected / self.planned, 1) if self.planned else 0.0


def plan_coverage(plan: JointInspectionPlan) -> Coverage:
    """Each target with the inspection that covered it: an inspection of the enterprise within
    the plan's period, by one of the plan's departments (or recorded under the plan)."""
    targets = list(plan.targets.select_related("enterprise").order_by("planned_on", "pk"))
    departments = list(plan.departments.values_list("pk", flat=True))
    inspections = (
        Inspection.objects.filter(
            enterprise_id__in=[t.enterprise_id for t in targets],
            inspected_on__range=(plan.starts_on, plan.ends_on),
        )
        .filter(Q(plan=plan) | Q(lead_department__in=departments) | Q(departments__in=departments))
        .order_by("inspected_on", "pk")
        .distinct()
    )
    first: dict[int, Inspection] = {}
    for inspection in inspections:
        first.setdefault(inspection.enterprise_id, inspection)
    rows = [TargetRow(t, first.get(t.enterprise_id)) for t in targets]
    return Coverage(rows, len(rows), sum(1 for r in rows if r.inspection is not None))
