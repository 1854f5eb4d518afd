"""``thidua synth``: deterministic synthetic wards for benchmarks (city or country scale)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from thidua.demo.synth import SynthSize, synthesise

PRESETS = {"city": 126, "country": 3321}


class Command(BaseCommand):
    help = "Sinh dữ liệu tổng hợp (xác định, chạy lại không trùng) cho đo hiệu năng."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--scale", choices=sorted(PRESETS), help="city = 126 phường, country = 3.321 xã"
        )
        parser.add_argument("--wards", type=int, help="số phường (thay cho --scale)")
        parser.add_argument("--people", type=int, default=40, help="số cán bộ mỗi phường")
        parser.add_argument("--prefix", default="synth")

    def handle(self, *args, scale=None, wards=None, people=40, prefix="synth", **options) -> None:
        count = wards or PRESETS.get(scale or "city")
        size = SynthSize(
            wards=count, people_per_ward=people, prefix=prefix, city_code=f"{prefix}-city"
        )

        def progress(index: int) -> None:
            if index % 50 == 0 or index == count:
                self.stdout.write(f"  {index}/{count} phường")

        created = synthesise(size, progress)
        self.stdout.write(self.style.SUCCESS(f"Đã tạo {created} phường mới ({count} tất cả)."))
