"""``thidua parse-plan FILE``: print what the parser reads from a plan, as JSON."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from thidua.plans.parsing.cli import main


class Command(BaseCommand):
    help = "Đọc một kế hoạch (.docx, .txt, PDF) và in kết quả dạng JSON."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")

    def handle(self, *args, file: str, **options) -> None:
        code = main([file])
        if code:
            raise SystemExit(code)
