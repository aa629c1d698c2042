from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "parkops.enforcement"
    label = "enforcement"
    verbose_name = _("联合执法")

    def ready(self) -> None:
        # The evaluation's vetoes and the small-park rating read this record through the
        # registry in parkops/common/records.py; neither imports this app.
        from parkops.common.records import register_veto_source, register_violation_source
        from parkops.enforcement.feeds import veto_events, violation_counts
        from parkops.enforcement.panels import panels_register

        register_veto_source("enforcement", veto_events)
        register_violation_source("enforcement", violation_counts)
        panels_register()
