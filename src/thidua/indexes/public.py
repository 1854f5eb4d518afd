"""The citizen's survey page, reached from a desk's QR code. No login, no personal data.

The page works without JavaScript (a plain form post); with it, ``survey.js`` queues
the answer in the browser and sends it when the connection allows, and a kiosk resets
itself after each answer and after inactivity.
"""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import sipas
from .models import SipasFactor
from .queries import questionnaire_for

DEVICE_MAX_AGE = 365 * 86400
KIOSK_VISITS = 30
KIOSK_IDLE_SECONDS = 90


def _device(request: HttpRequest) -> str | None:
    return request.get_signed_cookie(sipas.DEVICE_COOKIE, default=None, salt=sipas.DEVICE_SALT)


def _invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "indexes/survey_invalid.html", status=404)


@never_cache
@require_GET
def survey(request: HttpRequest, token: str) -> HttpResponse:
    resolved = sipas.resolve(token)
    if resolved is None:
        return _invalid(request)
    questionnaire = questionnaire_for(resolved.organisation, timezone.localdate())
    if questionnaire is None:
        return _invalid(request)
    device = _device(request) or sipas.new_device_id()
    count = KIOSK_VISITS if resolved.link.kiosk else 1
    visits = [sipas.issue_visit(device, resolved.desk.pk) for _ in range(count)]
    factors = SipasFactor.objects.filter(questionnaire=questionnaire).prefetch_related("criteria")
    scale = list(enumerate(questionnaire.scale, start=1))
    response = render(
        request,
        "indexes/survey.html",
        {
            "token": token,
            "resolved": resolved,
            "desk": resolved.desk,
            "organisation": resolved.organisation,
            "questionnaire": questionnaire,
            "factors": factors,
            "scale": scale,
            "visit": visits[0],
            "visits_json": json.dumps(visits),
            "kiosk": resolved.link.kiosk,
            "idle_seconds": KIOSK_IDLE_SECONDS,
        },
    )
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
        return _invalid(request)
    data = _from_json(request) if wants_json else _from_form(request)
    if data is None:
        return JsonResponse(
            {"status": "rejected", "message": "Dữ liệu gửi lên không đọc được."}, status=400
        )
    try:
        status, _response = sipas.submit(
            resolved, data, device=_device(request), address=request.META.get("REMOTE_ADDR")
        )
    except sipas.Rejected as rejection:
        if wants_json:
            return JsonResponse(
                {"status": "rejected", "reason": rejection.reason, "message": rejection.message},
                status=rejection.status,
            )
        return render(
            request,
            "indexes/survey_done.html",
            {
                "ok": False,
                "message": rejection.message,
                "desk": resolved.desk,
                "organisation": resolved.organisation,
            },
            status=rejection.status,
        )
    if wants_json:
        return JsonResponse({"status": status}, status=201 if status == "saved" else 200)
    return render(
        request,
        "indexes/survey_done.html",
        {"ok": True, "desk": resolved.desk, "organisation": resolved.organisation},
    )
