"""The leaders' cockpit (驾驶舱): the town leader's home page, and the park office's above its to-do.

Every figure is read through the selector of the app that owns it (the indicators' scoreboard,
the evaluation's class counts and bottom 30, the small parks' ratings, execution's behind-
schedule panel, the service 通报 list, the enforcement inspections, the attraction board); nothing
here recomputes their rules. Each number carries the URL of the list that shows the same rows,
with the filter in its query string (site/tests/test_cockpit.py checks they agree).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone

from parkops.accounts.roles import Role, roles_of
from parkops.attraction.choices import Stage
from parkops.attraction.selectors import board
from parkops.common.types import AnyUser
from parkops.core.sparkline import Spark, sparkline
from parkops.enforcement.choices import InspectionResult
from parkops.enforcement.selectors import inspection_list
from parkops.evaluation.choices import EvaluationClass, RunStatus
from parkops.evaluation.models import EvaluationRun
from parkops.evaluation.run_figures import BottomRow, bottom, class_counts
from parkops.evaluation.selectors import previous_run, run_list
from parkops.execution.models import CultivationEntry
from parkops.execution.selectors import BehindSchedule, behind_schedule
from parkops.indicators.choices import SourceKind, TierChoice
from parkops.indicators.models import ManualValue
from parkops.indicators.selectors import Cell, Row, scoreboard
from parkops.land.models import LandAction
from parkops.plan.caojing import YEARS
from parkops.registry.models import Designation, Enterprise, EnterpriseYear
from parkops.service.selectors import bulletin_list, reads_all_requests
from parkops.site import cockpit_text
from parkops.smallparks.choices import UNRATED, RatingLevel
from parkops.smallparks.models import SmallParkRating
from parkops.smallparks.rating_selectors import level_counts

COCKPIT_ROLES = frozenset({Role.PARK_OFFICE, Role.TOWN_LEADER})
BOTTOM = 30
# Inspection results that found nothing wrong; every other result is a violation (违法违规).
CLEAN_RESULTS = frozenset(
    {InspectionResult.NORMAL, InspectionResult.NO_PROBLEM, InspectionResult.NO_ACTIVITY}
)
LAND_INDICATORS = (7, 8)  # 腾退 and 提升 低效用地, in 亩


def sees_cockpit(user: AnyUser) -> bool:
    """The town leader and the park office get the cockpit; every other role its own home."""
    return bool(roles_of(user) & COCKPIT_ROLES)


def _url(name: str, *args: object, **query: object) -> str:
    base = reverse(name, args=args)
    return f"{base}?{urlencode(query)}" if query else base


@dataclass(frozen=True)
class Figure:
    """A number on the cockpit and the list that produced it."""

    label: str
    value: int | Decimal | None
    url: str
    colour: str = ""  # a Bootstrap text-bg-* class, "" for none


@dataclass(frozen=True)
class Card:
    """What a tile's number means: shown in the tile's <details>."""

    definition: str
    formula: str
    source: str
    owner: str
    updated: datetime | None
    override: ManualValue | None = None


# --- the eight indicators ----------------------------------------------------------------------
@dataclass(frozen=True)
class IndicatorTile:
    row: Row
    cell: Cell
    year: int
    url: str
    tier: TierChoice | None
    trend: list[Cell]
    spark: Spark
    card: Card


_SOURCE_MODEL: dict[str, Any] = {
    SourceKind.ENTERPRISE: EnterpriseYear,
    SourceKind.DESIGNATION: Designation,
    SourceKind.CULTIVATION: CultivationEntry,
    SourceKind.LAND_ACTION: LandAction,
}


def _last_updates() -> dict[str, datetime | None]:
    """The last change to the records each kind of computed actual counts (one query each)."""
    return {
        kind: model.objects.aggregate(last=Max("updated_at"))["last"]
        for kind, model in _SOURCE_MODEL.items()
    }


def cockpit_year(today: date) -> int:
    """The plan year the tiles show: this year, or the plan's last once it is over."""
    return min(max(today.year, YEARS[0]), YEARS[-1])


