"""The calendar table is kept by the park office here: a year is added when the State Council
publishes its holiday notice (with a reason and the version check). As everywhere in the admin,
nothing is deleted: a day entered wrongly is corrected by changing its date or kind."""

from django.contrib import admin

from parkops.common.admin import GuardedAdmin, GuardedInline
from parkops.service.calendar import CalendarDay, CalendarYear


class CalendarDayInline(GuardedInline):
    model = CalendarDay
    fields = ("day", "kind")
    extra = 0


@admin.register(CalendarYear)
class CalendarYearAdmin(GuardedAdmin):
    list_display = ("year", "source")
    inlines = [CalendarDayInline]
