from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CommonConfig(AppConfig):
    """The shared kit, installed so that its partial templates (common/…) are found. No models."""

    name = "parkops.common"
    label = "common"

    def ready(self) -> None:
        from parkops.common.collation import register_on_sqlite

        connection_created.connect(register_on_sqlite, dispatch_uid="parkops-pinyin-collation")
