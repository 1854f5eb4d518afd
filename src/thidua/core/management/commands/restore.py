"""``thidua restore FILE``: replace the database and the files with a backup."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thidua.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Khôi phục cơ sở dữ liệu và các tệp từ một bản sao lưu (thay thế dữ liệu hiện có)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--yes", action="store_true", help="không hỏi lại")

    def handle(self, *args, file: str, yes: bool = False, **options) -> None:
        if not yes:
            answer = input("Dữ liệu hiện có sẽ bị thay thế. Gõ “đồng ý” để tiếp tục: ")
            if answer.strip().lower() not in {"đồng ý", "dong y", "yes"}:
                raise CommandError("Đã hủy: không thay đổi gì.")
        try:
            manifest = restore_backup(Path(file))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khôi phục {manifest['rows']} bản ghi và {manifest['files']} tệp "
                f"(sao lưu lúc {manifest['created_at']})."
            )
        )
