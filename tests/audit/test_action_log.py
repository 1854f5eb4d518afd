"""The action log records business actions and cannot be changed."""

import pytest

from thidua.audit.models import ActionLog
from thidua.audit.services import record


@pytest.mark.django_db
def test_an_entry_cannot_be_edited_or_deleted(demo):
    entry = record(None, "demo.loaded", demo["mo_lao"], data={"x": 1})
    entry.action = "changed"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        ActionLog.objects.filter(pk=entry.pk).update(action="changed")
    with pytest.raises(PermissionError):
        ActionLog.objects.filter(pk=entry.pk).delete()
    assert ActionLog.objects.get(pk=entry.pk).action == "demo.loaded"


@pytest.mark.django_db
def test_an_entry_keeps_who_what_which_object_and_data(user, demo):
    entry = record(user("vanphong"), "people.updated", demo["mo_lao"], data={"field": "position"})
    assert entry.actor_name == "vanphong"
    assert entry.object_type == "orgs.organisation"
    assert entry.object_id == str(demo["mo_lao"].pk)
    assert entry.organisation == demo["mo_lao"]
    assert entry.data == {"field": "position"}


@pytest.mark.django_db
def test_the_office_reads_the_log_of_its_ward_only(client_as, user, demo):
    record(user("vanquan"), "people.updated", demo["van_quan"], data={"secret": "VQ-ONLY"})
    record(user("vanphong"), "people.updated", demo["mo_lao"], data={"note": "ML-ONLY"})
    content = client_as("vanphong").get("/audit/").content.decode()
    assert "ML-ONLY" in content and "VQ-ONLY" not in content


@pytest.mark.django_db
def test_staff_and_council_members_cannot_read_the_log(client_as):
    assert client_as("canbo").get("/audit/").status_code == 403
    assert client_as("hoidong2").get("/audit/").status_code == 403


@pytest.mark.django_db
def test_the_log_page_offers_no_way_to_change_an_entry(client_as):
    content = client_as("vanphong").get("/audit/").content.decode()
    assert "<form" in content  # the filter form
    assert 'method="post"' not in content.split("<main", 1)[1]
