"""The words of the cockpit's tile cards: each indicator's definition, formula and source.

The arithmetic itself lives in parkops.core.indicators and the indicators app; these texts only
say, in the plan's words, what it computes, so that a leader can read a tile's card.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from parkops.indicators.choices import Computation, SourceKind
from parkops.indicators.presenters import counting_rule_text


def definition(computation: str) -> str:
    return {
        Computation.ABOVE_SCALE_OUTPUT_GROWTH: _(
            "园区内规模以上工业企业本年工业总产值比上年增长的百分比（可比口径）。"
        ),
        Computation.NEW_ABOVE_SCALE: _("本年新纳入规模以上统计的工业企业家数。"),
        Computation.OUTPUT_PER_MU_GROWTH: _("园区工业企业每亩用地产值比上年增长的百分比。"),
        Computation.TAX_PER_MU_GROWTH: _("园区工业企业每亩用地税收比上年增长的百分比。"),
        Computation.NEW_SRDI: _("本年新获专精特新认定的企业家数。"),
        Computation.TECH_PROJECTS: _("本年新开工的技术改造项目个数。"),
        Computation.LAND_VACATED: _("本年完成腾退的低效用地面积（亩）。"),
        Computation.LAND_UPGRADED: _("本年完成提升的低效用地面积（亩）。"),
    }.get(Computation(computation), "")


def formula(computation: str) -> str:
    text = {
        Computation.ABOVE_SCALE_OUTPUT_GROWTH: _(
            "（本年与上年均有数据的规上企业本年产值合计 ÷ 其上年产值合计 − 1）× 100%"
        ),
        Computation.NEW_ABOVE_SCALE: _("本年规上、上年规下（或上年末未投产）的企业计数"),
        Computation.OUTPUT_PER_MU_GROWTH: _(
            "（本年产值合计 ÷ 本年用地亩数）÷（上年产值合计 ÷ 上年用地亩数）− 1；"
            "租用厂房按建筑面积折算亩数"
        ),
        Computation.TAX_PER_MU_GROWTH: _(
            "（本年税收合计 ÷ 本年用地亩数）÷（上年税收合计 ÷ 上年用地亩数）− 1；"
            "租用厂房按建筑面积折算亩数"
        ),
        Computation.NEW_SRDI: _("本年认定、认定前一天无有效认定的企业计数"),
        Computation.TECH_PROJECTS: _("技改清单中本年开工的条目计数"),
        Computation.LAND_VACATED: _("本年完成的腾退行动面积合计"),
        Computation.LAND_UPGRADED: _("本年完成的提升行动面积合计"),
    }.get(Computation(computation), "")
    rule = counting_rule_text(computation)
    return f"{text}。{rule}" if rule else f"{text}。"


def source(kind: str) -> str:
    return {
        SourceKind.ENTERPRISE: _("企业年度数据（营业收入、税收、用地，规上标识）"),
        SourceKind.DESIGNATION: _("企业资质认定记录（专精特新）"),
        SourceKind.CULTIVATION: _("培育清单（技改项目）及其开工日期"),
        SourceKind.LAND_ACTION: _("低效用地腾退、提升行动及其完成日期"),
    }.get(SourceKind(kind), "")


def owner() -> str:
    return _("园区办（汇总）")


def unrated() -> str:
    return _("未评定")


def projects() -> str:
    return _("“四早”项目")


def entries() -> str:
    return _("培育清单")


def infrastructure() -> str:
    return _("基础设施")


def inspections() -> str:
    return _("执法检查")


def bulletin() -> str:
    return _("通报超期诉求")
