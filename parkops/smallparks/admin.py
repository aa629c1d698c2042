"""Buildings, tenancies, vacant space and ratings are written on the small park's pages and by
rating runs: read-only here. Rating rule sets are data with no page of their own: edited here
with a reason, never deleted."""

from django.contrib import admin

from parkops.common.admin import GuardedAdmin, ReadOnlyAdmin
from parkops.smallparks.models import (
    Building,
    RatingRuleSet,
    SmallParkRating,
    Tenancy,
    VacantSpace,
)


@admin.register(RatingRuleSet)
class RatingRuleSetAdmin(GuardedAdmin):
    list_display = ("version", "is_default", "created_at")


@admin.register(SmallParkRating)
class SmallParkRatingAdmin(ReadOnlyAdmin):
    list_display = ("small_park", "year", "level", "rule_set")
    list_filter = ("year", "level")


admin.site.register([Building, Tenancy, VacantSpace], ReadOnlyAdmin)
