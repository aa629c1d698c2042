from __future__ import annotations

from decimal import Decimal

import factory

from parkops.core.uscc import complete_uscc
from parkops.registry.models import Enterprise, EnterpriseYear, LandPlot, Road, SmallPark


class SmallParkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SmallPark

    name = factory.Sequence(lambda n: f"测试园{n}")
    plan_sequence = factory.Sequence(lambda n: n + 1)


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    name = factory.Sequence(lambda n: f"上海测试{n:04d}有限公司")
    uscc = factory.Sequence(lambda n: complete_uscc(f"91310116MA1{n:05d}"))
    industry_code = "C27"


class EnterpriseYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnterpriseYear

    enterprise = factory.SubFactory(EnterpriseFactory)
    year = 2025
    output_value = Decimal("3000")
    revenue = Decimal("2500")
    tax = Decimal("150")
    land_mu = Decimal("10")


class LandPlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LandPlot

    name = factory.Sequence(lambda n: f"测试地块{n}")
    area_mu = Decimal("12.5")


PAST_SQLITE_DEPTH = 1_100  # past SQLite's expression depth of 1,000


def plots_across_two_roads(on: Road, off: Road, count: int = PAST_SQLITE_DEPTH) -> list[LandPlot]:
    """`count` plots on road `on`, each held by an enterprise of its own; every other holder lies on
    road `off`, outside the scope of `on`'s road chief (a long list for the scale tests)."""
    firms = Enterprise.objects.bulk_create(
        Enterprise(name=f"规模企业{i:05d}", road=on if i % 2 == 0 else off) for i in range(count)
    )
    return LandPlot.objects.bulk_create(
        LandPlot(name=f"规模地块{i:05d}", road=on, holder=firm) for i, firm in enumerate(firms)
    )
