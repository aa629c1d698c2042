from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "parkops.accounts"
    label = "accounts"
    verbose_name = _("账号与角色")

    def ready(self) -> None:
        # Permissions exist only once their apps have migrated, so the role groups get their
        # rights after every migrate: later models join the roles without a hand-written step.
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="parkops-sync-roles")


def _sync_roles(sender: AppConfig, using: str = "default", **kwargs: object) -> None:
    from parkops.accounts.services import role_permissions_sync

    role_permissions_sync(using=using)
