from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "parkops.imports"
    label = "imports"
    verbose_name = _("Excel 导入导出")

    def ready(self) -> None:
        # Registers this app's background-job handlers (parkops.ops.jobs).
        from parkops.imports import jobs  # noqa: F401
