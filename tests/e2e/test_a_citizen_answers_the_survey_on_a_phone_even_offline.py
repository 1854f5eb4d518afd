"""In a real browser on a phone-sized screen: an anonymous citizen opens a desk's QR link,
answers and submits; an answer made offline is kept in the browser and arrives exactly
once when the connection returns."""

import os
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.utils.crypto import get_random_string

from tests.e2e.conftest import DESKTOP, PHONE, screenshot
from thidua.indexes import sipas
from thidua.indexes.models import SipasDesk, SipasResponse

# Playwright's sync API runs an event loop in this thread; the ORM checks are safe here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = pytest.mark.browser

SENT = "Phiếu đã được gửi và ghi nhận."
QUEUE_KEY = "thidua.sipas.queue.v1"


@pytest.fixture
def survey_url(live, settings):
    # Playwright answers faster than a person; the human-speed check has its own test.
    settings.SIPAS_MIN_SECONDS = 0
    cache.clear()
    sipas.forget_configuration()
    desk = SipasDesk.objects.filter(organisation__code="mo-lao").order_by("position").first()
    return f"{live.url}/indexes/s/{sipas.make_token(desk)}/", desk


def answer_everything(page, level: int) -> None:
    for question in page.locator("fieldset.q:has(.scale)").all():
        question.locator(f"label.opt-{level}").click()


def test_an_anonymous_citizen_answers_and_submits_on_a_phone(survey_url, page_factory):
    url, desk = survey_url
    before = SipasResponse.objects.filter(desk=desk).count()
    page = page_factory(PHONE)
    page.goto(url)
    assert page.get_by_role("heading", name="Đánh giá sự hài lòng").is_visible()
    assert desk.name in page.locator(".s-where").inner_text()
    answer_everything(page, 5)
    screenshot(page, "sipas-survey-phone-answered")
    page.get_by_role("button", name="Gửi đánh giá").click()
    page.locator("#s-status", has_text=SENT).wait_for()
    screenshot(page, "sipas-survey-phone-thanks")
    assert SipasResponse.objects.filter(desk=desk).count() == before + 1
    stored = SipasResponse.objects.filter(desk=desk).latest("submitted_at")
    assert stored.channel == "qr" and stored.overall == 5
    assert stored.answers.count() == 22 and set(stored.answers.values_list("value", flat=True)) == {
        5
    }
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert overflow is False


def test_an_answer_made_offline_arrives_exactly_once_when_the_connection_returns(
    survey_url, page_factory, settings
):
    url, desk = survey_url
    before = SipasResponse.objects.filter(desk=desk).count()
    page = page_factory(PHONE)
    page.goto(url)
    answer_everything(page, 4)
    page.context.set_offline(True)
    page.get_by_role("button", name="Gửi đánh giá").click()
    page.locator("#s-status", has_text="phiếu đã được lưu trên máy").wait_for()
    page.locator("#s-queue", has_text="Còn 1 phiếu").wait_for()
    screenshot(page, "sipas-survey-phone-offline")
    queued = page.evaluate(f"JSON.parse(localStorage.getItem('{QUEUE_KEY}'))")
    assert len(queued) == 1
    assert SipasResponse.objects.filter(desk=desk).count() == before
    # Meanwhile the browser got another CSRF cookie (it expired and another page renewed
    # it): the queued answer leaves with the cookie of that moment, not the page's token.
    renewed = {"name": settings.CSRF_COOKIE_NAME, "value": get_random_string(32), "path": "/"}
    page.context.add_cookies([{**renewed, "domain": urlsplit(url).hostname}])

    page.context.set_offline(False)
    page.locator("#s-status", has_text=SENT).wait_for(timeout=20000)
    assert page.evaluate(f"JSON.parse(localStorage.getItem('{QUEUE_KEY}'))") == []
    assert SipasResponse.objects.filter(desk=desk).count() == before + 1
    client_uuid = queued[0]["body"]["client_uuid"]
    assert SipasResponse.objects.filter(client_uuid=client_uuid).count() == 1

    # The acknowledgement is lost and the phone sends the same answer again: still once.
    page.evaluate(
        "([key, item]) => { localStorage.setItem(key, JSON.stringify([item]));"
        " window.dispatchEvent(new Event('online')); }",
        [QUEUE_KEY, queued[0]],
    )
    # Polled from here: the page's CSP forbids the eval that wait_for_function uses.
    for _ in range(100):
        if page.evaluate(f"localStorage.getItem('{QUEUE_KEY}')") == "[]":
            break
        page.wait_for_timeout(200)
    assert page.evaluate(f"localStorage.getItem('{QUEUE_KEY}')") == "[]"
    assert SipasResponse.objects.filter(desk=desk).count() == before + 1


@pytest.mark.parametrize("screen", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_device_past_its_hourly_limit_is_told_before_it_answers(
    survey_url, page_factory, settings, screen
):
    settings.SIPAS_DEVICE_PER_HOUR = 1
    url, _desk = survey_url
    page = page_factory(screen)
    assert page.goto(url).status == 200
    refused = page.goto(url)  # the same phone opens the page again
    assert refused.status == 429
    assert page.get_by_role("heading", name="Chưa mở được phiếu khảo sát").is_visible()
    assert page.get_by_text(sipas.RATE_DEVICE_MESSAGE).is_visible()
    assert page.locator("form").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth > window.innerWidth") is False
    screenshot(page, f"sipas-survey-limited-{'phone' if screen is PHONE else 'desktop'}")
