from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BriefingsConfig(AppConfig):
    name = "parkops.briefings"
    label = "briefings"
    verbose_name = _("简报与总结")

    def ready(self) -> None:
        # Registers this app's background-job handler (parkops.ops.jobs).
        from parkops.briefings import jobs  # noqa: F401
