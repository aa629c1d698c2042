"""The working-day calendar table: one row per year the park office has entered, one row per
holiday or make-up working day. The engine (parkops/core/workdays.py) reads it through
`work_calendar()`; a year with no row is refused there with CalendarYearMissing."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkops.common.models import TimeStamped
from parkops.service.choices import CalendarDayKind

SATURDAY = 5


class CalendarYear(TimeStamped):
    """A year whose holiday arrangement (国务院办公厅通知) has been entered."""

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    source = models.CharField(
        _("依据"), max_length=200, help_text=_("如 国办发明电〔2025〕7号 或 chinesecalendar 1.11.0")
    )
    note = models.TextField(_("备注"), blank=True)
    history = HistoricalRecords()

    class Meta:
        app_label = "service"
        verbose_name = _("节假日年份")
        verbose_name_plural = _("节假日年份")
        ordering = ["year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=1900, year__lte=2100),
                name="calendaryear_year_range",
                violation_error_message=_("年份须在 1900–2100 之间"),
            )
        ]

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(TimeStamped):
    """A day that differs from the plain week: a holiday (放假) or a make-up working day (调休上班)."""

    calendar_year = models.ForeignKey(
        CalendarYear, on_delete=models.CASCADE, related_name="days", verbose_name=_("年份")
    )
    day = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=CalendarDayKind.choices)
    history = HistoricalRecords()

    class Meta:
        app_label = "service"
        verbose_name = _("节假日/调休日")
        verbose_name_plural = _("节假日/调休日")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} {self.get_kind_display()}"

    def clean(self) -> None:
        if self.day is None or self.calendar_year_id is None:
            return
        if self.day.year != self.calendar_year.year:
            raise ValidationError(
                {
                    "day": _("%(day)s 不在 %(year)s 年内。")
                    % {"day": self.day, "year": self.calendar_year.year}
                }
            )
        if self.kind == CalendarDayKind.MAKEUP_WORKDAY and self.day.weekday() < SATURDAY:
            raise ValidationError(
                {
                    "kind": _("%(day)s 是周一至周五，本来就上班，不能录为调休上班日。")
                    % {"day": self.day}
                }
            )
