"""A world seeded inside and outside the restricted roles' scopes, with unique, greppable names.

The road chief leads 界内路; the grid officer keeps 界内格 (上海业主企业 alone); the small-park
owner owns 业主园. Every enterprise, plot and small
park has a name that is no part of another, so finding one in a page, an export or an API answer
means the record was shown. Around them: every kind of record that names an enterprise or a plot
(annual figures, a published evaluation, vetoes, ratings, estates, projects, lists, land actions,
control lists, batches, plan mentions with a conflict), plus the Caojing plan itself, whose
enterprises, plots and small parks lie outside both scopes.

What each role may see is written out here by construction, not read from the selectors that
the walk is testing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.management import call_command

from parkops.accounts.models import Department
from parkops.accounts.roles import Role
from parkops.accounts.services import role_permissions_sync, user_assign_roles
from parkops.activities.models import Invitation
from parkops.core.uscc import complete_uscc
from parkops.enforcement.models import (
    JointInspectionPlan,
)
from parkops.evaluation import services as evaluation
from parkops.evaluation.choices import IncidentGrade, VetoKind
from parkops.evaluation.jobs import handbook_enqueue
from parkops.evaluation.models import EvaluationRun, VetoEvent
from parkops.execution.choices import CultivationKind
from parkops.execution.models import CultivationEntry, InfraProject, KeyProject
from parkops.land.choices import Batch, LandActionKind, LandActionMethod, LandFlagKind
from parkops.land.models import (
    BatchAssignment,
    ControlListEntry,
    LandAction,
    PlotOccupant,
    PlotProgress,
    Resettlement,
)
from parkops.plan.choices import PlanSource
from parkops.plan.models import PlanMention
from parkops.registry.choices import DesignationKind
from parkops.registry.models import (
    Designation,
    Enterprise,
    EnterpriseYear,
    Grid,
    LandPlot,
    Road,
    SmallPark,
)
from parkops.smallparks import services as estates
from parkops.smallparks.models import Tenancy, VacantSpace
from parkops.testing.world_records import (
    LEAD_NAMES,
    YEAR,
    activity_records,
    attraction_records,
    enforcement_records,
    matching_records,
    requests_seed,
    visit_records,
)
from parkops.visits.models import Policy

NO_ROLE = "no_role"
PASSWORD = "correct horse battery staple"


@dataclass
class Scope:
    """What one user may see, and the ids to fill a route's parameters with."""

    user: User
    visible_names: set[str]
    inside: dict[str, int] = field(default_factory=dict)  # record kind -> an id in scope
    outside: dict[str, int] = field(default_factory=dict)  # record kind -> an id out of scope


@dataclass
class World:
    scopes: dict[str, Scope]  # role code -> scope
    shared: dict[str, object]  # parameters every role fills alike (run, scheme, year …);
    # a list is walked value by value
    names: set[str]  # every enterprise, plot and small park name in the database

    def forbidden(self, role: str) -> set[str]:
        return self.names - self.scopes[role].visible_names


def _user(username: str, role: Role) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD)
    user_assign_roles(user=user, roles={role})
    return user


def _enterprise(n: int, name: str, road: Road, park: SmallPark | None) -> Enterprise:
    enterprise = Enterprise.objects.create(
        name=name,
        uscc=complete_uscc(f"91310116MA1W{n:04d}"),
        industry_code="C2710",
        road=road,
        small_park=park,
        production_started_on=date(2015, 1, 1),
    )
    for year, scale in ((YEAR - 1, Decimal(1)), (YEAR, Decimal(n))):
        EnterpriseYear.objects.create(
            enterprise=enterprise, year=year, output_value=3000 * scale, revenue=2500 * scale,
            tax=100 * scale, value_added=800, energy_tce=300, emissions_t=Decimal("0.2"),
            rd_expense=100, employees=50, land_mu=10,
        )  # fmt: skip
    return enterprise


