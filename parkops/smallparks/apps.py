from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SmallParksConfig(AppConfig):
    name = "parkops.smallparks"
    label = "smallparks"
    verbose_name = _("小园区厂房与评定")

    def ready(self) -> None:
        from parkops.smallparks.panels import panels_register

        panels_register()

        from parkops.smallparks.sentences import sentences_register_smallparks

        sentences_register_smallparks()

        # Registers this app's background-job handlers (parkops.ops.jobs).
        from parkops.smallparks import jobs  # noqa: F401
