"""What the enforcement record gives other apps' rules, through parkops/common/records.py.

Veto events (matched by the scheme's veto rules on kind and grade):
- an accident: `safety_accident` with its computed grade (1 一般 … 4 特别重大); an environmental
  incident: `environmental_incident` with its grade;
- a 重大 finding in 安全, 环保 or 消防: `major_violation`, grade 3;
- a 重大 finding in 规划 (illegal building or land use): `illegal_land_use`, grade 1;
- a closure or suspension order (责令关闭 / 责令停产停业): `closure_order`, grade 3.
Violations (the small-park rating): each finding of an inspection in the year, each accident,
and each penalty decided in the year outside an inspection recorded here.
"""

from __future__ import annotations

from collections import Counter

from django.urls import reverse
from django.utils.translation import gettext as _

from parkops.common.records import RecordedEvent
from parkops.enforcement.choices import CLOSING_PENALTIES, FindingDomain, IncidentKind, Severity
from parkops.enforcement.models import Accident, Finding, Penalty

SAFETY_ACCIDENT = "safety_accident"
ENVIRONMENTAL_INCIDENT = "environmental_incident"
MAJOR_VIOLATION = "major_violation"
ILLEGAL_LAND_USE = "illegal_land_use"
CLOSURE_ORDER = "closure_order"
MAJOR_DOMAINS = (FindingDomain.SAFETY, FindingDomain.ENVIRONMENT, FindingDomain.FIRE)


def veto_events(year: int) -> list[RecordedEvent]:
    events: list[RecordedEvent] = []
    for accident in Accident.objects.filter(occurred_on__year=year).order_by("pk"):
        events.append(
            RecordedEvent(
                enterprise_id=accident.enterprise_id,
                kind=(
                    ENVIRONMENTAL_INCIDENT
                    if accident.kind == IncidentKind.ENVIRONMENTAL
                    else SAFETY_ACCIDENT
                ),
                grade=int(accident.grade[0]),
                occurred_on=accident.occurred_on,
                label=_("%(kind)s（%(grade)s）：%(what)s")
                % {
                    "kind": accident.get_kind_display(),
                    "grade": accident.get_grade_display(),
                    "what": accident.description[:40],
                },
                url=accident.get_absolute_url(),
            )
        )
    findings = (
        Finding.objects.filter(inspection__inspected_on__year=year, severity=Severity.MAJOR)
        .filter(domain__in=[*MAJOR_DOMAINS, FindingDomain.PLANNING])
        .select_related("inspection")
        .order_by("pk")
    )
    for finding in findings:
        inspection = finding.inspection
        planning = finding.domain == FindingDomain.PLANNING
        events.append(
            RecordedEvent(
                enterprise_id=inspection.enterprise_id,
                kind=ILLEGAL_LAND_USE if planning else MAJOR_VIOLATION,
                grade=1 if planning else 3,
                occurred_on=inspection.inspected_on,
                label=_("检查 %(number)s：重大%(domain)s问题（%(law)s %(article)s）")
                % {
                    "number": inspection.number,
                    "domain": finding.get_domain_display(),
                    "law": finding.law,
                    "article": finding.article,
                },
                url=inspection.get_absolute_url(),
            )
        )
    penalties = Penalty.objects.filter(decided_on__year=year, kind__in=CLOSING_PENALTIES)
    for penalty in penalties.select_related("inspection").order_by("pk"):
        events.append(
            RecordedEvent(
                enterprise_id=penalty.enterprise_id,
                kind=CLOSURE_ORDER,
                grade=3,
                occurred_on=penalty.decided_on,
                label=_("处罚决定 %(number)s：%(kind)s")
                % {"number": penalty.decision_number, "kind": penalty.get_kind_display()},
                url=penalty.inspection.get_absolute_url()
                if penalty.inspection
                else reverse("enforcement:penalty_list"),
            )
        )
    return events


def violation_counts(year: int) -> dict[int, int]:
    counts: Counter[int] = Counter()
    counts.update(
        Finding.objects.filter(inspection__inspected_on__year=year).values_list(
            "inspection__enterprise_id", flat=True
        )
    )
    counts.update(
        Accident.objects.filter(occurred_on__year=year).values_list("enterprise_id", flat=True)
    )
    counts.update(
        Penalty.objects.filter(decided_on__year=year, inspection__isnull=True).values_list(
            "enterprise_id", flat=True
        )
    )
    return dict(counts)
