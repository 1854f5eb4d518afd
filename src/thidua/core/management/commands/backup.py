"""``thidua backup [--out FILE]``: the database and the files in one archive."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from thidua.core.backup import create_backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và các tệp vào một tệp .tar.gz."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--out", help="tệp đích (mặc định: var/backups/thidua-<thời điểm>.tar.gz)"
        )

    def handle(self, *args, out: str | None = None, **options) -> None:
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = Path(out) if out else Path(settings.VAR_DIR) / "backups" / f"thidua-{stamp}.tar.gz"
        manifest = create_backup(path)
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sao lưu {manifest['rows']} bản ghi và {manifest['files']} tệp vào {path}"
            )
        )
