"""Give the organisations that exist before this app was installed what a new one gets
from the post_save signal: the PAR fields, the announced calendar years and the default
quality scale. New organisations are seeded by ``TasksConfig``'s signal receiver."""

from django.db import migrations


def seed(apps, schema_editor):
    from thidua.tasks.calendar import DEFAULT_QUALITY_SCALE
    from thidua.tasks.fields import PAR_FIELDS
    from thidua.vn.holidays import ANNOUNCED

    Organisation = apps.get_model("orgs", "Organisation")
    ParField = apps.get_model("tasks", "ParField")
    QualityLevel = apps.get_model("tasks", "QualityLevel")
    WorkCalendarYear = apps.get_model("tasks", "WorkCalendarYear")
    for position, (code, name, aliases) in enumerate(PAR_FIELDS):
        ParField.objects.get_or_create(
            code=code, defaults={"name": name, "aliases": aliases, "position": position}
        )
    for organisation in Organisation.objects.all():
        for year, adjustment in ANNOUNCED.items():
            WorkCalendarYear.objects.get_or_create(
                organisation=organisation,
                year=year,
                defaults={
                    "extra_days_off": sorted(d.isoformat() for d in adjustment.extra_days_off),
                    "make_up_working_days": sorted(
                        d.isoformat() for d in adjustment.make_up_working_days
                    ),
                    "source": adjustment.source[:300],
                },
            )
        if not QualityLevel.objects.filter(organisation=organisation).exists():
            for i, (name, points) in enumerate(DEFAULT_QUALITY_SCALE):
                QualityLevel.objects.create(
                    organisation=organisation, name=name, points=points, position=i
                )


class Migration(migrations.Migration):
    dependencies = [("tasks", "0001_initial"), ("orgs", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
