"""The enterprise page's supply–demand section (registry): the profile, its edit link, and the
pairs the enterprise is in, registered as a panel."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from parkops.common.panels import Panel, panel_register
from parkops.matching import selectors
from parkops.registry.models import Enterprise


def _matching(request: HttpRequest, enterprise: Enterprise) -> dict[str, Any]:
    # The page has already checked that the viewer may see this enterprise; the pairs' other
    # sides are named as the pairs' selector names them for this user.
    pairs = (
        selectors.pairs_visible_to(request.user)
        .filter(Q(need_enterprise=enterprise) | Q(offer_enterprise=enterprise))
        .order_by("-session__held_on", "-score", "pk")[:20]
    )
    return {
        "profile": selectors.profile_of(enterprise),
        "pairs": list(pairs),
        "can_edit": request.user.has_perm("matching.change_supplydemandprofile"),
    }


def panels_register() -> None:
    panel_register(
        Panel(
            model="registry.Enterprise",
            name="matching",
            template="matching/_enterprise_panel.html",
            title=_("供需对接"),
            context=_matching,
            permission="matching.view_supplydemandprofile",
            order=50,
        )
    )
