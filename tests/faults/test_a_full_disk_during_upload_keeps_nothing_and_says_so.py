"""The disk fills up during an upload: a clear Vietnamese message, nothing partial kept
on disk, no row pointing to a missing file — for every upload that keeps a file: task
evidence, a dossier's signed scan, PAR INDEX evidence, a decision's signed scan and an
imported plan. Then the disk is not left clogged: what fits goes through."""

from __future__ import annotations

import contextlib
import datetime
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.council.models import AwardDecision, DecisionStatus
from thidua.demo.tasks import _png
from thidua.indexes import services as indexes
from thidua.indexes.models import ParEvidence, ParFramework, ParScore
from thidua.movements.models import Movement, Target
from thidua.nominations import services as nominations
from thidua.nominations.models import DossierFile, FileKind
from thidua.orgs.models import Unit
from thidua.plans.models import Plan, PlanImport
from thidua.tasks.calendar import calendar_for, due_date
from thidua.tasks.models import Evidence, ParField, ProgressReport, Task

from .conftest import skip_or_fail

DISK_BYTES = 512 * 1024
FULL = "Không đủ dung lượng lưu trữ trên máy chủ để lưu tệp"
PLAN = Path(__file__).resolve().parents[2] / "src/thidua/demo/files/20-KH-UBND-Mo-Lao-2023.txt"


def _mounted(directory: Path) -> bool:
    return subprocess.run(["mountpoint", "-q", str(directory)]).returncode == 0


@contextlib.contextmanager
def small_disk(directory: Path) -> Iterator[Path]:
    """A 512 KiB file system at ``directory``: tmpfs, or else a loop-mounted ext2 image."""
    directory.mkdir()
    attempts = [["mount", "-t", "tmpfs", "-o", f"size={DISK_BYTES}", "tmpfs", str(directory)]]
    if shutil.which("mkfs.ext2"):
        image = directory.with_suffix(".img")
        image.write_bytes(b"\0" * DISK_BYTES)
        subprocess.run(["mkfs.ext2", "-q", "-F", "-m", "0", str(image)], capture_output=True)
        attempts.append(["mount", "-o", "loop", str(image), str(directory)])
    problems = []
    for command in attempts:
        if os.geteuid() != 0 or shutil.which(command[0]) is None:
            problems.append(f"{command[0]}: needs root")
            continue
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode == 0:
            break
        problems.append(done.stderr.strip())
    else:
        skip_or_fail(f"cannot mount a small file system: {'; '.join(problems)}")
    try:
        yield directory
    finally:
        if _mounted(directory):
            subprocess.run(["umount", str(directory)], check=False)
        if _mounted(directory):  # still busy: detach it as soon as it is free
            subprocess.run(["umount", "-l", str(directory)], check=False)


@pytest.fixture
def full_media(settings, tmp_path) -> Iterator[Path]:
    """MEDIA_ROOT on a 512 KiB disk."""
    with small_disk(tmp_path / "disk") as disk:
        settings.MEDIA_ROOT = disk / "files"
        yield disk


@pytest.fixture
def task(demo) -> Task:
    """A task of plan 17/KH-UBND led by the one-stop desk (truongmotcua's unit)."""
    mo_lao = demo["mo_lao"]
    unit = Unit.objects.get(organisation=mo_lao, name="Bộ phận tiếp nhận và trả kết quả")
    deadline = datetime.date(2023, 6, 30)
    task = Task.objects.create(
        organisation=mo_lao,
        plan=Plan.objects.get(organisation=mo_lao, number="17/KH-UBND"),
        number="9.9",
        content="Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực",
        par_field=ParField.objects.get(code="tthc"),
        lead_unit=unit,
        deadline=deadline,
        due_on=due_date(calendar_for(mo_lao.pk), deadline),
    )
    task.performers.set(unit.people.filter(performs_cchc=True))
    return task


def report(files: list[SimpleUploadedFile]) -> dict:
    return {
        "state": "in_progress",
        "percent_done": "40",
        "text": "Đã số hóa hồ sơ hộ tịch của quý II, kèm ảnh và bản quét.",
        "files": files,
    }


