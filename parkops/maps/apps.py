from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MapsConfig(AppConfig):
    name = "parkops.maps"
    label = "maps"
    verbose_name = _("园区地图")

    def ready(self) -> None:
        # The plot and small-park pages' map panel (parkops.common.panels).
        from parkops.maps.panels import panels_register

        panels_register()
