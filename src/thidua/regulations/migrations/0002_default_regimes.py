"""Load the default regimes, base salaries and multipliers (see regulations/defaults.py)."""

from django.db import migrations

from thidua.regulations import defaults


def load(apps, schema_editor):
    defaults.load(
        apps.get_model("regulations", "LegalRegime"),
        apps.get_model("regulations", "BaseSalary"),
        apps.get_model("regulations", "Multiplier"),
    )


class Migration(migrations.Migration):
    dependencies = [("regulations", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
