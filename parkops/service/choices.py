"""Every kind and state of the service app, as choices."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarDayKind(models.TextChoices):
    HOLIDAY = "holiday", _("放假")
    MAKEUP_WORKDAY = "makeup", _("调休上班")
