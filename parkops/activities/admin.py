from django.contrib import admin

from parkops.activities.models import Activity, Invitation
from parkops.common.admin import ReadOnlyAdmin


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ("starts_at", "title", "kind", "organiser", "status")
    list_select_related = ("organiser",)


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ("activity", "enterprise", "attended")
    list_select_related = ("activity", "enterprise")
