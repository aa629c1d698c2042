"""Land actions, control lists, batches, resettlement, plot progress and occupants are written
on the land pages and the API (reason, version): read-only here. Land-flag rule sets have no page
of their own: edited here with a reason, never deleted."""

from django.contrib import admin

from parkops.common.admin import GuardedAdmin, ReadOnlyAdmin
from parkops.land.models import (
    BatchAssignment,
    ControlListEntry,
    LandAction,
    LandFlagRuleSet,
    PlotOccupant,
    PlotProgress,
    Resettlement,
)


@admin.register(LandAction)
class LandActionAdmin(ReadOnlyAdmin):
    list_display = ("kind", "name", "area_mu", "planned_year", "status", "completed_on")
    list_filter = ("kind", "status", "planned_year")


admin.site.register(
    [BatchAssignment, ControlListEntry, PlotOccupant, PlotProgress, Resettlement], ReadOnlyAdmin
)
admin.site.register(LandFlagRuleSet, GuardedAdmin)
