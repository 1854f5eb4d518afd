"""Forms of the initiative pages."""

from __future__ import annotations

from django import forms

from .models import Reviewer


class InitiativeForm(forms.Form):
    title = forms.CharField(label="Tên sáng kiến", max_length=300)
    unit = forms.TypedChoiceField(label="Đơn vị áp dụng", coerce=int)
    movement = forms.TypedChoiceField(
        label="Thuộc phong trào thi đua", coerce=int, required=False, empty_value=None
    )
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    description = forms.CharField(
        label="Mô tả nội dung sáng kiến", widget=forms.Textarea(attrs={"rows": 4})
    )
    applied_where = forms.CharField(
        label="Nơi, phạm vi đã áp dụng", widget=forms.Textarea(attrs={"rows": 2})
    )
    applied_since = forms.DateField(
        label="Ngày áp dụng lần đầu (dd/mm/yyyy)", required=False, input_formats=["%d/%m/%Y"]
    )
    benefit = forms.CharField(
        label="Hiệu quả, lợi ích thu được", widget=forms.Textarea(attrs={"rows": 3})
    )
    authors = forms.TypedMultipleChoiceField(label="Tác giả (chia đều tỷ lệ đóng góp)", coerce=int)

    def __init__(self, *args, units=(), people=(), movements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]
        self.fields["authors"].choices = [(p.pk, p.full_name) for p in people]
        self.fields["movement"].choices = [("", "— Không —")] + [(m.pk, m.title) for m in movements]
        for field in self.fields.values():
            field.error_messages.setdefault("required", f"Hãy điền “{field.label}”.")


class ReviewForm(forms.Form):
    recognised = forms.TypedChoiceField(
        label="Kết quả",
        choices=[("1", "Công nhận sáng kiến"), ("0", "Không công nhận")],
        coerce=lambda v: v == "1",
    )
    reviewer = forms.ChoiceField(label="Cơ quan xét", choices=Reviewer.choices)
    note = forms.CharField(
        label="Ý kiến xét, lý do", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    decision_number = forms.CharField(
        label="Số quyết định công nhận", required=False, max_length=60
    )
    decision_date = forms.DateField(
        label="Ngày quyết định (dd/mm/yyyy)",
        required=False,
        input_formats=["%d/%m/%Y"],
        error_messages={"invalid": "Ngày quyết định ghi dạng dd/mm/yyyy, ví dụ 10/11/2023."},
    )
