from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BriefingsConfig(AppConfig):
    name = "parkops.briefings"
    label = "briefings"
    verbose_name = _("简报与总结")
