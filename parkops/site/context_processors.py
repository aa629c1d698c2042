from __future__ import annotations

from django.http import HttpRequest
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
    ("service:request_list", _("企业诉求"), "service.view_servicerequest"),
    ("visits:due_list", _("走访"), "visits.view_visit"),
    ("enforcement:inspection_list", _("联合执法"), "enforcement.view_inspection"),
    ("attraction:board", _("联合招商"), "attraction.view_lead"),
    ("imports:home", _("Excel 导入"), "imports.add_importbatch"),
)


def navigation(request: HttpRequest) -> dict[str, object]:
    user = request.user
    if not user.is_authenticated:
        return {}
    roles = roles_of(user)
    items = [
        (name, label) for name, label, perm in NAVIGATION if perm is None or user.has_perm(perm)
    ]
    if Role.SMALL_PARK_OWNER in roles:
        # The owner's daily page: his park's buildings, tenancies, vacancy and rating.
        items.insert(1, ("smallparks:mine", _("我的园区")))
    return {
        "nav_items": items,
        "user_roles": [Role(r).label for r in sorted(roles)],
        "audit_log_visible": audit_readable_by(user),
    }
