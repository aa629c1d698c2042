from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "parkops.visits"
    label = "visits"
    verbose_name = _("走访")

    def ready(self) -> None:
        # The road chief's and grid officer's home sections (parkops.common.home's registry) and
        # the enterprise page's policies panel (parkops.common.panels).
        from parkops.visits import home, panels

        home.register()
        panels.panels_register()
