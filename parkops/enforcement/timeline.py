"""An enterprise's enforcement timeline, for a section of its page: inspections, findings,
penalties, accidents, control-list events and published evaluation results — who, when, what,
outcome — each read through the user's scope. The enterprise page does not import this app: the
section is a panel (enforcement/panels.py) on the enterprise page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from parkops.common.types import AnyUser
from parkops.enforcement import selectors
from parkops.evaluation.choices import RunStatus
from parkops.evaluation.models import EvaluationResult
from parkops.registry.models import Enterprise


@dataclass(frozen=True)
class TimelineItem:
    when: date
    kind: str
    who: str
    what: str
    outcome: str
    url: str = ""


def enterprise_timeline(*, user: AnyUser, enterprise: Enterprise) -> list[TimelineItem]:
    """Newest first."""
    items: list[TimelineItem] = []
    inspections = (
        selectors.inspections_visible_to(user)
        .filter(enterprise=enterprise)
        .select_related("lead_department")
        .prefetch_related("findings", "departments")
    )
    for i in inspections:
        who = "、".join([str(i.lead_department), *(str(d) for d in i.departments.all())])
        items.append(
            TimelineItem(
                i.inspected_on,
                _("检查"),
                who,
                f"{i.number} {i.get_kind_display()}：{i.items_checked[:40]}",
                i.get_result_display(),
                i.get_absolute_url(),
            )
        )
        for f in i.findings.all():
            outcome = f.get_reinspection_result_display() or (
                _("整改期限 %(d)s") % {"d": f.deadline} if f.deadline else "—"
            )
            items.append(
                TimelineItem(
                    i.inspected_on,
                    _("发现问题"),
                    str(i.lead_department),
                    f"{f.get_severity_display()}·{f.get_domain_display()}：{f.description[:40]}",
                    outcome,
                    i.get_absolute_url(),
                )
            )
    for p in (
        selectors.penalties_visible_to(user)
        .filter(enterprise=enterprise)
        .select_related("department", "inspection")
    ):
        items.append(
            TimelineItem(
                p.decided_on,
                _("处罚"),
                str(p.department),
                f"{p.decision_number} {p.get_kind_display()}",
                p.amount_text,
                p.inspection.get_absolute_url() if p.inspection else "",
            )
        )
    for a in (
        selectors.accidents_visible_to(user)
        .filter(enterprise=enterprise)
        .select_related("department")
    ):
        items.append(
            TimelineItem(
                a.occurred_on,
                _("事故"),
                str(a.department),
                a.description[:40],
                a.get_grade_display(),
                a.get_absolute_url(),
            )
        )
    for e in selectors.control_events_visible_to(user).filter(enterprise=enterprise):
        items.append(
            TimelineItem(
                e.occurred_on,
                _("管控事项"),
                e.source_document,
                e.get_kind_display(),
                e.get_measure_display(),
            )
        )
    if user.has_perm("evaluation.view_evaluationresult"):  # type: ignore[union-attr]
        results = (
            EvaluationResult.objects.filter(enterprise=enterprise, run__status=RunStatus.PUBLISHED)
            .select_related("run")
            .defer("run__input_snapshot", "inputs")
        )
        for r in results:
            when = r.run.published_at.date() if r.run.published_at else date(r.run.year, 12, 31)
            items.append(
                TimelineItem(
                    when,
                    _("年度评价"),
                    _("园区办"),
                    _("%(y)s 年度综合评价") % {"y": r.run.year},
                    r.get_evaluation_class_display(),
                    r.run.get_absolute_url(),
                )
            )
    items.sort(key=lambda item: item.when, reverse=True)
    return items
