"""Who may read and write the archive, and the archive itself.

The briefings and the review are park-wide documents: the park office generates them, the town
leader reads and downloads them; no other role sees them (a road chief's figures would not be the
park's)."""

from __future__ import annotations

from django.contrib.auth.models import PermissionsMixin
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from parkops.briefings.models import Briefing
from parkops.common.types import AnyUser

VIEW = "briefings.view_briefing"
ADD = "briefings.add_briefing"


def can_read(user: AnyUser) -> bool:
    """The park office and the town leader (accounts.roles.LEADERS_ONLY_APPS)."""
    return isinstance(user, PermissionsMixin) and user.is_active and user.has_perm(VIEW)


def can_generate(user: AnyUser) -> bool:
    return isinstance(user, PermissionsMixin) and user.is_active and user.has_perm(ADD)


def briefing_list(*, user: AnyUser, kind: str = "") -> QuerySet[Briefing]:
    qs = Briefing.objects.select_related("created_by")
    if not can_read(user):
        return qs.none()
    return qs.filter(kind=kind) if kind else qs


def briefing_get(*, user: AnyUser, pk: int) -> Briefing:
    return get_object_or_404(briefing_list(user=user), pk=pk)
