"""A job consumer killed (SIGKILL) while printing a batch of Giấy khen: the next consumer
runs the job again and it finishes — no number given twice, no half-written file."""

from __future__ import annotations

import io
import shutil
import time

import pytest
from pypdf import PdfReader

from .conftest import SITE_DATABASE, Site, skip_or_fail

AWARDEES = 40  # long enough a batch to be killed mid-conversion
STALE_SECONDS = 3  # the site's consumers take a job silent this long as interrupted


def job_row(site: Site, job_id: int) -> dict:
    (row,) = site.query(
        "SELECT status, done, total, message, attempts, result FROM documents_renderjob "
        "WHERE id = %s",
        (job_id,),
    )
    return dict(zip(("status", "done", "total", "message", "attempts", "result"), row, strict=True))


@pytest.mark.faults
@SITE_DATABASE
def test_a_batch_interrupted_by_a_killed_consumer_is_finished_by_the_next_one(site: Site):
    if shutil.which("soffice") is None:
        skip_or_fail("LibreOffice (soffice) is not installed")
    site.env["THIDUA_JOB_STALE_SECONDS"] = str(STALE_SECONDS)
    before = site.python(
        f"""
        from django.contrib.auth import get_user_model
        from thidua.documents import services
        from thidua.documents.samples import _content
        from thidua.orgs.models import Organisation

        office = get_user_model().objects.get(username="vanphong")
        content, day, _n = _content("quyet_dinh_khen_thuong", "R2013")
        summary = content.pop("summary")
        for key in ("recipients", "signature_lines", "signer_name"):
            content.pop(key, None)
        decision = services.create_draft(
            office, Organisation.objects.get(code="mo-lao"), "quyet_dinh_khen_thuong", day,
            content, summary=summary, signer=services.Signer("Nguyễn Thị Thanh", "CHỦ TỊCH"),
        )
        decision = services.issue(office, decision)
        services.create_certificates(office, decision, [
            {{"name": f"Ông Nguyễn Văn Thử {{i:02d}}", "detail": "Tổ dân phố số {{i}}",
              "achievement": "Đã có thành tích trong phong trào thi đua năm 2023"}}
            for i in range({AWARDEES})
        ])
        # The job is queued (not run: HUEY_IMMEDIATE=0) in the site's own Huey database.
        job = services.start_certificate_batch(office, decision)
        result = {{
            "job": job.pk,
            "decision": decision.pk,
            "numbers": list(decision.certificates.values_list("pk", "golden_book_number")),
        }}
        """
    )
    job_id = before["job"]
    kept_before = {p for p in site.media.rglob("*") if p.is_file()}
    assert job_row(site, job_id)["status"] == "queued"

    consumer = site.start("run_huey", "--workers", "2", name="consumer-1")
    # Kill it while LibreOffice converts the batch: every certificate rendered, no PDF yet.
    site.wait_for(
        lambda: job_row(site, job_id)["message"] == "Đang chuyển sang PDF…",
        timeout=120,
        what=f"the first consumer to start converting\n{site.log('consumer-1')}",
    )
    time.sleep(0.5)
    site.kill(consumer)  # SIGKILL to the consumer and its LibreOffice children
    killed = job_row(site, job_id)
    assert (killed["status"], killed["attempts"], killed["result"]) == ("running", 1, ""), killed

    # A restarted consumer finds the job silent and runs it again.
    time.sleep(STALE_SECONDS + 0.5)
    site.start("run_huey", "--workers", "2", name="consumer-2")
    finished = site.wait_for(
        lambda: (row := job_row(site, job_id))["status"] in ("done", "failed") and row,
        timeout=150,
        what=f"the second consumer to finish the job\n{site.log('consumer-2')}",
    )
    assert finished["status"] == "done", (finished, site.log("consumer-2"))
    total = AWARDEES
    assert (finished["attempts"], finished["done"], finished["total"]) == (2, total, total)
    assert finished["message"] == f"Đã tạo {total} Giấy khen."

    # No number given twice, and none changed by the second run.
    after = site.query(
        "SELECT id, golden_book_number FROM documents_certificate WHERE decision_id = %s "
        "ORDER BY golden_book_number",
        (before["decision"],),
    )
    assert sorted(map(tuple, before["numbers"])) == sorted(after)
    assert [number for _pk, number in after] == list(range(1, total + 1))

    # The one result file is whole: every page there; no partial or temporary file kept.
    result = site.media / finished["result"]
    assert len(PdfReader(io.BytesIO(result.read_bytes())).pages) == total
    written = {p for p in site.media.rglob("*") if p.is_file()} - kept_before
    assert [p.name for p in written if p.name.startswith(".incomplete-")] == []
    for path in written:
        if path.suffix == ".pdf":
            assert len(PdfReader(path).pages) == total, f"{path} is not a complete batch"
