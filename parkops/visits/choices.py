"""Every kind, tier and state of the visits app, as choices (label and colour)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from parkops.service.choices import Category


class VisitTier(models.TextChoices):
    """Why an enterprise is visited as often as it is; the shortest cycle of its tiers wins."""

    KEY = "key", _("重点企业")
    ABOVE_SCALE = "above_scale", _("规上企业")
    NEW_ARRIVAL = "new_arrival", _("新落户企业（首次走访）")
    CLASS_D = "class_d", _("D类企业")
    BOTTOM_30 = "bottom_30", _("尾部30家")
    OTHER = "other", _("其他企业")


class IntervalUnit(models.TextChoices):
    DAYS = "days", _("天")
    MONTHS = "months", _("个月")


class VisitKind(models.TextChoices):
    ROUTINE = "routine", _("日常走访")
    TARGETED = "targeted", _("专题走访")
    WITH_LEADERS = "leaders", _("领导带队")


class VisitMethod(models.TextChoices):
    ON_SITE = "on_site", _("实地")
    PHONE = "phone", _("电话")
    ONLINE = "online", _("线上")


class DueStatus(models.TextChoices):
    OK = "ok", _("正常")
    DUE = "due", _("本月应访")
    OVERDUE = "overdue", _("逾期未访")

    @property
    def colour(self) -> str:
        return {"ok": "success", "due": "warning", "overdue": "danger"}[self.value]


class QuestionStatus(models.TextChoices):
    OPEN = "open", _("待走访")
    ANSWERED = "answered", _("已答复")


# The request (诉求) categories are the service app's: a visit hands its requests over to it.
RaisedCategory = Category
