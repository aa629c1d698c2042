"""Reads of the ops app."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from parkops.accounts.roles import Role, roles_of
from parkops.ops.models import AuditEvent, Job


def audit_readable_by(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Only the park office (and a superuser) reads the audit log; leaders and departments not."""
    return bool(getattr(user, "is_superuser", False)) or Role.PARK_OFFICE in roles_of(user)


def audit_events() -> QuerySet[AuditEvent]:
    return AuditEvent.objects.select_related("user").order_by("-created_at", "-pk")


def jobs_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Job]:
    """A job is seen by the user who started it, and by the park office (all jobs)."""
    jobs = Job.objects.select_related("user")
    if audit_readable_by(user):
        return jobs
    if not user.is_authenticated:
        return jobs.none()
    return jobs.filter(user=user)  # type: ignore[misc]


def job_get(*, user: AbstractBaseUser | AnonymousUser, pk: int) -> Job:
    """The job, or 404 (also for another user's job: its existence is not told)."""
    return get_object_or_404(jobs_visible_to(user), pk=pk)
