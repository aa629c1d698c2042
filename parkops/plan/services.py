"""Loading the Caojing plan into the registry: idempotent, never overwriting what users edited."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from parkops.common.versioning import record_save
from parkops.plan import caojing
from parkops.plan.models import PlanMention
from parkops.registry.models import Enterprise, LandPlot, Road, SmallPark

REASON = "载入《行动方案》（漕府〔2024〕11号）"


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, created: bool) -> None:
        self.created[kind] = self.created.get(kind, 0) + int(created)


def _agreed_area(plot_name: str) -> Decimal | None:
    """A plot's area when every list of the plan gives the same figure; None when they differ."""
    areas = {
        m.facts["area_mu"] for m in caojing.MENTIONS if m.plot == plot_name and "area_mu" in m.facts
    }
    return Decimal(areas.pop()) if len(areas) == 1 else None


def _get_or_create(
    model: type, report: LoadReport, kind: str, name: str, defaults: dict[str, object]
) -> object:
    """Create the record if missing; an existing one (perhaps edited by a user) is left as it is."""
    existing = model.objects.filter(name=name).first()  # type: ignore[attr-defined]
    if existing is not None:
        report.add(kind, created=False)
        return existing
    record = model(name=name, **defaults)
    record_save(record, reason=REASON)
    report.add(kind, created=True)
    return record


@transaction.atomic
def plan_load() -> LoadReport:
    report = LoadReport()
    roads = {name: _get_or_create(Road, report, "roads", name, {}) for name in caojing.ROADS}
    for sequence, name in enumerate(caojing.SMALL_PARKS, start=1):
        _get_or_create(SmallPark, report, "small_parks", name, {"plan_sequence": sequence})
    enterprises: dict[str, Enterprise] = {}
    for e in caojing.ENTERPRISES:
        defaults = {
            "short_name": e.short_name,
            "cluster": e.cluster,
            "address": e.address,
            "road": roads.get(e.road),
        }
        enterprises[e.name] = _get_or_create(Enterprise, report, "enterprises", e.name, defaults)  # type: ignore[assignment]
    plots: dict[str, LandPlot] = {}
    for p in caojing.PLOTS:
        defaults = {
            "address": p.address,
            "road": roads.get(p.road),
            "holder": enterprises.get(p.holder),
            "area_mu": _agreed_area(p.name),
        }
        plots[p.name] = _get_or_create(LandPlot, report, "plots", p.name, defaults)  # type: ignore[assignment]
    for m in caojing.MENTIONS:
        # The plan's rows are a source, not user data: they always match the transcription.
        _mention, created = PlanMention.objects.update_or_create(
            source=m.source,
            row=m.row,
            defaults={
                "name_in_plan": m.name_in_plan,
                "enterprise": enterprises.get(m.enterprise),
                "plot": plots.get(m.plot),
                "facts": m.facts,
            },
        )
        report.add("mentions", created)
    return report
