"""A citizen's answer is stored once; abuse is refused without outside services and every
refusal is counted by reason."""

import datetime
import json
import re
import time
import uuid

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone

from thidua.indexes import sipas
from thidua.indexes.models import SipasAnswer, SipasRejection, SipasResponse


def rejected(reason: str) -> int:
    return sum(
        r.count for r in SipasRejection.objects.filter(reason=reason, day=timezone.localdate())
    )


@pytest.mark.django_db
def test_an_answer_is_stored_with_its_criteria_and_no_personal_data(phone, no_wait, desk):
    citizen = phone()
    client_uuid = str(uuid.uuid4())
    response = citizen.send(client_uuid, profile={"gender": "Nữ", "age": "Dưới 25", "name": "X"})
    assert response.status_code == 201 and response.json() == {"status": "saved"}
    stored = SipasResponse.objects.get(client_uuid=client_uuid)
    assert stored.desk == desk and stored.organisation == desk.organisation
    assert stored.channel == "qr" and stored.overall == 5
    assert stored.profile == {"gender": "Nữ", "age": "Dưới 25"}
    assert SipasAnswer.objects.filter(response=stored).count() == len(citizen.criteria)


@pytest.mark.django_db
def test_an_answer_sent_twice_counts_once(phone, no_wait):
    citizen = phone()
    client_uuid = str(uuid.uuid4())
    before = SipasResponse.objects.count()
    assert citizen.send(client_uuid).status_code == 201
    again = citizen.send(client_uuid)
    assert again.status_code == 200 and again.json() == {"status": "duplicate"}
    assert SipasResponse.objects.count() == before + 1
    assert rejected("visit_used") == 0


@pytest.mark.django_db
def test_one_answer_per_device_per_visit(phone, no_wait):
    citizen = phone()
    assert citizen.send(str(uuid.uuid4())).status_code == 201
    second = citizen.send(str(uuid.uuid4()))
    assert second.status_code == 409
    assert second.json()["reason"] == "visit_used"
    assert rejected("visit_used") == 1


@pytest.mark.django_db
def test_a_visit_token_from_another_device_is_refused(phone, no_wait):
    first, second = phone(), phone()
    response = second.send(str(uuid.uuid4()), visit=first.visit)
    assert response.status_code == 403 and response.json()["reason"] == "invalid_visit"


@pytest.mark.django_db
def test_a_filled_honeypot_is_refused_and_counted(phone, no_wait):
    response = phone().send(str(uuid.uuid4()), website="http://spam.example")
    assert response.status_code == 400
    assert rejected("honeypot") == 1
    assert not SipasResponse.objects.filter(day=timezone.localdate()).exists()


@pytest.mark.django_db
def test_an_answer_faster_than_a_human_is_refused(phone, settings):
    settings.SIPAS_MIN_SECONDS = 30
    response = phone().send(str(uuid.uuid4()))
    assert response.status_code == 400 and response.json()["reason"] == "too_fast"
    assert rejected("too_fast") == 1


def visit_of(page) -> str:
    return re.search(r'name="visit" value="([^"]+)"', page.content.decode()).group(1)


@pytest.mark.django_db
def test_a_device_is_limited_in_visits_per_hour_which_bounds_its_answers(phone, no_wait, settings):
    settings.SIPAS_DEVICE_PER_HOUR = 2
    citizen = phone()  # the first visit
    # Reloading the page gives a new visit, but the device cookie stays.
    second = citizen.client.get(f"/indexes/s/{citizen.token}/")
    assert second.status_code == 200
    third = citizen.client.get(f"/indexes/s/{citizen.token}/")
    assert third.status_code == 429
    assert 0 < int(third["Retry-After"]) <= 3600
    page = third.content.decode()
    assert 'name="visit"' not in page and "Chưa mở được phiếu khảo sát" in page
    assert sipas.RATE_DEVICE_MESSAGE in page
    assert rejected("rate_device") == 1
    # The visits given before the limit still take their answer, one each.
    assert citizen.send(str(uuid.uuid4())).status_code == 201
    assert citizen.send(str(uuid.uuid4()), visit=visit_of(second)).status_code == 201
    assert citizen.send(str(uuid.uuid4()), visit=visit_of(second)).status_code == 409


@pytest.mark.django_db
def test_an_address_is_limited_per_hour_across_devices(phone, no_wait, settings):
    settings.SIPAS_IP_PER_HOUR = 2
    first, second = phone(address="10.20.30.40"), phone(address="10.20.30.40")
    third = Client(REMOTE_ADDR="10.20.30.40").get(f"/indexes/s/{first.token}/")
    assert third.status_code == 429 and sipas.RATE_IP_MESSAGE in third.content.decode()
    assert rejected("rate_ip") == 1
    assert phone(address="10.20.30.41").send(str(uuid.uuid4())).status_code == 201
    assert [
        first.send(str(uuid.uuid4())).status_code,
        second.send(str(uuid.uuid4())).status_code,
    ] == [201, 201]


@pytest.mark.django_db
def test_a_browser_without_the_device_cookie_is_refused(phone, no_wait):
    citizen = phone()
    citizen.client.cookies.pop("sipas_device")
    response = citizen.send(str(uuid.uuid4()))
    assert response.status_code == 403 and response.json()["reason"] == "no_device"


