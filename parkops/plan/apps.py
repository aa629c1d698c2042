from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    name = "parkops.plan"
    label = "plan"
    verbose_name = _("行动方案")

    def ready(self) -> None:
        from parkops.plan.panels import panels_register

        panels_register()
