from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from parkops.execution.models import (
    CultivationEntry,
    InfraProject,
    InfraSpend,
    KeyProject,
    ProgressReport,
    ProjectMilestone,
)


class MilestoneInline(admin.TabularInline):
    model = ProjectMilestone
    extra = 0


class ReportInline(admin.TabularInline):
    model = ProgressReport
    extra = 0


@admin.register(KeyProject)
class KeyProjectAdmin(SimpleHistoryAdmin):
    list_display = ("name", "enterprise")
    search_fields = ("name", "enterprise__name")
    autocomplete_fields = ("enterprise",)
    raw_id_fields = ("plan_mention",)
    inlines = (MilestoneInline, ReportInline)


@admin.register(CultivationEntry)
class CultivationEntryAdmin(SimpleHistoryAdmin):
    list_display = ("kind", "enterprise", "planned_year", "predicted_output_wan", "started_on")
    list_filter = ("kind", "planned_year")
    search_fields = ("enterprise__name", "project_name")
    autocomplete_fields = ("enterprise",)
    raw_id_fields = ("plan_mention",)


class SpendInline(admin.TabularInline):
    model = InfraSpend
    extra = 0
    raw_id_fields = ("recorded_by",)


@admin.register(InfraProject)
class InfraProjectAdmin(SimpleHistoryAdmin):
    list_display = ("plan_row", "name", "investment_wan", "start_year", "finish_year", "status")
    inlines = (SpendInline,)
