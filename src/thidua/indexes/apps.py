from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class IndexesConfig(AppConfig):
    name = "thidua.indexes"
    verbose_name = "Chỉ số CCHC (PAR INDEX) và SIPAS"

    def ready(self) -> None:
        from . import sipas

        # The survey pages keep these rows in memory (sipas.remembered): any change
        # tells every process to read them again.
        for model in sipas.CONFIG_MODELS:
            post_save.connect(sipas.config_changed, sender=model, dispatch_uid=f"sipas-{model}")
            post_delete.connect(
                sipas.config_changed, sender=model, dispatch_uid=f"sipas-del-{model}"
            )
