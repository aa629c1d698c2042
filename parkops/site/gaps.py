"""What the park office still has to enter (数据待补): the records whose missing data keeps a
page from deciding — an evaluation without figures, a rating without area, a land flag without
contract dates, a schedule without reports. Each gap links to the form or import that fills it.

Only the park office (and a superuser) reads it: it is the office's own to-do list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parkops.accounts.roles import Role, roles_of
from parkops.execution.choices import InfraStatus
from parkops.execution.models import InfraProject, InfraSpend, KeyProject, ProgressReport
from parkops.land.models import LandAction
from parkops.plan.models import PlanMention
from parkops.registry.choices import EnterpriseStatus
from parkops.registry.models import Enterprise, EnterpriseYear, LandPlot, SmallPark


def gaps_readable_by(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(getattr(user, "is_superuser", False)) or Role.PARK_OFFICE in roles_of(user)


def figures_year(today: date) -> int:
    """The year whose figures should be in: the latest complete year, the one the evaluation
    scores and the indicators compare the current year with."""
    return today.year - 1


def quarter_start(today: date) -> date:
    return date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)


# --- the four kinds of gap, each a queryset so that the home page only counts -----------------
def enterprises_without_figures(year: int) -> QuerySet[Enterprise]:
    """The plan's operating enterprises with no figures for the year, or no revenue in them
    (without revenue the evaluation cannot tell 规上 from 规下)."""
    reported = EnterpriseYear.objects.filter(
        enterprise=OuterRef("pk"), year=year, revenue__isnull=False
    )
    return (
        Enterprise.objects.filter(is_demo=False, status=EnterpriseStatus.OPERATING)
        .exclude(Exists(reported))
        .annotate(
            has_row=Exists(EnterpriseYear.objects.filter(enterprise=OuterRef("pk"), year=year))
        )
        .order_by("name")
    )


def smallparks_without_area() -> QuerySet[SmallPark]:
    return SmallPark.objects.filter(
        Q(land_mu__isnull=True) | Q(floor_area_m2__isnull=True)
    ).order_by("plan_sequence", "name")


def plots_without_contract() -> QuerySet[LandPlot]:
    """The plots the plan names (its annexes) or a land action works on, lacking a contract
    date or the plot ratio that the land flags need."""
    named = Exists(PlanMention.objects.filter(plot=OuterRef("pk"))) | Exists(
        LandAction.objects.filter(plot=OuterRef("pk"))
    )
    lacking = (
        Q(contract_signed_on__isnull=True)
        | Q(contract_start_on__isnull=True)
        | Q(plot_ratio__isnull=True)
    )
    return LandPlot.objects.filter(named).filter(lacking).order_by("name")


def key_projects_unreported(since: date) -> QuerySet[KeyProject]:
    """四早 projects with a milestone still open and no progress report since `since`."""
    open_milestone = Q(milestones__achieved_on__isnull=True, milestones__achieved_undated=False)
    recent = ProgressReport.objects.filter(project=OuterRef("pk"), reported_on__gte=since)
    return (
        KeyProject.objects.filter(open_milestone)
        .exclude(Exists(recent))
        .distinct()
        .select_related("enterprise")
        .order_by("name")
    )


def infra_unreported(since: date) -> QuerySet[InfraProject]:
    """附件 4 projects due to be under way (their start year has come) and not completed, with
    nothing recorded since `since`: no spend, no edit of the record."""
    spend = InfraSpend.objects.filter(project=OuterRef("pk"), spent_on__gte=since)
    edit = InfraProject.history.model.objects.filter(
        id=OuterRef("pk"), history_type="~", history_date__date__gte=since
    )
    return (
        InfraProject.objects.exclude(status=InfraStatus.COMPLETED)
        .filter(start_year__lte=since.year)
        .exclude(Exists(spend))
        .exclude(Exists(edit))
        .order_by("plan_row", "name")
    )


# --- the page's rows --------------------------------------------------------------------------
@dataclass(frozen=True)
class Gap:
    subject: str
    subject_url: str
    missing: str
    fix_url: str
    fix_label: str


@dataclass(frozen=True)
class GapSection:
    key: str
    title: Promise
    gaps: list[Gap]

    @property
    def count(self) -> int:
        return len(self.gaps)


def _fields(pairs: list[tuple[object, Promise]]) -> str:
    return "、".join(str(label) for value, label in pairs if value is None)


def _enterprise_gaps(year: int) -> list[Gap]:
    gaps = []
    for e in enterprises_without_figures(year):
        if e.has_row:  # type: ignore[attr-defined]
            missing = _("%(year)s 年营业收入") % {"year": year}
            fix = reverse("registry:year_edit", args=[e.pk, year])
        else:
            missing = _("%(year)s 年度数据") % {"year": year}
            fix = reverse("registry:year_new", args=[e.pk])
        gaps.append(Gap(e.name, e.get_absolute_url(), missing, fix, _("填报年度数据")))
    return gaps


def _smallpark_gaps() -> list[Gap]:
    return [
        Gap(
            p.name,
            p.get_absolute_url(),
            _fields(
                [(p.land_mu, gettext_lazy("占地面积")), (p.floor_area_m2, gettext_lazy("建筑面积"))]
            ),
            reverse("registry:smallpark_edit", args=[p.pk]),
            _("编辑基本信息"),
        )
        for p in smallparks_without_area()
    ]


def _plot_gaps() -> list[Gap]:
    fix = reverse("imports:home")
    return [
        Gap(
            p.name,
            p.get_absolute_url(),
            _fields(
                [
                    (p.contract_signed_on, gettext_lazy("出让合同签订日期")),
                    (p.contract_start_on, gettext_lazy("合同约定开工日期")),
                    (p.plot_ratio, gettext_lazy("容积率")),
                ]
            ),
            fix,
            _("导入地块数据"),
        )
        for p in plots_without_contract()
    ]


def _project_gaps(since: date) -> list[Gap]:
    missing = _("%(date)s 以来无推进报告") % {"date": since.isoformat()}
    key = [
        Gap(
            p.name,
            p.get_absolute_url(),
            missing,
            p.get_absolute_url() + "#report-form",
            _("填写推进报告"),
        )
        for p in key_projects_unreported(since)
    ]
    infra_missing = _("%(date)s 以来无支出或进度记录") % {"date": since.isoformat()}
    infra = [
        Gap(
            p.name,
            p.get_absolute_url(),
            infra_missing,
            reverse("execution:infra_edit", args=[p.pk]),
            _("更新进度"),
        )
        for p in infra_unreported(since)
    ]
    return key + infra


SECTIONS: tuple[tuple[str, Promise], ...] = (
    ("enterprises", gettext_lazy("方案所列企业缺年度数据")),
    ("smallparks", gettext_lazy("小园区缺面积")),
    ("plots", gettext_lazy("地块缺合同日期或容积率")),
    ("projects", gettext_lazy("项目本季度未报送")),
)


def data_gaps(*, today: date | None = None) -> list[GapSection]:
    """Every gap, by section, for the park office's page and its export."""
    day = today or timezone.localdate()
    build: dict[str, Callable[[], list[Gap]]] = {
        "enterprises": lambda: _enterprise_gaps(figures_year(day)),
        "smallparks": _smallpark_gaps,
        "plots": _plot_gaps,
        "projects": lambda: _project_gaps(quarter_start(day)),
    }
    return [GapSection(key, title, build[key]()) for key, title in SECTIONS]


def data_gaps_summary(
    *, user: AbstractBaseUser | AnonymousUser, today: date | None = None
) -> int | None:
    """How many gaps there are, for the park office's home page; None for any other user."""
    if not gaps_readable_by(user):
        return None
    day = today or timezone.localdate()
    since = quarter_start(day)
    return (
        enterprises_without_figures(figures_year(day)).count()
        + smallparks_without_area().count()
        + plots_without_contract().count()
        + key_projects_unreported(since).count()
        + infra_unreported(since).count()
    )
