"""Forms of the council's pages. They only shape input; the rules live in services."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone

from thidua.documents import services as documents
from thidua.documents.models import Document

from .models import (
    AwardDecision,
    Choice,
    ConflictKind,
    CouncilSetting,
    Denominator,
    Outcome,
    VotingMethod,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SettingForm(forms.ModelForm):
    """The council's rules for one award form."""

    class Meta:
        model = CouncilSetting
        fields = [
            "method",
            "quorum_numerator",
            "quorum_denominator",
            "threshold_percent",
            "threshold_strict",
            "denominator",
            "allow_written_votes",
            "disclosure_days",
        ]
        widgets = {"method": forms.RadioSelect, "denominator": forms.RadioSelect}


class MeetingForm(forms.Form):
    movement = forms.ModelChoiceField(label="Phong trào", queryset=None, empty_label=None)
    award_form = forms.CharField(label="Hình thức khen thưởng", initial="Giấy khen", max_length=120)
    starts_at = forms.DateTimeField(
        label="Thời gian họp",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
        help_text="Ngày và giờ bắt đầu, ví dụ 01/12/2023 08:30.",
    )
    place = forms.CharField(
        label="Địa điểm", max_length=200, initial="Phòng họp tầng 2, trụ sở UBND phường"
    )
    agenda = forms.CharField(
        label="Chương trình họp",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Để trống để dùng chương trình mẫu (báo cáo, thảo luận, biểu quyết, thông qua).",
    )

    def __init__(self, *args, movements=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["movement"].queryset = movements


class RulesForm(forms.Form):
    """The rules of one meeting, changeable until its vote opens."""

    method = forms.ChoiceField(
        label="Hình thức biểu quyết", choices=VotingMethod.choices, widget=forms.RadioSelect
    )
    threshold_percent = forms.IntegerField(label="Tỷ lệ đồng ý (%)", min_value=1, max_value=100)
    threshold_strict = forms.BooleanField(label="Phải vượt quá tỷ lệ (quá bán)", required=False)
    denominator = forms.ChoiceField(
        label="Tính tỷ lệ trên", choices=Denominator.choices, widget=forms.RadioSelect
    )
    allow_written_votes = forms.BooleanField(
        label="Nhận phiếu bằng văn bản của thành viên vắng mặt", required=False
    )


class AttendanceForm(forms.Form):
    """One checkbox (present) and one note per member."""

    def __init__(self, *args, rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        for row in self.rows:
            self.fields[f"present_{row.member_id}"] = forms.BooleanField(
                label=row.member.full_name, required=False, initial=row.present
            )
            self.fields[f"note_{row.member_id}"] = forms.CharField(
                label=f"Ghi chú ({row.member.full_name})",
                required=False,
                max_length=200,
                initial=row.note,
            )

    def present_ids(self) -> set[int]:
        return {r.member_id for r in self.rows if self.cleaned_data.get(f"present_{r.member_id}")}

    def notes(self) -> dict[int, str]:
        return {r.member_id: self.cleaned_data.get(f"note_{r.member_id}", "") for r in self.rows}


class BallotForm(forms.Form):
    """One choice per candidate the member votes on."""

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = list(candidates)
        for c in self.candidates:
            self.fields[f"c{c.pk}"] = forms.ChoiceField(
                label=c.name,
                choices=Choice.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Hãy chọn ý kiến cho {c.name}."},
            )

    def choices(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data[f"c{c.pk}"] for c in self.candidates}


class HandsForm(forms.Form):
    """Counts of a show of hands, per candidate."""

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = list(candidates)
        for c in self.candidates:
            for key, label, initial in (
                ("for", "đồng ý", c.hands_for),
                ("against", "không đồng ý", c.hands_against),
                ("abstain", "không biểu quyết", c.hands_abstain),
            ):
                self.fields[f"{key}_{c.pk}"] = forms.IntegerField(
                    label=f"{c.name}: {label}",
                    min_value=0,
                    max_value=99,
                    initial=initial or 0,
                    widget=forms.NumberInput(attrs={"aria-label": f"{c.name}: {label}"}),
                )

    def counts(self) -> dict[int, tuple[int, int, int]]:
        d = self.cleaned_data
        return {
            c.pk: (d[f"for_{c.pk}"], d[f"against_{c.pk}"], d[f"abstain_{c.pk}"])
            for c in self.candidates
        }


class ConflictForm(forms.Form):
    candidate = forms.ModelChoiceField(label="Người được xét", queryset=None)
    kind = forms.ChoiceField(label="Lý do", choices=ConflictKind.choices)
    note = forms.CharField(label="Ghi chú", required=False, max_length=300)

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = candidates


class CorrectionForm(forms.Form):
    """The chair's correction of an outcome after the meeting closed."""

    candidate = forms.ModelChoiceField(label="Tập thể, cá nhân", queryset=None)
    outcome = forms.ChoiceField(
        label="Kết quả đúng",
        choices=[
            (Outcome.APPROVED, Outcome.APPROVED.label),
            (Outcome.REJECTED, Outcome.REJECTED.label),
        ],
    )
    reason = forms.CharField(
        label="Lý do điều chỉnh",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Ví dụ: phát hiện đang bị xem xét kỷ luật sau cuộc họp.",
    )
    day = forms.DateField(
        label="Ngày điều chỉnh",
        required=False,
        widget=DATE_WIDGET,
        input_formats=["%Y-%m-%d"],
        help_text="Để trống là hôm nay. Danh sách đã công khai được công khai lại từ ngày này.",
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = candidates
        self.fields["candidate"].label_from_instance = lambda c: (
            f"{c.name} (hiện: {c.get_outcome_display()})"
        )


class TextForm(forms.Form):
    text = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 3}))


