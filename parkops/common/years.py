"""The calendar years the platform holds, checked the same way by the API, the pages and the
services (the CLI calls the services directly, so a service must refuse a year it cannot hold)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

YEAR_MIN = 1900
YEAR_MAX = 2100


def year_check(year: int) -> None:
    """Refuse a year outside YEAR_MIN–YEAR_MAX with a message naming the range."""
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValidationError(
            {"year": [_("年度应在 %(min)s–%(max)s 之间") % {"min": YEAR_MIN, "max": YEAR_MAX}]}
        )
