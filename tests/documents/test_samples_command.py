"""`thidua documents samples --out DIR` renders every template of every regime."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from thidua.documents.catalog import SPECS

from .conftest import needs_soffice


@needs_soffice
def test_samples_are_written_as_docx_and_pdf(tmp_path):
    call_command("documents", "samples", "--out", str(tmp_path))
    assert len(list(tmp_path.glob("*.docx"))) == 3 * len(SPECS)
    assert len(list(tmp_path.glob("*.pdf"))) == 3 * len(SPECS)
    assert (tmp_path / "R2022b-giay_khen.pdf").stat().st_size > 5000


@pytest.mark.parametrize("regime", ["R2013", "R2022a", "R2022b"])
def test_each_regime_has_every_template(tmp_path, regime):
    call_command("documents", "samples", "--out", str(tmp_path), "--no-pdf")
    assert {p.stem for p in tmp_path.glob(f"{regime}-*.docx")} == {
        f"{regime}-{key}" for key in SPECS
    }
