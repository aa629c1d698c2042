"""The test world's records of the service, visits and enforcement apps: a visit with its photo,
request and questions, an inspection with its finding, photo and penalty, and requests held by a
department — around one enterprise, so that the scope walk finds each inside or outside a scope."""

from __future__ import annotations

from datetime import date, datetime

from django.contrib.auth.models import User
from django.core.files.base import ContentFile

from parkops.accounts.models import Department
from parkops.core.workdays import SHANGHAI
from parkops.enforcement.choices import (
    ControlEventType,
    ControlMeasure,
    FindingDomain,
    InspectionResult,
    InspectionType,
    PenaltyType,
    Severity,
)
from parkops.enforcement.models import (
    Accident,
    ControlEvent,
    Finding,
    FindingPhoto,
    Inspection,
    Penalty,
)
from parkops.evaluation.choices import IncidentGrade
from parkops.registry.models import Enterprise, SmallPark
from parkops.service.choices import Category, Channel, EventKind, RequestState
from parkops.service.models import Attachment, RequestEvent, ServiceRequest
from parkops.service.reference import service_reference_load
from parkops.visits.choices import QuestionStatus, RaisedCategory
from parkops.visits.models import PendingQuestion, RaisedRequest, Visit, VisitPhoto

YEAR = 2025
TINY_PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 17  # the smallest PNG header


def visit_records(n: int, enterprise: Enterprise) -> tuple[int, int]:
    """A visit with a photo, a request raised and an answered question, and an open question."""
    eco = Department.objects.get(code="eco")
    visit = Visit.objects.create(
        enterprise=enterprise, visited_on=date(YEAR, 6, n), discussed=f"走访{enterprise.name}"
    )
    photo = VisitPhoto(visit=visit, content_type="image/png", size=len(TINY_PNG))
    photo.image.save(f"world{n}.png", ContentFile(TINY_PNG))
    RaisedRequest.objects.create(
        visit=visit, category=RaisedCategory.LAND, text=f"{enterprise.name}要扩租"
    )
    PendingQuestion.objects.create(
        enterprise=enterprise, department=eco, text=f"问{enterprise.name}"
    )
    PendingQuestion.objects.create(
        enterprise=enterprise, department=eco, text=f"答{enterprise.name}",
        status=QuestionStatus.ANSWERED, answered_in=visit, answer=f"{enterprise.name}已答",
    )  # fmt: skip
    return visit.pk, photo.pk


def activity_records(n: int, enterprise: Enterprise) -> int:
    """An activity of 生态环境 that invited the enterprise, which came and named who came."""
    from parkops.activities.models import Activity, Invitation

    activity = Activity.objects.create(
        kind="briefing", title=f"政策宣讲会{n}", starts_at=datetime(YEAR, 6, n, 14, tzinfo=SHANGHAI),
        place="服务中心", organiser=Department.objects.get(code="eco"), topics="惠企政策",
        status="held",
    )  # fmt: skip
    Invitation.objects.create(
        activity=activity, enterprise=enterprise, attended="yes", attendees=f"{enterprise.name}代表"
    )
    return activity.pk


def enforcement_records(
    n: int, enterprise: Enterprise
) -> tuple[Inspection, FindingPhoto, Accident]:
    """An inspection with an overdue finding, its photo and penalty; an accident; a control event."""
    department = Department.objects.get(code="emergency")
    inspection = Inspection.objects.create(
        enterprise=enterprise, inspected_on=date(YEAR, 3, n), kind=InspectionType.JOINT,
        lead_department=department, inspectors="张三", items_checked="安全生产",
        result=InspectionResult.ORDERED_CORRECTED,
    )  # fmt: skip
    finding = Finding.objects.create(
        inspection=inspection, description=f"消防通道堵塞{n}", domain=FindingDomain.SAFETY,
        law="安全生产法", article="第二十八条", severity=Severity.MAJOR, deadline=date(YEAR, 4, n),
    )  # fmt: skip
    photo = FindingPhoto.objects.create(
        finding=finding, file=ContentFile(b"\x89PNG\r\n\x1a\n", name=f"p{n}.png"),
        content_type="image/png",
    )  # fmt: skip
    Penalty.objects.create(
        decision_number=f"金应急罚〔{YEAR}〕{n}号", enterprise=enterprise, inspection=inspection,
        finding=finding, kind=PenaltyType.SUSPEND_PRODUCTION, decided_on=date(YEAR, 3, n),
        department=department,
    )  # fmt: skip
    accident = Accident.objects.create(
        enterprise=enterprise, occurred_on=date(YEAR, 5, n), description="机械伤害",
        serious_injuries=1, grade=IncidentGrade.ORDINARY, department=department,
    )  # fmt: skip
    ControlEvent.objects.create(
        enterprise=enterprise, kind=ControlEventType.JUDICIAL_AUCTION, occurred_on=date(YEAR, 6, n),
        source_document=f"拍卖公告{n}", measure=ControlMeasure.PRIORITY_ACQUISITION,
    )  # fmt: skip
    return inspection, photo, accident


