"""Writes of the visits app: a visit with its photos, requests and answers in one go; edits with
a reason and the version check; questions parked by departments.

Every write validates (full_clean), keeps history with a reason and refuses what the user may
not do with a ValidationError in the user's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from parkops.accounts.models import Department
from parkops.common.versioning import record_reason, record_save
from parkops.registry.models import Enterprise
from parkops.registry.selectors import enterprises_visible_to
from parkops.service.choices import Channel
from parkops.service.services import request_accept
from parkops.visits.choices import QuestionStatus, RaisedCategory
from parkops.visits.models import PendingQuestion, RaisedRequest, Visit, VisitPhoto
from parkops.visits.photos import photo_check

MAX_PHOTOS = 10


@dataclass(frozen=True)
class RaisedRow:
    """A request written on the visit form."""

    category: RaisedCategory
    text: str
    department: Department | None


def _in_scope(user: User, enterprise: Enterprise) -> None:
    if not enterprises_visible_to(user).filter(pk=enterprise.pk).exists():
        raise ValidationError({"enterprise": [_("您只能为自己负责的企业登记走访")]})


def _check_date(visit: Visit) -> None:
    if visit.visited_on and visit.visited_on > timezone.localdate():
        raise ValidationError({"visited_on": [_("走访日期不能晚于今天")]})


@transaction.atomic
def visit_create(
    *,
    user: User,
    enterprise: Enterprise,
    data: Mapping[str, Any],
    visitors: Iterable[User] = (),
    photos: Sequence[UploadedFile] = (),
    requests: Sequence[RaisedRow] = (),
    answers: Mapping[int, str] | None = None,
) -> Visit:
    """Record a visit with its photos, the requests raised and the answers to parked questions;
    all or nothing."""
    _in_scope(user, enterprise)
    if len(photos) > MAX_PHOTOS:
        raise ValidationError({"photos": [_("每次走访最多 %(n)s 张照片") % {"n": MAX_PHOTOS}]})
    kinds = [photo_check(photo) for photo in photos]
    visit = Visit(enterprise=enterprise, recorded_by=user, **data)
    _check_date(visit)
    visit.full_clean()
    record_reason(visit, _("登记走访"))
    visit.save()
    visit.visitors.set(list(visitors) or [user])
    for photo, kind in zip(photos, kinds, strict=True):
        stored = VisitPhoto(
            visit=visit,
            original_name=photo.name or "",
            content_type=kind.value,
            size=photo.size or 0,
            uploaded_by=user,
        )
        stored.image.save(photo.name or "photo", photo, save=False)
        stored.full_clean()
        stored.save()
    _requests_from_visit(visit=visit, rows=requests, user=user)
    _answer_questions(visit=visit, answers=answers or {})
    return visit


def _requests_from_visit(*, visit: Visit, rows: Sequence[RaisedRow], user: User) -> None:
    """Create the requests (诉求) raised during the visit.

    The one place a visit hands requests to the service system: each row is registered (受理)
    as a service request on the visit channel, its clock starting at once, and kept on the visit
    as a RaisedRequest pointing at it. The department the visitor suggests is the park office's
    to dispatch to (派单 is the park office's step).
    """
    for row in rows:
        text = row.text.strip()
        accepted = request_accept(
            user=user,
            enterprise=visit.enterprise,
            channel=Channel.VISIT,
            category=row.category,
            title=Truncator(text).chars(40),
            text=text,
            is_demo=visit.enterprise.is_demo,
        )
        raised = RaisedRequest(
            visit=visit,
            category=row.category,
            text=text,
            department=row.department,
            service_request_id=accepted.pk,
        )
        record_save(raised, reason=_("走访中提出"))


def _answer_questions(*, visit: Visit, answers: Mapping[int, str]) -> None:
    given = {pk: text.strip() for pk, text in answers.items() if text and text.strip()}
    if not given:
        return
    questions = PendingQuestion.objects.select_for_update().filter(pk__in=given)
    for question in questions:
        if question.enterprise_id != visit.enterprise_id:
            raise ValidationError(_("只能答复本企业的待走访问题"))
        if question.status != QuestionStatus.OPEN:
            raise ValidationError(_("问题“%(text)s”已在其他走访中答复") % {"text": question.text})
        question.status = QuestionStatus.ANSWERED
        question.answered_in = visit
        question.answer = given[question.pk]
        record_save(question, reason=_("走访中答复"))


def visit_update(
    *,
    visit: Visit,
    data: Mapping[str, Any],
    reason: str,
    version: str | None,
    visitors: Iterable[User] | None = None,
) -> bool:
    """Change a visit's record with a reason; refused when someone changed it since `version`."""
    for name, value in data.items():
        setattr(visit, name, value)
    _check_date(visit)
    with transaction.atomic():
        stamp = visit.updated_at
        record_save(
            visit, reason=reason, version=version, missing_reason=_("修改已登记的走访须填写原因")
        )
        changed = visit.updated_at != stamp
        if visitors is not None:
            new = {u.pk for u in visitors}
            if new and new != set(visit.visitors.values_list("pk", flat=True)):
                if not reason.strip():
                    raise ValidationError({"reason": [_("修改已登记的走访须填写原因")]})
                record_reason(visit, reason)
                visit.visitors.set(list(visitors))
                changed = True
    return changed


def question_create(
    *, user: User, enterprise: Enterprise, department: Department, text: str
) -> PendingQuestion:
    """A department parks a question for the next visit to the enterprise."""
    from parkops.visits.selectors import departments_of

    if not departments_of(user).filter(pk=department.pk).exists():
        raise ValidationError({"department": [_("只能以本部门的名义提出问题")]})
    question = PendingQuestion(
        enterprise=enterprise, department=department, text=text.strip(), asked_by=user
    )
    question.full_clean()
    record_reason(question, _("提出待走访问题"))
    question.save()
    return question
