"""The enforcement record in the admin, read-only: every write goes through the pages and the API,
which check the department, compute the grades and keep the history with a reason."""

from django.contrib import admin

from parkops.common.admin import ReadOnlyAdmin
from parkops.enforcement.models import (
    Accident,
    ClosureDecision,
    ControlEvent,
    Finding,
    Inspection,
    JointInspectionPlan,
    Penalty,
    PlanTarget,
)


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ("number", "enterprise", "inspected_on", "kind", "lead_department", "result")
    list_filter = ("kind", "result", "lead_department")
    search_fields = ("enterprise__name", "inspectors")
    date_hierarchy = "inspected_on"


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ("inspection", "domain", "severity", "law", "article", "deadline")
    list_filter = ("domain", "severity", "reinspection_result")
    search_fields = ("description", "inspection__enterprise__name")


@admin.register(Penalty)
class PenaltyAdmin(ReadOnlyAdmin):
    list_display = ("decision_number", "enterprise", "kind", "amount", "amount_unit", "decided_on")
    list_filter = ("kind", "department")
    search_fields = ("decision_number", "enterprise__name")


@admin.register(Accident)
class AccidentAdmin(ReadOnlyAdmin):
    list_display = ("occurred_on", "kind", "enterprise", "grade", "deaths", "direct_loss_wan")
    list_filter = ("kind", "grade")
    search_fields = ("enterprise__name", "description")


@admin.register(ControlEvent)
class ControlEventAdmin(ReadOnlyAdmin):
    list_display = ("occurred_on", "enterprise", "kind", "source_document", "handled_on")
    list_filter = ("kind",)
    search_fields = ("enterprise__name", "source_document")


@admin.register(JointInspectionPlan)
class JointInspectionPlanAdmin(ReadOnlyAdmin):
    list_display = ("name", "starts_on", "ends_on")
    search_fields = ("name",)


@admin.register(PlanTarget)
class PlanTargetAdmin(ReadOnlyAdmin):
    list_display = ("plan", "enterprise", "planned_on", "origin")
    list_filter = ("origin",)


@admin.register(ClosureDecision)
class ClosureDecisionAdmin(ReadOnlyAdmin):
    list_display = ("enterprise", "decision", "decided_on", "decided_by")
    list_filter = ("decision",)
