"""The lead list as .xlsx: the same filtered rows as the page."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from parkops.attraction.commitments import CommitmentRow
from parkops.attraction.models import Lead
from parkops.common.xlsx import ExportColumn, xlsx_file


def _owner(lead: Lead) -> str:
    if not lead.owner_park_id:
        return _("园区办")
    return str(lead.owner_park or _("其他小园区"))


def leads_xlsx(leads: Iterable[Lead]) -> bytes:
    columns = [
        ExportColumn(_("企业（项目）名称"), "company_name", 30),
        ExportColumn(_("统一社会信用代码"), "uscc", 22),
        ExportColumn(_("招商类型"), lambda r: r.get_pipeline_type_display()),
        ExportColumn(_("阶段"), lambda r: r.get_stage_display()),
        ExportColumn(_("负责"), _owner),
        ExportColumn(_("行业代码"), "industry_code"),
        ExportColumn(_("计划固定资产投资（万元）"), "investment_wan"),
        ExportColumn(_("达产年产值（万元）"), "output_wan"),
        ExportColumn(_("达产年税收（万元）"), "tax_wan"),
        ExportColumn(_("用地需求（亩）"), "land_mu"),
        ExportColumn(_("厂房面积需求（㎡）"), "floor_m2"),
        ExportColumn(_("下一步工作"), "next_action", 30),
        ExportColumn(_("下一步日期"), "next_action_on"),
        ExportColumn(_("流失原因"), lambda r: str(r.lost_reason or "")),
        ExportColumn(_("演示数据"), "is_demo"),
    ]
    return xlsx_file(columns=columns, records=leads, sheet=_("招商线索"))


def commitments_xlsx(rows: Iterable[CommitmentRow]) -> bytes:
    columns = [
        ExportColumn(_("企业（项目）名称"), lambda r: r.lead.company_name, 30),
        ExportColumn(_("负责"), lambda r: _owner(r.lead)),
        ExportColumn(_("年度"), lambda r: r.check.year),
        ExportColumn(_("指标"), lambda r: str(r.figure.label), 24),
        ExportColumn(_("承诺"), lambda r: r.check.committed),
        ExportColumn(_("实际"), lambda r: r.check.actual),
        ExportColumn(_("完成（%）"), lambda r: r.check.pct),
        ExportColumn(_("履约情况"), lambda r: str(r.status.label)),
        ExportColumn(_("演示数据"), lambda r: r.lead.is_demo),
    ]
    return xlsx_file(columns=columns, records=rows, sheet=_("履约情况"))


def incentive_columns() -> list[ExportColumn]:
    return [
        ExportColumn(_("年度"), "year"),
        ExportColumn(_("小园区"), "small_park.name", 20),
        ExportColumn(_("企业（项目）名称"), "lead.company_name", 30),
        ExportColumn(_("奖励类别"), lambda r: r.get_kind_display(), 16),
        ExportColumn(_("计奖税收（万元）"), "basis_wan"),
        ExportColumn(_("奖励金额（万元）"), "amount_wan"),
        ExportColumn(_("计算依据"), "evidence", 50),
        ExportColumn(_("规则版本"), "rule_set.version", 22),
        ExportColumn(_("演示数据"), "lead.is_demo"),
    ]


def incentive_totals_xlsx(rows: Iterable[dict[str, Any]]) -> bytes:
    columns = [
        ExportColumn(_("年度"), lambda r: r["year"]),
        ExportColumn(_("小园区"), lambda r: r["small_park__name"], 20),
        ExportColumn(_("落地项目（个）"), lambda r: r["landed"]),
        ExportColumn(_("落地奖励（万元）"), lambda r: r["landed_wan"]),
        ExportColumn(_("税收奖励（万元）"), lambda r: r["tax_wan"]),
        ExportColumn(_("合计（万元）"), lambda r: r["total_wan"]),
    ]
    return xlsx_file(columns=columns, records=rows, sheet=_("奖励汇总"))
