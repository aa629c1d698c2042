from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "parkops.evaluation"
    label = "evaluation"
    verbose_name = _("企业综合评价")

    def ready(self) -> None:
        from parkops.evaluation.panels import panels_register

        panels_register()

        from parkops.evaluation.sentences import sentences_register_evaluation

        sentences_register_evaluation()

        # Registers this app's background-job handlers (parkops.ops.jobs).
        from parkops.evaluation import jobs  # noqa: F401
