from django.apps import AppConfig


class RegulationsConfig(AppConfig):
    name = "thidua.regulations"
    verbose_name = "Quy định pháp luật về thi đua, khen thưởng"
