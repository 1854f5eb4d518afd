"""Forms of the index pages. Rules live in services; forms collect and label input."""

from __future__ import annotations

from django import forms

from thidua.core.uploads import XLSX, validate_upload

from .models import IndexKind, ParFramework


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several evidence files at once (Django's documented recipe)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class SelfScoreForm(forms.Form):
    points = forms.CharField(
        label="Điểm tự chấm",
        max_length=12,
        help_text="Số thập phân ghi dấu phẩy, ví dụ 1,5.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    files = MultipleFileField(
        label="Tệp minh chứng",
        required=False,
        help_text="PDF, ảnh, Word hoặc Excel; chọn được nhiều tệp.",
    )
    explanation = forms.CharField(
        label="Giải trình",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Bắt buộc khi không có minh chứng.",
    )


class AppraisalForm(forms.Form):
    points = forms.CharField(
        label="Điểm thẩm định",
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    comment = forms.CharField(
        label="Ý kiến thẩm định",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Bắt buộc khi điểm thẩm định khác điểm tự chấm.",
    )
    # Set when the form was filled by "Dùng điểm gợi ý", so that the log can say so.
    from_suggestion = forms.BooleanField(required=False, widget=forms.HiddenInput)


class FinishAppraisalForm(forms.Form):
    note = forms.CharField(
        label="Kết luận thẩm định", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class StartAssessmentForm(forms.Form):
    framework = forms.ModelChoiceField(
        label="Bộ tiêu chí",
        queryset=ParFramework.objects.none(),
        empty_label=None,
    )

    def __init__(self, *args, frameworks=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = (
            frameworks if frameworks is not None else (ParFramework.objects.all())
        )


class DeskForm(forms.Form):
    name = forms.CharField(label="Tên quầy", max_length=120)
    description = forms.CharField(label="Lĩnh vực tiếp nhận", max_length=300, required=False)


class TargetForm(forms.Form):
    index = forms.ChoiceField(label="Chỉ số", choices=IndexKind.choices)
    rank_max = forms.IntegerField(
        label="Xếp hạng không thấp hơn",
        min_value=1,
        required=False,
        help_text="Ví dụ 3: nằm trong 3 đơn vị dẫn đầu.",
    )
    top_percent = forms.IntegerField(
        label="Hoặc thuộc nhóm % cao nhất",
        min_value=1,
        max_value=100,
        required=False,
        help_text="Ví dụ 30: thuộc 30% đơn vị có chỉ số cao nhất.",
    )
    source_text = forms.CharField(label="Nguyên văn kế hoạch", max_length=400, required=False)


class PaperImportForm(forms.Form):
    file = forms.FileField(
        label="Tệp Excel phiếu giấy (.xlsx)",
        help_text="Dùng tệp mẫu: mỗi dòng một phiếu, mỗi câu ghi số từ 1 đến 5.",
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        validate_upload(uploaded, {XLSX}, "bảng tính Excel (.xlsx)")
        return uploaded
