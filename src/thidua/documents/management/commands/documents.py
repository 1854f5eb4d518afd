"""``thidua documents samples --out DIR`` renders every template of every regime with the
Mộ Lao sample data, as .docx and .pdf; ``thidua documents build-templates`` regenerates
the built-in templates from thidua/documents/template_build.py."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thidua.documents import pdf, template_build
from thidua.documents.rendering import builtin_template, render_bytes
from thidua.documents.samples import all_samples, sample_context


class Command(BaseCommand):
    help = "Mẫu văn bản: tạo bộ văn bản mẫu (samples) hoặc dựng lại mẫu có sẵn (build-templates)."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        samples = sub.add_parser("samples", help="Tạo .docx và .pdf của mọi mẫu, mọi chế độ")
        samples.add_argument("--out", required=True, help="Thư mục ghi kết quả")
        samples.add_argument("--no-pdf", action="store_true", help="Chỉ tạo .docx")
        sub.add_parser("build-templates", help="Dựng lại các tệp mẫu .docx có sẵn")

    def handle(self, *args, **options) -> None:
        if options["action"] == "build-templates":
            changed = template_build.write_all()
            builtin_template.cache_clear()
            self.stdout.write(f"{len(changed)} tệp mẫu đã được ghi lại.")
            return
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        paths = []
        for regime, key in all_samples():
            path = out / f"{regime}-{key}.docx"
            path.write_bytes(
                render_bytes(builtin_template(key, regime), sample_context(key, regime))
            )
            paths.append(path)
        self.stdout.write(f"{len(paths)} tệp .docx trong {time.perf_counter() - started:.1f} s")
        if options["no_pdf"]:
            return
        started = time.perf_counter()
        try:
            pdfs = pdf.convert_files(paths, out)
        except pdf.PdfUnavailable as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{len(pdfs)} tệp PDF trong {time.perf_counter() - started:.1f} s")
