from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    ENTERPRISES = "enterprises", _("企业名录")
    FIGURES = "figures", _("企业年度数据")
    SMALL_PARKS = "small_parks", _("小园区")
    PLOTS = "plots", _("地块")


class BatchStatus(models.TextChoices):
    PENDING = "pending", _("待确认")
    APPLIED = "applied", _("已导入")
    UNDONE = "undone", _("已撤销")
    REJECTED = "rejected", _("有错误，未导入")
