"""The Office imports a plan document and confirms what was read into a movement."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.audit.models import ActionLog
from thidua.movements.forms import initial_from_result
from thidua.movements.models import Movement
from thidua.orgs.models import Membership, Organisation, Role, Unit
from thidua.plans.models import Plan, PlanImport

SEED = (
    Path(__file__).resolve().parents[2]
    / "src"
    / "thidua"
    / "demo"
    / "files"
    / "20-KH-UBND-Mo-Lao-2023.txt"
)
SRC = str(Path(__file__).resolve().parents[2] / "src")


def seed_upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("20-KH-UBND.txt", SEED.read_bytes(), content_type="text/plain")


def parts(movement: Movement) -> dict:
    """What the plan fixes, in comparable form."""
    return {
        "target_groups": [(g.target, g.description) for g in movement.target_groups.all()],
        "award_forms": [(f.form, f.awarded_by) for f in movement.award_forms.all()],
        "criteria": [(c.target, c.text) for c in movement.criteria.all()],
        "quotas": [(q.target, q.minimum, q.maximum, q.percent_max) for q in movement.quotas.all()],
        "dossier": [(d.name, d.per_candidate) for d in movement.dossier_items.all()],
        "title": movement.title,
        "year": movement.year,
        "destination": movement.dossier_destination,
    }


def upload_and_confirm(client) -> Movement:
    response = client.post("/movements/import/", {"file": seed_upload()})
    assert response.status_code == 302, response.content.decode()[:500]
    plan_import = PlanImport.objects.latest("uploaded_at")
    data = {k: ("" if v is None else v) for k, v in initial_from_result(plan_import.result).items()}
    response = client.post(f"/movements/import/{plan_import.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    return Movement.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))


@pytest.mark.django_db
def test_importing_the_seed_gives_exactly_the_demo_movement_and_updates_it(client_as, demo):
    demo_movement = Movement.objects.get(organisation=demo["mo_lao"], year=2023)
    expected = parts(demo_movement)
    plans_before, movements_before = Plan.objects.count(), Movement.objects.count()
    movement = upload_and_confirm(client_as("vanphong"))
    assert movement.pk == demo_movement.pk
    assert (Plan.objects.count(), Movement.objects.count()) == (plans_before, movements_before)
    assert parts(movement) == expected


@pytest.mark.django_db
def test_a_ward_without_the_plan_gets_a_new_plan_linked_to_the_district_plan(demo):
    dai_mo = Organisation.objects.get(code="dai-mo")
    office = Unit.objects.create(organisation=dai_mo, name="Văn phòng UBND phường", kind="office")
    officer = get_user_model().objects.create_user("daimo", password="mot-mat-khau-dai-2023")
    Membership.objects.create(user=officer, unit=office, role=Role.OFFICE)
    from django.test import Client

    client = Client()
    client.force_login(officer)
    movement = upload_and_confirm(client)
    assert movement.organisation == dai_mo and movement.status == "draft"
    expected = parts(Movement.objects.get(organisation=demo["mo_lao"], year=2023))
    assert parts(movement) == expected
    plan = movement.plan
    assert plan.number == "20/KH-UBND" and str(plan.date) == "2023-02-28"
    # Đại Mỗ's parent is Hà Nội, not quận Hà Đông: the references stay external.
    assert {r["number"] for r in plan.external_references} == {"60/KH-UBND", "17/KH-UBND"}
    assert ActionLog.objects.filter(action="plans.imported", actor=officer).exists()


@pytest.mark.django_db
def test_the_review_page_shows_each_field_beside_its_source_and_the_warnings(client_as):
    client = client_as("vanphong")
    client.post("/movements/import/", {"file": seed_upload()})
    plan_import = PlanImport.objects.latest("uploaded_at")
    content = client.get(f"/movements/import/{plan_import.pk}/").content.decode()
    assert "Nghị định số 91/2017/NĐ-CP ngày 31/2017" in content  # the malformed-date warning
    assert "đã có trong hệ thống" in content  # an update, not a duplicate
    assert "Bình xét khen thưởng từ 1-2 cá nhân" in content  # a quota's source line
    assert plan_import.source_text("number") == "Số: 20/KH-UBND"


@pytest.mark.django_db
def test_an_unreadable_file_gets_a_message_and_nothing_is_kept(client_as):
    before = PlanImport.objects.count()
    empty = SimpleUploadedFile(
        "trong.docx", b"PK\x03\x04 not really a docx", content_type="application/zip"
    )
    response = client_as("vanphong").post("/movements/import/", {"file": empty})
    assert response.status_code == 200
    assert "Không đọc được tệp" in response.content.decode()
    assert PlanImport.objects.count() == before


@pytest.mark.django_db
def test_a_bad_edit_is_refused_with_the_reason_and_changes_nothing(client_as, demo):
    client = client_as("vanphong")
    client.post("/movements/import/", {"file": seed_upload()})
    plan_import = PlanImport.objects.latest("uploaded_at")
    data = {k: ("" if v is None else v) for k, v in initial_from_result(plan_import.result).items()}
    data.update(quota_collective_min=3, quota_collective_max=2, number="hai mươi")
    before = parts(Movement.objects.get(organisation=demo["mo_lao"], year=2023))
    response = client.post(f"/movements/import/{plan_import.pk}/", data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Số tập thể tối thiểu (3) lớn hơn tối đa (2)" in content
    assert "Ghi theo dạng số/ký hiệu" in content
    assert parts(Movement.objects.get(organisation=demo["mo_lao"], year=2023)) == before


@pytest.mark.django_db
def test_only_the_office_imports_plans(client_as):
    assert client_as("canbo").get("/movements/import/").status_code == 403
    assert client_as("truongmotcua").get("/movements/import/").status_code == 403


@pytest.mark.django_db
def test_the_api_parses_an_uploaded_plan(client_as, client):
    response = client_as("vanphong").post("/api/v1/plans/parse/", {"file": seed_upload()})
    body = response.json()
    assert body["number"] == "20/KH-UBND" and body["date"] == "2023-02-28"
    assert client.post("/api/v1/plans/parse/", {"file": seed_upload()}).status_code in (401, 403)
    bad = client_as("vanphong").post(
        "/api/v1/plans/parse/", {"file": SimpleUploadedFile("x.txt", b"")}
    )
    assert bad.status_code == 400 and bad.json()["detail"]


def test_the_command_line_prints_json_and_exits_2_on_nothing_readable(tmp_path):
    env = {"PYTHONPATH": SRC, "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "thidua", "parse-plan", str(SEED)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0
    assert json.loads(done.stdout)["number"] == "20/KH-UBND"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    done = subprocess.run(
        [sys.executable, "-m", "thidua", "parse-plan", str(empty)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
