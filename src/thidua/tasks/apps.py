from django.apps import AppConfig
from django.db.models.signals import post_save


class TasksConfig(AppConfig):
    name = "thidua.tasks"
    verbose_name = "Nhiệm vụ CCHC"

    def ready(self) -> None:
        from thidua.orgs.models import Organisation

        post_save.connect(_seed_new_organisation, sender=Organisation, dispatch_uid="tasks-seed")


def _seed_new_organisation(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """A new ward starts with the announced calendar and the default quality scale.

    orgs sits below tasks, so tasks listens to orgs' signal instead of orgs calling it.
    """
    if created and not raw:
        from .calendar import seed_organisation

        seed_organisation(instance)
