from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanSource(models.TextChoices):
    """The parts of the plan a fact can come from, in the plan's own titles."""

    TEXT = "text", _("正文")
    FOOTNOTE_1 = "footnote1", _("脚注 1 小园区名单")
    TABLE_1 = "table1", _("表 1 主要指标")
    ANNEX_1 = "annex1", _("附件 1 “四早”项目推进落实反馈推进表")
    ANNEX_2_ABOVE_SCALE = "annex2_above_scale", _("附件 2 新增规上企业计划清单")
    ANNEX_2_SRDI = "annex2_srdi", _("附件 2 新增专精特新企业计划清单")
    ANNEX_2_TECH = "annex2_tech", _("附件 2 技改企业计划清单")
    ANNEX_3_PLOTS = "annex3_plots", _("附件 3 低效地块盘活计划清单")
    ANNEX_3_VACATE = "annex3_vacate", _("附件 3 低效腾退企业计划清单")
    ANNEX_3_UPGRADE = "annex3_upgrade", _("附件 3 低效提升企业计划清单")
    ANNEX_4 = "annex4", _("附件 4 基础设施建设计划清单")


# How each fact of a plan row is labelled on the pages.
FACT_LABELS = {
    "area_mu": _("占地面积（亩）"),
    "planned_year": _("计划时间"),
    "method": _("方式或方案"),
    "address": _("地址"),
    "predicted_output_wan": _("预测产值（万元）"),
    "cluster": _("产业集群"),
    "milestone": _("“四早”节点"),
    "project": _("项目名称"),
    "schedule": _("目标分解及节点时间安排"),
    "state": _("推进状态"),
    "progress": _("推进落实情况"),
}
