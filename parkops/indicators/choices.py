from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from parkops.common.choices import Colour, ColouredChoices, nonmember
from parkops.core.indicators import Tier


class TierChoice(ColouredChoices):
    """The tier an actual reached: the same colour on the page, in the charts and the export."""

    BELOW_FLOOR = Tier.BELOW_FLOOR.value, _("未达保底")
    FLOOR = Tier.FLOOR.value, _("达保底")
    COMMITTED = Tier.COMMITTED.value, _("达确保")
    STRETCH = Tier.STRETCH.value, _("达贡献")

    colours = nonmember(
        {Tier.BELOW_FLOOR.value: Colour.RED, Tier.FLOOR.value: Colour.ORANGE,
         Tier.COMMITTED.value: Colour.BLUE, Tier.STRETCH.value: Colour.GREEN}
    )  # fmt: skip


class Computation(models.TextChoices):
    """How each of Table 1's indicators is computed from the data."""

    ABOVE_SCALE_OUTPUT_GROWTH = "above_scale_output_growth", _("规上工业产值增长率（可比口径）")
    NEW_ABOVE_SCALE = "new_above_scale", _("新增规上企业数")
    OUTPUT_PER_MU_GROWTH = "output_per_mu_growth", _("单位土地产出增长率")
    TAX_PER_MU_GROWTH = "tax_per_mu_growth", _("单位土地税收增长率")
    NEW_SRDI = "new_srdi", _("新增专精特新认定数")
    TECH_PROJECTS = "tech_projects", _("新开工技改项目数")
    LAND_VACATED = "land_vacated", _("腾退完成面积")
    LAND_UPGRADED = "land_upgraded", _("提升完成面积")


class ForecastMethod(models.TextChoices):
    """How the current year's forecast range is made; the label says so on the page."""

    PIPELINE = (
        "pipeline",
        _(
            "预测区间：下限为本年已完成数；上限加上各清单中计划本年完成而尚未完成的条目"
            "（腾退、提升按计划面积）。"
        ),
    )
    TREND = "trend", _("预测区间：本年年度数据尚未报送，取前两年实际增速的区间。")
    ACTUAL = "actual", _("本年年度数据已报送，预测即实际值。")


class SourceKind(models.TextChoices):
    """The records a computed actual counts: its cell's page lists them."""

    ENTERPRISE = "enterprise", _("企业")
    DESIGNATION = "designation", _("专精特新认定")
    CULTIVATION = "cultivation", _("培育清单条目")
    LAND_ACTION = "land_action", _("低效用地行动")


class BasisKey(models.TextChoices):
    """The totals a growth rate is computed from (Actual.basis)."""

    CURRENT = "current", _("本年")
    PREVIOUS = "previous", _("上年")
    PLAIN_CURRENT = "plain_current", _("全部规上企业总额（本年）")
    PLAIN_PREVIOUS = "plain_previous", _("全部规上企业总额（上年）")


# Table 1's indicators by number, and how each is computed.
COMPUTATION_OF = {
    1: Computation.ABOVE_SCALE_OUTPUT_GROWTH,
    2: Computation.NEW_ABOVE_SCALE,
    3: Computation.OUTPUT_PER_MU_GROWTH,
    4: Computation.TAX_PER_MU_GROWTH,
    5: Computation.NEW_SRDI,
    6: Computation.TECH_PROJECTS,
    7: Computation.LAND_VACATED,
    8: Computation.LAND_UPGRADED,
}


# Table 1's own words, stored as the plan writes them; listed here so that the English catalogue
# carries them and the pages can show them translated ({% translate indicator.name %}).
PLAN_WORDS = (
    gettext_noop("规模总量"),
    gettext_noop("经济密度"),
    gettext_noop("创新浓度"),
    gettext_noop("要素投入"),
    gettext_noop("规模以上工业产值增长率"),
    gettext_noop("新增规模以上工业企业数量"),
    gettext_noop("工业园区单位土地产出增长率"),
    gettext_noop("工业园区单位土地税收增长率"),
    gettext_noop("新增专精特新企业"),
    gettext_noop("新增技术改造项目"),
    gettext_noop("腾退低效用地"),
    gettext_noop("提升低效用地"),
    gettext_noop("家"),
    gettext_noop("个"),
    gettext_noop("亩"),
)
