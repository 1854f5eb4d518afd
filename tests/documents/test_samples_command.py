"""`thidua documents samples --out DIR` renders every template of every regime."""

from __future__ import annotations

import subprocess

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from thidua.documents.catalog import SPECS

from .conftest import needs_soffice


@needs_soffice
def test_samples_are_written_as_docx_and_pdf(tmp_path):
    call_command("documents", "samples", "--out", str(tmp_path))
    assert len(list(tmp_path.glob("*.docx"))) == 3 * len(SPECS)
    assert len(list(tmp_path.glob("*.pdf"))) == 3 * len(SPECS)
    assert (tmp_path / "R2022b-giay_khen.pdf").stat().st_size > 5000

    # A signature block never stands alone on the last page: the closing paragraph (“./.”),
    # the report's last table, or an annex list (“DANH SÁCH”) goes over with it.
    alone = []
    for pdf in sorted(tmp_path.glob("*.pdf")):
        last = len(PdfReader(pdf).pages)
        if last == 1:
            continue
        text = subprocess.run(
            ["pdftotext", "-f", str(last), "-l", str(last), str(pdf), "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
        if not any(k in text for k in ("./.", "ĐÃ ĐƯỢC KHEN THƯỞNG", "DANH SÁCH")):
            alone.append(pdf.name)
    assert alone == []


@pytest.mark.parametrize("regime", ["R2013", "R2022a", "R2022b"])
def test_each_regime_has_every_template(tmp_path, regime):
    call_command("documents", "samples", "--out", str(tmp_path), "--no-pdf")
    assert {p.stem for p in tmp_path.glob(f"{regime}-*.docx")} == {
        f"{regime}-{key}" for key in SPECS
    }
