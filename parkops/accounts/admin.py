from django.contrib import admin

from parkops.accounts.models import ApiToken, Department
from parkops.common.admin import GuardedAdmin


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "user__username", "prefix")
    readonly_fields = ("prefix", "digest", "created_at")


@admin.register(Department)
class DepartmentAdmin(GuardedAdmin):
    list_display = ("name", "short_name", "code", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "short_name", "code")
    filter_horizontal = ("members",)
