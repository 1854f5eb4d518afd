"""Forms of the register pages; they call services, which hold the rules."""

from __future__ import annotations

from django import forms

from thidua.vn import TYPE_ABBREVIATIONS

from .catalog import SPECS

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
    file = forms.FileField(label="Tệp Word (.docx) đã sửa")


class CancelForm(forms.Form):
    reason = forms.CharField(label="Lý do hủy", max_length=500)


class BlankSettingsForm(forms.Form):
    blank_offset_top_mm = forms.IntegerField(
        label="Dịch xuống (mm)", min_value=-30, max_value=30, initial=0
    )
    blank_offset_left_mm = forms.IntegerField(
        label="Dịch sang phải (mm)", min_value=-30, max_value=30, initial=0
    )
