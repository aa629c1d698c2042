from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "parkops.matching"
    label = "matching"
    verbose_name = _("供需对接")

    def ready(self) -> None:
        # The enterprise page's supply–demand panel (parkops.common.panels).
        from parkops.matching.panels import panels_register

        panels_register()
