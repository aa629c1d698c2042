from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "parkops.registry"
    label = "registry"
    verbose_name = _("企业与土地台账")
