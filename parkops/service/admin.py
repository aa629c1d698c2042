"""The calendar table is kept by the park office here: a year is added when the State Council
publishes its holiday notice (with a reason and the version check, never deleted)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from parkops.common.admin import GuardedAdmin, GuardedInline
from parkops.service.calendar import CalendarDay, CalendarYear


class CalendarDayInline(GuardedInline):
    model = CalendarDay
    fields = ("day", "kind")
    extra = 0
    # A wrongly entered day must be removable; the history keeps the deletion.
    can_delete = True

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return True


@admin.register(CalendarYear)
class CalendarYearAdmin(GuardedAdmin):
    list_display = ("year", "source")
    inlines = [CalendarDayInline]
