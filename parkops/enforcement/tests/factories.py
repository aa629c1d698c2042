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

SHORT_NAMES = {"eco": "生态环境", "emergency": "应急管理", "fire": "消防", "tax": "税务",
               "market": "市场监管"}  # fmt: skip


def department(code: str) -> Department:
    """One of the departments the accounts migration seeds; made again after a transactional
    test has flushed the tables."""
    found, _created = Department.objects.get_or_create(
        code=code, defaults={"name": f"{SHORT_NAMES[code]}部门", "short_name": SHORT_NAMES[code]}
    )
    return found


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
