from django.db import models
from django.utils.translation import gettext_lazy as _

from parkops.core import figures


class KeyIndustry(models.TextChoices):
    BIOMEDICINE = "biomedicine", _("生物医药")
    INTELLIGENT_MANUFACTURING = "intelligent_mfg", _("智能制造")
    NEW_MATERIALS = "new_materials", _("新材料")
    OTHER = "other", _("其他")


class Cluster(models.TextChoices):
    INNOVATIVE_DRUG_VALLEY = "drug_valley", _("创新药谷")
    URBAN_BEAUTY = "urban_beauty", _("城市美装")


class EnterpriseStatus(models.TextChoices):
    OPERATING = "operating", _("在营")
    CLOSED = "closed", _("已关停")
    MOVED_OUT = "moved_out", _("已迁出")


class DesignationKind(models.TextChoices):
    SRDI = "srdi", _("专精特新中小企业")
    LITTLE_GIANT = "little_giant", _("专精特新“小巨人”企业")
    SINGLE_CHAMPION = "single_champion", _("制造业单项冠军企业")


class DesignationLevel(models.TextChoices):
    NATIONAL = "national", _("国家级")
    MUNICIPAL = "municipal", _("市级")
    DISTRICT = "district", _("区级")


class LandBasis(models.TextChoices):
    OWNED = figures.LandBasis.OWNED.value, _("自有土地")
    RENTED = figures.LandBasis.RENTED.value, _("租赁厂房（按建筑面积折算）")


class DataSource(models.TextChoices):
    MANUAL = "manual", _("手工录入")
    IMPORT = "import", _("导入")
    DEMO = "demo", _("演示数据")
