from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "thidua.orgs"
    verbose_name = "Tổ chức và cán bộ"

    def ready(self) -> None:
        from thidua.core.querysets import register_scope_function

        from . import signals  # noqa: F401 - connects the login/logout audit receivers
        from .scope import organisation_ids_visible_to

        register_scope_function(organisation_ids_visible_to)
