from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from parkops.common.tables import FULL_PAGE_LINK
from parkops.core.supply_demand import LEVELS
from parkops.matching.choices import PairDecision, PairOutcome, SessionStatus
from parkops.matching.models import MatchingSession, MatchPair, SupplyDemandProfile
from parkops.web.templatetags.parkops import demo_badge

NUMBER = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}
TABLE = "table table-sm table-hover align-middle"


def pair_reasons(pair: MatchPair) -> str:
    """Why the pair was proposed, in the user's language: the code level, then the keywords."""
    parts = [_g(LEVELS[pair.code_level])] if pair.code_level in LEVELS else []
    parts += [_g("关键词：%(w)s") % {"w": w} for w in pair.shared_keywords]
    return "；".join(parts)


def _badge(choice: Any) -> Any:
    return format_html('<span class="badge text-bg-{}">{}</span>', choice.colour, choice.label)


class ProfileTable(tables.Table):
    enterprise = tables.Column(
        verbose_name=_("企业"),
        order_by=("enterprise__name",),
        linkify=lambda record: record.get_absolute_url(),
        attrs=FULL_PAGE_LINK,
    )
    road = tables.Column(
        verbose_name=_("道路"), accessor="enterprise__road__name", default="—", orderable=False
    )
    offer_codes = tables.Column(verbose_name=_("供给行业代码"), default="—")
    offer_keywords = tables.Column(verbose_name=_("供给关键词"), default="—")
    need_codes = tables.Column(verbose_name=_("需求行业代码"), default="—")
    need_keywords = tables.Column(verbose_name=_("需求关键词"), default="—")
    updated_at = tables.DateColumn(verbose_name=_("更新时间"), format="Y-m-d")

    class Meta:
        model = SupplyDemandProfile
        fields = ("enterprise", "road", "offer_codes", "offer_keywords", "need_codes",
                  "need_keywords", "updated_at")  # fmt: skip
        attrs = {"class": TABLE, "id": "profile-table"}

    def render_enterprise(self, value: Any) -> Any:
        return format_html("{} {}", value.name, demo_badge()) if value.is_demo else value.name


class SessionTable(tables.Table):
    held_on = tables.Column(verbose_name=_("日期"))
    title = tables.Column(
        verbose_name=_("名称"),
        linkify=lambda record: record.get_absolute_url(),
        attrs=FULL_PAGE_LINK,
    )
    kind = tables.Column(verbose_name=_("形式"))
    organiser = tables.Column(verbose_name=_("组织方"))
    status = tables.Column(verbose_name=_("状态"))

    class Meta:
        model = MatchingSession
        fields = ("held_on", "title", "kind", "organiser", "status")
        attrs = {"class": TABLE, "id": "session-table"}

    def render_title(self, value: str, record: MatchingSession) -> Any:
        return format_html("{} {}", value, demo_badge()) if record.is_demo else value

    def render_status(self, record: MatchingSession) -> Any:
        return _badge(SessionStatus(record.status))


class PairTable(tables.Table):
    need_name = tables.Column(verbose_name=_("需求方"), order_by=("need_name",))
    offer_name = tables.Column(verbose_name=_("供给方"), order_by=("offer_name",))
    score = tables.Column(verbose_name=_("匹配分"), attrs=NUMBER)
    reasons = tables.Column(verbose_name=_("推荐理由"), empty_values=(), orderable=False)
    decision = tables.Column(verbose_name=_("采纳"))
    outcome = tables.Column(verbose_name=_("对接结果"))
    amount_wan = tables.Column(verbose_name=_("合作金额（万元）"), attrs=NUMBER, default="—")
    actions = tables.Column(verbose_name="", empty_values=(), orderable=False)

    class Meta:
        attrs = {"class": TABLE, "id": "pair-table"}
        row_attrs = {"id": lambda record: f"pair-{record.pk}"}

    def __init__(self, *args: Any, can_edit: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.can_edit = can_edit

    def render_reasons(self, record: MatchPair) -> str:
        return pair_reasons(record) or "—"

    def render_decision(self, record: MatchPair) -> Any:
        return _badge(PairDecision(record.decision))

    def render_outcome(self, record: MatchPair) -> Any:
        badge = _badge(PairOutcome(record.outcome))
        if record.outcome_reason:
            return format_html(
                '{}<br><small class="text-muted">{}</small>', badge, record.outcome_reason
            )
        return badge

    def render_actions(self, record: MatchPair) -> Any:
        if not self.can_edit:
            return ""
        url = reverse("matching:pair_edit", args=[record.pk])
        return format_html(
            '<a class="btn btn-sm btn-outline-primary" hx-boost="false" href="{}">{}</a>',
            url,
            _("处理"),
        )
