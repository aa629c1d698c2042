from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttractionConfig(AppConfig):
    name = "parkops.attraction"
    label = "attraction"
    verbose_name = _("联合招商")

    def ready(self) -> None:
        from parkops.attraction.commitments import behind_flags
        from parkops.attraction.panels import panels_register
        from parkops.common.records import register_flag_source

        panels_register()
        register_flag_source("attraction-commitments", behind_flags)
