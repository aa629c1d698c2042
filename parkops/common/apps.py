from django.apps import AppConfig


class CommonConfig(AppConfig):
    """The shared kit, installed so that its partial templates (common/…) are found. No models."""

    name = "parkops.common"
    label = "common"
