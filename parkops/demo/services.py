"""Writing the generated demo enterprises: every record flagged, loading idempotent.

The generator still draws a small park from the plan's list (so that the same seed gives the same
enterprises as before), but a tenant is registered in a demo small park (parkops.demo.estates),
never in one of the plan's 20: those list only what the plan says about them."""

from __future__ import annotations

from dataclasses import asdict

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from parkops.core import demo
from parkops.demo.estates import allocation, demo_parks_ensure, estates_build, tenants_move
from parkops.plan import caojing
from parkops.registry.choices import DataSource
from parkops.registry.models import Enterprise, EnterpriseYear, Road, SmallPark, latest_years_mark

REASON = "生成演示数据"
BATCH = 500


@transaction.atomic
def demo_load(*, count: int = 300, seed: int = demo.DEFAULT_SEED) -> dict[str, int]:
    """Create the missing demo small parks, enterprises, years and estates; existing rows (maybe
    edited) stay as they are, but a demo tenant still in a plan small park moves to its demo park."""
    small_parks = {p.name: p for p in SmallPark.objects.filter(is_demo=False)}
    roads = {r.name: r for r in Road.objects.all()}
    if not roads:
        raise ValueError("load the plan first (manage.py load_plan): demo data needs its roads")
    reserved = set(Enterprise.objects.filter(is_demo=False).values_list("name", flat=True))
    reserved |= {e.name for e in caojing.ENTERPRISES}
    generated = demo.generate(
        count,
        small_parks=sorted(small_parks, key=lambda n: small_parks[n].plan_sequence or 0),
        roads=sorted(roads),
        reserved_names=reserved,
        seed=seed,
    )
    demo_parks = demo_parks_ensure(roads)
    target = allocation(generated)
    existing = dict(Enterprise.objects.filter(is_demo=True).values_list("uscc", "pk"))
    new = [
        Enterprise(
            name=g.name,
            short_name=g.short_name,
            uscc=g.uscc,
            industry_code=g.industry_code,
            key_industry=g.key_industry,
            small_park=demo_parks[target[g.uscc]] if g.uscc in target else None,
            road=roads[g.road],
            address=g.address,
            production_started_on=g.production_started_on,
            is_demo=True,
        )
        for g in generated
        if g.uscc not in existing
    ]
    bulk_create_with_history(new, Enterprise, batch_size=BATCH, default_change_reason=REASON)
    ids = dict(Enterprise.objects.filter(is_demo=True).values_list("uscc", "pk"))
    have = set(
        EnterpriseYear.objects.filter(enterprise__is_demo=True).values_list("enterprise_id", "year")
    )
    years = [
        EnterpriseYear(enterprise_id=ids[g.uscc], source=DataSource.DEMO, **asdict(y))
        for g in generated
        for y in g.years
        if (ids[g.uscc], y.year) not in have
    ]
    bulk_create_with_history(years, EnterpriseYear, batch_size=BATCH, default_change_reason=REASON)
    latest_years_mark(enterprise_ids=Enterprise.objects.filter(is_demo=True).values("pk"))
    moved = tenants_move(target=target, parks=demo_parks)
    estates = estates_build(demo_parks)
    return {"enterprises": len(new), "years": len(years), "moved": moved, "estates": estates}