def _around(n: int, enterprise: Enterprise, plot: LandPlot) -> dict[str, int]:
    """The records that name this enterprise or plot, one of each kind; returns their ids."""
    veto = VetoEvent.objects.create(
        enterprise=enterprise, kind=VetoKind.SAFETY_ACCIDENT, grade=IncidentGrade.ORDINARY,
        occurred_on=date(YEAR, 3, n), source=f"安监{n}号",
    )  # fmt: skip
    project = KeyProject.objects.create(enterprise=enterprise, name=f"扩产项目{n}")
    designation = Designation.objects.create(
        enterprise=enterprise, kind=DesignationKind.SRDI, awarded_on=date(YEAR, 5, n)
    )
    entry = CultivationEntry.objects.create(
        kind=CultivationKind.ABOVE_SCALE, enterprise=enterprise, planned_year=YEAR,
        listed_on=date(YEAR - 1, 1, 1),
    )  # fmt: skip
    action = LandAction.objects.create(
        kind=LandActionKind.VACATE, method=LandActionMethod.VACATE, name=enterprise.name,
        plot=plot, enterprise=enterprise, area_mu=Decimal("10"), planned_year=YEAR,
    )  # fmt: skip
    LandAction.objects.create(
        kind=LandActionKind.UPGRADE, method=LandActionMethod.TAX_PER_MU, name=plot.name,
        plot=plot, area_mu=Decimal("10"), planned_year=YEAR, status="completed",
        completed_on=date(YEAR, 6, 1),
    )  # fmt: skip
    control = ControlListEntry.objects.create(
        kind=LandFlagKind.LOW_OUTPUT, plot=plot, enterprise=enterprise,
        listed_on=date(YEAR, 1, 1), reason="亩均税收偏低",
    )  # fmt: skip
    batch = BatchAssignment.objects.create(
        enterprise=enterprise, batch=Batch.CLOSE, reason="长期停产", decided_on=date(YEAR, 2, 1)
    )
    Resettlement.objects.create(assignment=batch, workers_affected=20)
    PlotOccupant.objects.create(plot=plot, enterprise=enterprise, since=date(2020, 1, 1))
    PlotProgress.objects.create(plot=plot, construction_started_on=date(2020, 1, 1))
    # The plan names the plot twice with different areas: a conflict the home page shows.
    for row, area in ((190 + n, "10.5"), (195 + n, "10.4")):
        PlanMention.objects.create(
            source=PlanSource.ANNEX_3_PLOTS, row=row, name_in_plan=plot.name, plot=plot,
            facts={"area_mu": area},
        )  # fmt: skip
    PlanMention.objects.create(
        source=PlanSource.TEXT, row=180 + n, name_in_plan=enterprise.name, enterprise=enterprise
    )
    visit, photo = visit_records(n, enterprise)
    inspection, finding_photo, accident = enforcement_records(n, enterprise)
    return {
        "inspection": inspection.pk, "finding_photo": finding_photo.pk, "accident": accident.pk,
        "enterprise": enterprise.pk, "plot": plot.pk, "project": project.pk,
        "cultivation": entry.pk, "action": action.pk, "control": control.pk, "batch": batch.pk,
        "veto": veto.pk, "designation": designation.pk,
        "visit": visit, "photo": photo, "activity": activity_records(n, enterprise),
    }  # fmt: skip


Layout = list[tuple[str, Road, SmallPark | None, str, SmallPark | None]]


def _crossings(layout: Layout, inner_road: Road, own_park: SmallPark) -> None:
    """Records in one scope that point at a record outside it: the outside name must not show."""
    outsider = Enterprise.objects.get(name=layout[3][0])  # 他园企业: in nobody's scope
    unparked = Enterprise.objects.get(name=layout[4][0])  # 无园企业: in no small park
    road_plot = LandPlot.objects.get(name=layout[0][3])  # 路长地块: the road chief's
    LandPlot.objects.create(name="路边租地", area_mu=Decimal("3"), road=inner_road, holder=outsider)
    LandPlot.objects.create(
        name="园内租地", area_mu=Decimal("3"), small_park=own_park, holder=unparked
    )
    PlotOccupant.objects.create(plot=road_plot, enterprise=outsider, since=date(2021, 1, 1))
    LandAction.objects.create(
        kind=LandActionKind.REVITALISE, method=LandActionMethod.ACQUISITION, name="路长地块收储",
        plot=road_plot, enterprise=outsider, area_mu=Decimal("3"), planned_year=YEAR,
    )  # fmt: skip
    # 路长企业 vacated 他园地块 (indicator 7): the road chief sees the action, not the plot.
    LandAction.objects.create(
        kind=LandActionKind.VACATE, method=LandActionMethod.VACATE, name="路长企业腾退",
        plot=LandPlot.objects.get(name=layout[3][3]),
        enterprise=Enterprise.objects.get(name=layout[0][0]), area_mu=Decimal("2"),
        planned_year=YEAR, status="completed", completed_on=date(YEAR, 5, 1),
    )  # fmt: skip
    ControlListEntry.objects.create(
        kind=LandFlagKind.IDLE, plot=road_plot, enterprise=outsider, listed_on=date(YEAR, 1, 1),
        reason="闲置",
    )  # fmt: skip
    # 他园企业 came to 路长企业's briefing too: the road chief sees the briefing, not that row.
    road_briefing = Invitation.objects.get(enterprise__name=layout[0][0]).activity
    Invitation.objects.create(activity=road_briefing, enterprise=outsider, attended="yes")


