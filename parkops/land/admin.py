from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

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
class LandActionAdmin(SimpleHistoryAdmin):
    list_display = ("kind", "name", "area_mu", "planned_year", "status", "completed_on")
    list_filter = ("kind", "status", "planned_year")


admin.site.register(
    [BatchAssignment, ControlListEntry, LandFlagRuleSet, PlotOccupant, PlotProgress, Resettlement],
    SimpleHistoryAdmin,
)
