from django.contrib import admin

from parkops.common.admin import GuardedAdmin, ReadOnlyAdmin
from parkops.visits.models import PendingQuestion, Policy, RaisedRequest, Visit, VisitCycle


@admin.register(VisitCycle)
class VisitCycleAdmin(GuardedAdmin):
    list_display = ("tier", "interval", "unit", "note")


@admin.register(Policy)
class PolicyAdmin(GuardedAdmin):
    list_display = ("name", "issuer", "valid_from", "valid_to")
    search_fields = ("name", "issuer")


@admin.register(Visit)
class VisitAdmin(ReadOnlyAdmin):
    list_display = ("visited_on", "enterprise", "kind", "method")
    list_select_related = ("enterprise",)


@admin.register(RaisedRequest)
class RaisedRequestAdmin(ReadOnlyAdmin):
    list_display = ("visit", "category", "department")


@admin.register(PendingQuestion)
class PendingQuestionAdmin(ReadOnlyAdmin):
    list_display = ("enterprise", "department", "text", "status")
