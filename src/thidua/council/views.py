"""Pages of the council: members and settings, meetings (attendance, conflicts, votes, live
tally, results), each member's own ballot page, disclosure (with its public page),
decisions and the report upward. Thin: the rules live in services."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from thidua.core.spreadsheets import xlsx_response_bytes
from thidua.core.views import paginate
from thidua.documents.services import certificate_format
from thidua.movements.models import Movement
from thidua.orgs.models import Organisation, Role
from thidua.orgs.services import current_membership, organisations_where
from thidua.vn import format_date

from . import decisions, disclosure, queries, reporting, services
from .forms import (
    AttendanceForm,
    BallotForm,
    CommentForm,
    ConflictForm,
    CorrectionForm,
    DecisionForm,
    DiscardForm,
    HandleForm,
    HandsForm,
    MeetingForm,
    PublishForm,
    ReceiptForm,
    ReportForm,
    RevokeForm,
    RulesForm,
    ScanForm,
    SettingForm,
    TextForm,
    revoking_options,
    today,
)
from .models import (
    ENDED_DECISION,
    Award,
    AwardDecision,
    Candidate,
    CommentStatus,
    Conflict,
    Council,
    CouncilMember,
    DecisionStatus,
    Disclosure,
    DisclosureComment,
    Meeting,
    MeetingStatus,
    Outcome,
    VotingMethod,
)
from .services import CouncilError

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _run(request: HttpRequest, action, success: str = "") -> bool:
    """Run a service call; refusals become a message, permissions a 403."""
    try:
        action()
    except PermissionError as exc:
        raise PermissionDenied(str(exc)) from exc
    except CouncilError as exc:
        messages.error(request, str(exc))
        return False
    if success:
        messages.success(request, success)
    return True


def _home_organisation(request: HttpRequest) -> Organisation | None:
    membership = current_membership(request)
    if membership and membership.role != Role.UPPER_VIEWER:
        return membership.unit.organisation
    own = organisations_where(
        request.user, Role.OFFICE, Role.CHAIRMAN, Role.VICE_CHAIRMAN, Role.COUNCIL_MEMBER
    )
    return own[0] if own else None


# --- The council --------------------------------------------------------------------------


@login_required
def index(request: HttpRequest) -> HttpResponse:
    organisation = _home_organisation(request)
    if organisation is None:
        return redirect("council:upper")
    council = services.council_of(organisation)
    members = council.members.filter(active=True).select_related("user")
    meetings = paginate(request, queries.meetings_for(request.user).filter(council=council))
    forms_in_use = sorted(
        set(
            Movement.objects.filter(organisation=organisation).values_list(
                "award_forms__form", flat=True
            )
        )
        - {None}
    )
    saved = {s.award_form: s for s in council.settings.all()}
    settings_rows = [
        saved.get(form) or services.setting_for(council, form) for form in forms_in_use
    ]
    settings_rows += [s for f, s in saved.items() if f not in forms_in_use]
    for extra in ("Chiến sĩ thi đua cơ sở",):
        if extra not in saved and extra not in forms_in_use:
            settings_rows.append(services.setting_for(council, extra))
    return render(
        request,
        "council/index.html",
        {
            "council": council,
            "members": members,
            "meetings": meetings,
            "settings_rows": settings_rows,
            "can_manage": services.is_office(request.user, organisation),
            "decisions": queries.decisions_for(request.user).filter(organisation=organisation)[:10],
        },
    )


@login_required
@require_POST
def sync_members(request: HttpRequest, council_id: int) -> HttpResponse:
    council = get_object_or_404(Council.objects.visible_to(request.user), pk=council_id)
    _run(
        request,
        lambda: services.sync_members(request.user, council),
        "Đã cập nhật thành viên Hội đồng.",
    )
    return redirect("council:index")


@login_required
def setting_edit(request: HttpRequest, council_id: int) -> HttpResponse:
    council = get_object_or_404(Council.objects.visible_to(request.user), pk=council_id)
    if not services.is_office(request.user, council.organisation_id):
        raise PermissionDenied("Chỉ Văn phòng sửa quy chế xét.")
    award_form = (request.POST.get("award_form") or request.GET.get("form") or "Giấy khen").strip()
    instance = services.setting_for(council, award_form)
    form = SettingForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        if _run(
            request,
            lambda: services.save_setting(request.user, council, award_form, values),
            f"Đã lưu quy chế xét “{award_form}”.",
        ):
            return redirect("council:index")
    return render(
        request,
        "council/setting_form.html",
        {"council": council, "form": form, "award_form": award_form},
    )


# --- Meetings ----------------------------------------------------------------------------


@login_required
def meeting_new(request: HttpRequest) -> HttpResponse:
    organisation = _home_organisation(request)
    if organisation is None or not services.is_office(request.user, organisation):
        raise PermissionDenied("Chỉ Văn phòng chuẩn bị cuộc họp Hội đồng.")
    movements = Movement.objects.filter(organisation=organisation).order_by("-year")
    form = MeetingForm(request.POST or None, movements=movements)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = {}

        def action():
            created["meeting"] = services.prepare_meeting(
                request.user,
                data["movement"],
                award_form=data["award_form"].strip(),
                starts_at=data["starts_at"],
                place=data["place"],
                agenda=data["agenda"],
            )

        if _run(request, action, "Đã chuẩn bị cuộc họp."):
            return redirect("council:meeting", meeting_id=created["meeting"].pk)
    return render(request, "council/meeting_form.html", {"form": form})


def _meeting(request: HttpRequest, meeting_id: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.visible_to(request.user).select_related(
            "organisation",
            "movement",
            "council",
            "presiding",
            "invitation",
            "minutes",
            "count_minutes",
        ),
        pk=meeting_id,
    )


def _meeting_context(request: HttpRequest, meeting: Meeting) -> dict:
    user = request.user
    seat = services.seat_of(user, meeting)
    attendance = list(meeting.attendance.select_related("member__user"))
    candidates = list(
        meeting.candidates.select_related(
            "nomination__person__unit", "nomination__unit", "nomination__dossier"
        ).order_by("target", "position", "id")
    )
    conflicts = list(
        Conflict.objects.filter(candidate__meeting=meeting).select_related("member", "candidate")
    )
    declared = {(c.candidate_id, c.member_id) for c in conflicts}
    detected = [
        d
        for d in services.detect_conflicts(meeting)
        if (d.candidate.pk, d.member.pk) not in declared
    ]
    results = services.results_of(meeting, with_scores=meeting.status != MeetingStatus.VOTING)
    participated = set(meeting.participations.values_list("member_id", flat=True))
    presiding = services.can_preside(user, meeting)
    keeper = services.can_keep_record(user, meeting)
    # The decision that stands, else the latest one ended (revoked or discarded).
    decisions_made = sorted(
        meeting.decisions.select_related("document"),
        key=lambda d: (d.status not in ENDED_DECISION, d.created_at),
    )
    decision = decisions_made[-1] if decisions_made else None
    return {
        "meeting": meeting,
        "seat": seat,
        "attendance": attendance,
        "quorum": services.quorum_of(meeting, attendance),
        "candidates": candidates,
        "conflicts": conflicts,
        "detected": detected,
        "my_detected": [d for d in detected if seat and d.member.pk == seat.pk],
        "results": results,
        "participated": participated,
        "can_preside": presiding,
        "can_keep_record": keeper,
        "is_office": services.is_office(user, meeting.organisation_id),
        "attendance_form": AttendanceForm(rows=attendance) if keeper else None,
        "rules_form": RulesForm(
            initial={
                name: getattr(meeting, name)
                for name in (
                    "method",
                    "threshold_percent",
                    "threshold_strict",
                    "denominator",
                    "allow_written_votes",
                )
            }
        ),
        "conflict_form": ConflictForm(candidates=meeting.candidates.all()) if seat else None,
        "absent_members": [
            a.member for a in attendance if not a.present and a.member_id not in participated
        ],
        "acts": meeting.acts.select_related("actor__person", "candidate"),
        "decision": decision,
        "correction_form": CorrectionForm(candidates=meeting.candidates.all())
        if presiding
        and meeting.is_closed
        and (decision is None or decision.status in ENDED_DECISION)
        else None,
        "conclusion": services.conclusion_of(meeting) if meeting.is_closed else "",
        "disclosure": getattr(meeting, "disclosure", None) if meeting.is_closed else None,
        "Status": MeetingStatus,
        "Outcome": Outcome,
    }


@login_required
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    return render(request, "council/meeting_detail.html", _meeting_context(request, meeting))


@login_required
def meeting_tally(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The live tally (htmx polling): turnout, and the counts unless the ballot is secret."""
    meeting = _meeting(request, meeting_id)
    results = services.results_of(meeting, with_scores=False)
    participated = set(meeting.participations.values_list("member_id", flat=True))
    return render(
        request,
        "council/_tally.html",
        {
            "meeting": meeting,
            "results": results,
            "attendance": meeting.attendance.select_related("member"),
            "participated": participated,
            "Status": MeetingStatus,
        },
    )


