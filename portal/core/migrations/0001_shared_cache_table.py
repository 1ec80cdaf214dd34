"""Create the database table of the `shared` cache, so `migrate` is the only set-up step.

(Formerly home's 0002: `createcachetable` skips a table that exists, so a database that ran it
there runs this as a no-op.)"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
