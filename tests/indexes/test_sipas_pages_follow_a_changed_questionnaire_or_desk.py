"""The survey page and the submission keep the link's desk and the questionnaire in process
memory; a change saved by anyone is seen by the very next citizen, not a minute later."""

import uuid

import pytest
from django.test import Client

from thidua.indexes import sipas
from thidua.indexes.models import SipasCriterion, SipasFactor, SipasResponse
from thidua.orgs.models import Person


def page(token: str) -> tuple[int, str]:
    response = Client().get(f"/indexes/s/{token}/")
    return response.status_code, response.content.decode()


@pytest.mark.django_db
def test_a_reworded_criterion_shows_on_the_next_page(phone, desk):
    token = sipas.make_token(desk)
    assert page(token)[0] == 200  # now in memory
    criterion = SipasCriterion.objects.get(pk=phone(token).criteria[0])
    criterion.text = "Câu hỏi đã được sửa lời cho rõ hơn"
    criterion.save()
    assert "Câu hỏi đã được sửa lời cho rõ hơn" in page(token)[1]


@pytest.mark.django_db
def test_a_criterion_added_to_the_questionnaire_is_asked_and_accepted(phone, no_wait, desk):
    citizen = phone()
    factor = SipasFactor.objects.filter(questionnaire_id=citizen.questionnaire).first()
    added = SipasCriterion.objects.create(
        factor=factor, code="9.9", text="Cán bộ hướng dẫn tận tình", position=99
    )
    assert f'name="c_{added.pk}"' in page(citizen.token)[1]
    newcomer = phone()
    response = newcomer.send(str(uuid.uuid4()), answers={str(added.pk): 5})
    assert response.status_code == 201
    assert SipasResponse.objects.get(visit_id__isnull=False, answers__criterion=added)


@pytest.mark.django_db
def test_a_desk_closed_by_the_office_takes_no_answer_at_once(phone, no_wait, desk, demo):
    citizen = phone()  # the desk is in memory now
    sipas.set_desk_active(None, desk, False)
    assert page(citizen.token)[0] == 404
    response = citizen.send(str(uuid.uuid4()))
    assert response.status_code == 404 and response.json()["status"] == "invalid_link"


@pytest.mark.django_db
def test_a_renamed_staff_member_shows_under_the_new_name(desk):
    staff = Person.objects.get(organisation=desk.organisation, given_name="Mai")
    token = sipas.make_token(desk, staff=staff)
    assert staff.full_name in page(token)[1]
    staff.given_name = "Mây"
    staff.save()
    assert "Cán bộ tiếp nhận: " + staff.full_name in page(token)[1]


@pytest.mark.django_db
def test_without_a_signal_memory_is_refreshed_within_a_minute(desk, monkeypatch):
    token = sipas.make_token(desk)
    assert desk.name in page(token)[1]
    # A queryset update() sends no signal: the entry is only trusted for MEMORY_SECONDS.
    desk.__class__.objects.filter(pk=desk.pk).update(name="Quầy đổi tên bằng update()")
    assert "Quầy đổi tên bằng update()" not in page(token)[1]
    later = sipas.time.monotonic() + sipas.MEMORY_SECONDS + 1
    monkeypatch.setattr(sipas.time, "monotonic", lambda: later)
    assert "Quầy đổi tên bằng update()" in page(token)[1]
