"""A ward's Office starts the 2025 self-assessment, assigns criteria, units self-score with
evidence, the district appraises: the whole flow through the pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.indexes import services
from thidua.indexes.models import ParEvidence, ParFramework, ParScore
from thidua.orgs.models import Unit

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def started(demo, user):
    framework = ParFramework.objects.get(code="ha-noi-commune-2025")
    return services.start_assessment(user("vanphong"), demo["mo_lao"], framework)


def leaf(assessment, code):
    return ParScore.objects.get(assessment=assessment, criterion__code=code)


@pytest.mark.django_db
def test_starting_creates_one_score_per_leaf_criterion(started):
    assert started.scores.count() == 15
    assert started.status == "draft"


@pytest.mark.django_db
def test_the_office_assigns_criteria_to_units_on_the_assign_page(started, client_as, demo):
    one_stop = Unit.objects.get(organisation=demo["mo_lao"], kind="one_stop")
    score = leaf(started, "3.1")
    response = client_as("vanphong").post(
        f"/indexes/par/{started.pk}/assign/", {f"unit_{score.pk}": one_stop.pk}
    )
    assert response.status_code == 302
    score.refresh_from_db()
    assert score.unit == one_stop


@pytest.mark.django_db
def test_another_wards_user_gets_404_on_the_assessment_pages(started, client_as):
    client = client_as("vanquan")
    score = leaf(started, "1.1")
    for url in (
        f"/indexes/par/{started.pk}/",
        f"/indexes/par/{started.pk}/assign/",
        f"/indexes/par/scores/{score.pk}/",
    ):
        assert client.get(url).status_code == 404
    assert client.post(f"/indexes/par/{started.pk}/submit/").status_code == 404


@pytest.mark.django_db
def test_a_unit_head_self_scores_with_a_pdf_kept_privately_and_downloaded_after_a_check(
    started, client_as, demo, media
):
    one_stop = Unit.objects.get(organisation=demo["mo_lao"], kind="one_stop")
    score = leaf(started, "3.1")
    score.unit = one_stop
    score.save()
    client = client_as("truongmotcua")
    upload = SimpleUploadedFile("bao-cao.pdf", PDF, content_type="application/pdf")
    response = client.post(
        f"/indexes/par/scores/{score.pk}/", {"points": "9,5", "files": [upload], "explanation": ""}
    )
    assert response.status_code == 302
    score.refresh_from_db()
    assert str(score.self_points) == "9.50"
    evidence = ParEvidence.objects.get(score=score)
    assert evidence.name == "bao-cao.pdf" and evidence.kind == "pdf"
    assert evidence.file.name.startswith("private/par/") and "bao-cao" not in evidence.file.name
    assert (media / evidence.file.name).read_bytes() == PDF

    download = client_as("capquan").get(f"/indexes/par/evidence/{evidence.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert client_as("vanquan").get(f"/indexes/par/evidence/{evidence.pk}/").status_code == 404
    from django.test import Client

    anonymous = Client().get(f"/indexes/par/evidence/{evidence.pk}/")
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


@pytest.mark.django_db
def test_a_self_score_without_evidence_or_explanation_is_refused_and_changes_nothing(
    started, client_as
):
    score = leaf(started, "1.1")
    response = client_as("vanphong").post(f"/indexes/par/scores/{score.pk}/", {"points": "4"})
    assert response.status_code == 200
    assert "minh chứng, hoặc ghi giải trình" in response.content.decode()
    score.refresh_from_db()
    assert score.self_points is None


@pytest.mark.django_db
def test_a_program_renamed_pdf_is_refused_by_its_content(started, client_as, media):
    score = leaf(started, "1.1")
    fake = SimpleUploadedFile(
        "minh-chung.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    response = client_as("vanphong").post(
        f"/indexes/par/scores/{score.pk}/", {"points": "4", "files": [fake]}
    )
    assert '<div class="form-error" role="alert"><p>Tệp “minh-chung.pdf”: ' in (
        response.content.decode()
    )
    assert not ParEvidence.objects.filter(score=score).exists()


@pytest.mark.django_db
def test_points_outside_the_criterion_range_are_refused_naming_the_range(started, client_as):
    score = leaf(started, "1.1")
    response = client_as("vanphong").post(
        f"/indexes/par/scores/{score.pk}/", {"points": "7", "explanation": "Có kế hoạch"}
    )
    assert "phải từ 0 đến 5; đã nhập 7" in response.content.decode()


@pytest.mark.django_db
def test_staff_of_another_unit_may_not_self_score(started, client_as):
    score = leaf(started, "1.1")
    score.unit = Unit.objects.get(organisation=started.organisation, name="Tài chính - Kế toán")
    score.save()
    response = client_as("canbo").post(
        f"/indexes/par/scores/{score.pk}/", {"points": "4", "explanation": "x"}
    )
    assert response.status_code == 403


@pytest.mark.django_db
def test_submitting_with_unscored_criteria_lists_them(started, client_as):
    response = client_as("vanphong").post(f"/indexes/par/{started.pk}/submit/", follow=True)
    assert "Còn tiêu chí chưa tự chấm: 1.1, 1.2" in response.content.decode()
    started.refresh_from_db()
    assert started.status == "draft"


def score_everything(assessment, actor):
    for score in ParScore.objects.filter(assessment=assessment).select_related("criterion"):
        if score.criterion.method != "survey":
            points = max(score.criterion.min_points, score.criterion.max_points - 1)
            services.self_score(actor, score, str(points), "Có hồ sơ lưu tại Văn phòng.")


@pytest.mark.django_db
def test_the_district_appraises_with_comments_and_the_index_is_points_over_max(
    started, user, client_as
):
    score_everything(started, user("vanphong"))
    services.submit_assessment(user("vanphong"), started)
    upper = client_as("capquan")
    score = leaf(started, "7.1")
    refused = upper.post(f"/indexes/par/scores/{score.pk}/appraise/", {"points": "8"}, follow=True)
    assert "hãy ghi ý kiến thẩm định" in refused.content.decode()
    upper.post(
        f"/indexes/par/scores/{score.pk}/appraise/",
        {"points": "8", "comment": "Số hóa chưa đạt chỉ tiêu."},
    )
    for other in ParScore.objects.filter(assessment=started).exclude(pk=score.pk):
        points = other.self_points if other.self_points is not None else other.criterion.max_points
        services.appraise(user("capquan"), other, str(points), "")
    response = upper.post(f"/indexes/par/{started.pk}/finish/", {"note": "Đạt yêu cầu."})
    assert response.status_code == 302
    started.refresh_from_db()
    assert started.status == "appraised"
    from thidua.indexes.queries import assessment_totals

    totals = assessment_totals(started)
    # Every self/bonus leaf lost one point (the penalty leaf's 0 − 1 clamps to −3..0 = −1),
    # 7.1 lost three more at appraisal, the two survey leaves got their maximum.
    assert totals.index == (totals.appraised_points * 100 / totals.max_points).quantize(
        totals.index
    )
    page = client_as("vanphong").get(f"/indexes/par/{started.pk}/").content.decode()
    assert "Số hóa chưa đạt chỉ tiêu." in page


@pytest.mark.django_db
def test_the_ward_cannot_appraise_its_own_assessment(started, user):
    score_everything(started, user("vanphong"))
    services.submit_assessment(user("vanphong"), started)
    with pytest.raises(Exception, match="Chỉ cấp trên được thẩm định"):
        services.appraise(user("chutich"), leaf(started, "1.1"), "5", "")


@pytest.mark.django_db
def test_the_start_form_offers_only_sets_not_yet_started(client_as):
    page = client_as("vanphong").get("/indexes/").content.decode()
    start = page.index('name="framework"')
    options = page[start : page.index("</select>", start)]
    assert "năm 2025" in options
    assert "năm 2023" not in options
