from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LandConfig(AppConfig):
    name = "parkops.land"
    label = "land"
    verbose_name = _("低效用地与三个一批")

    def ready(self) -> None:
        from parkops.land.panels import panels_register

        panels_register()