def files_on(disk: Path) -> list[Path]:
    return [p for p in disk.rglob("*") if p.is_file()]


@pytest.mark.faults
@pytest.mark.django_db
def test_a_full_disk_refuses_the_report_clearly_and_keeps_nothing(client_as, task, full_media):
    photo = SimpleUploadedFile("anh-quay.png", _png(1), "image/png")
    # Larger than the whole disk: written after the photo, it fails half-way.
    scan = SimpleUploadedFile(
        "ban-quet-ho-so.pdf", b"%PDF-1.4\n" + os.urandom(DISK_BYTES + 200_000), "application/pdf"
    )
    response = client_as("truongmotcua").post(f"/tasks/{task.pk}/report/", report([photo, scan]))

    assert response.status_code == 200
    errors = " ".join(response.context["form"].non_field_errors())
    assert "Không đủ dung lượng lưu trữ" in errors and "ban-quet-ho-so.pdf" in errors
    assert "Không đủ dung lượng lưu trữ" in response.content.decode()
    # Nothing kept: not the photo saved first, not the scan's partial bytes, no rows.
    assert files_on(full_media) == []
    assert not ProgressReport.objects.filter(task=task).exists()
    assert not Evidence.objects.filter(report__task=task).exists()

    # The disk is not left clogged: a report that fits goes through at once.
    photo.seek(0)
    response = client_as("truongmotcua").post(f"/tasks/{task.pk}/report/", report([photo]))
    assert response.status_code == 302
    (evidence,) = Evidence.objects.filter(report__task=task)
    assert (full_media / "files" / evidence.file.name).read_bytes() == _png(1)
    assert [p.name for p in files_on(full_media)] == [Path(evidence.file.name).name]

    # Another ward's Office cannot even reach the page.
    response = client_as("vanquan").post(f"/tasks/{task.pk}/report/", report([]))
    assert response.status_code == 404


def big_pdf(name: str) -> SimpleUploadedFile:
    """A PDF larger than the whole disk: its write fails half-way."""
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n" + os.urandom(DISK_BYTES + 200_000), "application/pdf"
    )


def small_pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


def stored(disk: Path) -> list[Path]:
    """The files under MEDIA_ROOT (a filler file may sit beside it on the disk)."""
    return files_on(disk / "files")


@pytest.fixture
def one_stop(demo) -> Unit:
    return Unit.objects.get(organisation=demo["mo_lao"], name="Bộ phận tiếp nhận và trả kết quả")


@pytest.mark.faults
@pytest.mark.django_db
def test_a_full_disk_refuses_a_dossiers_signed_scan_and_keeps_nothing(
    client_as, user, demo, one_stop, full_media
):
    movement = Movement.objects.get(organisation=demo["mo_lao"], year=2023)
    nomination = nominations.propose(
        user("truongmotcua"),
        movement,
        award_form=movement.award_forms.get(form="Giấy khen"),
        target=Target.COLLECTIVE,
        subject_id=one_stop.pk,
        proposing_unit=one_stop,
    )
    dossier = nomination.dossier
    minutes = movement.dossier_items.get(name__startswith="Biên bản")
    url = f"/nominations/dossiers/{dossier.pk}/upload/"
    client = client_as("truongmotcua")

    response = client.post(
        url, {"item": minutes.pk, "file": big_pdf("bien-ban-hop.pdf")}, follow=True
    )
    assert response.status_code == 200
    assert f"{FULL} “bien-ban-hop.pdf”" in response.content.decode()
    assert not DossierFile.objects.filter(dossier=dossier, kind=FileKind.UPLOADED).exists()
    assert stored(full_media) == []

    response = client.post(url, {"item": minutes.pk, "file": small_pdf("bien-ban-hop.pdf")})
    assert response.status_code == 302
    (scan,) = DossierFile.objects.filter(dossier=dossier, kind=FileKind.UPLOADED)
    assert [p.name for p in stored(full_media)] == [Path(scan.file.name).name]


