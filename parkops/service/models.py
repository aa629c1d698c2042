"""The service app's models: the working-day calendar (calendar.py) and requests (诉求)."""

from __future__ import annotations

from parkops.service.calendar import CalendarDay, CalendarYear

__all__ = ["CalendarDay", "CalendarYear"]
