import base64
import json

import pytest
from django.test import Client

from thidua.indexes import sipas
from thidua.indexes.models import SipasDesk, SipasProcedure
from thidua.orgs.models import Person


@pytest.mark.django_db
def test_a_link_carries_ward_desk_procedure_and_staff(desk):
    staff = Person.objects.get(organisation=desk.organisation, given_name="Mai")
    procedure = SipasProcedure.objects.filter(organisation=desk.organisation).first()
    resolved = sipas.resolve(sipas.make_token(desk, procedure=procedure, staff=staff))
    assert (resolved.desk, resolved.procedure, resolved.staff) == (desk, procedure, staff)
    assert resolved.link.kiosk is False


@pytest.mark.django_db
def test_a_changed_link_is_refused_with_a_404_page(desk):
    token = sipas.make_token(desk)
    payload, rest = token.split(":", 1)
    other = {"o": desk.organisation_id, "d": desk.pk + 1}
    forged = base64.urlsafe_b64encode(json.dumps(other, separators=(",", ":")).encode())
    forged = forged.decode().rstrip("=") + ":" + rest
    for bad in (forged, token[:-2], "abc"):
        response = Client().get(f"/indexes/s/{bad}/")
        assert response.status_code == 404
        assert "Mã QR không hợp lệ" in response.content.decode()


@pytest.mark.django_db
def test_a_staff_member_of_another_ward_cannot_be_put_in_a_link(desk, demo):
    outsider = Person.objects.filter(organisation=demo["van_quan"]).first()
    resolved = sipas.resolve(sipas.make_token(desk, staff=outsider))
    assert resolved.staff is None


@pytest.mark.django_db
def test_a_closed_desk_takes_no_more_answers(desk):
    token = sipas.make_token(desk)
    SipasDesk.objects.filter(pk=desk.pk).update(active=False)
    assert Client().get(f"/indexes/s/{token}/").status_code == 404


@pytest.mark.django_db
def test_the_survey_page_needs_no_login_and_asks_no_personal_data(desk):
    response = Client().get(f"/indexes/s/{sipas.make_token(desk)}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "UBND PHƯỜNG MỘ LAO" in html and desk.name in html
    for personal in ("Họ và tên", "Số điện thoại", 'type="tel"', 'type="email"'):
        assert personal not in html
    assert "<script>" not in html and "onclick" not in html
    assert "indexes/survey.js" in html
    assert response.cookies["sipas_device"]["httponly"]
