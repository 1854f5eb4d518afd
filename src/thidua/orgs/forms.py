"""Forms of the organisations pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.uploads import XLSX, validate_upload


class PeopleImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel danh sách cán bộ (.xlsx)"),
        help_text=_(
            "Các cột: Họ và tên, Giới tính, Năm sinh, Chức vụ, Đơn vị, Trực tiếp thực hiện CCHC."
        ),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        validate_upload(uploaded, {XLSX}, gettext("bảng tính Excel (.xlsx)"))
        return uploaded