@pytest.mark.faults
@pytest.mark.django_db
def test_a_full_disk_refuses_par_evidence_and_keeps_not_even_the_first_file(
    client_as, user, demo, one_stop, full_media
):
    framework = ParFramework.objects.get(code="ha-noi-commune-2025")
    assessment = indexes.start_assessment(user("vanphong"), demo["mo_lao"], framework)
    score = ParScore.objects.get(assessment=assessment, criterion__code="3.1")
    score.unit = one_stop
    score.save()
    url = f"/indexes/par/scores/{score.pk}/"
    client = client_as("truongmotcua")
    photo = SimpleUploadedFile("anh-quay.png", _png(2), "image/png")

    response = client.post(
        url, {"points": "9,5", "explanation": "", "files": [photo, big_pdf("bao-cao-so-hoa.pdf")]}
    )
    assert response.status_code == 200
    errors = " ".join(response.context["form"].non_field_errors())
    assert f"{FULL} “bao-cao-so-hoa.pdf”" in errors
    assert not ParEvidence.objects.filter(score=score).exists()
    score.refresh_from_db()
    assert score.self_points is None and score.self_at is None
    assert stored(full_media) == []

    photo.seek(0)
    response = client.post(url, {"points": "9,5", "explanation": "", "files": [photo]})
    assert response.status_code == 302
    (evidence,) = ParEvidence.objects.filter(score=score)
    assert (full_media / "files" / evidence.file.name).read_bytes() == _png(2)
    assert len(stored(full_media)) == 1


@pytest.mark.faults
@pytest.mark.django_db
def test_a_full_disk_refuses_a_decisions_signed_scan_and_keeps_the_old_state(
    client_as, demo, full_media
):
    decision = AwardDecision.objects.filter(
        organisation=demo["mo_lao"], status=DecisionStatus.ISSUED
    ).first()
    assert decision is not None, "the demo has an issued decision"
    before = decision.scan.name
    url = f"/council/decisions/{decision.pk}/scan/"

    response = client_as("vanphong").post(
        url, {"scan": big_pdf("quyet-dinh-da-ky.pdf")}, follow=True
    )
    assert f"{FULL} “quyet-dinh-da-ky.pdf”" in response.content.decode()
    decision.refresh_from_db()
    assert decision.scan.name == before
    assert stored(full_media) == []

    client_as("vanphong").post(url, {"scan": small_pdf("quyet-dinh-da-ky.pdf")})
    decision.refresh_from_db()
    assert decision.scan.name != before
    assert [p.name for p in stored(full_media)] == [Path(decision.scan.name).name]


def leave_free(disk: Path, free: int) -> Path:
    """Fill the disk, beside MEDIA_ROOT, but for about ``free`` bytes."""
    filler = disk / "filler.bin"
    stat = os.statvfs(disk)
    with contextlib.suppress(OSError):  # a file system keeping blocks for itself: full
        filler.write_bytes(b"\0" * max(stat.f_bavail * stat.f_frsize - free, 0))
    return filler


@pytest.mark.faults
@pytest.mark.django_db
def test_a_full_disk_refuses_an_imported_plan_and_keeps_nothing(client_as, full_media):
    filler = leave_free(full_media, 4096)
    assert PLAN.stat().st_size > 4096
    imports = PlanImport.objects.count()
    upload = SimpleUploadedFile("20-KH-UBND.txt", PLAN.read_bytes(), "text/plain")
    client = client_as("vanphong")

    response = client.post("/movements/import/", {"file": upload})
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        f"{FULL} “20-KH-UBND.txt”. Chưa có gì được lưu; hãy báo quản trị hệ thống giải "
        "phóng dung lượng rồi gửi lại."
    ]
    assert PlanImport.objects.count() == imports
    assert stored(full_media) == []

    filler.unlink()  # the administrator frees space: the same upload goes through
    upload.seek(0)
    assert client.post("/movements/import/", {"file": upload}).status_code == 302
    plan_import = PlanImport.objects.latest("uploaded_at")
    assert (full_media / "files" / plan_import.file.name).read_bytes() == PLAN.read_bytes()
