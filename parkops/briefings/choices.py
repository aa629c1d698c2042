from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# Who issues the park's briefings and its review (the plan's own office).
ISSUER = "漕泾工业园区管理办公室"
MISSING = "暂无数据"  # what the documents print where the data has no figure


class DocumentKind(models.TextChoices):
    BRIEFING = "briefing", _("工作简报")
    REVIEW = "review", _("三年行动方案实施情况总结")
