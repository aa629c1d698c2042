from __future__ import annotations

from django import template

from parkops.attraction.selectors import incentive_parks
from parkops.common.types import AnyUser

register = template.Library()


@register.filter
def reads_incentives(user: AnyUser) -> bool:
    """Whether the nav offers the incentive ledger: the park office and small-park owners."""
    return incentive_parks(user) is not None