def indicator_tiles(rows: list[Row], *, year: int) -> list[IndicatorTile]:
    updates = _last_updates()
    tiles = []
    for row in rows:
        cell = row.cell(year)
        tier = cell.tier if cell.value is not None else None
        if tier is None and row.forecast_year == year:
            tier = row.forecast_tiers[0]  # the tier the forecast's low end is sure to reach
        kind = cell.computed.source_kind
        manual = cell.manual
        card = Card(
            definition=cockpit_text.definition(row.indicator.computation),
            formula=cockpit_text.formula(row.indicator.computation),
            source=cockpit_text.source(kind),
            owner=cockpit_text.owner(),
            updated=manual.updated_at if manual is not None else updates[kind],
            override=manual,
        )
        values = [c.value for c in row.cells]
        targets = [c.target.committed if c.target else None for c in row.cells]
        tiles.append(
            IndicatorTile(
                row=row,
                cell=cell,
                year=year,
                url=_url("indicators:cell_detail", row.indicator.number, year),
                tier=tier,
                trend=list(row.cells),
                spark=sparkline(values, targets),
                card=card,
            )
        )
    return tiles


# --- the evaluation ----------------------------------------------------------------------------
@dataclass(frozen=True)
class EvaluationPanel:
    run: EvaluationRun
    counts: list[dict[str, Any]]  # class_counts: per population, counts in EvaluationClass order
    classes: list[EvaluationClass]
    bottom: list[tuple[BottomRow, str]]  # each with its movement: "new" or "still"
    left: list[BottomRow]  # last year's bottom 30 no longer in it
    compared: bool  # a previous published run exists to compare with
    detail_url: str
    bottom_url: str

    @property
    def new(self) -> int:
        return sum(1 for _row, move in self.bottom if move == "new")

    @property
    def still(self) -> int:
        return sum(1 for _row, move in self.bottom if move == "still")


def latest_published_run(user: AnyUser) -> EvaluationRun | None:
    return (
        run_list(user=user)
        .filter(status=RunStatus.PUBLISHED, superseded_at__isnull=True)
        .order_by("-year", "-published_at", "-pk")
        .first()
    )


def evaluation_panel(user: AnyUser) -> EvaluationPanel | None:
    run = latest_published_run(user)
    if run is None:
        return None
    rows = bottom(user=user, run=run, limit=BOTTOM)
    previous = previous_run(run)
    left: list[BottomRow] = []
    if previous is not None:
        now = {r.result.enterprise_id for r in rows}
        left = [r for r in bottom(user=user, run=previous, limit=BOTTOM)
                if r.result.enterprise_id not in now]  # fmt: skip
    moved = [
        (r, "still" if r.last_position is not None and r.last_position <= BOTTOM else "new")
        for r in rows
    ]
    return EvaluationPanel(
        run=run, counts=class_counts(user=user, run=run), classes=list(EvaluationClass),
        bottom=moved, left=left, compared=previous is not None,
        detail_url=run.get_absolute_url(), bottom_url=_url("evaluation:run_bottom", run.pk),
    )  # fmt: skip


# --- the small parks ---------------------------------------------------------------------------
def smallpark_figures(user: AnyUser) -> tuple[int, list[Figure]]:
    """The latest rated year, and the parks at each level with the unrated apart (未评定)."""
    latest = SmallParkRating.objects.order_by("-year").values_list("year", flat=True).first()
    year = latest or timezone.localdate().year - 1
    counts = level_counts(user=user, year=year)
    figures = [
        Figure(str(level.label), counts.get(level.value, 0),
               _url("smallparks:rating_list", year=year, level=level.value), level.colour.css)
        for level in RatingLevel
    ]  # fmt: skip
    figures.append(
        Figure(cockpit_text.unrated(), counts[UNRATED],
               _url("smallparks:rating_list", year=year, level=UNRATED))
    )  # fmt: skip
    return year, figures


