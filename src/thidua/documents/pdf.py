"""PDF from .docx through LibreOffice headless, so the PDF matches the editable file.

One LibreOffice start costs about 1.5 s, so many files are converted in one call; a
large batch is split over a few processes (one per core), each with its own profile
directory — two instances sharing a profile would refuse to start or corrupt it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

TIMEOUT_SECONDS = 600


class PdfUnavailable(RuntimeError):
    """LibreOffice is missing or failed; the message is shown to the user."""


def soffice_path() -> str | None:
    return (
        os.environ.get("THIDUA_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")
    )


def _convert_chunk(paths: list[Path], outdir: Path) -> None:
    binary = soffice_path()
    if binary is None:
        raise PdfUnavailable(
            "Máy chủ chưa cài LibreOffice nên chưa tạo được PDF; tệp .docx vẫn tải về được."
        )
    with tempfile.TemporaryDirectory(prefix="thidua-lo-profile-") as profile:
        command = [
            binary,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(outdir),
            *(str(p) for p in paths),
        ]
        try:
            subprocess.run(
                command,
                check=True,
                timeout=TIMEOUT_SECONDS,
                capture_output=True,
                env={**os.environ, "HOME": profile},
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise PdfUnavailable(f"LibreOffice không chuyển được sang PDF: {exc}") from exc


def convert_files(paths: list[Path], outdir: Path, *, processes: int | None = None) -> list[Path]:
    """Convert .docx files to PDF into ``outdir``; returns the PDF paths in input order."""
    if not paths:
        return []
    outdir.mkdir(parents=True, exist_ok=True)
    workers = max(1, min(processes or os.cpu_count() or 1, len(paths) // 10 or 1))
    chunks = [paths[i::workers] for i in range(workers)]
    if workers == 1:
        _convert_chunk(paths, outdir)
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(lambda chunk: _convert_chunk(chunk, outdir), chunks))
    results = [outdir / (p.stem + ".pdf") for p in paths]
    missing = [p.name for p in results if not p.exists()]
    if missing:
        raise PdfUnavailable(f"LibreOffice không tạo được: {', '.join(missing[:5])}")
    return results


def docx_to_pdf(data: bytes, name: str = "document") -> bytes:
    """One .docx (bytes) to PDF (bytes)."""
    with tempfile.TemporaryDirectory(prefix="thidua-pdf-") as tmp:
        source = Path(tmp) / f"{name}.docx"
        source.write_bytes(data)
        (pdf,) = convert_files([source], Path(tmp) / "out")
        return pdf.read_bytes()


def docx_many_to_pdf(items: dict[str, bytes]) -> dict[str, bytes]:
    """Many .docx (name → bytes) to PDF in as few LibreOffice starts as the cores allow."""
    with tempfile.TemporaryDirectory(prefix="thidua-pdf-") as tmp:
        paths = []
        for name, data in items.items():
            path = Path(tmp) / f"{name}.docx"
            path.write_bytes(data)
            paths.append(path)
        pdfs = convert_files(paths, Path(tmp) / "out")
        return {name: pdf.read_bytes() for name, pdf in zip(items, pdfs, strict=True)}


PREVIEW_MAX_PAGES = 20


def pages_as_png(data: bytes, *, dpi: int = 80) -> list[bytes]:
    """The pages of a PDF drawn as PNG images (poppler's pdftoppm), for previewing a
    document in the browser: a phone shows an image where it cannot show a PDF inline."""
    binary = shutil.which("pdftoppm")
    if binary is None:
        raise PdfUnavailable(
            "Máy chủ chưa cài poppler-utils (pdftoppm) nên chưa xem trước được; "
            "hãy tải tệp PDF hoặc Word để xem."
        )
    with tempfile.TemporaryDirectory(prefix="thidua-preview-") as tmp:
        source = Path(tmp) / "document.pdf"
        source.write_bytes(data)
        command = [binary, "-png", "-r", str(dpi), "-l", str(PREVIEW_MAX_PAGES)]
        try:
            subprocess.run(
                [*command, str(source), str(Path(tmp) / "page")],
                check=True,
                timeout=120,
                capture_output=True,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise PdfUnavailable(f"Không vẽ được trang PDF để xem trước: {exc}") from exc
        # pdftoppm pads page numbers to the width of the last one (page-01.png …).
        pages = sorted(Path(tmp).glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        return [page.read_bytes() for page in pages]
