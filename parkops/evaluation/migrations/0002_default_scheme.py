"""The default evaluation scheme exists from the first migration on, so that no page or API read
has to create it (a GET never writes)."""

from typing import Any

from django.db import migrations

from parkops.core.evaluation.default import DEFAULT_SCHEME_NAME, default_definition


def create_default_scheme(apps: Any, schema_editor: Any) -> None:
    Scheme = apps.get_model("evaluation", "Scheme")
    SchemeVersion = apps.get_model("evaluation", "SchemeVersion")
    scheme, _created = Scheme.objects.get_or_create(
        name=DEFAULT_SCHEME_NAME,
        defaults={"description": "依据公开的浙江县级亩均效益评价做法拟定，待录入区级手册。"},
    )
    if not SchemeVersion.objects.filter(scheme=scheme).exists():
        SchemeVersion.objects.create(
            scheme=scheme, number=1, definition=default_definition(), is_provisional=True
        )


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial")]

    operations = [migrations.RunPython(create_default_scheme, migrations.RunPython.noop)]
