"""``thidua synth``: deterministic synthetic wards for benchmarks (city or country scale).

Each ward gets units, people, a plan and its 2023 movement, then a year of CCHC tasks
with progress reports and evidence files, the PAR INDEX self-assessment with its
appraisal, SIPAS desks and answers, and the award chain (nominations with dossiers, the
council's meeting and vote, the numbered decision). Every count can be set; the defaults
make a ward about the size of Mộ Lao's demo year. At the defaults a ward takes about 1.1 s
on a 2-core machine (SQLite or PostgreSQL): the city 2 min 20 s, the country about an
hour; smaller counts take less.
"""

from __future__ import annotations

import functools

from django.core.management.base import BaseCommand

from thidua.council.synth import add_awards
from thidua.demo.synth import SynthSize, synthesise
from thidua.indexes.synth import add_indexes
from thidua.tasks.synth import add_tasks

PRESETS = {"city": 126, "country": 3321}


class Command(BaseCommand):
    help = "Sinh dữ liệu tổng hợp (xác định, chạy lại không trùng) cho đo hiệu năng."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--scale", choices=sorted(PRESETS), help="city = 126 phường, country = 3.321 xã"
        )
        parser.add_argument("--wards", type=int, help="số phường (thay cho --scale)")
        parser.add_argument("--people", type=int, default=40, help="số cán bộ mỗi phường")
        parser.add_argument("--tasks", type=int, default=60, help="số nhiệm vụ CCHC mỗi phường")
        parser.add_argument(
            "--reports", type=int, default=12, help="số báo cáo tiến độ mỗi nhiệm vụ"
        )
        parser.add_argument(
            "--sipas", type=int, default=300, help="số phiếu khảo sát SIPAS mỗi phường"
        )
        parser.add_argument(
            "--nominations", type=int, default=6, help="số hồ sơ đề nghị khen thưởng mỗi phường"
        )
        parser.add_argument(
            "--no-files",
            action="store_true",
            help="không ghi tệp minh chứng (chỉ dữ liệu trong cơ sở dữ liệu)",
        )
        parser.add_argument("--prefix", default="synth")

    def handle(self, *args, **options) -> None:
        count = options["wards"] or PRESETS[options["scale"] or "city"]
        prefix = options["prefix"]
        size = SynthSize(
            wards=count,
            people_per_ward=options["people"],
            prefix=prefix,
            city_code=f"{prefix}-city",
        )
        hooks = [
            functools.partial(
                add_tasks,
                tasks=options["tasks"],
                reports_per_task=options["reports"],
                evidence=not options["no_files"],
            ),
            functools.partial(
                add_indexes, sipas_answers=options["sipas"], evidence=not options["no_files"]
            ),
            functools.partial(add_awards, nominations=options["nominations"]),
        ]

        def progress(index: int) -> None:
            if index % 50 == 0 or index == count:
                self.stdout.write(f"  {index}/{count} phường")

        created = synthesise(size, progress, hooks)
        self.stdout.write(self.style.SUCCESS(f"Đã tạo {created} phường mới ({count} tất cả)."))
