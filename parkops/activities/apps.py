from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "parkops.activities"
    label = "activities"
    verbose_name = _("企业活动")

    def ready(self) -> None:
        # The enterprise page's "参加的活动" section (parkops.common.panels).
        from parkops.activities.panels import panels_register

        panels_register()
