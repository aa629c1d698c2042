from typing import Any

from django.db import migrations, models
from django.db.models import Exists, OuterRef


def mark_latest(apps: Any, schema_editor: Any) -> None:
    """Flag each enterprise's newest year (as registry.models.latest_years_mark does)."""
    EnterpriseYear = apps.get_model("registry", "EnterpriseYear")
    newer = EnterpriseYear.objects.filter(
        enterprise=OuterRef("enterprise"), year__gt=OuterRef("year")
    )
    EnterpriseYear.objects.order_by().filter(~Exists(newer)).update(is_latest=True)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0006_enterprise_name_pinyin_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="enterpriseyear",
            name="is_latest",
            field=models.BooleanField(default=False, editable=False, verbose_name="最近年度"),
        ),
        migrations.RunPython(mark_latest, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="enterpriseyear",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_latest", True)),
                fields=("enterprise",),
                name="enterprise_year_one_latest",
            ),
        ),
    ]
