"""Reads of the ops app."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from parkops.accounts.roles import Role, roles_of
from parkops.ops.models import AuditEvent


def audit_readable_by(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Only the park office (and a superuser) reads the audit log; leaders and departments not."""
    return bool(getattr(user, "is_superuser", False)) or Role.PARK_OFFICE in roles_of(user)


def audit_events() -> QuerySet[AuditEvent]:
    return AuditEvent.objects.select_related("user").order_by("-created_at", "-pk")
