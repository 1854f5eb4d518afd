from django.apps import AppConfig


class NominationsConfig(AppConfig):
    name = "thidua.nominations"
    verbose_name = "Đề nghị khen thưởng"

    def ready(self) -> None:
        # Scoring never imports nominations: the holds this app's records carry are
        # handed to scoring's registry, so the ranking puts held subjects last.
        from thidua.scoring.registry import register_hold

        from .holds import conduct_holds

        register_hold("nominations.conduct", conduct_holds)
