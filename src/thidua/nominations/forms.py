"""Forms of the nomination pages; they collect input, the services decide."""

from __future__ import annotations

from django import forms

from thidua.movements.models import Target

from .models import ConductKind, DisciplineLevel, Rating
from .records import KINDS


class ProposeForm(forms.Form):
    subject = forms.IntegerField(widget=forms.HiddenInput)
    award_form = forms.TypedChoiceField(label="Hình thức khen thưởng", coerce=int)
    proposing_unit = forms.TypedChoiceField(label="Đơn vị đề nghị", coerce=int)
    achievement_summary = forms.CharField(
        label="Tóm tắt thành tích (một dòng, cho danh sách trích ngang)",
        required=False,
        max_length=500,
        widget=forms.TextInput(
            attrs={"placeholder": "Để trống: hệ thống tóm tắt từ kết quả nhiệm vụ"}
        ),
    )

    def __init__(self, *args, award_forms=(), units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_form"].choices = [
            (f.pk, f"{f.form} — {f.awarded_by}") for f in award_forms
        ]
        self.fields["proposing_unit"].choices = [(u.pk, u.name) for u in units]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Lý do",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Hãy ghi lý do."},
    )


class UploadForm(forms.Form):
    item = forms.TypedChoiceField(label="Thành phần hồ sơ", coerce=int)
    nomination = forms.TypedChoiceField(
        label="Của tập thể, cá nhân (với báo cáo thành tích)",
        coerce=int,
        required=False,
        empty_value=None,
    )
    file = forms.FileField(
        label="Bản scan đã ký (PDF, PNG, JPEG)",
        error_messages={"required": "Hãy chọn tệp bản scan."},
    )

    def __init__(self, *args, items=(), nominations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [(i.pk, i.name) for i in items]
        self.fields["nomination"].choices = [("", "— Không áp dụng —")] + [
            (n.pk, n.candidate_name) for n in nominations
        ]


class EditDocumentForm(forms.Form):
    text = forms.CharField(
        label="Nội dung (mỗi dòng là một đoạn)",
        widget=forms.Textarea(attrs={"rows": 18}),
        error_messages={"required": "Nội dung văn bản không được để trống."},
    )


class RegistrationForm(forms.Form):
    target = forms.ChoiceField(label="Đối tượng", choices=Target.choices)
    unit = forms.TypedChoiceField(label="Tập thể", coerce=int, required=False, empty_value=None)
    person = forms.TypedChoiceField(label="Cá nhân", coerce=int, required=False, empty_value=None)
    pledges = forms.CharField(
        label="Nội dung đăng ký, cam kết",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Hãy ghi nội dung đăng ký, cam kết."},
    )

    def __init__(self, *args, units=(), people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "— Chọn tập thể —")] + [(u.pk, u.name) for u in units]
        self.fields["person"].choices = [("", "— Chọn cá nhân —")] + [
            (p.pk, f"{p.full_name}{' — ' + p.unit.name if p.unit_id else ''}") for p in people
        ]


class RecordForm(forms.Form):
    """One record of any kind; the fields that do not apply to the kind are ignored."""

    kind = forms.ChoiceField(label="Loại hồ sơ", choices=list(KINDS.items()))
    person = forms.TypedChoiceField(label="Cá nhân", coerce=int, required=False, empty_value=None)
    unit = forms.TypedChoiceField(
        label="Hoặc tập thể", coerce=int, required=False, empty_value=None
    )
    year = forms.CharField(label="Năm", required=False, max_length=4)
    rating = forms.ChoiceField(
        label="Xếp loại chất lượng", required=False, choices=[("", "—"), *Rating.choices]
    )
    conduct_kind = forms.ChoiceField(
        label="Loại vụ việc", required=False, choices=[("", "—"), *ConductKind.choices]
    )
    title = forms.CharField(label="Nội dung vụ việc", required=False, max_length=300)
    opened_on = forms.CharField(label="Ngày bắt đầu (dd/mm/yyyy)", required=False, max_length=10)
    closed_on = forms.CharField(
        label="Ngày kết thúc xem xét (để trống nếu đang xem xét)", required=False, max_length=10
    )
    discipline_level = forms.ChoiceField(
        label="Hình thức kỷ luật", required=False, choices=[("", "—"), *DisciplineLevel.choices]
    )
    discipline_until = forms.CharField(
        label="Thời hạn kỷ luật đến (dd/mm/yyyy)", required=False, max_length=10
    )
    signs_of_violation = forms.BooleanField(
        label="Thanh tra, kiểm tra có dấu hiệu vi phạm", required=False, initial=True
    )
    form = forms.CharField(label="Danh hiệu, hình thức khen thưởng", required=False, max_length=200)
    decision_number = forms.CharField(label="Số quyết định", required=False, max_length=60)
    decision_date = forms.CharField(
        label="Ngày quyết định (dd/mm/yyyy)", required=False, max_length=10
    )
    issuer = forms.CharField(label="Cấp quyết định", required=False, max_length=200)
    themed = forms.BooleanField(label="Khen thưởng chuyên đề, đột xuất", required=False)

    def __init__(self, *args, people=(), units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "— Chọn cá nhân —")] + [
            (p.pk, f"{p.full_name} ({p.birth_year or '—'})") for p in people
        ]
        self.fields["unit"].choices = [("", "— Chọn tập thể —")] + [(u.pk, u.name) for u in units]

    def sheet_values(self, people: dict, units: dict) -> dict[str, str]:
        """The form as the text values of a sheet row (same validation as the import)."""
        data = self.cleaned_data
        values: dict[str, str] = {}
        person = people.get(data.get("person"))
        unit = units.get(data.get("unit"))
        if person is not None:
            values["full_name"] = person.full_name
            values["birth_year"] = str(person.birth_year or "")
        elif unit is not None:
            values["collective"] = unit.name
        levels = dict(DisciplineLevel.choices)
        values.update(
            {
                "year": data.get("year", ""),
                "rating": str(dict(Rating.choices).get(data.get("rating"), "")),
                "kind": str(dict(ConductKind.choices).get(data.get("conduct_kind"), "")),
                "title": data.get("title", ""),
                "opened_on": data.get("opened_on", ""),
                "closed_on": data.get("closed_on", ""),
                "discipline_level": str(levels.get(data.get("discipline_level"), "")),
                "discipline_until": data.get("discipline_until", ""),
                "signs": "có" if data.get("signs_of_violation") else "không",
                "form": data.get("form", ""),
                "decision_number": data.get("decision_number", ""),
                "decision_date": data.get("decision_date", ""),
                "issuer": data.get("issuer", ""),
                "themed": "có" if data.get("themed") else "",
            }
        )
        return values


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label="Loại hồ sơ", choices=list(KINDS.items()))
    file = forms.FileField(
        label="Tệp Excel (.xlsx)", error_messages={"required": "Hãy chọn tệp Excel."}
    )
