"""The lost-lead reasons and the default admission rule set, labelled as a default."""

from django.db import migrations

from parkops.attraction.defaults import defaults_load


def forwards(apps, schema_editor):
    defaults_load(
        apps.get_model("attraction", "LostReason"), apps.get_model("attraction", "AdmissionRuleSet")
    )


class Migration(migrations.Migration):
    dependencies = [("attraction", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
