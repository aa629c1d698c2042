from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "parkops.indicators"
    label = "indicators"
    verbose_name = _("主要指标")
