"""Reads of visits, photos and questions, scoped to what the user's role may see.

A visit is seen by whoever may see its enterprise (registry.selectors.enterprises_visible_to):
the park office, town leaders and departments every visit; a road chief or grid officer those on
his road or grid; a small-park owner his park's.
"""

from __future__ import annotations

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from parkops.accounts.models import Department
from parkops.accounts.roles import Role, roles_of, sees_whole_park
from parkops.common.types import AnyUser
from parkops.registry.models import Enterprise
from parkops.registry.selectors import enterprises_visible_to
from parkops.visits.choices import QuestionStatus
from parkops.visits.models import PendingQuestion, Policy, RaisedRequest, Visit, VisitPhoto


def visits_visible_to(user: AnyUser) -> QuerySet[Visit]:
    if sees_whole_park(user):
        return Visit.objects.all()  # no IN (all enterprises) for the park-wide roles
    return Visit.objects.filter(enterprise__in=enterprises_visible_to(user))


def visit_list(*, user: AnyUser) -> QuerySet[Visit]:
    return (
        visits_visible_to(user)
        .select_related("enterprise", "enterprise__road", "enterprise__grid", "recorded_by")
        .prefetch_related("visitors")
        # A subquery, not a join and GROUP BY: the paginator's count stays a plain COUNT.
        .annotate(
            photo_count=Subquery(
                VisitPhoto.objects.filter(visit=OuterRef("pk"))
                .values("visit")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            )
        )
    )


def visit_get(*, user: AnyUser, pk: int) -> Visit:
    return get_object_or_404(
        visits_visible_to(user)
        .select_related("enterprise", "enterprise__road", "enterprise__grid", "recorded_by")
        .prefetch_related(
            "visitors",
            "photos",
            Prefetch("raised_requests", RaisedRequest.objects.select_related("department")),
            Prefetch("answered_questions", PendingQuestion.objects.select_related("department")),
        ),
        pk=pk,
    )


def photo_get(*, user: AnyUser, pk: int) -> VisitPhoto:
    """A photo, only when the user may see its visit's enterprise (404 otherwise)."""
    return get_object_or_404(VisitPhoto.objects.filter(visit__in=visits_visible_to(user)), pk=pk)


def enterprise_for_visit(*, user: AnyUser, pk: int) -> Enterprise:
    """An enterprise the user may log a visit on (404 outside the scope)."""
    return get_object_or_404(enterprises_visible_to(user), pk=pk)


def open_questions(*, enterprise: Enterprise) -> QuerySet[PendingQuestion]:
    """The questions waiting for the next visit to this enterprise, oldest first."""
    return (
        PendingQuestion.objects.filter(enterprise=enterprise, status=QuestionStatus.OPEN)
        .select_related("department")
        .order_by("created_at", "pk")
    )


def departments_of(user: AnyUser) -> QuerySet[Department]:
    """The departments whose questions the user may park: his own; the park office any."""
    active = Department.objects.filter(is_active=True)
    if getattr(user, "is_superuser", False) or Role.PARK_OFFICE in roles_of(user):
        return active
    return active.filter(members=user.pk)


def question_list(*, user: AnyUser) -> QuerySet[PendingQuestion]:
    """Questions on the enterprises the user may see (the page filters by department)."""
    qs = PendingQuestion.objects.filter(enterprise__in=enterprises_visible_to(user))
    return qs.select_related("enterprise", "department", "asked_by", "answered_in")


def policy_list() -> QuerySet[Policy]:
    return Policy.objects.all()


def policy_get(*, pk: int) -> Policy:
    return get_object_or_404(Policy, pk=pk)
