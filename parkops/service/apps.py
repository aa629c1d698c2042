from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceConfig(AppConfig):
    name = "parkops.service"
    label = "service"
    verbose_name = _("企业服务")

    def ready(self) -> None:
        # A department's home section (parkops.common.home) and the enterprise page's panel of
        # its requests (parkops.common.panels); neither page imports this app.
        from parkops.service import home, panels

        home.register()
        panels.panels_register()
