"""Rectifications (整改) and their escalation, and the 关停一批 proposals drawn from the record.

A finding with a deadline is rectified once a re-inspection finds it 整改到位. Until then it is
overdue from the working day after its deadline: overdue working days are counted on the
working-day calendar of the service app (the deadline ends at the close of office hours), and
escalate as requests do: 督办 from the first overdue working day, 通报 from the sixth. A year
with no calendar data is counted in calendar days instead, and the row says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from parkops.common.types import AnyUser
from parkops.core.workdays import CalendarYearMissing, Escalation, WorkCalendar
from parkops.enforcement.choices import (
    CLOSING_PENALTIES,
    ClosureGround,
    RectificationStatus,
    ReinspectionResult,
    Severity,
)
from parkops.enforcement.models import ClosureDecision, Finding, Penalty
from parkops.enforcement.selectors import findings_visible_to
from parkops.registry.models import Enterprise
from parkops.service.selectors_calendar import work_calendar

SUPERVISE_ON = 1
BULLETIN_ON = 6
MAJOR_WINDOW_DAYS = 365
MAJOR_REPEATS = 2


@dataclass(frozen=True)
class Rectification:
    finding: Finding
    status: RectificationStatus
    overdue_days: int  # working days (or calendar days, see `calendar_days`) past the deadline
    escalation: Escalation
    calendar_days: bool = False  # True when the calendar lacked the year

    @property
    def escalation_label(self) -> str:
        return {
            Escalation.SUPERVISION: _("督办"),
            Escalation.BULLETIN: _("通报"),
        }.get(self.escalation, "")


def _overdue(calendar: WorkCalendar, deadline: date, today: date) -> tuple[int, bool]:
    if today <= deadline:
        return 0, False
    closing = datetime.combine(deadline, calendar.closes, tzinfo=calendar.tz)
    now = datetime.combine(today, calendar.closes, tzinfo=calendar.tz) - timedelta(microseconds=1)
    try:
        return calendar.overdue_working_days(closing, now), False
    except CalendarYearMissing:
        return (today - deadline).days, True


def rectification_of(finding: Finding, today: date, calendar: WorkCalendar) -> Rectification:
    if finding.reinspection_result == ReinspectionResult.PASSED:
        return Rectification(finding, RectificationStatus.DONE, 0, Escalation.NONE)
    assert finding.deadline is not None
    days, calendar_days = _overdue(calendar, finding.deadline, today)
    if days >= BULLETIN_ON:
        escalation = Escalation.BULLETIN
    elif days >= SUPERVISE_ON:
        escalation = Escalation.SUPERVISION
    else:
        escalation = Escalation.NONE
    if finding.reinspection_result == ReinspectionResult.FAILED:
        status = RectificationStatus.FAILED
    elif today > finding.deadline:  # overdue once the deadline has passed, holiday or not
        status = RectificationStatus.OVERDUE
    else:
        status = RectificationStatus.OPEN
    return Rectification(finding, status, days, escalation, calendar_days)


def rectification_findings(*, user: AnyUser) -> QuerySet[Finding]:
    return (
        findings_visible_to(user)
        .filter(deadline__isnull=False)
        .select_related("inspection__enterprise", "inspection__lead_department")
    )


def rectification_list(*, user: AnyUser, today: date, status: str = "") -> list[Rectification]:
    """Every finding with a deadline, overdue first (most overdue first), then by deadline."""
    calendar = work_calendar()
    rows = [rectification_of(f, today, calendar) for f in rectification_findings(user=user)]
    if status:
        rows = [r for r in rows if r.status == status]
    order = {
        RectificationStatus.OVERDUE: 0,
        RectificationStatus.FAILED: 1,
        RectificationStatus.OPEN: 2,
        RectificationStatus.DONE: 3,
    }
    rows.sort(key=lambda r: (order[r.status], -r.overdue_days, r.finding.deadline, r.finding.pk))
    return rows


# --- 关停一批 proposals --------------------------------------------------------------------------


@dataclass
class ClosureProposal:
    enterprise: Enterprise
    grounds: list[ClosureGround] = field(default_factory=list)
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (text, url)
    decision: ClosureDecision | None = None

    @property
    def evidence_text(self) -> str:
        return "；".join(text for text, _url in self.evidence)


def closure_proposals(*, today: date) -> list[ClosureProposal]:
    """Enterprises with a closure or suspension order, ≥ 2 重大 findings in the last 12 months,
    or a finding past its deadline and not rectified; each with its evidence and the park
    office's decision if it made one since the latest evidence."""
    found: dict[int, ClosureProposal] = {}

    def add(enterprise: Enterprise, ground: ClosureGround, text: str, url: str) -> None:
        proposal = found.setdefault(enterprise.pk, ClosureProposal(enterprise))
        if ground not in proposal.grounds:
            proposal.grounds.append(ground)
        proposal.evidence.append((text, url))

    orders = Penalty.objects.filter(kind__in=CLOSING_PENALTIES).select_related(
        "enterprise", "inspection"
    )
    for p in orders.order_by("decided_on", "pk"):
        url = p.inspection.get_absolute_url() if p.inspection else ""
        text = _("%(date)s %(kind)s（%(number)s）") % {
            "date": p.decided_on, "kind": p.get_kind_display(), "number": p.decision_number,
        }  # fmt: skip
        add(p.enterprise, ClosureGround.CLOSURE_ORDER, text, url)
    since = today - timedelta(days=MAJOR_WINDOW_DAYS)
    majors: dict[int, list[Finding]] = {}
    for f in (
        Finding.objects.filter(severity=Severity.MAJOR, inspection__inspected_on__gt=since)
        .select_related("inspection__enterprise")
        .order_by("inspection__inspected_on", "pk")
    ):
        majors.setdefault(f.inspection.enterprise_id, []).append(f)
    for findings in majors.values():
        if len(findings) >= MAJOR_REPEATS:
            for f in findings:
                add(f.inspection.enterprise, ClosureGround.REPEATED_MAJOR, _finding_text(f),
                    f.inspection.get_absolute_url())  # fmt: skip
    overdue = Finding.objects.filter(deadline__lt=today).exclude(
        reinspection_result=ReinspectionResult.PASSED
    )
    for f in overdue.select_related("inspection__enterprise").order_by("deadline", "pk"):
        text = _("%(finding)s，整改期限 %(deadline)s 已过") % {
            "finding": _finding_text(f), "deadline": f.deadline,
        }  # fmt: skip
        add(f.inspection.enterprise, ClosureGround.OVERDUE, text, f.inspection.get_absolute_url())
    latest = {}
    for d in ClosureDecision.objects.filter(enterprise_id__in=found).order_by("decided_on", "pk"):
        latest[d.enterprise_id] = d
    for proposal in found.values():
        proposal.decision = latest.get(proposal.enterprise.pk)
    return sorted(found.values(), key=lambda p: (p.decision is not None, p.enterprise.name))


def _finding_text(f: Finding) -> str:
    return _("检查 %(number)s（%(date)s）%(severity)s%(domain)s问题：%(what)s") % {
        "number": f.inspection.number,
        "date": f.inspection.inspected_on,
        "severity": f.get_severity_display(),
        "domain": f.get_domain_display(),
        "what": f.description[:40],
    }
