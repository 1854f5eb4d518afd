"""The document register (sổ đăng ký văn bản): outgoing and incoming documents, their
numbering, templates, certificates (Giấy khen) with verification codes, and render jobs.

Documents know nothing of awards or movements: a higher app hands the register a
rendering context (a dict) and gets back a numbered, rendered document.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.querysets import ScopedQuerySet
from thidua.vn import TYPE_ABBREVIATIONS, search_key

DOC_TYPE_CHOICES = [(abbr, name) for abbr, name in TYPE_ABBREVIATIONS.items()]

HTML_SUFFIX = ".html"  # an Office's certificate layout kept as HTML (see html_layout.py)


class IssuerKind(models.TextChoices):
    """Who issues in their own name, and so which number series a document takes."""

    COMMITTEE = "UBND", _("Ủy ban nhân dân")
    COUNCIL = "HĐTĐKT", _("Hội đồng Thi đua - Khen thưởng")
    UNIT = "UNIT", _("Đơn vị, cá nhân (không đánh số)")


class Authority(models.TextChoices):
    """The authority mode of a signature (thể thức ký, NĐ 30/2020 Điều 13)."""

    DIRECT = "", _("Ký trực tiếp")
    TM = "TM", _("TM. (thay mặt tập thể)")
    TM_KT = "TM_KT", _("TM. … / KT. … (cấp phó ký thay, thay mặt tập thể)")
    KT = "KT", _("KT. (ký thay người đứng đầu)")
    Q = "Q", _("Q. (quyền)")
    TL = "TL", _("TL. (thừa lệnh)")
    TUQ = "TUQ", _("TUQ. (thừa ủy quyền)")


class Status(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")
    CANCELLED = "cancelled", _("Đã hủy")
    REPLACED = "replaced", _("Đã được thay thế")
    REVOKED = "revoked", _("Đã bị thu hồi")


class NumberSeries(models.Model):
    """The last number given in one series (issuer × year) of an organisation.

    Locked (SELECT … FOR UPDATE on PostgreSQL; BEGIN IMMEDIATE on SQLite) while a
    document is issued, so two people issuing at the same moment get two numbers.
    ``last_number`` only grows: a cancelled document's number is never given again.
    """

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="number_series"
    )
    series = models.CharField(
        _("sổ"), max_length=20, help_text=_("UBND, HĐTĐKT, ĐẾN (văn bản đến), SSV (sổ vàng)")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    last_number = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("sổ đánh số văn bản")
        verbose_name_plural = _("sổ đánh số văn bản")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "series", "year"], name="number_series_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.year}: {self.last_number}"


def document_search_text(symbol: str, summary: str) -> str:
    """What the register search compares with the words typed (see ``search_key``)."""
    return search_key(f"{symbol} {summary}")


class Document(models.Model):
    """An outgoing document (văn bản đi) of an organisation, from draft to issued.

    ``context`` is the content handed over by the caller (body, lists, articles…);
    the frame — number, date line, issuer lines, recipients, signature — comes from the
    fields here. ``issuer_name`` is the issuer's name valid on the document's date,
    frozen when the draft is made, so a later renaming does not rewrite old documents.
    A unit's own document also links its ``unit``: who may edit it follows the unit,
    not the name it had. ``search_text`` is the symbol and summary without accents,
    lower-case, so "thong bao" finds "Thông báo" on any database.
    """

    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    issuer_kind = models.CharField(
        _("cơ quan ban hành"),
        max_length=10,
        choices=IssuerKind.choices,
        default=IssuerKind.COMMITTEE,
    )
    issuer_name = models.CharField(_("tên cơ quan ban hành"), max_length=200)
    issuer_short = models.CharField(
        _("tên gọn cơ quan ban hành"), max_length=200, help_text=_("UBND phường Mộ Lao")
    )
    governing_body = models.CharField(_("cơ quan chủ quản"), max_length=200, blank=True)
    unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("đơn vị ban hành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    doc_type = models.CharField(_("loại văn bản"), max_length=5, choices=DOC_TYPE_CHOICES)
    template_key = models.CharField(_("mẫu"), max_length=60)
    regime = models.CharField(_("chế độ pháp lý"), max_length=20)
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    symbol = models.CharField(_("số, ký hiệu"), max_length=60, blank=True, db_index=True)
    place = models.CharField(_("địa danh"), max_length=80)
    date = models.DateField(_("ngày văn bản"))
    summary = models.CharField(_("trích yếu"), max_length=500)
    search_text = models.CharField(max_length=600, editable=False, db_index=True, default="")
    context = models.JSONField(_("nội dung"), default=dict, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_title = models.CharField(
        _("chức vụ người ký"), max_length=120, blank=True, help_text=_("Ví dụ: PHÓ CHỦ TỊCH")
    )
    authority = models.CharField(
        _("thể thức ký"), max_length=6, choices=Authority.choices, blank=True, default=""
    )
    authority_body = models.CharField(
        _("tập thể được thay mặt"), max_length=120, blank=True, help_text=_("ỦY BAN NHÂN DÂN")
    )
    principal_title = models.CharField(
        _("chức vụ người đứng đầu"), max_length=120, blank=True, help_text=_("CHỦ TỊCH")
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    verification_code = models.CharField(
        _("mã xác minh"), max_length=40, null=True, blank=True, unique=True
    )
    docx_file = models.FileField(_("tệp .docx"), upload_to="documents/%Y/", blank=True)
    pdf_file = models.FileField(_("tệp PDF"), upload_to="documents/%Y/", blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("được thay thế bởi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaces",
    )
    # A revoked document is withdrawn by another issued decision of the register;
    # ``cancel_reason`` then holds the reason of the revocation.
    revoked_by = models.ForeignKey(
        "self",
        verbose_name=_("bị thu hồi bởi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revokes",
    )
    cancel_reason = models.CharField(_("lý do hủy"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    issued_at = models.DateTimeField(_("thời điểm cấp số"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("văn bản đi")
        verbose_name_plural = _("văn bản đi")
        ordering = ["-year", "-number", "-id"]
        constraints = [
            # The database itself refuses a number given twice in a series and year.
            models.UniqueConstraint(
                fields=["organisation", "issuer_kind", "year", "number"],
                condition=Q(number__isnull=False),
                name="document_number_unique_in_series",
            )
        ]
        indexes = [models.Index(fields=["organisation", "-date"])]

    def __str__(self) -> str:
        return f"{self.symbol or 'Dự thảo'} — {self.summary}"

    def save(self, *args, **kwargs) -> None:
        self.search_text = document_search_text(self.symbol, self.summary)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"symbol", "summary"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    @property
    def type_name(self) -> str:
        return TYPE_ABBREVIATIONS.get(self.doc_type, self.doc_type)

    @property
    def is_numbered(self) -> bool:
        return self.issuer_kind != IssuerKind.UNIT

    @property
    def signature_lines(self) -> list[str]:
        """The authority lines above the signature ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")."""
        body, principal, title = self.authority_body, self.principal_title, self.signer_title
        match self.authority:
            case Authority.TM:
                return [f"TM. {body}", title]
            case Authority.TM_KT:
                return [f"TM. {body}", f"KT. {principal}", title]
            case Authority.KT:
                return [f"KT. {principal}", title]
            case Authority.Q:
                return [f"Q. {principal}"]
            case Authority.TL:
                return [f"TL. {principal}", title]
            case Authority.TUQ:
                return [f"TUQ. {principal}", title]
        return [title] if title else []


