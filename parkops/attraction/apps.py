from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttractionConfig(AppConfig):
    name = "parkops.attraction"
    label = "attraction"
    verbose_name = _("联合招商")

    def ready(self) -> None:
        from parkops.attraction.panels import panels_register

        panels_register()
