"""The Emulation–Commendation Council (Hội đồng TĐKT) and what it does: its members and
settings, its meetings (attendance, candidates, conflicts of interest, votes), the public
disclosure of its proposed list, the Chairman's award decision with its awards, and the
report of the movement's results to the upper level.

A secret ballot is stored so that nobody reading the rows can link a vote to its voter:
who voted (:class:`Participation`) and what was voted (:class:`SecretVote`) live in
separate tables with nothing in common but the meeting; the votes are written only when
the ballot box is closed, in random order, with no voter, ballot id or timestamp. Until
then each ballot is kept sealed (:class:`SealedBallot`, encrypted with a per-meeting key
that is never stored in the database). See docs/adr/0701-council-secret-ballot.md.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.querysets import ScopedQuerySet
from thidua.movements.models import Target


class CouncilRole(models.TextChoices):
    """A member's place in the council."""

    CHAIR = "chair", _("Chủ tịch Hội đồng")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch Hội đồng")
    MEMBER = "member", _("Ủy viên")
    SECRETARY = "secretary", _("Ủy viên - Thư ký")


PRESIDING_ROLES = (CouncilRole.CHAIR, CouncilRole.VICE_CHAIR)


class Council(models.Model):
    """The council of an organisation (one per ward), standing organ: the Office."""

    organisation = models.OneToOneField(
        "orgs.Organisation",
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.PROTECT,
        related_name="council",
    )
    unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("đơn vị Hội đồng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Đơn vị loại “Hội đồng” mà các thành viên có vai trò trong đó."),
    )
    name = models.CharField(_("tên"), max_length=200)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Hội đồng Thi đua - Khen thưởng")
        verbose_name_plural = _("Hội đồng Thi đua - Khen thưởng")

    def __str__(self) -> str:
        return self.name


class CouncilMember(models.Model):
    """A person sitting on the council with a council role, during a period."""

    organisation_lookup = "council__organisation"

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.PROTECT,
        related_name="council_seats",
    )
    person = models.ForeignKey(
        "orgs.Person",
        verbose_name=_("cán bộ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_seats",
    )
    full_name = models.CharField(_("họ và tên"), max_length=120)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    role = models.CharField(_("vai trò trong Hội đồng"), max_length=12, choices=CouncilRole.choices)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    active = models.BooleanField(_("đang là thành viên"), default=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("thành viên Hội đồng")
        verbose_name_plural = _("thành viên Hội đồng")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["council", "user"], name="council_member_once"),
            models.UniqueConstraint(
                fields=["council"],
                condition=Q(role="chair", active=True),
                name="council_one_chair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} — {self.get_role_display()}"


class VotingMethod(models.TextChoices):
    HANDS = "hands", _("Biểu quyết giơ tay")
    BALLOT = "ballot", _("Bỏ phiếu (ghi danh)")
    SECRET = "secret", _("Bỏ phiếu kín")


class Denominator(models.TextChoices):
    PRESENT = "present", _("Số thành viên tham gia biểu quyết")
    ALL = "all", _("Tổng số thành viên Hội đồng")


class VotingRules(models.Model):
    """The rules of a vote: quorum, method, threshold and its denominator, written votes.

    Kept per council and award form (:class:`CouncilSetting`) and copied into each
    :class:`Meeting` when it is prepared, so a later change of the settings never changes
    a meeting already held.
    """

    quorum_numerator = models.PositiveSmallIntegerField(
        _("tỷ lệ có mặt tối thiểu (tử số)"), default=2
    )
    quorum_denominator = models.PositiveSmallIntegerField(
        _("tỷ lệ có mặt tối thiểu (mẫu số)"), default=3
    )
    method = models.CharField(
        _("hình thức biểu quyết"),
        max_length=8,
        choices=VotingMethod.choices,
        default=VotingMethod.HANDS,
    )
    threshold_percent = models.PositiveSmallIntegerField(_("tỷ lệ đồng ý (%)"), default=50)
    threshold_strict = models.BooleanField(
        _("phải vượt quá tỷ lệ"),
        default=True,
        help_text=_("Chọn: “trên 50%” (quá bán). Bỏ chọn: “từ 80% trở lên”."),
    )
    denominator = models.CharField(
        _("tính tỷ lệ trên"),
        max_length=8,
        choices=Denominator.choices,
        default=Denominator.PRESENT,
    )
    allow_written_votes = models.BooleanField(
        _("thành viên vắng mặt được gửi phiếu bằng văn bản"), default=True
    )

    class Meta:
        abstract = True
        constraints = []

    def rules_text(self) -> str:
        """“Bỏ phiếu kín; đạt khi từ 80% tổng số thành viên Hội đồng đồng ý”."""
        comparison = "trên" if self.threshold_strict else "từ"
        suffix = "" if self.threshold_strict else " trở lên"
        # Only the first letter: “Hội đồng” (the council) keeps its capital.
        denominator = self.get_denominator_display()
        denominator = denominator[:1].lower() + denominator[1:]
        return (
            f"{self.get_method_display()}; đạt khi {comparison} {self.threshold_percent}%"
            f"{suffix} {denominator} đồng ý; có mặt tối thiểu "
            f"{self.quorum_numerator}/{self.quorum_denominator} thành viên"
        )


class CouncilSetting(VotingRules):
    """The council's rules for one award form (“Giấy khen”, “Chiến sĩ thi đua cơ sở”)."""

    organisation_lookup = "council__organisation"

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="settings")
    award_form = models.CharField(_("hình thức, danh hiệu"), max_length=120)
    disclosure_days = models.PositiveSmallIntegerField(_("số ngày công khai"), default=5)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("quy chế xét theo hình thức")
        verbose_name_plural = _("quy chế xét theo hình thức")
        ordering = ["award_form"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "award_form"], name="council_setting_per_form"
            ),
            models.CheckConstraint(
                condition=Q(threshold_percent__lte=100), name="council_setting_threshold_le_100"
            ),
            models.CheckConstraint(
                condition=Q(quorum_denominator__gt=0)
                & Q(quorum_numerator__lte=models.F("quorum_denominator")),
                name="council_setting_quorum_fraction",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_form}: {self.rules_text()}"


