"""Evidence is private: served only through a view that checks who asks."""

import pytest

from thidua.audit.models import ActionLog
from thidua.tasks import services

from .conftest import pdf_file


@pytest.fixture
def evidence(new_task, user):
    task = new_task()
    report = services.submit_report(
        user("truongmotcua"),
        task,
        state="in_progress",
        percent_done=40,
        completed_on=None,
        text="Đã in tờ rơi hướng dẫn người dân.",
        files=[pdf_file("to-roi.pdf")],
    )
    return report.evidence.get()


@pytest.mark.django_db
def test_the_office_and_the_unit_download_it(client_as, evidence):
    for username in ("vanphong", "truongmotcua", "canbo", "chutich", "capquan"):
        response = client_as(username).get(f"/tasks/evidence/{evidence.pk}/")
        assert response.status_code == 200, username
        body = b"".join(response.streaming_content)
        assert body.startswith(b"%PDF-")
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "to-roi.pdf" in response["Content-Disposition"]
    assert ActionLog.objects.filter(action="tasks.evidence_downloaded").count() == 5


@pytest.mark.django_db
def test_a_civil_servant_of_an_unrelated_unit_is_refused(client, evidence, demo):
    from django.contrib.auth import get_user_model

    from thidua.orgs.models import Membership, Role, Unit

    outsider = get_user_model().objects.create_user("congchucvh", password="x-123456-y")
    unit = Unit.objects.get(organisation=demo["mo_lao"], name="Văn hóa - Xã hội")
    Membership.objects.create(user=outsider, unit=unit, role=Role.STAFF)
    client.force_login(outsider)
    assert client.get(f"/tasks/evidence/{evidence.pk}/").status_code == 403


@pytest.mark.django_db
def test_another_wards_user_and_anonymous_get_nothing(client, client_as, evidence):
    assert client_as("vanquan").get(f"/tasks/evidence/{evidence.pk}/").status_code == 404
    response = client.get(f"/tasks/evidence/{evidence.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_no_url_serves_the_media_folder():
    from django.urls import Resolver404, resolve

    with pytest.raises(Resolver404):
        resolve("/media/evidence/1/x.pdf")
