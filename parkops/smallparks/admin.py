from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from parkops.smallparks.models import (
    Building,
    RatingRuleSet,
    SmallParkRating,
    Tenancy,
    VacantSpace,
)


@admin.register(RatingRuleSet)
class RatingRuleSetAdmin(SimpleHistoryAdmin):
    list_display = ("version", "is_default", "created_at")


@admin.register(SmallParkRating)
class SmallParkRatingAdmin(SimpleHistoryAdmin):
    list_display = ("small_park", "year", "level", "rule_set")
    list_filter = ("year", "level")
    readonly_fields = ("small_park", "year", "rule_set", "level", "metrics", "reasons")


admin.site.register([Building, Tenancy, VacantSpace], SimpleHistoryAdmin)
