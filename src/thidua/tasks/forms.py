"""Forms of the tasks pages. They collect input; the rules live in services."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from thidua.core.uploads import XLSX, validate_upload
from thidua.orgs.models import Organisation, Person, Unit
from thidua.plans.models import Plan

from .models import ParField, QualityLevel, Recurrence, TaskState

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


class VnDateField(forms.DateField):
    """A date typed dd/mm/yyyy, with a Vietnamese message when it is not one."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault(
            "widget",
            forms.DateInput(
                format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
            ),
        )
        kwargs.setdefault(
            "error_messages",
            {"invalid": "Ngày không hợp lệ: hãy ghi dạng dd/mm/yyyy, ví dụ 30/06/2023."},
        )
        super().__init__(**kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class TaskForm(forms.Form):
    plan = forms.ModelChoiceField(label="Kế hoạch", queryset=Plan.objects.none())
    number = forms.CharField(label="STT", max_length=20, help_text="Ví dụ: 1, 2.3")
    content = forms.CharField(label="Nội dung nhiệm vụ", widget=forms.Textarea(attrs={"rows": 3}))
    par_field = forms.ModelChoiceField(
        label="Lĩnh vực", queryset=ParField.objects.all(), required=False, empty_label="(chưa xếp)"
    )
    lead_unit = forms.ModelChoiceField(label="Đơn vị chủ trì", queryset=Unit.objects.none())
    cooperating_units = forms.ModelMultipleChoiceField(
        label="Đơn vị phối hợp",
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    performers = forms.ModelMultipleChoiceField(
        label="Người trực tiếp thực hiện",
        queryset=Person.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Giữ Ctrl (hoặc Cmd) để chọn nhiều người.",
    )
    deadline = VnDateField(label="Thời hạn hoàn thành")
    expected_output = forms.CharField(
        label="Sản phẩm", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    recurrence = forms.ChoiceField(label="Chế độ báo cáo", choices=Recurrence.choices)

    def __init__(self, organisation: Organisation, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.filter(organisation=organisation)
        units = Unit.objects.filter(organisation=organisation, competes=True).order_by("sort_name")
        self.fields["lead_unit"].queryset = units
        self.fields["cooperating_units"].queryset = units
        self.fields["performers"].queryset = (
            Person.objects.filter(organisation=organisation, is_active=True)
            .select_related("unit")
            .order_by("sort_name")
        )
        self.fields["performers"].label_from_instance = lambda p: (
            f"{p.full_name} — {p.unit.name if p.unit else p.position}"
        )


class ReportForm(forms.Form):
    state = forms.ChoiceField(
        label="Tình trạng",
        choices=[(TaskState.IN_PROGRESS, "Đang thực hiện"), (TaskState.DONE, "Đã hoàn thành")],
        widget=forms.RadioSelect,
    )
    percent_done = forms.IntegerField(
        label="Tỷ lệ hoàn thành (%)",
        min_value=0,
        max_value=100,
        error_messages={
            "min_value": "Tỷ lệ hoàn thành từ 0 đến 100%.",
            "max_value": "Tỷ lệ hoàn thành từ 0 đến 100%.",
            "invalid": "Tỷ lệ hoàn thành là một số từ 0 đến 100.",
        },
    )
    completed_on = VnDateField(
        label="Ngày hoàn thành", required=False, help_text="Chỉ ghi khi đã hoàn thành."
    )
    text = forms.CharField(
        label="Kết quả thực hiện",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Đã làm gì, sản phẩm là gì, số văn bản, số liệu.",
    )
    files = MultipleFileField(
        label="Tệp minh chứng",
        required=False,
        help_text="PDF, ảnh, Word, Excel, PowerPoint; mỗi tệp tối đa 20 MB; tối đa 10 tệp.",
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="Kết quả xem xét",
        choices=[("accept", "Chấp nhận"), ("return", "Trả lại để bổ sung")],
        widget=forms.RadioSelect,
    )
    quality = forms.ModelChoiceField(
        label="Chất lượng", queryset=QualityLevel.objects.none(), required=False
    )
    reason = forms.CharField(
        label="Lý do trả lại", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, organisation_id: int, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["quality"].queryset = QualityLevel.objects.filter(
            organisation_id=organisation_id, is_active=True
        ).order_by("position")


class ImportForm(forms.Form):
    plan = forms.ModelChoiceField(label="Kế hoạch", queryset=Plan.objects.none())
    file = forms.FileField(
        label="Tệp Excel phụ lục nhiệm vụ (.xlsx)",
        help_text="Các cột: STT, Nội dung nhiệm vụ, Đơn vị chủ trì, Đơn vị phối hợp, "
        "Thời gian hoàn thành, Sản phẩm.",
    )

    def __init__(self, organisation: Organisation, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.filter(organisation=organisation)

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        validate_upload(uploaded, {XLSX}, "bảng tính Excel (.xlsx)")
        return uploaded


class CalendarYearForm(forms.Form):
    extra_days_off = forms.CharField(
        label="Ngày nghỉ hoán đổi",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Ngày làm việc được nghỉ theo thông báo của Chính phủ, mỗi dòng một ngày dd/mm/yyyy.",
    )
    make_up_working_days = forms.CharField(
        label="Ngày làm bù",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Thứ Bảy hoặc Chủ nhật đi làm bù, mỗi dòng một ngày dd/mm/yyyy.",
    )
    source = forms.CharField(label="Căn cứ (số, ngày thông báo)", required=False, max_length=300)


class QualityScaleForm(forms.Form):
    levels = forms.CharField(
        label="Các mức chất lượng, từ cao đến thấp",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Mỗi dòng một mức: tên = điểm trên 100, ví dụ “Tốt = 100”.",
    )

    def clean_levels(self) -> list[tuple[str, int]]:
        levels = []
        for number, line in enumerate(self.cleaned_data["levels"].splitlines(), start=1):
            if not line.strip():
                continue
            name, sep, points = line.partition("=")
            try:
                value = int(points.strip()) if sep else None
            except ValueError:
                value = None
            if value is None:
                raise ValidationError(
                    f"Dòng {number} “{line.strip()}”: ghi dạng “tên = điểm”, ví dụ “Khá = 80”."
                )
            levels.append((name.strip(), value))
        return levels