class Purpose(models.TextChoices):
    """Why a recipient gets the document (the suffix of a "Nơi nhận" line)."""

    NONE = "", _("(không ghi)")
    REPORT = "để b/c", _("để báo cáo")
    EXECUTE = "để t/h", _("để thực hiện")
    COORDINATE = "để p/h", _("để phối hợp")
    KNOW = "để biết", _("để biết")
    DIRECT = "để chỉ đạo", _("để chỉ đạo")


class Recipient(models.Model):
    """One line of "Nơi nhận" ("- UBND quận Hà Đông (để b/c);")."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="recipients")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("nơi nhận"), max_length=300)
    purpose = models.CharField(
        _("mục đích"), max_length=20, choices=Purpose.choices, blank=True, default=""
    )

    organisation_lookup = "document__organisation"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("nơi nhận")
        verbose_name_plural = _("nơi nhận")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.purpose})" if self.purpose else self.name


class Attachment(models.Model):
    """A file attached to a document (an annex scanned, a signed copy)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(_("tên tệp"), max_length=200)
    file = models.FileField(_("tệp"), upload_to="documents/attachments/%Y/")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    organisation_lookup = "document__organisation"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class IncomingDocument(models.Model):
    """An incoming document (văn bản đến), entered in the register with its arrival number.

    The district's plan 60/KH-UBND reaches the ward this way.
    """

    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.PROTECT,
        related_name="incoming_documents",
    )
    arrival_number = models.PositiveIntegerField(_("số đến"))
    year = models.PositiveSmallIntegerField(_("năm"))
    received_on = models.DateField(_("ngày đến"))
    sender = models.CharField(_("nơi gửi"), max_length=200)
    their_symbol = models.CharField(_("số, ký hiệu"), max_length=60)
    their_date = models.DateField(_("ngày văn bản"))
    doc_type = models.CharField(
        _("loại văn bản"), max_length=5, choices=DOC_TYPE_CHOICES, blank=True
    )
    summary = models.CharField(_("trích yếu"), max_length=500)
    file = models.FileField(_("tệp"), upload_to="documents/incoming/%Y/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("văn bản đến")
        verbose_name_plural = _("văn bản đến")
        ordering = ["-year", "-arrival_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "arrival_number"], name="incoming_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.their_symbol} — {self.summary}"


class DocumentTemplate(models.Model):
    """An organisation's own version of a template, replacing the built-in one.

    Checked at upload with a full sample context; refused when a placeholder breaks.
    """

    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.PROTECT,
        related_name="document_templates",
    )
    key = models.CharField(_("mẫu"), max_length=60)
    regime = models.CharField(_("chế độ pháp lý"), max_length=20)
    file = models.FileField(_("tệp .docx"), upload_to="documents/templates/")
    original_name = models.CharField(_("tên tệp gốc"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("mẫu văn bản riêng")
        verbose_name_plural = _("mẫu văn bản riêng")
        ordering = ["key", "regime"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "key", "regime"], name="document_template_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.regime})"

    @property
    def is_html(self) -> bool:
        """A certificate layout in HTML (printed by WeasyPrint), not a .docx."""
        return self.file.name.endswith(HTML_SUFFIX)


class Certificate(models.Model):
    """A Giấy khen given by an issued decision, with its verification code.

    The text (awardee, achievement) is handed over by the caller; ``golden_book_number``
    (số sổ vàng) is the awardee's ordinal within the decision, or a running register.
    """

    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    decision = models.ForeignKey(
        Document,
        verbose_name=_("quyết định"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    golden_book_number = models.PositiveIntegerField(_("số sổ vàng"))
    award_form = models.CharField(_("hình thức"), max_length=120, default="Giấy khen")
    awardee_name = models.CharField(_("tặng"), max_length=300)
    awardee_detail = models.CharField(_("chức vụ, đơn vị hoặc địa chỉ"), max_length=300, blank=True)
    achievement = models.TextField(_("thành tích"))
    is_collective = models.BooleanField(_("tập thể"), default=False)
    verification_code = models.CharField(_("mã xác minh"), max_length=40, unique=True)
    revoked = models.BooleanField(_("đã thu hồi"), default=False)
    revoked_reason = models.CharField(_("lý do thu hồi"), max_length=500, blank=True)
    revoked_by = models.ForeignKey(
        Document,
        verbose_name=_("quyết định thu hồi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revoked_certificates",
    )
    docx_file = models.FileField(upload_to="certificates/%Y/", blank=True)
    pdf_file = models.FileField(upload_to="certificates/%Y/", blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("giấy khen")
        verbose_name_plural = _("giấy khen")
        ordering = ["decision_id", "golden_book_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "golden_book_number"], name="certificate_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.award_form} — {self.awardee_name}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Lỗi")


class RenderJob(models.Model):
    """A background rendering job (e.g. a batch of certificates) and its progress."""

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="render_jobs"
    )
    kind = models.CharField(_("loại việc"), max_length=30, default="certificates")
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.CASCADE, related_name="render_jobs"
    )
    blank_mode = models.BooleanField(_("in lên phôi"), default=False)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    total = models.PositiveIntegerField(_("tổng số"), default=0)
    done = models.PositiveIntegerField(_("đã xong"), default=0)
    message = models.CharField(_("thông báo"), max_length=500, blank=True)
    result = models.FileField(_("kết quả"), upload_to="jobs/%Y/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Fault tolerance (issue 9): a consumer killed mid-job stops beating; a sweep at the
    # next consumer start (or every minute) runs the job again, at most MAX_ATTEMPTS
    # times (documents/tasks.py, services.claim_job / sweep_interrupted_jobs).
    heartbeat_at = models.DateTimeField(_("lần cuối báo còn chạy"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần chạy"), default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("việc tạo tệp")
        verbose_name_plural = _("việc tạo tệp")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, round(100 * self.done / self.total))


def emblem_path(instance, filename: str) -> str:
    return f"private/emblems/{instance.organisation_id}/{filename[-60:]}"


def signing_certificate_path(instance, filename: str) -> str:
    return f"private/signing/{instance.organisation_id}/{filename[-60:]}"


class OrganisationSettings(models.Model):
    """Per-organisation document settings: the running golden-book register, the print
    offsets that align text on pre-printed certificate blanks (phôi), and the national
    emblem printed at the top of plain-paper certificates."""

    organisation = models.OneToOneField(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="document_settings"
    )
    running_golden_book = models.BooleanField(
        _("sổ vàng đánh số liên tục qua các quyết định"), default=False
    )
    blank_offset_top_mm = models.SmallIntegerField(_("dịch xuống (mm) khi in phôi"), default=0)
    blank_offset_left_mm = models.SmallIntegerField(_("dịch sang phải (mm) khi in phôi"), default=0)
    # The Office's own Quốc huy image (none ships with the software), PNG or JPEG as Word
    # embeds it (an uploaded SVG is kept drawn as PNG: see documents/emblem.py).
    emblem = models.FileField(_("ảnh Quốc huy"), upload_to=emblem_path, blank=True)
    emblem_name = models.CharField(_("tên tệp ảnh Quốc huy"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("thiết lập văn bản")
        verbose_name_plural = _("thiết lập văn bản")

    def __str__(self) -> str:
        return str(self.organisation)


class SigningCertificate(models.Model):
    """The Office's signing certificate (chứng thư số, a PKCS#12 file) with which the
    organisation's award decisions are signed digitally (PAdES) when issued.

    The file is kept in private storage (never served); its password is kept encrypted
    (``documents.signing.encrypt_password``) and never shown again. The certificate's
    particulars are copied here when it is installed so the settings page needs not open it.
    """

    organisation = models.OneToOneField(
        "orgs.Organisation",
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.CASCADE,
        related_name="signing_certificate",
    )
    file = models.FileField(_("tệp chứng thư số"), upload_to=signing_certificate_path)
    password_encrypted = models.TextField(_("mật khẩu (đã mã hóa)"))
    subject = models.CharField(_("người được cấp"), max_length=300)
    subject_organisation = models.CharField(_("tổ chức"), max_length=300, blank=True)
    issuer = models.CharField(_("tổ chức cấp"), max_length=300)
    serial = models.CharField(_("số hiệu"), max_length=80)
    valid_from = models.DateTimeField(_("hiệu lực từ"))
    valid_until = models.DateTimeField(_("hiệu lực đến"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("chứng thư số")
        verbose_name_plural = _("chứng thư số")

    def __str__(self) -> str:
        return f"{self.subject} ({self.serial})"


class DocumentSignature(models.Model):
    """The digital signature put on an issued document's PDF, as validated right after
    signing — a cache, so the public verification page does not validate the file at each
    visit. The certificate's particulars are frozen here: replacing or removing the
    Office's certificate later does not change what this document was signed with."""

    document = models.OneToOneField(
        Document, on_delete=models.CASCADE, related_name="digital_signature"
    )
    signer_name = models.CharField(_("người ký"), max_length=300)
    signer_organisation = models.CharField(_("tổ chức"), max_length=300, blank=True)
    issuer = models.CharField(_("tổ chức cấp chứng thư"), max_length=300)
    serial = models.CharField(_("số hiệu chứng thư"), max_length=80)
    valid_from = models.DateTimeField(_("chứng thư hiệu lực từ"))
    valid_until = models.DateTimeField(_("chứng thư hiệu lực đến"))
    signed_at = models.DateTimeField(_("thời điểm ký"))
    reason = models.CharField(_("lý do ký"), max_length=300, blank=True)
    location = models.CharField(_("nơi ký"), max_length=300, blank=True)
    intact = models.BooleanField(_("văn bản nguyên vẹn"), default=False)
    trusted = models.BooleanField(_("chứng thư được xác thực"), default=False)

    organisation_lookup = "document__organisation"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("chữ ký số của văn bản")
        verbose_name_plural = _("chữ ký số của văn bản")

    def __str__(self) -> str:
        return f"{self.document} — {self.signer_name}"
