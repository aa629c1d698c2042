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
