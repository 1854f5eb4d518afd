from django.apps import AppConfig


class IndexesConfig(AppConfig):
    name = "thidua.indexes"
    verbose_name = "Chỉ số CCHC (PAR INDEX) và SIPAS"
