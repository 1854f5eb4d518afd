"""A survey-based PAR criterion measured from SIPAS: the upper level's appraisal page and the
ward's side-by-side view suggest max × the ward's SIPAS % satisfied for the assessment's year,
with the sample and the 95% interval; "Dùng điểm gợi ý" fills the appraisal, the appraiser
confirms, and the action log says the suggestion was used."""

import re
from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.audit.models import ActionLog
from thidua.indexes import services
from thidua.indexes.models import (
    AssessmentStatus,
    Method,
    ParCriterion,
    ParScore,
    SipasAnswer,
    SipasResponse,
)


@pytest.fixture
def submitted(assessment):
    """The demo's 2023 assessment sent for appraisal again, its survey criterion not yet appraised."""
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.appraised_at = None
    assessment.save()
    ParScore.objects.filter(assessment=assessment, criterion__code="3.6").update(
        appraised_points=None, appraisal_comment="", appraised_by=None, appraised_at=None
    )
    return assessment


def survey_score(assessment) -> ParScore:
    return ParScore.objects.select_related("criterion").get(
        assessment=assessment, criterion__code="3.6"
    )


def expected_share(ward, year: int) -> float:
    """The ward's SIPAS index from the answer rows: per factor the share of answers at
    "Hài lòng" (4) or "Rất hài lòng" (5), then the mean of the factors."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    rows = SipasAnswer.objects.filter(organisation=ward, day__year=year).values_list(
        "factor__code", "value"
    )
    for code, value in rows:
        counts[code][0] += value >= 4
        counts[code][1] += 1
    assert len(counts) == 5
    return sum(ok * 100 / n for ok, n in counts.values()) / len(counts)


def number(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


def box(page: str) -> str:
    start = page.index('class="suggestion-box"')
    return page[start : page.index("</div>", start)]


@pytest.mark.django_db
def test_the_appraisal_page_suggests_max_times_the_wards_sipas_share_with_sample_and_interval(
    submitted, client_as, demo
):
    score = survey_score(submitted)
    share = expected_share(demo["mo_lao"], 2023)
    page = client_as("capquan").get(f"/indexes/par/scores/{score.pk}/").content.decode()
    suggestion = box(page)
    shown = number(re.search(r'class="big-number">([\d,]+) điểm', suggestion).group(1))
    assert abs(float(shown) - 6 * share / 100) <= 0.005
    assert f"× {share:.2f}".replace(".", ",") + "% hài lòng" in suggestion
    respondents = SipasResponse.objects.filter(organisation=demo["mo_lao"], day__year=2023)
    assert f"{respondents.count():,}".replace(",", ".") + " người trả lời" in suggestion
    low, high = re.search(r"khoảng tin cậy 95%: ([\d,]+)–([\d,]+)%", suggestion).groups()
    assert number(low) < Decimal(f"{share:.2f}") < number(high)
    assert "Dùng điểm gợi ý" in suggestion


@pytest.mark.django_db
def test_one_click_fills_the_appraisal_and_saving_stores_it_and_logs_the_suggestion(
    submitted, client_as, demo
):
    score = survey_score(submitted)
    upper = client_as("capquan")
    page = upper.get(f"/indexes/par/scores/{score.pk}/?goi_y=1").content.decode()
    form = page[page.index('id="tham-dinh"') :]
    points = re.search(r'name="points" value="([\d,]+)"', form).group(1)
    assert 'name="from_suggestion" value="True"' in form
    comment = re.search(r'name="comment"[^>]*>([^<]*)</textarea>', form).group(1).strip()
    assert comment.startswith("Theo Chỉ số SIPAS năm 2023 của phường")
    expected = Decimal(6 * expected_share(demo["mo_lao"], 2023) / 100)
    assert abs(number(points) - expected) <= Decimal("0.005")

    score.refresh_from_db()
    assert score.appraised_points is None  # filling is not saving: the appraiser confirms
    response = upper.post(
        f"/indexes/par/scores/{score.pk}/appraise/",
        {"points": points, "comment": comment, "from_suggestion": "True"},
    )
    assert response.status_code == 302
    score.refresh_from_db()
    assert score.appraised_points == number(points)
    log = ActionLog.objects.filter(action="par.appraised_criterion").latest("id")
    assert log.object_id == str(score.pk)
    assert log.data["suggestion"]["used"] is True
    assert Decimal(str(log.data["suggestion"]["points"])) == number(points)
    assert log.data["suggestion"]["respondents"] == 2000


@pytest.mark.django_db
def test_points_changed_after_the_click_are_logged_as_not_the_suggestion(submitted, user):
    score = survey_score(submitted)
    services.appraise(user("capquan"), score, "4", "Trừ điểm do phản ánh.", from_suggestion=True)
    log = ActionLog.objects.filter(action="par.appraised_criterion").latest("id")
    assert log.data["suggestion"]["used"] is False
    assert log.data["points"] in ("4.00", 4, "4")


@pytest.mark.django_db
def test_the_ward_sees_the_suggestion_beside_its_scores_but_cannot_use_it(submitted, client_as):
    score = survey_score(submitted)
    ward_page = client_as("vanphong").get(f"/indexes/par/{submitted.pk}/").content.decode()
    row = ward_page[ward_page.index(f'id="c{score.criterion_id}"') :]
    row = row[: row.index("</tr>")]
    assert "Gợi ý từ SIPAS 2023" in row and "2.000 người" in row
    assert "Dùng điểm gợi ý" not in ward_page
    upper_page = client_as("capquan").get(f"/indexes/par/{submitted.pk}/").content.decode()
    assert f"/indexes/par/scores/{score.pk}/?goi_y=1#tham-dinh" in upper_page
    own = client_as("vanphong").get(f"/indexes/par/scores/{score.pk}/?goi_y=1").content
    assert "Điểm gợi ý từ Chỉ số SIPAS năm 2023" in own.decode()
    assert "Dùng điểm gợi ý" not in own.decode() and b'name="from_suggestion"' not in own


@pytest.mark.django_db
def test_another_wards_user_gets_404_and_nothing_is_stored(submitted, client_as):
    score = survey_score(submitted)
    other = client_as("vanquan")
    assert other.get(f"/indexes/par/scores/{score.pk}/?goi_y=1").status_code == 404
    response = other.post(
        f"/indexes/par/scores/{score.pk}/appraise/", {"points": "5", "from_suggestion": "True"}
    )
    assert response.status_code == 404
    score.refresh_from_db()
    assert score.appraised_points is None


@pytest.mark.django_db
def test_a_survey_criterion_without_source_sipas_shows_no_suggestion(submitted, client_as):
    score = survey_score(submitted)
    ParCriterion.objects.filter(pk=score.criterion_id).update(source="")
    upper = client_as("capquan")
    page = upper.get(f"/indexes/par/scores/{score.pk}/?goi_y=1").content.decode()
    assert "Điểm gợi ý" not in page and "Dùng điểm gợi ý" not in page
    assert not re.search(r'name="points" value="', page)
    detail = upper.get(f"/indexes/par/{submitted.pk}/").content.decode()
    assert "Gợi ý từ SIPAS" not in detail


@pytest.mark.django_db
def test_below_the_minimum_sample_it_says_chua_du_mau_and_suggests_nothing(
    submitted, client_as, user
):
    score = survey_score(submitted)
    ParCriterion.objects.filter(pk=score.criterion_id).update(min_sample=2001)
    upper = client_as("capquan")
    page = upper.get(f"/indexes/par/scores/{score.pk}/?goi_y=1").content.decode()
    suggestion = box(page)
    assert "Chưa đủ mẫu" in suggestion and "cần ít nhất 2.001 người" in suggestion
    assert "Dùng điểm gợi ý" not in page and not re.search(r'name="points" value="', page)
    assert "Chưa đủ mẫu" in upper.get(f"/indexes/par/{submitted.pk}/").content.decode()
    with pytest.raises(ValidationError, match="Chưa đủ phiếu khảo sát SIPAS"):
        services.appraise(user("capquan"), score, "5", "", from_suggestion=True)
    score.refresh_from_db()
    assert score.appraised_points is None


@pytest.mark.django_db
def test_the_appraisal_pages_spend_the_same_queries_for_one_or_many_sourced_criteria(
    submitted, client_as
):
    upper = client_as("capquan")
    score = survey_score(submitted)

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert upper.get(url).status_code == 200
        return len(captured)

    detail, single = f"/indexes/par/{submitted.pk}/", f"/indexes/par/scores/{score.pk}/"
    one = queries(detail), queries(single)
    more = ParCriterion.objects.filter(
        framework=submitted.framework, is_leaf=True, code__in=["3.1", "3.4", "3.5"]
    )
    assert more.update(method=Method.SURVEY, source="sipas") == 3
    detail_page = upper.get(detail).content.decode()
    assert detail_page.count("Gợi ý từ SIPAS 2023") == 4
    assert (queries(detail), queries(single)) == one