class MeetingStatus(models.TextChoices):
    PREPARED = "prepared", _("Chuẩn bị")
    IN_SESSION = "in_session", _("Đang họp")
    VOTING = "voting", _("Đang biểu quyết")
    COUNTED = "counted", _("Đã kiểm phiếu")
    CLOSED = "closed", _("Đã kết thúc")


class Meeting(VotingRules):
    """A meeting of the council to review the nominations of one award form of a movement."""

    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.PROTECT,
        related_name="council_meetings",
    )
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="meetings")
    movement = models.ForeignKey(
        "movements.Movement",
        verbose_name=_("phong trào"),
        on_delete=models.PROTECT,
        related_name="council_meetings",
    )
    award_form = models.CharField(_("hình thức khen thưởng"), max_length=120)
    title = models.CharField(_("nội dung"), max_length=300)
    starts_at = models.DateTimeField(_("thời gian họp"))
    ended_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=200)
    agenda = models.TextField(_("chương trình họp"))
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=MeetingStatus.choices,
        default=MeetingStatus.PREPARED,
        db_index=True,
    )
    presiding = models.ForeignKey(
        CouncilMember,
        verbose_name=_("chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The name of the ballot box in the key store: not secret (the key is).
    ballot_box = models.CharField(max_length=40, blank=True, editable=False)
    invitation = models.ForeignKey(
        "documents.Document",
        verbose_name=_("giấy mời"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    minutes = models.ForeignKey(
        "documents.Document",
        verbose_name=_("biên bản họp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    count_minutes = models.ForeignKey(
        "documents.Document",
        verbose_name=_("biên bản kiểm phiếu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ballots_issued = models.PositiveSmallIntegerField(_("số phiếu phát ra"), default=0)
    conclusion = models.TextField(_("kết luận"), blank=True)
    closed_at = models.DateTimeField(_("thời điểm kết thúc"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("cuộc họp Hội đồng")
        verbose_name_plural = _("cuộc họp Hội đồng")
        ordering = ["-starts_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.status == MeetingStatus.CLOSED

    @property
    def is_secret(self) -> bool:
        return self.method == VotingMethod.SECRET


class Attendance(models.Model):
    """Whether a member attended; an absent member may send a written vote."""

    organisation_lookup = "meeting__organisation"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(_("có mặt"), default=False)
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        ordering = ["member__order", "member_id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.member.full_name}: {'có mặt' if self.present else 'vắng'}"


class Outcome(models.TextChoices):
    PENDING = "pending", _("Chưa quyết")
    APPROVED = "approved", _("Đề nghị khen")
    REJECTED = "rejected", _("Không đề nghị")


class Candidate(models.Model):
    """A nomination put before the meeting, and the council's outcome for it."""

    organisation_lookup = "meeting__organisation"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="candidates")
    nomination = models.ForeignKey(
        "nominations.Nomination", on_delete=models.PROTECT, related_name="council_candidacies"
    )
    target = models.CharField(_("đối tượng"), max_length=10, choices=Target.choices)
    name = models.CharField(_("tên"), max_length=300)
    detail = models.CharField(_("chức vụ, đơn vị"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    outcome = models.CharField(
        _("kết quả"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )
    outcome_reason = models.CharField(_("lý do"), max_length=500, blank=True)
    # Counts entered by the secretary for a show of hands in the room.
    hands_for = models.PositiveSmallIntegerField(null=True, blank=True)
    hands_against = models.PositiveSmallIntegerField(null=True, blank=True)
    hands_abstain = models.PositiveSmallIntegerField(null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("tập thể, cá nhân được xét")
        verbose_name_plural = _("tập thể, cá nhân được xét")
        ordering = ["target", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "nomination"], name="candidate_once")
        ]

    def __str__(self) -> str:
        return self.name


class ConflictKind(models.TextChoices):
    IS_CANDIDATE = "is_candidate", _("Là người được xét")
    HEADS_UNIT = "heads_unit", _("Là người đứng đầu tập thể được xét")
    SUPERIOR = "superior", _("Là cấp trên trực tiếp của người được xét")
    RELATED = "related", _("Có quan hệ gia đình với người được xét")
    OTHER = "other", _("Lý do khác")


class Conflict(models.Model):
    """A conflict of interest a member declared: they do not vote on that candidate."""

    organisation_lookup = "candidate__meeting__organisation"

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="conflicts")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("lý do"), max_length=14, choices=ConflictKind.choices)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("xung đột lợi ích")
        verbose_name_plural = _("xung đột lợi ích")
        constraints = [
            models.UniqueConstraint(fields=["candidate", "member"], name="conflict_once")
        ]

    def __str__(self) -> str:
        return f"{self.member.full_name} — {self.candidate.name}: {self.get_kind_display()}"


class Choice(models.TextChoices):
    FOR = "for", _("Đồng ý")
    AGAINST = "against", _("Không đồng ý")
    ABSTAIN = "abstain", _("Không biểu quyết")


class Participation(models.Model):
    """That a member voted (in person or by a written ballot) — never what they voted."""

    organisation_lookup = "meeting__organisation"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participations")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    written = models.BooleanField(_("phiếu gửi bằng văn bản"), default=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("thành viên đã bỏ phiếu")
        verbose_name_plural = _("thành viên đã bỏ phiếu")
        ordering = ["member__order", "member_id"]
        constraints = [
            # Each member votes once: the database refuses a second row, whatever races.
            models.UniqueConstraint(fields=["meeting", "member"], name="participation_once")
        ]

    def __str__(self) -> str:
        return f"{self.member.full_name} đã bỏ phiếu"


class SealedBallot(models.Model):
    """A secret ballot while the box is open: ciphertext under the meeting's key, which is
    held outside the database. Deleted when the box is closed and the votes are written."""

    organisation_lookup = "meeting__organisation"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    sealed = models.BinaryField()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("phiếu kín đang niêm phong")
        verbose_name_plural = _("phiếu kín đang niêm phong")

    def __str__(self) -> str:
        return "Phiếu niêm phong"


class SecretVote(models.Model):
    """One candidate's mark on one secret ballot: no voter, no ballot, no time, on purpose."""

    organisation_lookup = "candidate__meeting__organisation"

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="secret_votes")
    choice = models.CharField(max_length=8, choices=Choice.choices)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("phiếu kín (đã kiểm)")
        verbose_name_plural = _("phiếu kín (đã kiểm)")

    def __str__(self) -> str:
        return self.get_choice_display()


class CountedReceipt(models.Model):
    """The digest of a voter's receipt code, written (shuffled) when the box is counted,
    so a voter can check their ballot was counted without revealing which it was."""

    organisation_lookup = "meeting__organisation"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="receipts")
    digest = models.CharField(max_length=64)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("mã phiếu đã kiểm")
        verbose_name_plural = _("mã phiếu đã kiểm")
        constraints = [models.UniqueConstraint(fields=["meeting", "digest"], name="receipt_once")]

    def __str__(self) -> str:
        return self.digest[:8]


class OpenVote(models.Model):
    """A named vote (open ballot, or an absent member's written vote in a show of hands)."""

    organisation_lookup = "candidate__meeting__organisation"

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="open_votes")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("biểu quyết"), max_length=8, choices=Choice.choices)
    written = models.BooleanField(_("bằng văn bản"), default=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("phiếu ghi danh")
        verbose_name_plural = _("phiếu ghi danh")
        constraints = [
            models.UniqueConstraint(fields=["candidate", "member"], name="open_vote_once")
        ]

    def __str__(self) -> str:
        return f"{self.member.full_name}: {self.get_choice_display()}"


class MeetingAct(models.Model):
    """A recorded act about a closed meeting (a correction, an explanation): the votes,
    attendance and conclusion never change once closed. An act that corrects a
    candidate's outcome names the candidate and both outcomes; ``text`` is its reason."""

    organisation_lookup = "meeting__organisation"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="acts")
    candidate = models.ForeignKey(
        Candidate,
        verbose_name=_("tập thể, cá nhân được điều chỉnh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    from_outcome = models.CharField(
        _("kết quả trước"), max_length=10, choices=Outcome.choices, blank=True
    )
    to_outcome = models.CharField(
        _("kết quả sau điều chỉnh"), max_length=10, choices=Outcome.choices, blank=True
    )
    text = models.TextField(_("nội dung"))
    # The day the act takes effect (the minutes print it); ``at`` is when it was entered.
    day = models.DateField(_("ngày"), default=timezone.localdate)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("ghi nhận bổ sung")
        verbose_name_plural = _("ghi nhận bổ sung")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.text[:80]


# --- Disclosure --------------------------------------------------------------------------


class Disclosure(models.Model):
    """The proposed list published for comments (công khai) on a public page."""

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="disclosures"
    )
    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="disclosure")
    code = models.CharField(_("mã trang công khai"), max_length=40, unique=True)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến hết ngày"))
    notice = models.ForeignKey(
        "documents.Document",
        verbose_name=_("thông báo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set when a correction after the meeting changed the list: the period counts again
    # from that day so the public sees the list that will be decided for the full time.
    restarted_on = models.DateField(_("công khai lại từ ngày"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("công khai danh sách")
        verbose_name_plural = _("công khai danh sách")
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return f"Công khai {self.meeting} ({self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y})"


class CommentStatus(models.TextChoices):
    NEW = "new", _("Chưa xử lý")
    HANDLED = "handled", _("Đã xử lý")


class DisclosureComment(models.Model):
    """A comment from anyone on the disclosed list, and how the Office handled it."""

    organisation_lookup = "disclosure__organisation"

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="comments")
    author = models.CharField(_("họ và tên"), max_length=120)
    contact = models.CharField(_("địa chỉ, điện thoại"), max_length=200, blank=True)
    text = models.TextField(_("ý kiến"))
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=CommentStatus.choices, default=CommentStatus.NEW
    )
    handling = models.TextField(_("kết quả xử lý"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("ý kiến góp ý")
        verbose_name_plural = _("ý kiến góp ý")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:60]}"


# --- Decision and awards --------------------------------------------------------------------


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo (Văn phòng)")
    APPROVED = "approved", _("Lãnh đạo đã duyệt ký")
    ISSUED = "issued", _("Đã ban hành")
    REVOKED = "revoked", _("Đã thu hồi")
    DISCARDED = "discarded", _("Đã hủy dự thảo")


# A decision in one of these states no longer stands: the meeting may have another.
ENDED_DECISION = (DecisionStatus.REVOKED, DecisionStatus.DISCARDED)


class RevokedByDecision(models.Model):
    """What a decision and a single award keep of their revocation: the reason, and the
    issued decision of the ward's register that revoked them."""

    revoked_reason = models.CharField(_("lý do thu hồi"), max_length=500, blank=True)
    # The issued decision of the ward's register that revoked it.
    revoked_by = models.ForeignKey(
        "documents.Document",
        verbose_name=_("quyết định thu hồi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True


class AwardDecision(RevokedByDecision):
    """The Chairman's Quyết định khen thưởng for the list the council approved."""

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="award_decisions"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    document = models.OneToOneField(
        "documents.Document", on_delete=models.PROTECT, related_name="award_decision"
    )
    date = models.DateField(_("ngày quyết định"))
    regime = models.CharField(_("chế độ pháp lý"), max_length=20)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ký"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    total = models.PositiveIntegerField(_("tổng tiền thưởng (đồng)"), default=0)
    approved_at = models.DateTimeField(null=True, blank=True)
    scan = models.FileField(_("bản chụp văn bản đã ký"), upload_to="council/scans/%Y/", blank=True)
    certificate_job = models.ForeignKey(
        "documents.RenderJob", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    discarded_reason = models.CharField(_("lý do hủy dự thảo"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return self.document.symbol or f"Dự thảo quyết định ngày {self.date:%d/%m/%Y}"


class Award(RevokedByDecision):
    """One award of a decision: the awardee, the amount and their certificate.

    A candidate may appear in several decisions of a meeting: a discarded draft or a
    revoked decision keeps its lines, and the next decision lists the candidate again.
    Only one decision of a meeting stands at a time (``draft_decision``), and an
    achievement is awarded once in force (``AwardRecord``)."""

    organisation_lookup = "decision__organisation"

    decision = models.ForeignKey(AwardDecision, on_delete=models.PROTECT, related_name="awards")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="awards")
    target = models.CharField(_("đối tượng"), max_length=10, choices=Target.choices)
    name = models.CharField(_("tên"), max_length=300)
    detail = models.CharField(_("chức vụ, đơn vị"), max_length=300, blank=True)
    form = models.CharField(_("hình thức"), max_length=120)
    amount = models.PositiveIntegerField(_("tiền thưởng (đồng)"))
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    # Set when the decision is issued and the certificates are made.
    certificate = models.OneToOneField(
        "documents.Certificate", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revoked = models.BooleanField(_("đã thu hồi"), default=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("khen thưởng")
        ordering = ["decision_id", "position", "id"]

    def __str__(self) -> str:
        return f"{self.form} — {self.name}"


# --- Report upward ----------------------------------------------------------------------------


class MovementReport(models.Model):
    """The Báo cáo kết quả phong trào sent to the upper level, with its figures."""

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="movement_reports"
    )
    movement = models.OneToOneField(
        "movements.Movement", on_delete=models.PROTECT, related_name="result_report"
    )
    recipient = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("gửi đến"),
        on_delete=models.PROTECT,
        related_name="received_movement_reports",
    )
    document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    figures = models.JSONField(_("số liệu"), default=dict)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo kết quả phong trào")
        verbose_name_plural = _("báo cáo kết quả phong trào")
        ordering = ["-movement__year", "id"]

    def __str__(self) -> str:
        return f"Báo cáo kết quả — {self.movement}"
