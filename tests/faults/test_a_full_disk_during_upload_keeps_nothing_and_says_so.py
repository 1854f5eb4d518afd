"""The disk fills up while a unit head uploads evidence: a clear Vietnamese message,
nothing partial kept on disk, no report or evidence row pointing to a missing file."""

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

from thidua.demo.tasks import _png
from thidua.orgs.models import Unit
from thidua.plans.models import Plan
from thidua.tasks.calendar import calendar_for, due_date
from thidua.tasks.models import Evidence, ParField, ProgressReport, Task

from .conftest import skip_or_fail

DISK_BYTES = 512 * 1024


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