@pytest.mark.django_db
def test_an_empty_or_out_of_scale_answer_is_refused(phone, no_wait):
    empty = phone().send(str(uuid.uuid4()), answers={}, overall=None)
    assert empty.status_code == 400 and "ít nhất một câu" in empty.json()["message"]
    citizen = phone()
    wrong = citizen.send(str(uuid.uuid4()), answers={str(citizen.criteria[0]): 9})
    assert wrong.status_code == 400
    assert rejected("invalid_answers") == 2


@pytest.mark.django_db
def test_an_answer_queued_offline_keeps_the_day_it_was_given(phone, no_wait):
    citizen = phone()
    device = citizen.client.cookies["sipas_device"].value.split(":")[0]
    yesterday = timezone.now() - datetime.timedelta(days=1)
    visit = signing.dumps(
        {
            "v": uuid.uuid4().hex,
            "dv": device,
            "d": citizen_desk(citizen),
            "t": yesterday.timestamp() - 600,
        },
        salt=sipas.VISIT_SALT,
    )
    citizen.send(str(uuid.uuid4()), visit=visit, answered_at=yesterday.isoformat())
    assert SipasResponse.objects.latest("submitted_at").day == timezone.localtime(yesterday).date()


@pytest.mark.django_db
def test_a_claimed_day_before_the_page_was_opened_is_not_believed(phone, no_wait):
    citizen = phone()
    last_week = timezone.now() - datetime.timedelta(days=7)
    citizen.send(str(uuid.uuid4()), answered_at=last_week.isoformat())
    assert SipasResponse.objects.latest("submitted_at").day == timezone.localdate()


def citizen_desk(citizen) -> int:
    return sipas.read_token(citizen.token).desk_id


@pytest.mark.django_db
def test_the_page_works_without_javascript(phone, no_wait):
    citizen = phone()
    data = {"visit": citizen.visit, "questionnaire": citizen.questionnaire, "overall": "4"}
    data.update({f"c_{c}": "5" for c in citizen.criteria[:3]})
    response = citizen.client.post(citizen.submit_url, data)
    assert response.status_code == 200
    assert "Phiếu đã được ghi nhận" in response.content.decode()
    stored = SipasResponse.objects.latest("submitted_at")
    assert stored.answers.count() == 3 and stored.overall == 4


@pytest.mark.django_db
def test_a_kiosk_link_is_signed_as_kiosk_and_allows_many_answers(phone, no_wait, settings):
    settings.SIPAS_DEVICE_PER_HOUR = 1
    tablet = phone(kiosk=True)
    page = tablet.client.get(f"/indexes/s/{tablet.token}/").content.decode()
    assert 'data-kiosk="1"' in page
    visits = page.split('data-visits="')[1].split('"')[0].replace("&quot;", '"')
    pool = json.loads(visits)
    assert len(pool) == 30
    codes = [tablet.send(str(uuid.uuid4()), visit=v).status_code for v in pool[:3]]
    assert codes == [201, 201, 201]
    assert SipasResponse.objects.latest("submitted_at").channel == "kiosk"


@pytest.mark.django_db
def test_a_kiosk_counts_the_visits_it_takes_and_tries_again_when_refused(phone, no_wait, settings):
    settings.SIPAS_KIOSK_PER_HOUR = 60
    tablet = phone(kiosk=True)  # 30 visits
    assert tablet.client.get(f"/indexes/s/{tablet.token}/").status_code == 200  # 60
    refused = tablet.client.get(f"/indexes/s/{tablet.token}/")
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "data-visits" not in page and sipas.RATE_DEVICE_MESSAGE in page
    refresh = re.search(r'<meta http-equiv="refresh" content="(\d+)">', page)
    assert refresh and 0 < int(refresh.group(1)) <= 3600
    assert rejected("rate_device") == 1


@pytest.mark.django_db
def test_two_copies_racing_past_the_check_store_one_answer(phone, no_wait, desk):
    """Two copies of a queued answer were sent at once: the second insert meets the unique
    client UUID, stores nothing, and its copy is told "duplicate", not "visit used"."""
    citizen = phone()
    client_uuid = str(uuid.uuid4())
    assert citizen.send(client_uuid).status_code == 201
    first = SipasResponse.objects.get(client_uuid=client_uuid)
    resolved = sipas.resolve(citizen.token)
    device = citizen.client.cookies["sipas_device"].value.split(":")[0]
    late_copy = sipas.Submission(
        client_uuid=client_uuid, visit=citizen.visit, answers={str(citizen.criteria[0]): 4}
    )
    status, pk = sipas.submit(resolved, late_copy, device=device)
    assert (status, pk) == ("duplicate", first.pk)
    assert SipasResponse.objects.filter(client_uuid=client_uuid).count() == 1
    assert SipasAnswer.objects.filter(response=first).count() == len(citizen.criteria)
    assert rejected("visit_used") == 0


def test_a_visit_never_seems_opened_after_its_answer():
    """With no minimum time (kiosk tests, benchmarks), an answer sent at once must pass the
    human-speed check: the visit's time is cut to the millisecond, never rounded up."""
    for _ in range(200):
        token = sipas.issue_visit(sipas.new_device_id(), 1)
        assert sipas.read_visit(token).time <= time.time()
