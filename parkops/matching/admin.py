from django.contrib import admin

from parkops.common.admin import ReadOnlyAdmin
from parkops.matching.models import MatchingSession, MatchPair, SupplyDemandProfile

# Profiles, sessions and pairs are edited on their pages (reason, version check, scope).


@admin.register(SupplyDemandProfile)
class SupplyDemandProfileAdmin(ReadOnlyAdmin):
    list_display = ("enterprise", "offer_codes", "need_codes", "updated_at")
    search_fields = ("enterprise__name", "offer_keywords", "need_keywords")
    list_select_related = ("enterprise",)


@admin.register(MatchingSession)
class MatchingSessionAdmin(ReadOnlyAdmin):
    list_display = ("held_on", "title", "kind", "status")
    list_filter = ("kind", "status")


@admin.register(MatchPair)
class MatchPairAdmin(ReadOnlyAdmin):
    list_display = (
        "session",
        "need_enterprise",
        "offer_enterprise",
        "score",
        "decision",
        "outcome",
    )
    list_filter = ("decision", "outcome")
    list_select_related = ("session", "need_enterprise", "offer_enterprise")
