from django.db import models
from django.utils.translation import gettext_lazy as _


class LandActionKind(models.TextChoices):
    """The three lists of 附件 3. VACATE feeds indicator 7, UPGRADE indicator 8."""

    REVITALISE = "revitalise", _("盘活")
    VACATE = "vacate", _("腾退")
    UPGRADE = "upgrade", _("提升")


class LandActionMethod(models.TextChoices):
    """附件 3's 盘活方式 / 提升方案 column, in the plan's words."""

    ACQUISITION = "acquisition", _("收储")
    CO_DEVELOPMENT = "co_development", _("合作开发")
    VACATE = "vacate", _("腾退")
    QUALITY_PROJECT = "quality_project", _("优质项目导入")
    TAX_PER_MU = "tax_per_mu", _("亩均税收提升")
    TECH_UPGRADE = "tech_upgrade", _("技术改造")
    OTHER = "other", _("其他")


# 附件 3 writes these methods; the loader maps them onto LandActionMethod.
PLAN_METHODS = {
    "收储": LandActionMethod.ACQUISITION,
    "合作开发": LandActionMethod.CO_DEVELOPMENT,
    "腾退": LandActionMethod.VACATE,
    "优质项目导入": LandActionMethod.QUALITY_PROJECT,
    "亩均税收提升": LandActionMethod.TAX_PER_MU,
}


class LandActionStatus(models.TextChoices):
    PLANNED = "planned", _("计划")
    IN_PROGRESS = "in_progress", _("推进中")
    COMPLETED = "completed", _("已完成")
    CANCELLED = "cancelled", _("已取消")


class LandFlagKind(models.TextChoices):
    IDLE = "idle", _("闲置低效")
    UNDERDEVELOPED = "underdeveloped", _("开发低效")
    LOW_OUTPUT = "low_output", _("经营低效")


class Batch(models.TextChoices):
    """三个一批."""

    CLOSE = "close", _("关停一批")
    UPGRADE = "upgrade", _("升级一批")
    SUPPORT = "support", _("扶持一批")
