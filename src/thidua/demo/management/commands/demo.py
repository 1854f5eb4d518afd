"""``thidua demo``: load (or refresh) the demo of phường Mộ Lao, 2023."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from thidua.demo.services import DEMO_ACCOUNTS, load_demo


class Command(BaseCommand):
    help = "Nạp dữ liệu trình diễn phường Mộ Lao năm 2023 (chạy lại không tạo trùng)."

    def handle(self, *args, **options) -> None:
        if settings.PRODUCTION and not settings.DEMO_MODE:
            raise CommandError("Chỉ nạp dữ liệu trình diễn khi THIDUA_DEMO=1.")
        result = load_demo(settings.DEMO_PASSWORD)
        movement = result["movement"]
        self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu trình diễn: {movement}."))
        self.stdout.write("")
        self.stdout.write(f"Tài khoản trình diễn (mật khẩu: {settings.DEMO_PASSWORD}):")
        for username, description in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<13} {description}")
        if not settings.DEMO_MODE:
            self.stdout.write(
                self.style.WARNING(
                    "Lưu ý: mật khẩu trình diễn chỉ dùng được khi đặt THIDUA_DEMO=1 (make demo)."
                )
            )
