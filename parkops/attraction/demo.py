"""Demo leads: one or more in every stage, fictional companies marked 演示数据, on demo small
parks only (`demo_parks`), never on the plan's records. Leads that have landed are linked to a
demo enterprise (Enterprise.is_demo) with a key project whose milestones the stage has reached.
Several leads come under the joint scheme (小园区联合招商); the landed ones earn their parks
entries in the incentive ledger, computed for the years of the demo figures. The signed ones with
an enterprise carry commitments, some above what the enterprise then reported (behind on the 履约
list), some below. Running it again adds only what is missing."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from parkops.attraction.choices import STAGE_ORDER, PipelineType, Stage
from parkops.attraction.incentives import ledger_compute
from parkops.attraction.models import Commitment, IncentiveEntry, Lead
from parkops.common.versioning import record_save
from parkops.core.text import company_key
from parkops.execution import services as execution
from parkops.execution.choices import Milestone
from parkops.registry.models import Enterprise, EnterpriseYear, SmallPark

REASON = "载入演示数据"
# (name, stage, industry, investment, output, tax, floor m²)
LEADS = [
    ("演示甲新药研发有限公司", Stage.LEAD, "C2710", 800, 3000, 120, 1500),
    ("演示乙精密部件有限公司", Stage.LEAD, "C3484", 400, 1500, 40, 2000),
    ("演示丙新材料有限公司", Stage.TALKS, "C2651", 1200, 5000, 150, 4000),
    ("演示丁智能装备有限公司", Stage.TALKS, "C3491", 600, 2500, 90, 2500),
    ("演示戊生物制剂有限公司", Stage.SIGNED, "C2761", 1500, 6000, 300, 3000),
    ("演示己医疗器械有限公司", Stage.LANDED, "C3581", 900, 4000, 160, 2000),
    ("演示庚化妆品有限公司", Stage.STARTED, "C2682", 700, 3500, 140, 2500),
    ("演示辛包装材料有限公司", Stage.PRODUCING, "C2231", 500, 2000, 60, 3000),
    ("演示壬机器人有限公司", Stage.FULL, "C3491", 2000, 8000, 400, 5000),
]
MILESTONES = {Stage.STARTED: 1, Stage.PRODUCING: 2, Stage.FULL: 3}
# Leads under the joint scheme (by their place in LEADS), and how many years ago the landed ones
# registered (注册落地), so that their first years fall on the demo enterprises' figures.
JOINT = {1, 3, 5, 6, 8}
LANDED_YEARS_AGO = {5: 1, 6: 2, 7: 1, 8: 2}
# How a commitment compares with what the enterprise later reported: above (behind) or below.
BEHIND = {5, 7}


def demo_parks() -> QuerySet[SmallPark]:
    """The small parks demo leads go to: the fictional demo parks, never the plan's."""
    return SmallPark.objects.filter(is_demo=True)


@transaction.atomic
def attraction_demo_load() -> int:
    parks = list(demo_parks().order_by("pk"))
    enterprises = iter(Enterprise.objects.filter(is_demo=True).order_by("pk"))
    today = timezone.localdate()
    created = 0
    for n, (name, stage, code, investment, output, tax, floor) in enumerate(LEADS):
        if Lead.objects.filter(name_key=company_key(name)).exists():
            continue
        start = today - timedelta(days=300 - 30 * n)
        lead = Lead(
            company_name=name, name_key=company_key(name), industry_code=code,
            investment_wan=Decimal(investment), output_wan=Decimal(output), tax_wan=Decimal(tax),
            floor_m2=Decimal(floor), owner_park=parks[n % len(parks)] if parks else None,
            stage=stage, pipeline_type=PipelineType.JOINT if n in JOINT else PipelineType.NEW,
            next_action="电话回访" if n % 2 else "实地看厂房",
            next_action_on=today + timedelta(days=7 + n),
            last_activity_at=timezone.now() - timedelta(days=45 if n in (1, 3) else n),
            planned_start_on=start, planned_production_on=start + timedelta(days=180),
            planned_full_on=start + timedelta(days=360), source="演示数据",
        )  # fmt: skip
        lead.is_demo = True
        if STAGE_ORDER.index(stage) >= STAGE_ORDER.index(Stage.LANDED):
            enterprise = next(enterprises, None)
            if enterprise is None:
                continue  # no demo enterprise to land on: load_demo first
            lead.enterprise = enterprise
            lead.landed_on = date(today.year - LANDED_YEARS_AGO.get(n, 1), 4, 15)
            lead.key_project = execution.key_project_open(
                enterprise=enterprise, name=f"{name}招商项目", reason=REASON,
                targets=dict(zip(Milestone, (start, start + timedelta(days=180),
                                             start + timedelta(days=360)), strict=True)),
            )  # fmt: skip
            for kind in list(Milestone)[: MILESTONES.get(stage, 0)]:
                milestone = lead.key_project.milestones.get(kind=kind)
                execution.milestone_update(
                    milestone=milestone,
                    data={"achieved_on": milestone.target_date, "reason": REASON},
                )
        lead.full_clean()
        lead.save()
        created += 1
    _commitments_load(today)
    _incentives_load(today)
    return created


def _commitments_load(today: date) -> None:
    """A commitment for each signed demo lead that has none: those registered committed to reach
    full production two years ago, at figures above or below the enterprise's latest year."""
    names = {company_key(name): n for n, (name, *_rest) in enumerate(LEADS)}
    signed = Lead.objects.filter(is_demo=True, commitment__isnull=True).exclude(
        stage__in=STAGE_ORDER[: STAGE_ORDER.index(Stage.SIGNED)]
    )
    for lead in signed.order_by("pk"):
        n = names.get(lead.name_key, 0)
        latest = (
            EnterpriseYear.objects.filter(enterprise=lead.enterprise_id).order_by("-year").first()
        )
        factor = Decimal("1.25") if n in BEHIND else Decimal("0.8")
        full_on = date(today.year - 2, 6, 30) if lead.enterprise_id else lead.planned_full_on
        output = latest.output_value if latest and latest.output_value else lead.output_wan
        tax = latest.tax if latest and latest.tax else lead.tax_wan
        commitment = Commitment(
            lead=lead, signed_on=(lead.landed_on or today) - timedelta(days=60),
            document=f"演示投资协议 第{n + 1}号", investment_wan=lead.investment_wan,
            output_wan=(output * factor).quantize(Decimal("0.01")) if output else None,
            tax_wan=(tax * factor).quantize(Decimal("0.01")) if tax else None,
            jobs=latest.employees if latest and latest.employees else None,
            full_on=full_on,
        )  # fmt: skip
        record_save(commitment, reason=REASON)


def _incentives_load(today: date) -> None:
    """The ledger of the demo leads' years, computed once (a ledger already there is kept)."""
    if IncentiveEntry.objects.exists():
        return
    landed = Lead.objects.filter(is_demo=True, landed_on__isnull=False)
    first = min((lead.landed_on.year for lead in landed if lead.landed_on), default=today.year)
    for year in range(first, today.year + 1):
        ledger_compute(year=year)
