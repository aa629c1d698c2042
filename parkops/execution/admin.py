"""Projects, milestones, cultivation entries and spend are written on the site's pages (with a
reason and the version check): read-only here. Infrastructure projects have no page of their
own: edited here with a reason, never deleted."""

from django.contrib import admin

from parkops.common.admin import GuardedAdmin, ReadOnlyAdmin, ReadOnlyInline
from parkops.execution.models import (
    CultivationEntry,
    InfraProject,
    InfraSpend,
    KeyProject,
    ProgressReport,
    ProjectMilestone,
)


class MilestoneInline(ReadOnlyInline):
    model = ProjectMilestone


class ReportInline(ReadOnlyInline):
    model = ProgressReport


@admin.register(KeyProject)
class KeyProjectAdmin(ReadOnlyAdmin):
    list_display = ("name", "enterprise")
    search_fields = ("name", "enterprise__name")
    inlines = (MilestoneInline, ReportInline)


@admin.register(CultivationEntry)
class CultivationEntryAdmin(ReadOnlyAdmin):
    list_display = ("kind", "enterprise", "planned_year", "predicted_output_wan", "started_on")
    list_filter = ("kind", "planned_year")
    search_fields = ("enterprise__name", "project_name")


class SpendInline(ReadOnlyInline):
    model = InfraSpend


@admin.register(InfraProject)
class InfraProjectAdmin(GuardedAdmin):
    list_display = ("plan_row", "name", "investment_wan", "start_year", "finish_year", "status")
    inlines = (SpendInline,)
