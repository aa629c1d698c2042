"""Generate a briefing or the review: read the snapshot, write the .docx, archive both.

`briefing_generate` numbers the issue within its year (第N期, one more than the year's last); two
park-office users generating at once cannot both get the same number (the unique constraint
refuses the second, which is told to try again). The stored file is the document written from the
stored snapshot, so `briefing_rebuild` gives the same text.
"""

from __future__ import annotations

import re
from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from parkops.briefings.choices import DocumentKind
from parkops.briefings.models import Briefing
from parkops.briefings.render import briefing_docx, briefing_title
from parkops.briefings.render_review import REVIEW_TITLE, review_docx
from parkops.briefings.review import review_snapshot
from parkops.briefings.selectors import can_generate
from parkops.briefings.snapshot import Quarter, briefing_snapshot
from parkops.common.types import AnyUser
from parkops.common.versioning import record_write
from parkops.plan.caojing import YEARS

_QUARTER = re.compile(r"^\s*(\d{4})\s*[Qq]\s*([1-4])\s*$")
NEXT_STEPS_MAX = 4000


def quarter_parse(text: str) -> Quarter:
    """ "2026Q4" → Quarter(2026, 4); a quarter outside the plan period is refused."""
    found = _QUARTER.match(text or "")
    if found is None:
        raise ValidationError(_("季度须写作 YYYYQn，如 2026Q4"))
    quarter = Quarter(int(found.group(1)), int(found.group(2)))
    if quarter.year not in YEARS:
        raise ValidationError(
            _("季度须在规划期 %(first)s—%(last)s 年内") % {"first": YEARS[0], "last": YEARS[-1]}
        )
    return quarter


def current_quarter(today: date | None = None) -> Quarter:
    today = today or timezone.localdate()
    year = min(max(today.year, YEARS[0]), YEARS[-1])
    return Quarter(year, (today.month - 1) // 3 + 1 if year == today.year else 4)


def briefing_next_number(*, year: int) -> int:
    last = Briefing.objects.filter(kind=DocumentKind.BRIEFING, year=year).aggregate(n=Max("number"))
    return (last["n"] or 0) + 1


def _author(user: AnyUser) -> User:
    """The park office (or a superuser) writes the park's documents: the snapshot is read with
    the author's scope, which must be the whole park's."""
    if not isinstance(user, User) or not can_generate(user):
        raise PermissionDenied(_("只有园区办可以生成简报和总结。"))
    return user


def _archive(issue: Briefing, content: bytes, filename: str, reason: str) -> Briefing:
    issue.file.save(filename, ContentFile(content), save=False)
    issue.full_clean(exclude=["file"])
    return record_write(issue, reason=reason)


def briefing_generate(
    *, user: AnyUser, quarter: Quarter, next_steps: str = "", today: date | None = None
) -> Briefing:
    if len(next_steps) > NEXT_STEPS_MAX:
        raise ValidationError(_("下一步工作不能超过 %(n)s 字") % {"n": NEXT_STEPS_MAX})
    author = _author(user)
    today = today or timezone.localdate()
    try:
        with transaction.atomic():
            number = briefing_next_number(year=quarter.year)
            snapshot = briefing_snapshot(
                user=user, quarter=quarter, number=number, next_steps=next_steps, today=today
            )
            issue = Briefing(
                kind=DocumentKind.BRIEFING,
                year=quarter.year,
                number=number,
                quarter=quarter.number,
                title=f"工作简报 {quarter.year}年第{number}期 · {briefing_title(snapshot)}",
                next_steps=snapshot["next_steps"],
                snapshot=snapshot,
                created_by=author,
            )
            return _archive(
                issue,
                briefing_docx(snapshot),
                f"briefing-{quarter.year}-{number:02d}.docx",
                _("生成 %(year)s 年第 %(n)s 期工作简报") % {"year": quarter.year, "n": number},
            )
    except IntegrityError as error:
        raise ValidationError(_("同时有人生成了本年度的简报，请重试。")) from error


def review_generate(*, user: AnyUser, today: date | None = None) -> Briefing:
    author = _author(user)
    today = today or timezone.localdate()
    with transaction.atomic():
        snapshot = review_snapshot(user=user, today=today)
        issue = Briefing(
            kind=DocumentKind.REVIEW,
            year=YEARS[-1],
            title=f"{REVIEW_TITLE}（{today.isoformat()}）",
            snapshot=snapshot,
            created_by=author,
        )
        return _archive(
            issue,
            review_docx(snapshot),
            f"review-{today.isoformat()}.docx",
            _("生成三年行动方案实施情况总结"),
        )


def briefing_rebuild(issue: Briefing) -> bytes:
    """The archived issue written again from its stored snapshot."""
    if issue.kind == DocumentKind.REVIEW:
        return review_docx(issue.snapshot)
    return briefing_docx(issue.snapshot)
