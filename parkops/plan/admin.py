from django.contrib import admin

from parkops.plan.models import PlanMention


@admin.register(PlanMention)
class PlanMentionAdmin(admin.ModelAdmin):
    """The plan's text is a source: it is read here, changed only by reloading the plan."""

    list_display = ("source", "row", "name_in_plan", "enterprise", "plot")
    list_filter = ("source",)
    search_fields = ("name_in_plan",)

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