# --- plan execution ----------------------------------------------------------------------------
def execution_figures(behind: BehindSchedule) -> list[tuple[Figure, Figure]]:
    """Per kind of item, the truly late (滞后) and those only awaiting data (待报送), each with
    its list."""
    late = [
        Figure(cockpit_text.projects(), len(behind.projects),
               _url("execution:project_list", status="late")),
        Figure(cockpit_text.entries(), len(behind.entries),
               _url("execution:cultivation_list", progress="overdue")),
        Figure(cockpit_text.infrastructure(), len(behind.infrastructure),
               _url("execution:infra_list", schedule="late")),
    ]  # fmt: skip
    u = behind.unreported
    waiting = [
        Figure(cockpit_text.projects(), u.projects,
               _url("execution:project_list", status="unreported")),
        Figure(cockpit_text.entries(), u.entries,
               _url("execution:cultivation_list", progress="unreported")),
        Figure(cockpit_text.infrastructure(), u.infrastructure,
               _url("execution:infra_list", schedule="unreported")),
    ]  # fmt: skip
    return list(zip(late, waiting, strict=True))


# --- service, enforcement, attraction ----------------------------------------------------------
@dataclass(frozen=True)
class Enforcement:
    year: int
    inspections: Figure
    violations: int
    by_result: list[Figure] = field(default_factory=list)  # the violations, by result


def enforcement_figures(user: AnyUser, *, year: int) -> Enforcement:
    span = {"since": date(year, 1, 1).isoformat(), "until": date(year, 12, 31).isoformat()}
    counts = dict(
        inspection_list(user=user)
        .filter(inspected_on__year=year)
        .order_by()
        .values_list("result")
        .annotate(n=Count("pk"))
        .values_list("result", "n")
    )
    by_result = [
        Figure(str(r.label), counts[r.value],
               _url("enforcement:inspection_list", **span, result=r.value), "text-bg-danger")
        for r in InspectionResult
        if r not in CLEAN_RESULTS and counts.get(r.value)
    ]  # fmt: skip
    total = Figure(cockpit_text.inspections(), sum(counts.values()),
                   _url("enforcement:inspection_list", **span))  # fmt: skip
    return Enforcement(year, total, sum(int(f.value or 0) for f in by_result), by_result)


def cockpit(user: AnyUser, *, today: date | None = None) -> dict[str, Any]:
    """The cockpit's context: each panel the user's rights allow, None for one they do not."""
    today = today or timezone.localdate()
    year = cockpit_year(today)
    can = user.has_perm  # type: ignore[union-attr]
    # The figures only: the tiles show no record ids (unpickling them was 45 ms a view at 100k).
    rows = scoreboard(today=today, sources=False) if can("indicators.view_indicator") else []
    tiles = indicator_tiles(rows, year=year)
    behind = behind_schedule(user=user, today=today) if can("execution.view_keyproject") else None
    context: dict[str, Any] = {
        "show_cockpit": True,
        "has_demo": Enterprise.objects.filter(is_demo=True).exists(),
        "cockpit_year": year,
        "today": today,
        "tiles": tiles,
        "land": [t for t in tiles if t.row.indicator.number in LAND_INDICATORS],
        "evaluation": evaluation_panel(user) if can("evaluation.view_evaluationrun") else None,
        "smallparks": smallpark_figures(user) if can("smallparks.view_smallparkrating") else None,
        "behind": behind,
        "execution": execution_figures(behind) if behind is not None else None,
        "bulletin": None,
        "enforcement": (
            enforcement_figures(user, year=today.year)
            if can("enforcement.view_inspection")
            else None
        ),
        "funnel": None,
    }
    if can("service.view_servicerequest") and reads_all_requests(user):
        context["bulletin"] = Figure(
            cockpit_text.bulletin(), len(bulletin_list(user=user)), reverse("service:escalated")
        )
    if can("attraction.view_lead"):
        context["funnel"] = [
            Figure(str(c.stage.label), c.count,
                   _url("attraction:lead_list", stage=c.stage.value, state="open")
                   if c.stage != Stage.FULL else _url("attraction:lead_list", stage=c.stage.value),
                   c.stage.colour.css)
            for c in board(user=user)
        ]  # fmt: skip
    return context
