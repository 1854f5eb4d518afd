"""The built-in templates are reproducible from the build script and all render."""

from __future__ import annotations

import io

import pytest
from docx import Document as read_docx

from thidua.documents import template_build
from thidua.documents.catalog import SPECS
from thidua.documents.rendering import builtin_template, render_bytes
from thidua.documents.samples import all_samples, sample_context


def test_the_committed_templates_are_exactly_what_the_build_script_makes():
    built = template_build.build_all()
    assert len(built) == 3 * len(SPECS)
    stale = [p.name for p, data in built.items() if not p.exists() or p.read_bytes() != data]
    assert not stale, f"run `thidua documents build-templates`: {stale}"


@pytest.mark.parametrize(("regime", "key"), all_samples(), ids=lambda v: str(v))
def test_every_template_of_every_regime_renders_with_its_sample(regime, key):
    data = render_bytes(builtin_template(key, regime), sample_context(key, regime))
    doc = read_docx(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        p.text for t in doc.tables for c in t._cells for p in c.paragraphs
    )
    assert "{{" not in text and "{%" not in text
    if not SPECS[key].certificate:
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    if regime == "R2022b":
        assert "Mộ Lao," not in text  # Mộ Lao ceased on 30/06/2025: phường Hà Đông issues
