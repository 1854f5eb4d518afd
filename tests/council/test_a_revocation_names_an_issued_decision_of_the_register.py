"""A decision, or one award of it, is revoked by a Quyết định issued in the ward's own
register, chosen on the decision's page. The public verification pages then say what was
revoked, why and by which decision: the decision's page lists every award it made and
marks the one revoked alone. A draft, another ward's document, a notice, an earlier
decision or the decision itself is refused, as is a missing reason, and nothing changes."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from thidua.audit.models import ActionLog
from thidua.council import decisions
from thidua.council.models import DecisionStatus
from thidua.council.services import CouncilError
from thidua.documents.models import Certificate
from thidua.documents.models import Status as DocumentStatus
from thidua.nominations.models import NominationStatus

from .conftest import D

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    # The verification page counts lookups per address in the cache.
    cache.clear()
    yield
    cache.clear()


def _verify(code: str) -> str:
    response = Client().get(f"/verify/{code}")
    assert response.status_code == 200
    return response.content.decode()


def _awards(decision):
    return list(
        decision.awards.select_related("certificate", "candidate__nomination__person").order_by(
            "position"
        )
    )


def _line(page: str, name: str) -> str:
    return re.search(rf"<li>{re.escape(name)}.*?</li>", page, re.S).group(0)


def test_one_revoked_award_shows_on_its_certificate_and_on_the_decisions_page(
    issued, user, quyet_dinh, client_as
):
    awards = _awards(issued)
    revoked = next(a for a in awards if a.target == "individual")
    revoking = quyet_dinh(D(2023, 12, 20))
    decisions.revoke_award(user("vanphong"), revoked, "Phát hiện khai man thành tích", revoking)

    certificate = _verify(revoked.certificate.verification_code)
    assert "Giấy khen đã bị thu hồi" in certificate and "Còn hiệu lực" not in certificate
    assert f"Quyết định số {revoking.symbol} ngày 20/12/2023" in certificate
    assert "Phát hiện khai man thành tích" in certificate

    page = _verify(issued.document.verification_code)
    assert "Còn hiệu lực" in page
    assert f"Số {issued.document.symbol} ngày 15/12/2023" in page
    assert "CHỦ TỊCH — Nguyễn Thị Thanh" in page
    assert "Tập thể (2)" in page and "Cá nhân (2)" in page
    for award in awards:
        assert award.certificate.awardee_name in page
    assert page.count("Đã bị thu hồi") == 1
    line = _line(page, revoked.certificate.awardee_name)
    assert f"Đã bị thu hồi</span> theo Quyết định số {revoking.symbol} ngày 20/12/2023" in line
    assert "Lý do: Phát hiện khai man thành tích" in line
    # Only what the certificates show: no amounts, no birth years, no other codes.
    assert "270.000" not in page and "540.000" not in page
    for award in awards:
        assert award.certificate.verification_code not in page
        person = award.candidate.nomination.person
        if person is not None and person.birth_year:
            assert str(person.birth_year) not in page

    office_page = client_as("vanphong").get(reverse("council:decision", args=[issued.pk]))
    assert (
        f"<strong>Đã thu hồi</strong> theo Quyết định số "
        f'<a href="{reverse("documents:detail", args=[revoking.pk])}">{revoking.symbol}</a> '
        "ngày 20/12/2023 — lý do: Phát hiện khai man thành tích"
    ) in office_page.content.decode()
    log = ActionLog.objects.get(action="council.award_revoked")
    assert log.data["by"] == revoking.symbol and log.data["by_id"] == revoking.pk


def test_a_revoked_decision_says_so_on_its_page_and_on_every_certificate(
    issued, user, quyet_dinh, client_as
):
    office = user("vanphong")
    awards = _awards(issued)
    first = quyet_dinh(D(2023, 12, 20))
    second = quyet_dinh(D(2023, 12, 22), "Về việc thu hồi Quyết định khen thưởng")
    decisions.revoke_award(office, awards[-1], "Phát hiện khai man thành tích", first)
    decisions.revoke_decision(office, issued, "Ban hành sai thẩm quyền", second)

    issued.refresh_from_db()
    issued.document.refresh_from_db()
    assert issued.status == DecisionStatus.REVOKED and issued.revoked_by == second
    assert issued.document.status == DocumentStatus.REVOKED
    assert issued.document.revoked_by == second

    page = _verify(issued.document.verification_code)
    assert "Quyết định đã bị thu hồi" in page and "Còn hiệu lực" not in page
    assert f"Quyết định số {second.symbol} ngày 22/12/2023" in page
    assert "Ban hành sai thẩm quyền" in page
    for award in awards:
        assert award.certificate.awardee_name in page
    # The award revoked before keeps its own revoking decision; the rest fell with the
    # decision, said once above.
    assert page.count("Đã bị thu hồi") == 1
    assert first.symbol in _line(page, awards[-1].certificate.awardee_name)

    certificate = _verify(awards[0].certificate.verification_code)
    assert "Giấy khen đã bị thu hồi" in certificate
    assert f"Quyết định số {second.symbol} ngày 22/12/2023" in certificate
    earlier = _verify(awards[-1].certificate.verification_code)
    assert first.symbol in earlier and second.symbol not in earlier

    detail = client_as("vanphong").get(f"/api/v1/decisions/{issued.pk}/").json()
    assert detail["status"] == "revoked" and detail["revoked_by"] == second.symbol
    assert [a["revoked"] for a in detail["awardees"]] == [True] * 4
    assert [a["revoked_by"] for a in detail["awardees"]] == [second.symbol] * 3 + [first.symbol]
    register = client_as("vanphong").get(reverse("documents:detail", args=[issued.document_id]))
    assert f">{second.symbol} ngày 22/12/2023</a>" in register.content.decode()


def test_a_revocation_by_anything_but_a_later_issued_decision_of_the_ward_changes_nothing(
    issued, user, quyet_dinh
):
    office = user("vanphong")
    award = _awards(issued)[0]
    refused = [
        (quyet_dinh(D(2023, 12, 20), issue=False), "chỉ dùng quyết định đã ban hành"),
        (quyet_dinh(D(2023, 12, 20), ward="van_quan"), "sổ văn bản đi của UBND phường Mộ Lao"),
        (issued.document, "không thể tự thu hồi chính nó"),
        (quyet_dinh(D(2023, 12, 20), "Về việc họp", doc_type="TB"), "phải là một Quyết định"),
        (quyet_dinh(D(2023, 12, 10)), "có trước quyết định bị thu hồi"),
        (None, "Hãy chọn quyết định thu hồi"),
    ]
    fit = quyet_dinh(D(2023, 12, 20))
    logged = ActionLog.objects.count()
    for by, message in refused:
        with pytest.raises(CouncilError, match=message):
            decisions.revoke_award(office, award, "Phát hiện khai man thành tích", by)
        with pytest.raises(CouncilError, match=message):
            decisions.revoke_decision(office, issued, "Ban hành sai thẩm quyền", by)
    with pytest.raises(CouncilError, match="lý do thu hồi"):
        decisions.revoke_decision(office, issued, "  ", fit)
    with pytest.raises(CouncilError, match="lý do thu hồi"):
        decisions.revoke_award(office, award, "", fit)
    with pytest.raises(PermissionError):
        decisions.revoke_award(user("hoidong2"), award, "Phát hiện khai man thành tích", fit)

    issued.refresh_from_db()
    assert issued.status == DecisionStatus.ISSUED and issued.revoked_by is None
    assert issued.document.status == DocumentStatus.ISSUED
    assert not issued.awards.filter(revoked=True).exists()
    assert not Certificate.objects.filter(decision=issued.document, revoked=True).exists()
    statuses = {a.candidate.nomination.status for a in _awards(issued)}
    assert statuses == {NominationStatus.AWARDED}
    assert ActionLog.objects.count() == logged
    assert "Còn hiệu lực" in _verify(award.certificate.verification_code)


def test_the_office_chooses_the_revoking_decision_on_the_decisions_page(
    issued, quyet_dinh, client_as
):
    url = reverse("council:decision", args=[issued.pk])
    office = client_as("vanphong")
    page = office.get(url).content.decode()
    assert (
        "Chưa có quyết định thu hồi nào trong sổ văn bản đi: hãy soạn và ban hành quyết định "
        "trước." in page
    )
    assert f'href="{reverse("documents:draft_new")}"' in page

    draft = quyet_dinh(D(2023, 12, 19), issue=False)
    older = quyet_dinh(D(2023, 12, 20), "Về việc thu hồi Giấy khen năm 2023")
    notice = quyet_dinh(D(2023, 12, 21), "Về việc họp", doc_type="TB")
    newer = quyet_dinh(D(2023, 12, 22), "Về việc thu hồi Quyết định khen thưởng")
    page = office.get(url).content.decode()
    assert "Chưa có quyết định thu hồi nào" not in page
    select = re.search(r'<select id="revoke-decision-by".*?</select>', page, re.S).group(0)
    values = re.findall(r'<option value="(\d+)">', select)
    assert values == [str(newer.pk), str(older.pk)]
    assert str(notice.pk) not in values and str(draft.pk) not in values
    assert f"{newer.symbol} ngày 22/12/2023 — Về việc thu hồi Quyết định khen thưởng" in select

    award = _awards(issued)[0]
    revoke_award = reverse("council:award_revoke", args=[award.pk])
    reason = "Phát hiện khai man thành tích"
    answer = office.post(revoke_award, {"reason": reason, "by": draft.pk}, follow=True)
    assert "chỉ dùng quyết định đã ban hành" in answer.content.decode()
    other = quyet_dinh(D(2023, 12, 20), ward="van_quan")
    answer = office.post(revoke_award, {"reason": reason, "by": other.pk}, follow=True)
    assert "Quyết định thu hồi phải là văn bản trong sổ văn bản đi của phường." in (
        answer.content.decode()
    )
    another_ward = client_as("vanquan").post(revoke_award, {"reason": reason, "by": other.pk})
    assert another_ward.status_code == 404
    award.refresh_from_db()
    assert not award.revoked

    answer = office.post(revoke_award, {"reason": reason, "by": older.pk}, follow=True)
    assert f"Đã thu hồi khen thưởng của {award.name}." in answer.content.decode()
    award.refresh_from_db()
    assert award.revoked and award.revoked_by == older

    revoke_decision = reverse("council:decision_revoke", args=[issued.pk])
    office.post(revoke_decision, {"reason": "Ban hành sai thẩm quyền", "by": newer.pk})
    issued.refresh_from_db()
    assert issued.status == DecisionStatus.REVOKED and issued.revoked_by == newer
    page = office.get(url).content.decode()
    assert f">{newer.symbol}</a> ngày 22/12/2023 — lý do: Ban hành sai thẩm quyền" in page
