from django.contrib import admin

from parkops.common.admin import ReadOnlyMixin
from parkops.plan.models import PlanMention


@admin.register(PlanMention)
class PlanMentionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """The plan's text is a source: it is read here, changed only by reloading the plan."""

    list_display = ("source", "row", "name_in_plan", "enterprise", "plot")
    list_filter = ("source",)
    search_fields = ("name_in_plan",)
