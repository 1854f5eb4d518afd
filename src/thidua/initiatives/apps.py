from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "thidua.initiatives"
    verbose_name = "Sáng kiến"

    def ready(self) -> None:
        # Scoring sits above initiatives and never imports it: initiatives registers its
        # score component in scoring's registry (a plain module without models).
        from .scoring import register_components

        register_components()
