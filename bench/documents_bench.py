"""Document benchmarks, registered in bench/run.py: .docx renders of a decision with a
50-row annex against bare docxtpl on the same template and context, PDF conversions per
second, and a batch of 100 certificates run as the background job."""

from __future__ import annotations

import copy
import io
import tempfile
import time
from pathlib import Path


def _decision_context() -> dict:
    from thidua.documents.samples import sample_context

    context = sample_context("quyet_dinh_khen_thuong", "R2013")
    rows = [r for r in context["annex"]["rows"] if not r.get("heading")]
    extra = []
    for index in range(50):
        row = copy.deepcopy(rows[index % len(rows)])
        row["stt"] = str(index + 1)
        extra.append(row)
    context["annex"]["rows"] = extra
    return context


def document_benchmarks() -> list[dict]:
    from common import result
    from docxtpl import DocxTemplate

    from thidua.documents import pdf, services
    from thidua.documents.models import Certificate, Document, JobStatus, RenderJob
    from thidua.documents.rendering import builtin_template, render_bytes

    out = []
    template = builtin_template("quyet_dinh_khen_thuong", "R2013")
    context = _decision_context()

    def ours() -> bytes:
        return render_bytes(template, context)

    def bare() -> bytes:
        tpl = DocxTemplate(io.BytesIO(template))
        tpl.render(context, autoescape=True)
        buffer = io.BytesIO()
        tpl.save(buffer)
        return buffer.getvalue()

    for warm in (ours, bare):
        warm()
    rounds = 40
    timings = {}
    for name, fn in (("ours", ours), ("bare", bare), ("ours2", ours), ("bare2", bare)):
        start = time.perf_counter()
        for _ in range(rounds):
            fn()
        timings[name] = (time.perf_counter() - start) / rounds
    ours_s = min(timings["ours"], timings["ours2"])
    bare_s = min(timings["bare"], timings["bare2"])
    out.append(
        result(
            "Quyết định, 50-row annex: .docx renders per second",
            1 / ours_s,
            "docs/s",
            1 / bare_s,
            "baseline: bare docxtpl, same template and context; ratio ≥ 0.67 = within 1.5×",
        )
    )
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        data = ours()
        for index in range(30):
            path = Path(tmp) / f"qd-{index:02d}.docx"
            path.write_bytes(data)
            paths.append(path)
        start = time.perf_counter()
        pdf.convert_files(paths[:1], Path(tmp) / "one", processes=1)
        single = time.perf_counter() - start
        start = time.perf_counter()
        pdf.convert_files(paths, Path(tmp) / "many")
        batch = time.perf_counter() - start
    out.append(
        result(
            "PDF conversions per second (30 decisions, batch call)",
            30 / batch,
            "docs/s",
            1 / single,
            "baseline: one document per LibreOffice start",
        )
    )
    out.append(_html_certificate_benchmark())
    # The demo's award decision (whichever number the demo gives it): the one with certificates.
    decision = Document.objects.filter(certificates__isnull=False).distinct().order_by("id").first()
    assert decision is not None, "the demo has no award decision with certificates"
    have = decision.certificates.count()
    template_cert = decision.certificates.first()
    for number in range(have + 1, 101):
        Certificate.objects.create(
            organisation=decision.organisation,
            decision=decision,
            golden_book_number=number,
            awardee_name=f"Cán bộ thử số {number}",
            awardee_detail=template_cert.awardee_detail,
            achievement=template_cert.achievement,
            verification_code=services.new_code(),
        )
    start = time.perf_counter()
    job = services.start_certificate_batch(None, decision)
    job = RenderJob.objects.get(pk=job.pk)
    elapsed = time.perf_counter() - start
    assert job.status == JobStatus.DONE, job.message
    out.append(
        result(
            "100 certificates as a background job (docx + PDF + merged PDF)",
            elapsed,
            "s",
            30.0,
            "baseline: the 30 s target; ratio < 1 meets it",
        )
    )
    return out


def _html_certificate_benchmark() -> dict:
    """A certificate printed from the shipped HTML layout (template + WeasyPrint) against
    the same certificate from the built-in .docx converted by one LibreOffice start."""
    from common import result

    from thidua.documents import html_layout, pdf
    from thidua.documents.rendering import builtin_template, render_bytes
    from thidua.documents.samples import sample_context

    context = sample_context("giay_khen", "R2013")
    layout = html_layout.sample_layout("giay_khen").read_text(encoding="utf-8")
    html_layout.render_pdf(layout, context)  # warm: fonts found, CSS parsed once
    rounds = 20
    start = time.perf_counter()
    for _ in range(rounds):
        html_layout.render_pdf(layout, context)
    html_s = (time.perf_counter() - start) / rounds
    start = time.perf_counter()
    pdf.docx_to_pdf(render_bytes(builtin_template("giay_khen", "R2013"), context), name="bench")
    docx_s = time.perf_counter() - start
    return result(
        "certificate via HTML (WeasyPrint) per second",
        1 / html_s,
        "docs/s",
        1 / docx_s,
        "baseline: the built-in .docx certificate converted by one LibreOffice start",
    )
