"""An archived issue: the quarterly briefing or the three-year review, as it was sent out.

Each keeps the .docx that was written and the JSON snapshot it was written from; the document is a
function of the snapshot alone, so the archive can be checked by writing it again. An issue is
never edited: a corrected briefing is the next issue.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkops.briefings.choices import DocumentKind
from parkops.visits.storage import PrivateStorage


class Briefing(models.Model):
    kind = models.CharField(_("类别"), max_length=10, choices=DocumentKind.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    number = models.PositiveSmallIntegerField(_("期号"), null=True, blank=True)
    quarter = models.PositiveSmallIntegerField(_("季度"), null=True, blank=True)
    title = models.CharField(_("标题"), max_length=200)
    next_steps = models.TextField(_("下一步工作"), blank=True)
    snapshot = models.JSONField(_("数据快照"), editable=False)
    file = models.FileField(_("文件"), storage=PrivateStorage(), upload_to="briefings/%Y/")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("生成人"),
    )
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("简报与总结")
        verbose_name_plural = _("简报与总结")
        ordering = ["-year", "-number", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "number"],
                condition=Q(kind=DocumentKind.BRIEFING),
                name="briefing_number_unique_per_year",
                violation_error_message=_("该年度已有此期号的工作简报"),
            ),
            models.CheckConstraint(
                condition=~Q(kind=DocumentKind.BRIEFING)
                | (Q(number__gte=1) & Q(quarter__gte=1) & Q(quarter__lte=4)),
                name="briefing_has_number_and_quarter",
                violation_error_message=_("工作简报须有期号和季度"),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("briefings:briefing_download", args=[self.pk])