def _post_meeting(request: HttpRequest, meeting_id: int, action, success: str) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    _run(request, lambda: action(meeting), success)
    return redirect("council:meeting", meeting_id=meeting.pk)


@login_required
@require_POST
def meeting_refresh(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _post_meeting(
        request,
        meeting_id,
        lambda m: services.refresh_candidates(request.user, m),
        "Đã cập nhật danh sách người được xét.",
    )


@login_required
@require_POST
def meeting_rules(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    form = RulesForm(request.POST)
    if not form.is_valid():
        errors = " ".join(e for errs in form.errors.values() for e in errs)
        messages.error(request, f"Quy chế chưa hợp lệ: {errors}")
    else:
        _run(
            request,
            lambda: services.change_rules(request.user, meeting, form.cleaned_data),
            "Đã đổi quy chế biểu quyết của cuộc họp.",
        )
    return redirect("council:meeting", meeting_id=meeting.pk)


@login_required
@require_POST
def meeting_invitation(request: HttpRequest, meeting_id: int) -> HttpResponse:
    from . import minutes

    meeting = _meeting(request, meeting_id)
    day = today() if today() <= meeting.starts_at.date() else meeting.starts_at.date()
    _run(
        request,
        lambda: minutes.draft_invitation(request.user, meeting, day),
        "Đã lập dự thảo giấy mời trong sổ văn bản.",
    )
    return redirect("council:meeting", meeting_id=meeting.pk)


@login_required
@require_POST
def meeting_attendance(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    form = AttendanceForm(request.POST, rows=meeting.attendance.select_related("member"))
    if form.is_valid():
        _run(
            request,
            lambda: services.record_attendance(
                request.user, meeting, form.present_ids(), form.notes()
            ),
            "Đã ghi điểm danh.",
        )
    return redirect("council:meeting", meeting_id=meeting.pk)


@login_required
@require_POST
def meeting_conflict(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    form = ConflictForm(request.POST, candidates=meeting.candidates.all())
    if not form.is_valid():
        messages.error(request, "Hãy chọn người được xét và lý do xung đột lợi ích.")
    else:
        member = None
        member_id = request.POST.get("member")
        if member_id:
            member = get_object_or_404(CouncilMember, pk=member_id, council_id=meeting.council_id)
        data = form.cleaned_data
        _run(
            request,
            lambda: services.declare_conflict(
                request.user, meeting, data["candidate"], data["kind"], data["note"], member=member
            ),
            "Đã ghi nhận khai báo xung đột lợi ích.",
        )
    return redirect(
        request.POST.get("next") or reverse("council:meeting", kwargs={"meeting_id": meeting.pk})
    )


@login_required
@require_POST
def meeting_open_voting(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _post_meeting(
        request,
        meeting_id,
        lambda m: services.open_voting(request.user, m),
        "Đã mở biểu quyết. Các thành viên bỏ phiếu trên trang “Phiếu của tôi”.",
    )


@login_required
@require_POST
def meeting_close_voting(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _post_meeting(
        request,
        meeting_id,
        lambda m: services.close_voting(request.user, m),
        "Đã kết thúc bỏ phiếu và kiểm phiếu.",
    )


@login_required
@require_POST
def meeting_reset(request: HttpRequest, meeting_id: int) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return _post_meeting(
        request,
        meeting_id,
        lambda m: services.reset_ballot(request.user, m, reason),
        "Đã hủy các phiếu đã bỏ; các thành viên bỏ phiếu lại.",
    )


@login_required
@require_POST
def meeting_apply_ranking(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _post_meeting(
        request,
        meeting_id,
        lambda m: services.apply_ranking(request.user, m),
        "Đã chọn theo thứ tự xếp hạng trong số lượng của kế hoạch.",
    )


@login_required
@require_POST
def candidate_decide(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = get_object_or_404(
        Candidate.objects.visible_to(request.user).select_related("meeting"), pk=candidate_id
    )
    outcome = request.POST.get("outcome", "")
    label = "Đề nghị khen" if outcome == Outcome.APPROVED else "Không đề nghị"
    _run(
        request,
        lambda: services.decide(
            request.user, candidate.meeting, candidate, outcome, request.POST.get("reason", "")
        ),
        f"{candidate.name}: {label}.",
    )
    return redirect("council:meeting", meeting_id=candidate.meeting_id)


@login_required
@require_POST
def meeting_close(request: HttpRequest, meeting_id: int) -> HttpResponse:
    conclusion = request.POST.get("conclusion", "")
    return _post_meeting(
        request,
        meeting_id,
        lambda m: services.close_meeting(request.user, m, conclusion),
        "Đã kết thúc cuộc họp; biên bản đã được lập trong sổ văn bản.",
    )


@login_required
@require_POST
def meeting_act(request: HttpRequest, meeting_id: int) -> HttpResponse:
    form = TextForm(request.POST)
    text = form.cleaned_data["text"] if form.is_valid() else ""
    return _post_meeting(
        request,
        meeting_id,
        lambda m: services.add_act(request.user, m, text),
        "Đã ghi nhận bổ sung.",
    )


@login_required
@require_POST
def meeting_correct(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    form = CorrectionForm(request.POST, candidates=meeting.candidates.all())
    if not form.is_valid():
        messages.error(
            request,
            "Chưa điều chỉnh được: hãy chọn người được xét, kết quả đúng và ghi lý do.",
        )
        return redirect("council:meeting", meeting_id=meeting.pk)
    data = form.cleaned_data
    if _run(
        request,
        lambda: services.correct_outcome(
            request.user,
            meeting,
            data["candidate"],
            data["outcome"],
            data["reason"],
            today=data["day"],
        ),
        f"Đã điều chỉnh kết quả đối với {data['candidate'].name}.",
    ):
        # Every correction of a disclosed list restarts its disclosure (see the service).
        listing = Disclosure.objects.filter(meeting=meeting).first()
        if listing is not None:
            messages.warning(
                request,
                "Danh sách đề nghị đã thay đổi nên được công khai lại: thời gian nhận ý kiến "
                f"tính lại từ ngày {format_date(listing.starts_on)} đến hết ngày "
                f"{format_date(listing.ends_on)}; quyết định chỉ lập sau thời hạn này.",
            )
    return redirect("council:meeting", meeting_id=meeting.pk)


@login_required
def meeting_receipt(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    form = ReceiptForm(request.POST or None)
    answer = None
    if request.method == "POST" and form.is_valid():
        answer = services.check_receipt(meeting, form.cleaned_data["code"])
    return render(
        request, "council/receipt.html", {"meeting": meeting, "form": form, "answer": answer}
    )


# --- Voting pages ----------------------------------------------------------------------


@login_required
def ballot(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The member's own page: declare conflicts, then vote once from their own session."""
    meeting = _meeting(request, meeting_id)
    seat = services.seat_of(request.user, meeting)
    if seat is None:
        raise PermissionDenied("Chỉ thành viên Hội đồng có phiếu.")
    voting_on, conflicted = services.entitled_candidates(meeting, seat)
    form = BallotForm(request.POST or None, candidates=voting_on)
    receipt = None
    if request.method == "POST" and form.is_valid():
        holder = {}

        def action():
            holder["receipt"] = services.cast_ballot(request.user, meeting, form.choices())

        if _run(request, action, "Đã ghi nhận phiếu của bạn."):
            receipt = holder["receipt"]
            if receipt is None:
                return redirect("council:ballot", meeting_id=meeting.pk)
    voted = meeting.participations.filter(member=seat).exists()
    present = meeting.attendance.filter(member=seat, present=True).exists()
    detected = [
        d
        for d in services.detect_conflicts(meeting)
        if d.member.pk == seat.pk and d.candidate.pk not in {c.pk for c in conflicted}
    ]
    context = {
        "meeting": meeting,
        "seat": seat,
        "form": form,
        "rows": [(c, form[f"c{c.pk}"]) for c in voting_on],
        "conflicted": conflicted,
        "detected": detected,
        "voted": voted,
        "present": present,
        "receipt": receipt,
        "conflict_form": ConflictForm(candidates=meeting.candidates.all()),
        "Status": MeetingStatus,
        "VotingMethod": VotingMethod,
    }
    if request.htmx and request.method == "GET":
        return render(request, "council/_ballot_state.html", context)
    return render(request, "council/ballot.html", context)


@login_required
def written_ballot(request: HttpRequest, meeting_id: int, councilmember_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    member = get_object_or_404(
        CouncilMember.objects.visible_to(request.user),
        pk=councilmember_id,
        council_id=meeting.council_id,
    )
    if not services.can_keep_record(request.user, meeting):
        raise PermissionDenied("Chỉ Thư ký Hội đồng hoặc Văn phòng nhập phiếu bằng văn bản.")
    voting_on, conflicted = services.entitled_candidates(meeting, member)
    form = BallotForm(request.POST or None, candidates=voting_on)
    receipt = None
    if request.method == "POST" and form.is_valid():
        holder = {}

        def action():
            holder["receipt"] = services.enter_written_ballot(
                request.user, meeting, member, form.choices()
            )

        if _run(request, action, f"Đã nhập phiếu bằng văn bản của {member.full_name}."):
            receipt = holder["receipt"]
            if receipt is None:
                return redirect("council:meeting", meeting_id=meeting.pk)
    return render(
        request,
        "council/written_ballot.html",
        {
            "meeting": meeting,
            "member": member,
            "form": form,
            "rows": [(c, form[f"c{c.pk}"]) for c in voting_on],
            "conflicted": conflicted,
            "receipt": receipt,
        },
    )


@login_required
def hands(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    if not services.can_keep_record(request.user, meeting):
        raise PermissionDenied("Chỉ Thư ký Hội đồng hoặc Văn phòng ghi kết quả giơ tay.")
    candidates = list(meeting.candidates.all())
    form = HandsForm(request.POST or None, candidates=candidates)
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            request,
            lambda: services.enter_hands(request.user, meeting, form.counts()),
            "Đã ghi kết quả biểu quyết giơ tay.",
        )
    ):
        return redirect("council:meeting", meeting_id=meeting.pk)
    rows = [
        (c, form[f"for_{c.pk}"], form[f"against_{c.pk}"], form[f"abstain_{c.pk}"])
        for c in candidates
    ]
    return render(request, "council/hands.html", {"meeting": meeting, "form": form, "rows": rows})


# --- Disclosure ------------------------------------------------------------------------


@login_required
def disclosure_new(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    if not services.is_office(request.user, meeting.organisation_id):
        raise PermissionDenied("Chỉ Văn phòng công khai danh sách.")
    setting = services.setting_for(meeting.council, meeting.award_form)
    form = PublishForm(
        request.POST or None, initial={"starts_on": today(), "days": setting.disclosure_days}
    )
    if request.method == "POST" and form.is_valid():
        holder = {}

        def action():
            holder["d"] = disclosure.publish(
                request.user, meeting, form.cleaned_data["starts_on"], form.cleaned_data["days"]
            )

        if _run(request, action, "Đã công khai danh sách."):
            return redirect("council:disclosure", disclosure_id=holder["d"].pk)
    return render(request, "council/disclosure_form.html", {"meeting": meeting, "form": form})


@login_required
def disclosure_detail(request: HttpRequest, disclosure_id: int) -> HttpResponse:
    item = get_object_or_404(
        Disclosure.objects.visible_to(request.user).select_related(
            "meeting__movement", "notice", "organisation"
        ),
        pk=disclosure_id,
    )
    comments = item.comments.select_related("handled_by")
    return render(
        request,
        "council/disclosure_detail.html",
        {
            "disclosure": item,
            "comments": comments,
            "public_url": request.build_absolute_uri(
                reverse("council:public", kwargs={"disclosure_code": item.code})
            ),
            "is_office": services.is_office(request.user, item.organisation_id),
            "handle_form": HandleForm(),
            "rows": item.meeting.candidates.filter(outcome=Outcome.APPROVED).order_by(
                "target", "position"
            ),
        },
    )


@login_required
@require_POST
def comment_handle(request: HttpRequest, disclosurecomment_id: int) -> HttpResponse:
    comment = get_object_or_404(
        DisclosureComment.objects.visible_to(request.user), pk=disclosurecomment_id
    )
    form = HandleForm(request.POST)
    handling = form.cleaned_data["handling"] if form.is_valid() else ""
    _run(
        request,
        lambda: disclosure.handle_comment(request.user, comment, handling),
        "Đã ghi kết quả xử lý.",
    )
    return redirect("council:disclosure", disclosure_id=comment.disclosure_id)


def public_disclosure(request: HttpRequest, disclosure_code: str) -> HttpResponse:
    """The public page (no login): the proposed list, the period, the comment form, and how
    the Office handled the comments."""
    item = (
        Disclosure.objects.select_related("meeting__movement", "organisation")
        .filter(code=disclosure_code[:40])
        .first()
    )
    if item is None:
        raise Http404("Không có trang công khai này.")
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _run(
            request,
            lambda: disclosure.add_comment(
                item, author=data["author"], contact=data["contact"], text=data["text"]
            ),
            "Cảm ơn bạn đã góp ý. Văn phòng UBND sẽ xem xét và trả lời trên trang này.",
        ):
            return redirect("council:public", disclosure_code=item.code)
    return render(
        request,
        "council/public_disclosure.html",
        {
            "disclosure": item,
            "rows": item.meeting.candidates.filter(outcome=Outcome.APPROVED).order_by(
                "target", "position"
            ),
            "form": form,
            "open": disclosure.is_open(item),
            "handled": item.comments.filter(status=CommentStatus.HANDLED),
        },
    )


# --- Decisions -----------------------------------------------------------------------------


@login_required
def decision_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, queries.decisions_for(request.user))
    return render(request, "council/decision_list.html", {"page": page})


@login_required
def decision_new(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    if not services.is_office(request.user, meeting.organisation_id):
        raise PermissionDenied("Chỉ Văn phòng lập dự thảo quyết định.")
    signers = (
        get_user_model()
        .objects.filter(
            memberships__unit__organisation=meeting.organisation,
            memberships__role__in=[Role.CHAIRMAN, Role.VICE_CHAIRMAN],
        )
        .distinct()
        .order_by("memberships__role")
    )
    form = DecisionForm(request.POST or None, signers=signers, initial={"signer": signers.first()})
    if request.method == "POST" and form.is_valid():
        holder = {}

        def action():
            holder["d"] = decisions.draft_decision(
                request.user, meeting, form.cleaned_data["date"], form.cleaned_data["signer"]
            )

        if _run(request, action, "Đã lập dự thảo quyết định khen thưởng; chờ lãnh đạo duyệt ký."):
            return redirect("council:decision", awarddecision_id=holder["d"].pk)
    return render(request, "council/decision_form.html", {"meeting": meeting, "form": form})


def _decision(request: HttpRequest, awarddecision_id: int) -> AwardDecision:
    return get_object_or_404(
        AwardDecision.objects.visible_to(request.user).select_related(
            "document",
            "meeting__movement",
            "signer",
            "certificate_job",
            "organisation",
            "revoked_by",
        ),
        pk=awarddecision_id,
    )


@login_required
def decision_detail(request: HttpRequest, awarddecision_id: int) -> HttpResponse:
    decision = _decision(request, awarddecision_id)
    awards = decision.awards.select_related("certificate", "revoked_by")
    is_office = services.is_office(request.user, decision.organisation_id)
    # The job started at issue, or a later print from the register (“In Giấy khen”).
    job = decision.document.render_jobs.order_by("-created_at").first()
    return render(
        request,
        "council/decision_detail.html",
        {
            "decision": decision,
            "awards": awards,
            "is_office": is_office,
            "is_signer": request.user.pk == decision.signer_id,
            "job": job,
            # An Office that lays its certificate out in HTML gets PDFs, not .docx.
            "certificate_format": certificate_format(decision.document),
            "revoking_options": (
                revoking_options(decision)
                if is_office and decision.status == DecisionStatus.ISSUED
                else []
            ),
            "discard_form": DiscardForm(),
            "scan_form": ScanForm(),
        },
    )


@login_required
@require_POST
def decision_approve(request: HttpRequest, awarddecision_id: int) -> HttpResponse:
    decision = _decision(request, awarddecision_id)
    _run(
        request,
        lambda: decisions.approve_decision(request.user, decision),
        "Đã duyệt ký quyết định.",
    )
    return redirect("council:decision", awarddecision_id=decision.pk)


@login_required
@require_POST
def decision_issue(request: HttpRequest, awarddecision_id: int) -> HttpResponse:
    decision = _decision(request, awarddecision_id)
    _run(
        request,
        lambda: decisions.issue_decision(request.user, decision),
        "Đã ban hành quyết định và bắt đầu in Giấy khen.",
    )
    return redirect("council:decision", awarddecision_id=decision.pk)


@login_required
@require_POST
def decision_discard(request: HttpRequest, awarddecision_id: int) -> HttpResponse:
    decision = _decision(request, awarddecision_id)
    form = DiscardForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Hãy ghi lý do hủy dự thảo quyết định.")
    else:
        _run(
            request,
            lambda: decisions.discard_decision(request.user, decision, form.cleaned_data["reason"]),
            "Đã hủy dự thảo quyết định; văn bản dự thảo được giữ trong sổ văn bản ở trạng thái "
            "“Đã hủy”. Có thể điều chỉnh kết quả của Hội đồng và lập dự thảo mới.",
        )
    return redirect("council:decision", awarddecision_id=decision.pk)


@login_required
@require_POST
def decision_scan(request: HttpRequest, awarddecision_id: int) -> HttpResponse:
    decision = _decision(request, awarddecision_id)
    form = ScanForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Hãy chọn tệp bản chụp (PDF, PNG hoặc JPEG).")
    else:
        _run(
            request,
            lambda: decisions.attach_scan(request.user, decision, form.cleaned_data["scan"]),
            "Đã đính kèm bản chụp quyết định đã ký.",
        )
    return redirect("council:decision", awarddecision_id=decision.pk)


@login_required
def decision_scan_file(request: HttpRequest, awarddecision_id: int) -> FileResponse:
    decision = _decision(request, awarddecision_id)
    if not decision.scan:
        raise Http404("Chưa có bản chụp.")
    return FileResponse(
        decision.scan.open("rb"), as_attachment=True, filename=decision.scan.name.rsplit("/", 1)[-1]
    )


@login_required
def decision_payment(request: HttpRequest, awarddecision_id: int) -> FileResponse:
    decision = _decision(request, awarddecision_id)
    name = (
        f"chi-tien-thuong-{(decision.document.symbol or str(decision.pk)).replace('/', '-')}.xlsx"
    )
    return FileResponse(
        io.BytesIO(decisions.payment_workbook(decision)),
        as_attachment=True,
        filename=name,
        content_type=XLSX,
    )


def _revoke_form_errors(request: HttpRequest, form: RevokeForm) -> None:
    if "reason" in form.errors:
        messages.error(request, "Hãy ghi rõ lý do thu hồi.")
    for error in form.errors.get("by", []):
        messages.error(request, error)


@login_required
@require_POST
def decision_revoke(request: HttpRequest, awarddecision_id: int) -> HttpResponse:
    decision = _decision(request, awarddecision_id)
    form = RevokeForm(request.POST, decision=decision)
    if not form.is_valid():
        _revoke_form_errors(request, form)
    else:
        data = form.cleaned_data
        _run(
            request,
            lambda: decisions.revoke_decision(request.user, decision, data["reason"], data["by"]),
            "Đã thu hồi quyết định và toàn bộ Giấy khen.",
        )
    return redirect("council:decision", awarddecision_id=decision.pk)


@login_required
@require_POST
def award_revoke(request: HttpRequest, award_id: int) -> HttpResponse:
    award = get_object_or_404(
        Award.objects.visible_to(request.user).select_related("decision"), pk=award_id
    )
    form = RevokeForm(request.POST, decision=award.decision)
    if not form.is_valid():
        _revoke_form_errors(request, form)
    else:
        data = form.cleaned_data
        _run(
            request,
            lambda: decisions.revoke_award(request.user, award, data["reason"], data["by"]),
            f"Đã thu hồi khen thưởng của {award.name}.",
        )
    return redirect("council:decision", awarddecision_id=award.decision_id)


# --- Report upward and the upper level ------------------------------------------------------


@login_required
def movement_report(request: HttpRequest, movement_id: int) -> HttpResponse:
    movement = get_object_or_404(
        Movement.objects.visible_to(request.user).select_related("organisation", "plan"),
        pk=movement_id,
    )
    report = (
        queries.reports_for(request.user)
        .filter(movement=movement)
        .select_related("document", "recipient")
        .first()
    )
    office = services.is_office(request.user, movement.organisation_id)
    form = ReportForm(request.POST or None, initial={"date": today()})
    if request.method == "POST":
        if not office:
            raise PermissionDenied("Chỉ Văn phòng lập và gửi báo cáo.")
        if request.POST.get("send") and report is not None:
            _run(
                request,
                lambda: reporting.send_report(request.user, report),
                "Đã gửi báo cáo lên cấp trên.",
            )
        elif form.is_valid():
            _run(
                request,
                lambda: reporting.draft_report(request.user, movement, form.cleaned_data["date"]),
                "Đã lập dự thảo báo cáo.",
            )
        return redirect("council:report", movement_id=movement.pk)
    # A sent report keeps the figures it stated; before that they are today's.
    figures = report.figures if report and report.sent_at else reporting.movement_figures(movement)
    return render(
        request,
        "council/report.html",
        {
            "movement": movement,
            "report": report,
            "figures": figures,
            "par_value": reporting.index_value(figures.get("par")),
            "sipas_value": reporting.index_value(figures.get("sipas"), percent=True),
            "par_target": reporting.target_result(figures.get("par")),
            "sipas_target": reporting.target_result(figures.get("sipas")),
            "tasks_percent": reporting.in_time_percent(figures),
            "is_office": office,
            "form": form,
        },
    )


def _upper_movements(request: HttpRequest):
    """The movements of the upper level's view, filtered by year, with what the side-by-
    side rows read selected along."""
    movements = (
        Movement.objects.visible_to(request.user)
        .select_related("organisation", "result_report__document")
        .order_by("-year", "organisation__name", "id")
    )
    year = request.GET.get("year", "")
    if not year.isdigit():
        return movements, ""
    return movements.filter(year=int(year)), year


@login_required
def upper(request: HttpRequest) -> HttpResponse:
    """The upper level's view: the movements of all wards below and their results side by
    side; the number of queries does not depend on the number of wards."""
    movements, year = _upper_movements(request)
    page = paginate(request, movements)
    return render(
        request,
        "council/upper.html",
        {
            "page": page,
            "rows": reporting.side_by_side(page.object_list),
            "year": year,
            "years": sorted(
                set(Movement.objects.visible_to(request.user).values_list("year", flat=True)),
                reverse=True,
            ),
        },
    )


@login_required
def upper_export(request: HttpRequest) -> HttpResponse:
    """The side-by-side table as an Excel workbook (every row of the filter, not a page)."""
    movements, year = _upper_movements(request)
    title = "KẾT QUẢ PHONG TRÀO THI ĐUA CÁC XÃ, PHƯỜNG" + (f" NĂM {year}" if year else "")
    book = reporting.side_by_side_workbook(reporting.side_by_side(movements), title)
    return FileResponse(
        io.BytesIO(xlsx_response_bytes(book)),
        as_attachment=True,
        filename=f"ket-qua-phong-trao{'-' + year if year else ''}.xlsx",
        content_type=XLSX,
    )
