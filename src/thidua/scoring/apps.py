from django.apps import AppConfig


class ScoringConfig(AppConfig):
    name = "thidua.scoring"
    verbose_name = "Bảng điểm và xếp hạng"

    def ready(self) -> None:
        from .task_components import register_task_components

        register_task_components()