def requests_seed(ids: list[dict[str, int]], *, department: User, clerk: User) -> None:
    """A request (诉求) with an attachment on each enterprise; the fourth (他园企业) is held by
    市场监管, the others by 生态环境, of which the department user is a member. The attachment's
    file is not written: the walk asks for it, it is never read."""
    service_reference_load()  # the departments, should a transactional test have emptied them
    eco, market = Department.objects.get(code="eco"), Department.objects.get(code="market")
    eco.members.add(department)
    moment = datetime(YEAR, 6, 2, 10, tzinfo=SHANGHAI)
    for n, entry in enumerate(ids):
        holder = market if n == 3 else eco
        request = ServiceRequest.objects.create(
            channel=Channel.VISIT, category=Category.OTHER, title=f"诉求{n}", text="用电增容",
            enterprise_id=entry["enterprise"], state=RequestState.DISPATCHED, department=holder,
            received_at=moment, clock_started_at=moment, limit_days=5, contact_due=moment,
            interim_due=moment, warn_at=moment, due_at=moment, created_by=clerk,
        )  # fmt: skip
        RequestEvent.objects.create(
            request=request, kind=EventKind.DISPATCH, at=moment, actor=clerk, department=holder,
            from_state=RequestState.ACCEPTED, to_state=RequestState.DISPATCHED,
        )  # fmt: skip
        attachment = Attachment.objects.create(
            request=request, file=f"service/requests/{request.pk}/材料.pdf", name="材料.pdf",
            size=10, uploaded_by=clerk,
        )  # fmt: skip
        entry["request"], entry["attachment"] = request.pk, attachment.pk


def attraction_records(own_park: SmallPark, other_park: SmallPark) -> dict[str, dict[str, int]]:
    """Leads: one of the owner's park, one of another park, and one of the other park offered to
    the owner's (its owning park must not be named to the owner). Each screened once, each with
    a commitment due (its full-production date passed), so the 履约 list shows it."""
    from parkops.attraction.models import AdmissionRuleSet, Commitment, Lead, Screening

    rule_set, _created = AdmissionRuleSet.objects.get_or_create(
        version="world", defaults={"label": "测试规则", "is_default": True}
    )
    ids: dict[str, dict[str, int]] = {}
    for key, name, park in (
        ("own", "自营招商线索有限公司", own_park),
        ("other", "外园招商线索有限公司", other_park),
        ("offered", "共享招商线索有限公司", other_park),
    ):
        lead = Lead.objects.create(
            company_name=name, name_key=name, owner_park=park, next_action="洽谈",
            next_action_on=date(YEAR, 12, 1), last_activity_at=datetime(YEAR, 6, 1, tzinfo=SHANGHAI),
            industry_code="C2710", floor_m2=400,
        )  # fmt: skip
        screening = Screening.objects.create(
            lead=lead, rule_set=rule_set, verdict="incomplete",
            results=[{"key": "threshold:tax_per_mu", "label": "亩均税收", "outcome": "missing",
                      "evidence": "缺少达产税收"}],
        )  # fmt: skip
        Commitment.objects.create(
            lead=lead, signed_on=date(YEAR - 1, 1, 1), document="投资协议",
            tax_wan=100, full_on=date(YEAR - 1, 6, 30),
        )  # fmt: skip
        ids[key] = {"lead": lead.pk, "screening": screening.pk}
    Lead.objects.get(pk=ids["offered"]["lead"]).offered_to.add(own_park)
    return ids


LEAD_NAMES = {"自营招商线索有限公司", "外园招商线索有限公司", "共享招商线索有限公司"}


def matching_records() -> dict[str, int]:
    """Every enterprise offers and needs the same things, so a session inviting them all pairs
    each with each: a restricted user's page must not name the counterparts outside his scope."""
    from parkops.matching import services as matching

    firms = list(Enterprise.objects.order_by("pk"))
    for firm in firms:
        matching.profile_save(
            enterprise=firm,
            data={"offer_codes": "C2710", "offer_keywords": "原料药",
                  "need_codes": "C2710", "need_keywords": "原料药"},
        )  # fmt: skip
    session = matching.session_create(
        data={"title": "测试对接会", "held_on": date(YEAR, 6, 1), "organiser": "园区办"},
        invitees=firms,
    )
    pairs = matching.pairs_propose(session=session)
    return {"session": session.pk, "pair": pairs[0].pk}
