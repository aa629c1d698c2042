"""The check every writer of enterprise years is held to: the stored newest-year mark."""

from __future__ import annotations

from django.db.models import Max

from parkops.registry.models import EnterpriseYear


def latest_years_wrong() -> dict[str, set[tuple[int, int]]]:
    """The (enterprise, year) pairs marked as newest that are not, and those not marked that
    are, computed the straightforward way (the newest year of each enterprise); empty when right."""
    newest = {
        (e, y)
        for e, y in EnterpriseYear.objects.order_by()
        .values("enterprise_id")
        .annotate(y=Max("year"))
        .values_list("enterprise_id", "y")
    }
    flagged = set(
        EnterpriseYear.objects.exclude(latest_of=None).values_list("latest_of_id", "year")
    )
    wrong = {"marked, not newest": flagged - newest, "newest, not marked": newest - flagged}
    return {k: v for k, v in wrong.items() if v}
