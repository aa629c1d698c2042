from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExecutionConfig(AppConfig):
    name = "parkops.execution"
    label = "execution"
    verbose_name = _("项目与清单推进")
