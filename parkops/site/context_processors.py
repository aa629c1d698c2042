from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from parkops.accounts.roles import Role, roles_of
from parkops.ops.selectors import audit_readable_by

# (url name, label, permission needed to see the entry)
NAVIGATION = (
    ("home", _("首页"), None),
    ("indicators:indicator_list", _("主要指标"), "indicators.view_indicator"),
    ("registry:enterprise_list", _("企业"), "registry.view_enterprise"),
    ("registry:smallpark_list", _("小园区"), "registry.view_smallpark"),
    ("registry:plot_list", _("地块"), "registry.view_landplot"),
    ("evaluation:run_list", _("综合评价"), "evaluation.view_evaluationrun"),
    ("execution:project_list", _("四早项目"), "execution.view_keyproject"),
    ("execution:cultivation_list", _("培育清单"), "execution.view_cultivationentry"),
    ("execution:infra_list", _("基础设施"), "execution.view_infraproject"),
    ("smallparks:rating_list", _("小园区评定"), "smallparks.view_smallparkrating"),
    ("land:action_list", _("低效用地"), "land.view_landaction"),
    ("maps:map", _("园区地图"), "maps.view_shape"),
    ("service:request_list", _("企业诉求"), "service.view_servicerequest"),
    ("visits:due_list", _("走访"), "visits.view_visit"),
    ("activities:activity_list", _("企业活动"), "activities.view_activity"),
    ("enforcement:inspection_list", _("联合执法"), "enforcement.view_inspection"),
    ("matching:session_list", _("供需对接"), "matching.view_matchingsession"),
    ("attraction:board", _("联合招商"), "attraction.view_lead"),
    ("imports:home", _("Excel 导入"), "imports.add_importbatch"),
    ("briefings:briefing_list", _("简报与总结"), "briefings.view_briefing"),
)

# The navigation bar fits one line at 1280 px in both languages: these entries sit in a dropdown
# under the menu's label, at the place of the menu's first entry; every other entry stands alone.
NAV_MENUS: tuple[tuple[Promise, tuple[str, ...]], ...] = (
    (
        _("园区与土地"),
        (
            "registry:smallpark_list",
            "smallparks:rating_list",
            "registry:plot_list",
            "land:action_list",
            "maps:map",
        ),
    ),
    (
        _("计划执行"),
        (
            "execution:project_list",
            "execution:cultivation_list",
            "execution:infra_list",
            "attraction:board",
            "briefings:briefing_list",
        ),
    ),
    (
        _("企业服务"),
        (
            "service:request_list",
            "visits:due_list",
            "activities:activity_list",
            "enforcement:inspection_list",
            "matching:session_list",
        ),
    ),
)


@dataclass
class NavEntry:
    """A link of the navigation bar, or a dropdown menu of links (`children`)."""

    label: str | Promise
    url: str = ""
    active: bool = False
    children: list[NavEntry] = field(default_factory=list)


def nav_entries(request: HttpRequest, names: Sequence[tuple[str, str | Promise]]) -> list[NavEntry]:
    """The entries `names` (url name, label) as the navigation bar shows them, menus grouped."""
    menu_of = {name: label for label, members in NAV_MENUS for name in members}
    entries: list[NavEntry] = []
    menus: dict[str, NavEntry] = {}
    for name, label in names:
        url = reverse(name)
        link = NavEntry(label, url, request.path == url)
        menu_label = menu_of.get(name)
        if menu_label is None:
            entries.append(link)
            continue
        key = str(menu_label)
        if key not in menus:
            menus[key] = NavEntry(menu_label)
            entries.append(menus[key])
        menus[key].children.append(link)
        menus[key].active |= link.active
    # A menu of one entry is that entry.
    return [e.children[0] if len(e.children) == 1 else e for e in entries]


def navigation(request: HttpRequest) -> dict[str, object]:
    user = request.user
    if not user.is_authenticated:
        return {}
    roles = roles_of(user)
    allowed = [
        (name, label) for name, label, perm in NAVIGATION if perm is None or user.has_perm(perm)
    ]
    if Role.SMALL_PARK_OWNER in roles:
        # The owner's daily page: his park's buildings, tenancies, vacancy and rating.
        allowed.insert(1, ("smallparks:mine", _("我的园区")))
    return {
        "nav_entries": nav_entries(request, allowed),
        "user_roles": [Role(r).label for r in sorted(roles)],
        "audit_log_visible": audit_readable_by(user),
    }
