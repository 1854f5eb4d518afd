"""``thidua load_index_data``: load PAR criteria sets and SIPAS questionnaires from data files."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thidua.indexes.loader import DATA_DIR, DataFileError, load_all, load_file


class Command(BaseCommand):
    help = (
        "Nạp bộ tiêu chí Chỉ số CCHC và mẫu phiếu SIPAS từ tệp dữ liệu (YAML/JSON). "
        "Tệp đã nạp với cùng phiên bản thì bỏ qua."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "files", nargs="*", help=f"Các tệp cần nạp (mặc định: mọi tệp trong {DATA_DIR})."
        )

    def handle(self, *args, files: list[str], **options) -> None:
        try:
            results = [load_file(Path(f)) for f in files] if files else load_all()
        except DataFileError as exc:
            raise CommandError(str(exc)) from exc
        for code, changed in results:
            state = "đã nạp" if changed else "không đổi (cùng phiên bản)"
            self.stdout.write(f"{code}: {state}")
