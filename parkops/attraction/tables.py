from __future__ import annotations

from decimal import Decimal

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from parkops.attraction.choices import CommitmentFigure, CommitmentStatus, Stage
from parkops.attraction.commitments import CommitmentRow
from parkops.attraction.models import Lead
from parkops.attraction.selectors import is_stale
from parkops.common.tables import FULL_PAGE_LINK

ATTRS = {"class": "table table-sm table-hover align-middle"}
RIGHT = {"td": {"class": "text-end"}}


class LeadTable(tables.Table):
    company_name = tables.Column(verbose_name=_("企业（项目）"), linkify=True, attrs=FULL_PAGE_LINK)
    stage = tables.Column(verbose_name=_("阶段"))
    owner_park = tables.Column(verbose_name=_("负责"), empty_values=())
    investment_wan = tables.Column(verbose_name=_("计划投资（万元）"))
    tax_wan = tables.Column(verbose_name=_("达产税收（万元）"))
    next_action_on = tables.Column(verbose_name=_("下一步日期"))
    next_action = tables.Column(verbose_name=_("下一步工作"), orderable=False)
    flag = tables.Column(verbose_name=_("提示"), empty_values=(), orderable=False)

    class Meta:
        model = Lead
        fields = ("company_name", "stage", "owner_park", "investment_wan", "tax_wan",
                  "next_action_on", "next_action")  # fmt: skip
        sequence = ("company_name", "stage", "owner_park", "investment_wan", "tax_wan",
                    "next_action_on", "next_action", "flag")  # fmt: skip
        order_by = ("next_action_on",)
        attrs = {**ATTRS, "id": "lead-table"}

    def render_stage(self, record: Lead) -> SafeString:
        stage = Stage(record.stage)
        return format_html('<span class="badge {}">{}</span>', stage.colour.css, stage.label)

    def render_owner_park(self, record: Lead) -> str:
        if not record.owner_park_id:
            return str(_("园区办"))
        return str(record.owner_park or _("其他小园区"))

    def render_flag(self, record: Lead) -> SafeString | str:
        if record.is_lost:
            return format_html('<span class="badge text-bg-secondary">{}</span>', _("已流失"))
        if is_stale(record):
            return format_html('<span class="badge text-bg-warning">{}</span>', _("久未跟进"))
        return ""


class CommitmentTable(tables.Table):
    """The 履约 list: one row per committed figure of a due year (rows computed in Python)."""

    company = tables.Column(
        verbose_name=_("企业（项目）"), accessor="lead__company_name", attrs=FULL_PAGE_LINK,
        linkify=lambda record: record.lead.get_absolute_url(),
    )  # fmt: skip
    owner = tables.Column(verbose_name=_("负责"), empty_values=(), orderable=False)
    year = tables.Column(verbose_name=_("年度"), accessor="check__year")
    figure = tables.Column(verbose_name=_("指标"), orderable=False)
    committed = tables.Column(verbose_name=_("承诺"), accessor="check__committed", attrs=RIGHT)
    actual = tables.Column(
        verbose_name=_("实际"), accessor="check__actual", attrs=RIGHT, default="—"
    )
    pct = tables.Column(
        verbose_name=_("完成（%）"), accessor="check__pct", attrs=RIGHT, default="—"
    )
    status = tables.Column(verbose_name=_("履约情况"), orderable=False)

    class Meta:
        attrs = {**ATTRS, "id": "commitment-table"}

    def render_owner(self, record: CommitmentRow) -> str:
        return _owner_label(record.lead)

    def render_figure(self, value: CommitmentFigure) -> str:
        return str(value.label)

    def render_status(self, value: CommitmentStatus) -> SafeString:
        return format_html('<span class="badge {}">{}</span>', value.colour.css, value.label)


def _owner_label(lead: Lead) -> str:
    if not lead.owner_park_id:
        return str(_("园区办"))
    return str(lead.owner_park or _("其他小园区"))


class IncentiveTable(tables.Table):
    """The incentive ledger's entries: one per lead, kind and year."""

    year = tables.Column(verbose_name=_("年度"))
    small_park = tables.Column(verbose_name=_("小园区"), accessor="small_park__name")
    lead = tables.Column(
        verbose_name=_("企业（项目）"), accessor="lead__company_name", attrs=FULL_PAGE_LINK,
        linkify=lambda record: record.lead.get_absolute_url(),
    )  # fmt: skip
    kind = tables.Column(verbose_name=_("奖励类别"))
    basis_wan = tables.Column(verbose_name=_("计奖税收（万元）"), attrs=RIGHT, default="—")
    amount_wan = tables.Column(verbose_name=_("奖励金额（万元）"), attrs=RIGHT)
    evidence = tables.Column(verbose_name=_("计算依据"), orderable=False)
    rule_set = tables.Column(
        verbose_name=_("规则版本"), accessor="rule_set__version", orderable=False
    )

    class Meta:
        attrs = {**ATTRS, "id": "incentive-table"}
        order_by = ("-year",)


class IncentiveTotalTable(tables.Table):
    """Per small park and year (rows of `selectors.incentive_totals`); not paginated."""

    year = tables.Column(verbose_name=_("年度"), orderable=False)
    small_park = tables.Column(
        verbose_name=_("小园区"), accessor="small_park__name", orderable=False
    )
    landed = tables.Column(verbose_name=_("落地项目（个）"), attrs=RIGHT, orderable=False)
    landed_wan = tables.Column(verbose_name=_("落地奖励（万元）"), attrs=RIGHT, orderable=False)
    tax_wan = tables.Column(verbose_name=_("税收奖励（万元）"), attrs=RIGHT, orderable=False)
    total_wan = tables.Column(verbose_name=_("合计（万元）"), attrs=RIGHT, orderable=False)

    class Meta:
        attrs = {**ATTRS, "id": "incentive-totals"}

    # Sums come back from SQLite without their places: shown as money, two places.
    def render_landed_wan(self, value: Decimal) -> str:
        return f"{value:.2f}"

    def render_tax_wan(self, value: Decimal) -> str:
        return f"{value:.2f}"

    def render_total_wan(self, value: Decimal) -> str:
        return f"{value:.2f}"
