from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "parkops.ops"
    label = "ops"
    verbose_name = _("运维与审计")

    def ready(self) -> None:
        # The audit log listens to logins (Django's and django-axes' signals) and to changes of
        # groups and permissions, wherever they are made: pages, the admin, commands.
        from parkops.common.lists import export_deferral_register
        from parkops.ops import exports, receivers

        receivers.connect()
        # Large list exports go on the queue (the list kit on the floor below cannot import us).
        export_deferral_register(exports.export_defer)