class ReceiptForm(forms.Form):
    code = forms.CharField(
        label="Mã biên nhận phiếu", max_length=20, help_text="Ví dụ: K7F3-9QXD-2M4P"
    )


class PublishForm(forms.Form):
    starts_on = forms.DateField(
        label="Công khai từ ngày", widget=DATE_WIDGET, input_formats=["%Y-%m-%d"]
    )
    days = forms.IntegerField(label="Số ngày công khai", min_value=1, max_value=60)


class CommentForm(forms.Form):
    author = forms.CharField(label="Họ và tên", max_length=120)
    contact = forms.CharField(label="Địa chỉ hoặc số điện thoại", max_length=200, required=False)
    text = forms.CharField(
        label="Ý kiến", widget=forms.Textarea(attrs={"rows": 4}), max_length=3000
    )


class HandleForm(forms.Form):
    handling = forms.CharField(label="Kết quả xử lý", widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    date = forms.DateField(label="Ngày quyết định", widget=DATE_WIDGET, input_formats=["%Y-%m-%d"])
    signer = forms.ModelChoiceField(label="Người ký", queryset=None, empty_label=None)

    def __init__(self, *args, signers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signer"].queryset = signers
        self.fields["signer"].label_from_instance = lambda u: " ".join(
            filter(None, [u.last_name, u.first_name])
        )


class RevokeForm(forms.Form):
    """The reason and the revoking decision. Any document of the ward parses here, so that
    the service names what is wrong with a draft or a notice; another ward's does not."""

    reason = forms.CharField(label="Lý do thu hồi", max_length=500)
    by = forms.ModelChoiceField(
        label="Quyết định thu hồi",
        queryset=Document.objects.none(),
        error_messages={
            "required": "Hãy chọn quyết định thu hồi trong sổ văn bản đi.",
            "invalid_choice": "Quyết định thu hồi phải là văn bản trong sổ văn bản đi của phường.",
        },
    )

    def __init__(self, *args, decision: AwardDecision, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["by"].queryset = Document.objects.filter(
            organisation_id=decision.organisation_id
        )


def revoking_options(decision: AwardDecision) -> list[tuple[int, str]]:
    """The choices of the revocation forms, read once for the whole page: “15/QĐ-UBND
    ngày 20/12/2023 — Về việc thu hồi …”."""
    return [
        (d.pk, documents.choice_label(d)) for d in documents.revoking_choices(decision.document)
    ]


class DiscardForm(forms.Form):
    reason = forms.CharField(
        label="Lý do hủy dự thảo",
        max_length=500,
        help_text="Ví dụ: điều chỉnh kết quả của Hội đồng sau khi phát hiện sai sót.",
    )


class ScanForm(forms.Form):
    scan = forms.FileField(label="Bản chụp quyết định đã ký (PDF, PNG, JPEG)")


class ReportForm(forms.Form):
    date = forms.DateField(label="Ngày báo cáo", widget=DATE_WIDGET, input_formats=["%Y-%m-%d"])


def today() -> datetime.date:
    return timezone.localdate()
