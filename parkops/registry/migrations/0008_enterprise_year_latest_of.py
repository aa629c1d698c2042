from typing import Any

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Exists, F, OuterRef


def mark_latest(apps: Any, schema_editor: Any) -> None:
    """Mark each enterprise's newest year (as registry.models.latest_years_mark does)."""
    EnterpriseYear = apps.get_model("registry", "EnterpriseYear")
    newer = EnterpriseYear.objects.filter(
        enterprise=OuterRef("enterprise"), year__gt=OuterRef("year")
    )
    EnterpriseYear.objects.order_by().filter(~Exists(newer)).update(latest_of=F("enterprise"))


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0007_home_page_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="enterpriseyear",
            name="latest_of",
            field=models.OneToOneField(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="latest_year_row",
                to="registry.enterprise",
                verbose_name="最近年度",
            ),
        ),
        migrations.RunPython(mark_latest, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="enterpriseyear",
            index=models.Index(
                condition=models.Q(("latest_of__isnull", False)),
                fields=["latest_of"],
                include=("year", "revenue", "is_above_scale"),
                name="enterprise_year_latest",
            ),
        ),
    ]
