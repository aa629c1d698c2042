"""Writes of the enforcement record. Keyword-only, validated, each with a reason in the history."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from parkops.accounts.models import Department
from parkops.common.versioning import record_save
from parkops.core.accidents import (
    AccidentGrade,
    accident_grade,
    environmental_incident_grade,
    grade_reached_by,
)
from parkops.enforcement import selectors
from parkops.enforcement.choices import (
    IncidentKind,
    ProposalDecision,
    ReinspectionResult,
)
from parkops.enforcement.models import (
    Accident,
    ClosureDecision,
    ControlEvent,
    Finding,
    FindingPhoto,
    Inspection,
    Penalty,
)
from parkops.evaluation.choices import IncidentGrade
from parkops.land import services as land_services
from parkops.land.choices import Batch
from parkops.registry.models import Enterprise

INSPECTION_FIELDS = (
    "enterprise", "inspected_on", "kind", "lead_department", "inspectors", "items_checked",
    "result", "plan", "note",
)  # fmt: skip
FINDING_FIELDS = ("description", "domain", "law", "article", "severity", "deadline")
PENALTY_FIELDS = (
    "decision_number", "kind", "amount", "amount_unit", "decided_on", "department",
    "finding", "document_title",
)  # fmt: skip
GRADES = {1: IncidentGrade.ORDINARY, 2: IncidentGrade.LARGER, 3: IncidentGrade.MAJOR,
          4: IncidentGrade.EXTRAORDINARY}  # fmt: skip
PHOTO_MAX_BYTES = 10 * 1024 * 1024
PHOTO_TYPES = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png"}
DOCUMENT_TYPES = {**PHOTO_TYPES, b"%PDF-": "application/pdf"}


def _only(data: Mapping[str, Any], allowed: Sequence[str]) -> dict[str, Any]:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValidationError(_("不能修改的字段：%(f)s") % {"f": "、".join(sorted(unknown))})
    return dict(data)


def _department(record: Any, field: str) -> Department | None:
    """The record's department, or None while it has none (full_clean then says it is missing)."""
    return getattr(record, field) if getattr(record, f"{field}_id") else None


def _check_department(user: User, department: Department | None, *, field: str) -> None:
    """A department user records only in the name of a department it works in."""
    if selectors.edits_all(user) or department is None:
        return
    if not selectors.departments_of(user).filter(pk=department.pk).exists():
        raise ValidationError({field: [_("您不是该部门的成员，不能以该部门名义录入")]})


@transaction.atomic
def inspection_create(
    *,
    user: User,
    data: Mapping[str, Any],
    departments: Iterable[Department] = (),
    findings: Iterable[Mapping[str, Any]] = (),
) -> Inspection:
    """Record an inspection with its participating departments and its findings in one go."""
    inspection = Inspection(**_only(data, INSPECTION_FIELDS), created_by=user)
    _check_department(user, _department(inspection, "lead_department"), field="lead_department")
    record_save(inspection, reason=_("录入检查记录"))
    others = [d for d in departments if d.pk != inspection.lead_department_id]
    inspection.departments.set(others)
    for n, row in enumerate(findings, start=1):
        finding = Finding(inspection=inspection, **_only(row, FINDING_FIELDS))
        try:
            record_save(finding, reason=_("录入检查记录"))
        except ValidationError as error:
            raise ValidationError(
                [_("第 %(n)s 个问题：%(e)s") % {"n": n, "e": "；".join(error.messages)}]
            ) from error
    return inspection


def _editable(user: User, inspection: Inspection) -> None:
    if not selectors.can_edit(user, inspection):
        raise PermissionDenied(_("只有牵头或参加检查的部门可以修改该检查记录"))


def finding_add(*, user: User, inspection: Inspection, data: Mapping[str, Any]) -> Finding:
    _editable(user, inspection)
    finding = Finding(inspection=inspection, **_only(data, FINDING_FIELDS))
    record_save(finding, reason=_("补录检查发现问题"))
    return finding


def finding_reinspect(
    *,
    user: User,
    finding: Finding,
    reinspected_on: date,
    result: ReinspectionResult,
    note: str = "",
    version: str | None = None,
) -> Finding:
    """Record the re-inspection (复查) of a finding's rectification."""
    _editable(user, finding.inspection)
    finding.reinspected_on = reinspected_on
    finding.reinspection_result = result
    finding.reinspection_note = note
    record_save(finding, reason=_("整改复查"), version=version)
    return finding


