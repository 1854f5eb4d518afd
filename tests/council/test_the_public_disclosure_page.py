"""The disclosed list on a public page (no login): anyone comments during the period; the
Office's handling is shown; an unknown code answers 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thidua.council.models import Disclosure


@pytest.fixture
def listing(demo) -> Disclosure:
    return Disclosure.objects.get(organisation=demo["mo_lao"], meeting__movement__year=2022)


@pytest.mark.django_db
def test_anyone_reads_the_list_and_the_handled_comments(listing, client):
    response = client.get(reverse("council:public", kwargs={"disclosure_code": listing.code}))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Bộ phận tiếp nhận và trả kết quả" in text and "Hoàng Thị Yến" in text
    assert "Trịnh Văn Long" not in text  # not proposed by the council
    assert "trả đúng hạn 100%" in text  # the Office's answer to Nguyễn Văn Bình
    assert "Ngoài thời gian nhận ý kiến" in text


@pytest.mark.django_db
def test_a_comment_during_the_period_is_kept_for_the_office(listing, client, client_as):
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    Disclosure.objects.filter(pk=listing.pk).update(
        starts_on=today - datetime.timedelta(days=1), ends_on=today + datetime.timedelta(days=3)
    )
    url = reverse("council:public", kwargs={"disclosure_code": listing.code})
    bad = client.post(url, {"author": "", "text": "x"})
    assert "Trường này là bắt buộc" in bad.content.decode() or bad.status_code == 200
    client.post(url, {"author": "Trần Thị Dân", "contact": "", "text": "Tôi đồng ý với danh sách."})
    assert listing.comments.filter(author="Trần Thị Dân", status="new").exists()
    office = client_as("vanphong").get(
        reverse("council:disclosure", kwargs={"disclosure_id": listing.pk})
    )
    assert "Trần Thị Dân" in office.content.decode()
    assert (
        client_as("vanquan")
        .get(reverse("council:disclosure", kwargs={"disclosure_id": listing.pk}))
        .status_code
        == 404
    )


@pytest.mark.django_db
def test_an_unknown_code_answers_404(client):
    assert (
        client.get(reverse("council:public", kwargs={"disclosure_code": "khong-co"})).status_code
        == 404
    )
