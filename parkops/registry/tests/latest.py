"""The check every writer of enterprise years is held to: the stored newest-year flag."""

from __future__ import annotations

from django.db.models import Max

from parkops.registry.models import EnterpriseYear


def latest_years_wrong() -> dict[str, set[tuple[int, int]]]:
    """The (enterprise, year) pairs flagged as newest that are not, and those not flagged that
    are, computed the straightforward way (the newest year of each enterprise); empty when right."""
    newest = {
        (e, y)
        for e, y in EnterpriseYear.objects.order_by()
        .values("enterprise_id")
        .annotate(y=Max("year"))
        .values_list("enterprise_id", "y")
    }
    flagged = set(
        EnterpriseYear.objects.filter(is_latest=True).values_list("enterprise_id", "year")
    )
    wrong = {"flagged, not newest": flagged - newest, "newest, not flagged": newest - flagged}
    return {k: v for k, v in wrong.items() if v}
