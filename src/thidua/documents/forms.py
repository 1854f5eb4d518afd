"""Forms of the register pages; they call services, which hold the rules."""

from __future__ import annotations

from django import forms

from thidua.vn import TYPE_ABBREVIATIONS

from .catalog import SPECS
from .models import Authority, Purpose
from .services import Signer

REGIMES = [
    ("R2013", "R2013 — Luật TĐKT 2003/2013, NĐ 91/2017 (quyết định đến 31/12/2023)"),
    ("R2022a", "R2022a — Luật TĐKT 2022, NĐ 98/2023 (01/01/2024 – 30/06/2025)"),
    ("R2022b", "R2022b — Luật TĐKT 2022, NĐ 152/2025 (từ 01/07/2025)"),
]


class DateInput(forms.DateInput):
    input_type = "date"


class IncomingForm(forms.Form):
    received_on = forms.DateField(label="Ngày đến", widget=DateInput)
    sender = forms.CharField(label="Nơi gửi", max_length=200)
    their_symbol = forms.CharField(
        label="Số, ký hiệu", max_length=60, help_text="Ví dụ: 60/KH-UBND"
    )
    their_date = forms.DateField(label="Ngày văn bản", widget=DateInput)
    doc_type = forms.ChoiceField(
        label="Loại văn bản",
        required=False,
        choices=[("", "(theo ký hiệu)"), *TYPE_ABBREVIATIONS.items()],
    )
    summary = forms.CharField(
        label="Trích yếu", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    file = forms.FileField(label="Tệp văn bản (PDF hoặc Word)", required=False)


class TemplateUploadForm(forms.Form):
    key = forms.ChoiceField(label="Mẫu", choices=[(k, s.name) for k, s in SPECS.items()])
    regime = forms.ChoiceField(label="Chế độ pháp lý", choices=REGIMES)
    file = forms.FileField(
        label="Tệp mẫu đã sửa",
        help_text="Văn bản Word (.docx); riêng Giấy khen có thể là bố cục HTML (.html, UTF-8).",
    )


class CancelForm(forms.Form):
    reason = forms.CharField(label="Lý do hủy", max_length=500)


class ReplaceForm(forms.Form):
    """Which issued document replaces this one, and why. Both may be left out here: the
    service refuses with the message that says what is missing."""

    by = forms.IntegerField(label="Văn bản thay thế", required=False, widget=forms.Select)
    reason = forms.CharField(label="Lý do thay thế", max_length=500, required=False)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Offered on the page; what is posted is checked against the register by the service.
        self.fields["by"].widget.choices = [("", "— Chọn văn bản đã ban hành —"), *choices]


class BlankSettingsForm(forms.Form):
    blank_offset_top_mm = forms.IntegerField(
        label="Dịch xuống (mm)", min_value=-30, max_value=30, initial=0
    )
    blank_offset_left_mm = forms.IntegerField(
        label="Dịch sang phải (mm)", min_value=-30, max_value=30, initial=0
    )


class SigningCertificateForm(forms.Form):
    prefix = "certificate"  # two upload forms share the settings page: distinct field ids
    file = forms.FileField(
        label="Tệp chứng thư số (.p12, .pfx)",
        help_text="Tệp PKCS#12 gồm chứng thư và khóa bí mật, do tổ chức cung cấp dịch vụ "
        "chứng thực cấp cho cơ quan.",
    )
    password = forms.CharField(
        label="Mật khẩu của tệp",
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text="Được lưu mã hóa để ký khi ban hành; không bao giờ hiện lại.",
    )


class EmblemForm(forms.Form):
    prefix = "emblem"
    file = forms.FileField(
        label="Ảnh Quốc huy (PNG, JPEG hoặc SVG, tối đa 2 MB)",
        help_text="In ở giữa phía trên Giấy khen in trên giấy trắng.",
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by content in the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        items = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


PURPOSES = {value for value in Purpose.values if value}


def parse_recipients(text: str) -> list[tuple[str, str]]:
    """ "Nơi nhận" lines as written under a document ("- UBND quận Hà Đông (để b/c);")
    into (name, purpose) pairs."""
    recipients = []
    for raw in text.splitlines():
        line = raw.strip().lstrip("-–• ").rstrip(" ;.")
        if not line:
            continue
        purpose = ""
        if line.endswith(")") and "(" in line:
            head, _, tail = line.rpartition("(")
            suffix = tail[:-1].strip()
            if suffix in PURPOSES:
                line, purpose = head.strip(), suffix
            elif suffix.startswith("để "):
                raise forms.ValidationError(
                    f"Nơi nhận “{line}”: “({suffix})” không phải mục đích quen dùng; hãy ghi "
                    f"một trong {', '.join(f'({p})' for p in sorted(PURPOSES))} hoặc bỏ ngoặc."
                )
        recipients.append((line, purpose))
    return recipients


def recipients_text(recipients) -> str:
    return "\n".join(f"{r.name} ({r.purpose})" if r.purpose else r.name for r in recipients)


class DraftForm(forms.Form):
    """A document drafted on the web: its frame and its body text. The services check
    the rules (who may draft what, the date, the signer); the form only parses."""

    doc_type = forms.ChoiceField(
        label="Loại văn bản",
        choices=[(abbr, f"{name} ({abbr})") for abbr, name in TYPE_ABBREVIATIONS.items()],
    )
    issuer = forms.ChoiceField(label="Cơ quan, đơn vị ban hành")
    summary = forms.CharField(
        label="Trích yếu",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Ví dụ: Về việc tổ chức Hội nghị sơ kết phong trào thi đua.",
    )
    body = forms.CharField(
        label="Nội dung",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Mỗi dòng là một đoạn; dòng viết hoa toàn bộ (I. MỤC ĐÍCH…) là đề mục. "
        "Đoạn cuối tự kết thúc bằng “./.”.",
    )
    place = forms.CharField(label="Địa danh", max_length=80)
    date = forms.DateField(label="Ngày văn bản", widget=DateInput)
    recipients = forms.CharField(
        label="Nơi nhận",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Mỗi dòng một nơi nhận, ví dụ “UBND quận Hà Đông (để b/c)”, "
        "“Các bộ phận chuyên môn (để t/h)”; dòng cuối “Lưu: VT”.",
    )
    signer_name = forms.CharField(label="Người ký (họ và tên)", max_length=120, required=False)
    signer_title = forms.CharField(
        label="Chức vụ người ký", max_length=120, required=False, help_text="Ví dụ: CHỦ TỊCH"
    )
    authority = forms.ChoiceField(label="Thể thức ký", choices=Authority.choices, required=False)
    authority_body = forms.CharField(
        label="Tập thể được thay mặt (khi ký TM.)",
        max_length=120,
        required=False,
        help_text="Ví dụ: ỦY BAN NHÂN DÂN",
    )
    principal_title = forms.CharField(
        label="Chức vụ người đứng đầu (khi ký KT., Q., TL., TUQ.)",
        max_length=120,
        required=False,
        help_text="Ví dụ: CHỦ TỊCH",
    )
    attachments = MultipleFileField(
        label="Tệp đính kèm",
        required=False,
        help_text="PDF, Word, Excel hoặc ảnh; có thể chọn nhiều tệp.",
    )

    def __init__(self, *args, issuers=None, type_editable=True, **kwargs):
        super().__init__(*args, **kwargs)
        if issuers is None:
            del self.fields["issuer"]
        else:
            self.fields["issuer"].choices = issuers
        if not type_editable:
            del self.fields["doc_type"]
        self.fields["signer_name"].widget.attrs["list"] = "signer-people"

    def clean_recipients(self) -> list[tuple[str, str]]:
        return parse_recipients(self.cleaned_data["recipients"])

    def signer(self) -> Signer:
        data = self.cleaned_data
        return Signer(
            " ".join(data["signer_name"].split()),
            data["signer_title"].strip().upper(),
            data["authority"],
            data["authority_body"].strip().upper(),
            data["principal_title"].strip().upper(),
        )
