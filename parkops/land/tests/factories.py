from __future__ import annotations

from decimal import Decimal

import factory

from parkops.land.choices import LandActionKind, LandActionMethod
from parkops.land.models import LandAction


class LandActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LandAction

    kind = LandActionKind.VACATE
    method = LandActionMethod.VACATE
    name = factory.Sequence(lambda n: f"测试处置{n}")
    area_mu = Decimal("10")
    planned_year = 2025
