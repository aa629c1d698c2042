from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkops.common.models import TimeStamped


class ApiToken(models.Model):
    """A bearer token for the JSON API; the key itself is shown once and never stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("用户"),
    )
    name = models.CharField(_("用途"), max_length=100)
    prefix = models.CharField(_("前缀"), max_length=8)
    digest = models.CharField(_("摘要"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Department(TimeStamped):
    """A government department (职能部门) whose staff handle the requests assigned to it."""

    name = models.CharField(_("部门名称"), max_length=100, unique=True)
    code = models.SlugField(_("简码"), max_length=30, unique=True, help_text=_("英文短码，如 eco"))
    short_name = models.CharField(_("简称"), max_length=20, blank=True)
    is_active = models.BooleanField(_("在用"), default=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="departments",
        verbose_name=_("成员"),
        help_text=_("该部门中办理诉求的用户"),
    )
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        verbose_name = _("职能部门")
        verbose_name_plural = _("职能部门")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name
