from __future__ import annotations

from datetime import date

import factory

from parkops.accounts.models import Department
from parkops.enforcement.choices import (
    FindingDomain,
    InspectionResult,
    InspectionType,
    Severity,
)
from parkops.enforcement.models import Finding, Inspection
from parkops.registry.tests.factories import EnterpriseFactory


def department(code: str) -> Department:
    """One of the departments the accounts migration seeds (emergency, eco, fire, tax …)."""
    return Department.objects.get(code=code)


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection

    enterprise = factory.SubFactory(EnterpriseFactory)
    inspected_on = date(2025, 3, 10)
    kind = InspectionType.ROUTINE
    lead_department = factory.LazyFunction(lambda: department("emergency"))
    inspectors = "张三、李四"
    items_checked = "安全生产责任制落实"
    result = InspectionResult.ORDERED_CORRECTED


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    inspection = factory.SubFactory(InspectionFactory)
    description = "危险化学品仓库未设置防爆设施"
    domain = FindingDomain.SAFETY
    law = "安全生产法"
    article = "第三十六条"
    severity = Severity.ORDINARY