def _sniff(upload: UploadedFile, types: Mapping[bytes, str], max_bytes: int) -> str:
    if upload.size is None or upload.size > max_bytes:
        raise ValidationError(
            {"file": [_("文件不能大于 %(mb)s MB") % {"mb": max_bytes // (1024 * 1024)}]}
        )
    head = upload.read(8)
    upload.seek(0)
    for magic, content_type in types.items():
        if head.startswith(magic):
            return content_type
    names = "、".join(sorted({t.split("/")[1].upper() for t in types.values()}))
    raise ValidationError({"file": [_("只接受 %(types)s 文件") % {"types": names}]})


def finding_photo_add(*, user: User, finding: Finding, upload: UploadedFile) -> FindingPhoto:
    """A JPEG or PNG of at most 10 MB, checked by its content, not by its name."""
    _editable(user, finding.inspection)
    content_type = _sniff(upload, PHOTO_TYPES, PHOTO_MAX_BYTES)
    photo = FindingPhoto(finding=finding, file=upload, content_type=content_type, uploaded_by=user)
    photo.save()
    return photo


@transaction.atomic
def penalty_create(
    *,
    user: User,
    enterprise: Enterprise,
    data: Mapping[str, Any],
    inspection: Inspection | None = None,
    document: UploadedFile | None = None,
) -> Penalty:
    """A penalty decided in an inspection here, or recorded from a document decided elsewhere."""
    if inspection is not None:
        _editable(user, inspection)
    penalty = Penalty(enterprise=enterprise, inspection=inspection, **_only(data, PENALTY_FIELDS))
    _check_department(user, _department(penalty, "department"), field="department")
    if document is not None:
        _sniff(document, DOCUMENT_TYPES, PHOTO_MAX_BYTES)
        penalty.document = document
    record_save(penalty, reason=_("录入处罚决定"))
    return penalty


def accident_create(*, user: User, data: Mapping[str, Any]) -> Accident:
    """Record an accident; its grade is computed from deaths, injuries and loss (493号令)."""
    accident = Accident(**data)
    _check_department(user, _department(accident, "department"), field="department")
    _grade(accident)
    record_save(accident, reason=_("录入%(kind)s") % {"kind": accident.get_kind_display()})
    return accident


def accident_grade_reasons(accident: Accident) -> list[str]:
    """Why the record has its grade, in words: the figures that reach the grade's bounds, and the
    determining document's grade where that is what raised it."""
    grade = AccidentGrade(int(accident.grade[0]))
    reached = grade_reached_by(
        grade=grade,
        environmental=accident.kind == IncidentKind.ENVIRONMENTAL,
        deaths=accident.deaths,
        hurt=accident.serious_injuries,
        evacuated=accident.evacuated,
        loss_wan=Decimal(accident.direct_loss_wan),
    )
    words = {
        "deaths": _("死亡 %(n)s 人") % {"n": accident.deaths},
        "hurt": _("重伤或中毒 %(n)s 人") % {"n": accident.serious_injuries},
        "evacuated": _("疏散转移 %(n)s 人") % {"n": accident.evacuated},
        "loss": _("直接经济损失 %(n)s 万元") % {"n": accident.direct_loss_wan},
    }
    reasons = [words[figure] for figure in reached]
    if not reached and accident.stated_grade == accident.grade and grade > AccidentGrade.ORDINARY:
        reasons.append(_("认定文书所定等级"))
    return reasons


def _grade(accident: Accident) -> None:
    """The grade the figures reach under the rule of the record's kind, or the grade the
    determining document states, whichever is higher."""
    deaths, hurt = accident.deaths or 0, accident.serious_injuries or 0
    loss = Decimal(accident.direct_loss_wan or 0)
    try:
        if accident.kind == IncidentKind.ENVIRONMENTAL:
            grade = environmental_incident_grade(
                deaths=deaths,
                poisoned_or_injured=hurt,
                evacuated=accident.evacuated or 0,
                loss_wan=loss,
            )
        else:
            if accident.evacuated:
                raise ValidationError(
                    {"evacuated": [_("疏散转移人数只用于突发环境事件的分级，生产安全事故请留 0")]}
                )
            grade = accident_grade(deaths=deaths, serious_injuries=hurt, loss_wan=loss)
    except ValueError as error:
        raise ValidationError(_("伤亡人数和损失不能为负数")) from error
    computed = GRADES[int(grade)]
    accident.grade = max(computed, accident.stated_grade or computed)


def control_event_create(*, user: User, data: Mapping[str, Any]) -> ControlEvent:
    event = ControlEvent(**data, created_by=user)
    record_save(event, reason=_("录入管控事项"))
    return event


def control_event_handle(
    *, event: ControlEvent, handled_on: date, note: str, version: str | None = None
) -> ControlEvent:
    event.handled_on = handled_on
    event.note = note or event.note
    record_save(event, reason=_("管控事项已处置"), version=version)
    return event


@transaction.atomic
def closure_decide(
    *,
    user: User,
    enterprise: Enterprise,
    decision: ProposalDecision,
    reason: str,
    evidence: str,
    decided_on: date,
) -> ClosureDecision:
    """The park office accepts (the enterprise joins 关停一批) or rejects a proposal, with a reason."""
    if not reason.strip():
        raise ValidationError({"reason": [_("请填写理由")]})
    assignment = None
    if decision == ProposalDecision.ACCEPTED:
        assignment = land_services.batch_assign(
            data={
                "enterprise": enterprise,
                "batch": Batch.CLOSE,
                "reason": f"{reason.strip()}（{evidence}）"[:2000],
                "decided_on": decided_on,
            },
            reason=_("执法记录提议关停，园区办同意"),
        )
    record = ClosureDecision(
        enterprise=enterprise, decision=decision, reason=reason.strip(), evidence=evidence,
        decided_on=decided_on, decided_by=user, assignment=assignment,
    )  # fmt: skip
    record_save(record, reason=_("关停提议决定"))
    return record
