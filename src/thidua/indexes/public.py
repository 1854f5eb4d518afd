"""The citizen's survey page, reached from a desk's QR code. No login, no personal data.

The page works without JavaScript (a plain form post); with it, ``survey.js`` queues
the answer in the browser and sends it when the connection allows, and a kiosk resets
itself after each answer and after inactivity.

Both views are on the path of every citizen, so they stay lean: they never touch the
session (rendered without context processors, so a staff member's phone costs no session
read either), the link and questionnaire come from process memory (``sipas.remembered``)
and the questionnaire's HTML is rendered once per configuration token.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import sipas

DEVICE_MAX_AGE = 365 * 86400
KIOSK_VISITS = 30
KIOSK_IDLE_SECONDS = 90


_devices = sipas.Verified()


def _device(request: HttpRequest) -> str | None:
    cookie = request.COOKIES.get(sipas.DEVICE_COOKIE)
    if cookie is None:
        return None
    return _devices.get(
        cookie,
        lambda _signed: request.get_signed_cookie(
            sipas.DEVICE_COOKIE, default=None, salt=sipas.DEVICE_SALT
        ),
    )


def _page(template: str, context: dict | None = None, status: int = 200) -> HttpResponse:
    """A public page, rendered without the request: no context processor reads the session."""
    return HttpResponse(render_to_string(template, context), status=status)


def _invalid() -> HttpResponse:
    return _page("indexes/survey_invalid.html", status=404)


def _questions(resolved: sipas.ResolvedLink, form: sipas.Form) -> SafeString:
    """The questionnaire's HTML, rendered once per questionnaire and configuration."""

    def render_questions() -> SafeString:
        scale = list(enumerate(form.questionnaire.scale, start=1))
        html = render_to_string("indexes/_survey_questions.html", {"form": form, "scale": scale})
        # Rendered (and escaped) by the template engine.
        return mark_safe(html.strip())  # noqa: S308

    return sipas.remembered(("questions", form.questionnaire.pk), resolved.config, render_questions)


@never_cache
@require_GET
def survey(request: HttpRequest, token: str) -> HttpResponse:
    resolved = sipas.resolve(token)
    if resolved is None:
        return _invalid()
    form = sipas.form_in_force(resolved, timezone.localdate())
    if form is None:
        return _invalid()
    device = _device(request) or sipas.new_device_id()
    count = KIOSK_VISITS if resolved.link.kiosk else 1
    try:
        visits = sipas.open_visits(resolved, device, request.META.get("REMOTE_ADDR"), count)
    except sipas.Rejected as rejection:
        wait = sipas.rate_window_left()
        # A kiosk left alone at the desk tries again by itself in the next hour.
        response = _refused(
            resolved,
            rejection,
            heading="Chưa mở được phiếu khảo sát",
            refresh_seconds=wait if resolved.link.kiosk else None,
        )
        response["Retry-After"] = str(wait)
    else:
        response = _survey_page(request, token, resolved, form, visits)
    # Set even on a refusal: a phone without the cookie keeps the same device next time.
    response.set_signed_cookie(
        sipas.DEVICE_COOKIE,
        device,
        salt=sipas.DEVICE_SALT,
        max_age=DEVICE_MAX_AGE,
        httponly=True,
        samesite="Strict",
        secure=request.is_secure(),
    )
    return response


def _survey_page(
    request: HttpRequest,
    token: str,
    resolved: sipas.ResolvedLink,
    form: sipas.Form,
    visits: list[str],
) -> HttpResponse:
    return _page(
        "indexes/survey.html",
        {
            "token": token,
            "resolved": resolved,
            "desk": resolved.desk,
            "organisation": resolved.organisation,
            "questionnaire_id": form.questionnaire.pk,
            "questions": _questions(resolved, form),
            "csrf_token": get_token(request),
            "csrf_cookie_name": settings.CSRF_COOKIE_NAME,
            "visit": visits[0],
            "visits_json": json.dumps(visits),
            "kiosk": resolved.link.kiosk,
            "idle_seconds": KIOSK_IDLE_SECONDS,
        },
    )


def _refused(
    resolved: sipas.ResolvedLink,
    rejection: sipas.Rejected,
    heading: str = "Phiếu chưa được ghi nhận",
    refresh_seconds: int | None = None,
) -> HttpResponse:
    return _page(
        "indexes/survey_done.html",
        {
            "ok": False,
            "heading": heading,
            "message": rejection.message,
            "desk": resolved.desk,
            "organisation": resolved.organisation,
            "refresh_seconds": refresh_seconds,
        },
        status=rejection.status,
    )


def _from_json(request: HttpRequest) -> sipas.Submission | None:
    try:
        body = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(body, dict):
        return None
    answers = body.get("answers") if isinstance(body.get("answers"), dict) else {}
    profile = body.get("profile") if isinstance(body.get("profile"), dict) else {}
    questionnaire = body.get("questionnaire")
    return sipas.Submission(
        client_uuid=str(body.get("client_uuid", "")),
        visit=str(body.get("visit", "")),
        questionnaire_id=int(questionnaire) if str(questionnaire).isdigit() else None,
        answers=answers,
        overall=body.get("overall"),
        profile=profile,
        answered_at=str(body.get("answered_at", "")),
        honeypot=str(body.get("website", "")),
    )


def _from_form(request: HttpRequest) -> sipas.Submission:
    post = request.POST
    questionnaire = post.get("questionnaire", "")
    return sipas.Submission(
        client_uuid=post.get("client_uuid", ""),
        visit=post.get("visit", ""),
        questionnaire_id=int(questionnaire) if questionnaire.isdigit() else None,
        answers={k[2:]: v for k, v in post.items() if k.startswith("c_")},
        overall=post.get("overall") or None,
        profile={k[2:]: v for k, v in post.items() if k.startswith("p_") and v},
        honeypot=post.get("website", ""),
    )


@never_cache
@require_POST
def survey_submit(request: HttpRequest, token: str) -> HttpResponse:
    wants_json = request.content_type == "application/json"
    resolved = sipas.resolve(token)
    if resolved is None:
        if wants_json:
            return JsonResponse(
                {"status": "invalid_link", "message": "Mã QR không hợp lệ."}, status=404
            )
        return _invalid()
    data = _from_json(request) if wants_json else _from_form(request)
    if data is None:
        return JsonResponse(
            {"status": "rejected", "message": "Dữ liệu gửi lên không đọc được."}, status=400
        )
    try:
        status, _response = sipas.submit(resolved, data, device=_device(request))
    except sipas.Rejected as rejection:
        if wants_json:
            return JsonResponse(
                {"status": "rejected", "reason": rejection.reason, "message": rejection.message},
                status=rejection.status,
            )
        return _refused(resolved, rejection)
    if wants_json:
        return JsonResponse({"status": status}, status=201 if status == "saved" else 200)
    return _page(
        "indexes/survey_done.html",
        {"ok": True, "desk": resolved.desk, "organisation": resolved.organisation},
    )
