"""PostgreSQL's ICU collation for names in pinyin order (parkops.common.collation).

A server built with ICU has "zh-x-icu" from initdb; one whose catalog lacks it gets it here.
SQLite registers a collation of the same name on each connection instead.
"""

from django.db import migrations

SQL = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'zh-x-icu') THEN
        CREATE COLLATION "zh-x-icu" (provider = icu, locale = 'zh');
    END IF;
END
$$;
"""


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SQL)


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_grids")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop, elidable=False)]
