from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "parkops.imports"
    label = "imports"
    verbose_name = _("Excel 导入导出")

    def ready(self) -> None:
        from parkops.imports.panels import panels_register

        panels_register()