def world_seed(*, with_plan: bool = True) -> World:
    """Seed the world; the plan's own records too unless told otherwise (they take a second)."""
    role_permissions_sync()
    if with_plan:
        call_command("load_plan", stdout=open("/dev/null", "w"))  # noqa: SIM115
    inner_road, outer_road = Road.objects.create(name="界内路"), Road.objects.create(name="界外路")
    own_park = SmallPark.objects.create(name="业主园", plan_sequence=91, road=outer_road)
    road_park = SmallPark.objects.create(name="路侧园", plan_sequence=92, road=inner_road)
    other_park = SmallPark.objects.create(name="他人园", plan_sequence=93, road=outer_road)
    for park in (own_park, road_park, other_park):
        park.floor_area_m2 = Decimal("10000")
        park.land_mu = Decimal("30")
        park.save()

    chief, owner = _user("rob", Role.ROAD_CHIEF), _user("olga", Role.SMALL_PARK_OWNER)
    inner_road.chiefs.add(chief)
    own_park.owners.add(owner)
    leader, department = _user("lena", Role.TOWN_LEADER), _user("dora", Role.DEPARTMENT)
    Department.objects.get(code="emergency").members.add(department)

    # (name, road, small park, plot name, plot's small park)
    layout: Layout = [
        ("上海路长企业有限公司", inner_road, road_park, "路长地块", road_park),
        ("上海两界企业有限公司", inner_road, own_park, "两界地块", None),
        ("上海业主企业有限公司", outer_road, own_park, "业主地块", own_park),
        ("上海他园企业有限公司", outer_road, other_park, "他园地块", other_park),
        ("上海无园企业有限公司", outer_road, None, "无园地块", None),
    ]
    ids = []
    for n, (name, road, home, plot_name, plot_park) in enumerate(layout, start=1):
        enterprise = _enterprise(n, name, road, home)
        plot = LandPlot.objects.create(
            name=plot_name, area_mu=Decimal("10.5"), road=road, small_park=plot_park,
            holder=enterprise,
        )  # fmt: skip
        ids.append(_around(n, enterprise, plot))
        if home is not None:
            estates.tenancy_create(
                small_park=home,
                data={"enterprise": enterprise, "floor_area_m2": Decimal("2000"),
                      "starts_on": date(2024, 1, 1)},
            )  # fmt: skip
    for park in (own_park, road_park, other_park):
        estates.vacancy_create(
            small_park=park,
            data={"area_m2": Decimal("500"), "vacant_since": date(2024, 1, 1),
                  "suitable_uses": f"{park.name}空置"},
        )  # fmt: skip

    _crossings(layout, inner_road, own_park)
    requests_seed(ids, department=department, clerk=leader)
    gina = _user("gina", Role.GRID_OFFICER)
    grid = Grid.objects.create(name="界内格", road=outer_road)
    grid.officers.add(gina)
    Enterprise.objects.filter(name=layout[2][0]).update(grid=grid)
    # 他园企业 lies in another grid: a grid officer shown every gridded firm would leak it.
    Enterprise.objects.filter(name=layout[3][0]).update(grid=Grid.objects.create(name="界外格"))
    # Two more accidents at 上海业主企业: 业主园 is rated 低效 and lists its inefficient tenants.
    for day in (10, 20):
        VetoEvent.objects.create(
            enterprise=Enterprise.objects.get(name=layout[2][0]), kind=VetoKind.SAFETY_ACCIDENT,
            grade=IncidentGrade.ORDINARY, occurred_on=date(YEAR, 4, day),
        )  # fmt: skip
    run = evaluation.run_create(year=YEAR)
    evaluation.run_publish(run=run)
    estates.rating_run(year=YEAR)
    infra = InfraProject.objects.order_by("pk").first() or InfraProject.objects.create(
        name="园区道路改造", investment_wan=Decimal("100"), content="道路", start_year=YEAR,
        finish_year=YEAR,
    )  # fmt: skip

    def park_ids(park: SmallPark) -> dict[str, int]:
        return {
            "smallpark": park.pk,
            "tenancy": Tenancy.objects.filter(small_park=park).order_by("pk")[0].pk,
            "vacancy": VacantSpace.objects.filter(small_park=park).order_by("pk")[0].pk,
        }

    road_chief = Scope(
        user=chief,
        visible_names={
            layout[0][0],
            layout[1][0],
            "路长地块",
            "两界地块",
            "路边租地",
            "路侧园",
            "业主园",
        },
        # 业主园 is his through 两界企业 alone: its other tenant and its plot are not his.
        inside={**ids[0], **park_ids(own_park)},
        outside={**ids[3], **park_ids(other_park)},
    )
    # 业主园 is his through 上海业主企业 alone, as 业主地块 is; 园内租地 is held by another firm.
    grid_officer = Scope(
        user=gina,
        visible_names={layout[2][0], "业主地块", "业主园"},
        inside={**ids[2], **park_ids(own_park)},
        outside={**ids[3], **park_ids(other_park)},
    )
    small_park_owner = Scope(
        user=owner,
        visible_names={layout[1][0], layout[2][0], "两界地块", "业主地块", "园内租地", "业主园"},
        inside={**ids[2], **park_ids(own_park)},
        outside={**ids[0], **park_ids(road_park)},
    )
    leads = attraction_records(own_park, other_park)
    small_park_owner.visible_names |= {"自营招商线索有限公司", "共享招商线索有限公司"}
    small_park_owner.inside |= leads["own"]
    small_park_owner.outside |= leads["other"]
    for restricted in (road_chief, grid_officer):
        restricted.inside |= leads["own"]
        restricted.outside |= leads["other"]
    names = set(Enterprise.objects.values_list("name", flat=True)) | LEAD_NAMES
    names |= set(LandPlot.objects.values_list("name", flat=True))
    names |= set(SmallPark.objects.values_list("name", flat=True))
    everything = Scope(
        user=leader, visible_names=names, inside={**ids[0], **park_ids(road_park), **leads["other"]}
    )
    scopes = {
        Role.ROAD_CHIEF.value: road_chief,
        Role.GRID_OFFICER.value: grid_officer,
        Role.SMALL_PARK_OWNER.value: small_park_owner,
        Role.TOWN_LEADER.value: everything,
        # A department reads the whole registry, but only the requests its departments hold.
        Role.DEPARTMENT.value: Scope(
            department,
            names,
            dict(everything.inside),
            outside={"request": ids[3]["request"], "attachment": ids[3]["attachment"]},
        ),
        # Signed in without a role: sees no record at all.
        NO_ROLE: Scope(
            User.objects.create_user(username="charlie", password=PASSWORD),
            set(),
            dict(everything.inside),
        ),
    }
    # Each user's own handbook job (a file written in its scope); the park office's job, whose
    # handbook names everything, is outside every other user's reach.
    office = _user("opal", Role.PARK_OFFICE)
    office_job = handbook_enqueue(run=run, user=office)
    for scope in scopes.values():
        scope.inside["job"] = handbook_enqueue(run=run, user=scope.user).pk
        scope.outside["job"] = office_job.pk
    assert isinstance(run, EvaluationRun)
    # A policy every enterprise qualifies for: its page lists only those in the user's scope.
    policy = Policy.objects.create(
        name="普惠政策", issuer="漕泾镇", valid_from=date(YEAR, 1, 1), benefit="补贴", rules={}
    )
    plan = JointInspectionPlan.objects.create(
        name="联合执法计划", starts_on=date(YEAR, 1, 1), ends_on=date(YEAR, 12, 31)
    )
    plan.departments.add(Department.objects.get(code="emergency"))
    shared: dict[str, object] = {
        **matching_records(),
        "policy": policy.pk,
        "plan": plan.pk,
        "run": run.pk, "scheme": run.scheme_version_id, "infra": infra.pk, "year": YEAR,
        "number": list(range(1, 9)), "import": 1,
    }  # fmt: skip
    return World(scopes=scopes, shared=shared, names=names)
