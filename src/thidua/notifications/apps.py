from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "thidua.notifications"
    verbose_name = "Thông báo"
