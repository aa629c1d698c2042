"""Reads of the land app: completed land for the indicators, flags, conflicts, lists by role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from parkops.accounts.roles import sees_whole_park
from parkops.common.types import AnyUser
from parkops.core.landflags import FlagResult, FlagRules, PlotFacts, evaluate_plot
from parkops.land.choices import LandActionKind, LandActionStatus, LandFlagKind
from parkops.land.models import (
    BatchAssignment,
    ControlListEntry,
    LandAction,
    LandFlagRuleSet,
    PlotOccupant,
)
from parkops.registry.models import Enterprise, EnterpriseYear, LandPlot
from parkops.registry.selectors import (
    attach_in_scope,
    enterprises_visible_to,
    plots_visible_to,
    related_in_scope,
)


@dataclass(frozen=True)
class CompletedLand:
    plot_id: int | None
    label: str
    area_mu: Decimal
    action_ids: tuple[int, ...]


def land_completed(*, year: int, kind: LandActionKind) -> list[CompletedLand]:
    """Land of this kind completed in this calendar year, for indicators 7 (腾退) and 8 (提升).

    Each plot counts once, in the year of its first completed action of the kind: a plot in two
    lists, or with two actions, gives one entry listing all its actions completed that year, and
    nothing in a later year. The area that counts is the plot's own recorded area (the registry's
    LandPlot.area_mu) when it is known; when it is blank (the plan's lists disagree, as for 古岛),
    the area written on the plot's first completed action. An action with no plot is one entry
    with its own area.
    """
    actions = (
        LandAction.objects.filter(
            kind=kind, status=LandActionStatus.COMPLETED, completed_on__isnull=False
        )
        .select_related("plot")
        .order_by("completed_on", "pk")
    )
    by_plot: dict[int, list[LandAction]] = {}
    result: list[CompletedLand] = []
    for action in actions:
        if action.plot_id is not None:
            by_plot.setdefault(action.plot_id, []).append(action)
        elif action.completed_on is not None and action.completed_on.year == year:
            result.append(CompletedLand(None, action.name, action.area_mu, (action.pk,)))
    for plot_id, plot_actions in by_plot.items():
        first = plot_actions[0]
        assert first.completed_on is not None
        assert first.plot is not None
        if first.completed_on.year != year:
            continue
        in_year = tuple(
            a.pk for a in plot_actions if a.completed_on is not None and a.completed_on.year == year
        )
        area = first.plot.area_mu if first.plot.area_mu is not None else first.area_mu
        result.append(CompletedLand(plot_id, first.plot.name, area, in_year))
    result.sort(key=lambda entry: (entry.plot_id is None, entry.label))
    return result


def land_completed_visible_to(
    user: AnyUser, *, year: int, kind: LandActionKind
) -> list[CompletedLand]:
    """The entries of land_completed that the user may see: plots in scope, and plot-less
    actions in scope. Computed over the whole park first, so that "each plot once, in its first
    year" is the same rule as the indicators' and the road's entries are the park's entries."""
    entries = land_completed(year=year, kind=kind)
    if sees_whole_park(user):
        return entries
    plots = set(plots_visible_to(user).values_list("pk", flat=True))
    actions = set(actions_visible_to(user).values_list("pk", flat=True))
    return [
        entry
        for entry in entries
        if (
            entry.plot_id in plots if entry.plot_id is not None else set(entry.action_ids) & actions
        )
    ]


# --- lists, scoped like the registry ------------------------------------------------------------


def _in_scope(user: AnyUser, qs: QuerySet[Any]) -> QuerySet[Any]:
    """Records on a plot or of an enterprise the user may see, naming only what it may see:
    an entry on the road chief's plot keeps its enterprise on another road unnamed."""
    if sees_whole_park(user):
        return qs.select_related("plot", "enterprise")
    return qs.filter(
        Q(plot__in=plots_visible_to(user)) | Q(enterprise__in=enterprises_visible_to(user))
    ).prefetch_related(
        related_in_scope(user, LandPlot, "plot"), related_in_scope(user, Enterprise, "enterprise")
    )


def actions_visible_to(user: AnyUser) -> QuerySet[LandAction]:
    return _in_scope(user, LandAction.objects.all())


def actions_listed(*, user: AnyUser, actions: QuerySet[LandAction]) -> list[LandAction]:
    """`actions` (from `actions_visible_to`) as a list of any length, naming only what the user
    may see: for a scoped user the plot and the enterprise are read through subqueries
    (`attach_in_scope`), not `_in_scope`'s prefetch, which SQLite refuses past ~1,000 actions."""
    if sees_whole_park(user):
        return list(actions)
    plain = actions.prefetch_related(None)
    rows = list(plain)
    attach_in_scope(user, rows, "plot", plain)
    attach_in_scope(user, rows, "enterprise", plain)
    return rows


def action_get(*, user: AnyUser, pk: int) -> LandAction:
    return get_object_or_404(actions_visible_to(user), pk=pk)


def control_entries_visible_to(user: AnyUser) -> QuerySet[ControlListEntry]:
    return _in_scope(user, ControlListEntry.objects.all())


def plot_occupants(*, user: AnyUser, plot: LandPlot) -> QuerySet[PlotOccupant]:
    """The plot's users that the user may see (an occupant is about its enterprise)."""
    return PlotOccupant.objects.filter(
        plot=plot, enterprise__in=enterprises_visible_to(user)
    ).select_related("enterprise")


def batches_visible_to(user: AnyUser) -> QuerySet[BatchAssignment]:
    qs = BatchAssignment.objects.select_related("enterprise", "resettlement")
    if sees_whole_park(user):
        return qs
    return qs.filter(enterprise__in=enterprises_visible_to(user))


# --- flags computed from the data ------------------------------------------------------------------


def reference_day(year: int) -> date:
    """The day a year's flags are worked out on: 31 December, or today for the current year."""
    return min(timezone.localdate(), date(year, 12, 31))


def flag_rules_for(year: int) -> tuple[FlagRules, str]:
    """The rule set in force for the year, or the built-in default (labelled as such)."""
    stored = LandFlagRuleSet.objects.filter(valid_from_year__lte=year).first()
    if stored is None:
        return FlagRules(), str(_("默认规则（可在管理后台新建版本）"))
    rules = FlagRules(
        min_tax_per_mu_wan=stored.min_tax_per_mu_wan,
        min_building_coefficient_pct=stored.min_building_coefficient_pct,
    )
    return rules, stored.version


@dataclass(frozen=True)
class PlotFlagRow:
    plot: LandPlot
    result: FlagResult
    listed: tuple[ControlListEntry, ...]

    @property
    def labelled(self) -> list[tuple[str, str]]:
        return [(str(LandFlagKind(f.kind.value).label), f.reason) for f in self.result.flags]


def _plot_taxes(plots: list[LandPlot], year: int) -> dict[int, Decimal | None]:
    """The year's tax of each plot's holder and occupants (each enterprise once per plot)."""
    users: dict[int, set[int]] = {p.pk: ({p.holder_id} if p.holder_id else set()) for p in plots}
    for occupant in PlotOccupant.objects.filter(plot__in=plots).values("plot_id", "enterprise_id"):
        users[occupant["plot_id"]].add(occupant["enterprise_id"])
    all_ids = set().union(*users.values()) if users else set()
    taxes = dict(
        EnterpriseYear.objects.filter(
            enterprise_id__in=all_ids, year=year, tax__isnull=False
        ).values_list("enterprise_id", "tax")
    )
    result: dict[int, Decimal | None] = {}
    for plot_id, ids in users.items():
        known = [taxes[i] for i in ids if i in taxes]
        result[plot_id] = sum(known, Decimal(0)) if known else None
    return result


def plot_facts(plot: LandPlot, tax: Decimal | None, industry_code: str) -> PlotFacts:
    progress = getattr(plot, "progress", None)
    return PlotFacts(
        area_mu=plot.area_mu,
        contract_start_on=plot.contract_start_on,
        construction_started_on=progress.construction_started_on if progress else None,
        progress_recorded_on=timezone.localdate(progress.updated_at) if progress else None,
        built_area_m2=progress.built_area_m2 if progress else None,
        required_area_m2=progress.required_area_m2 if progress else None,
        invested_wan=progress.invested_wan if progress else None,
        planned_investment_wan=progress.planned_investment_wan if progress else None,
        halted_since=progress.halted_since if progress else None,
        plot_ratio=plot.plot_ratio,
        building_coefficient_pct=plot.building_coefficient,
        industry_code=industry_code,
        tax_wan=tax,
    )


def plot_flags(
    *, user: AnyUser, year: int, plots: QuerySet[LandPlot] | None = None
) -> list[PlotFlagRow]:
    rules, _label = flag_rules_for(year)
    qs = plots if plots is not None else plots_visible_to(user)
    # The holder is shown only where the user may see it; its industry counts in every case.
    plot_list = list(qs.select_related("progress").order_by("name"))
    attach_in_scope(user, plot_list, "holder", qs)
    industries: dict[int | None, str] = dict(
        Enterprise.objects.filter(pk__in=[p.holder_id for p in plot_list]).values_list(
            "pk", "industry_code"
        )
    )
    taxes = _plot_taxes(plot_list, year)
    listed: dict[int, list[ControlListEntry]] = {}
    for entry in ControlListEntry.objects.filter(plot__in=plot_list, lifted_on__isnull=True):
        assert entry.plot_id is not None
        listed.setdefault(entry.plot_id, []).append(entry)
    day = reference_day(year)
    return [
        PlotFlagRow(
            plot,
            evaluate_plot(
                plot_facts(plot, taxes[plot.pk], industries.get(plot.holder_id, "")), rules, on=day
            ),
            tuple(listed.get(plot.pk, ())),
        )
        for plot in plot_list
    ]


# --- conflicts between lists ------------------------------------------------------------------------


@dataclass(frozen=True)
class ListConflict:
    subject: str
    url: str
    fact: str
    values: tuple[tuple[str, LandAction | BatchAssignment], ...]  # (value as recorded, record)

    def involves(self, record: object) -> bool:
        return any(r == record for _value, r in self.values)


def _action_key(action: LandAction) -> tuple[str, int] | None:
    if action.plot_id is not None:
        return ("plot", action.plot_id)
    if action.enterprise_id is not None:
        return ("enterprise", action.enterprise_id)
    return None


def action_conflicts(actions: QuerySet[LandAction] | None = None) -> list[ListConflict]:
    """The same plot (or, without a plot, enterprise) with different areas or years in two
    actions of the lists: shown, never resolved."""
    qs = actions if actions is not None else LandAction.objects.select_related("plot", "enterprise")
    groups: dict[tuple[str, int], list[LandAction]] = {}
    for action in qs.exclude(status=LandActionStatus.CANCELLED).order_by("kind", "plan_row", "pk"):
        key = _action_key(action)
        if key is not None:
            groups.setdefault(key, []).append(action)
    conflicts = []
    for group in groups.values():
        if len(group) < 2:
            continue
        subject = group[0].plot or group[0].enterprise
        assert subject is not None
        for fact, label in (
            ("area_mu", _("占地面积（亩）")),
            ("planned_year", _("计划时间（年）")),
        ):
            values = tuple((str(getattr(a, fact)), a) for a in group)
            if len({v for v, _a in values}) > 1:
                conflicts.append(
                    ListConflict(str(subject), subject.get_absolute_url(), str(label), values)
                )
    return conflicts


def batch_conflicts(assignments: QuerySet[BatchAssignment] | None = None) -> list[ListConflict]:
    """An enterprise in two different batches at once (neither ended)."""
    qs = assignments if assignments is not None else BatchAssignment.objects.all()
    open_ = qs.filter(ended_on__isnull=True).select_related("enterprise")
    by_enterprise: dict[int, list[BatchAssignment]] = {}
    for assignment in open_.order_by("decided_on", "pk"):
        by_enterprise.setdefault(assignment.enterprise_id, []).append(assignment)
    conflicts = []
    for group in by_enterprise.values():
        if len({a.batch for a in group}) > 1:
            enterprise = group[0].enterprise
            values = tuple((str(a.get_batch_display()), a) for a in group)
            conflicts.append(
                ListConflict(str(enterprise), enterprise.get_absolute_url(), str(_("批次")), values)
            )
    return conflicts


def conflicts_of(record: LandAction | BatchAssignment) -> list[ListConflict]:
    found = action_conflicts() if isinstance(record, LandAction) else batch_conflicts()
    return [c for c in found if c.involves(record)]
