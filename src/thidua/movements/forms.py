"""Forms of the movement pages: the plan upload and the review of what was read."""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.uploads import sniff
from thidua.vn import parse_symbol

StrOrPromise = str | Promise


class PlanUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp kế hoạch (.docx, .txt hoặc PDF có lớp chữ)"),
        help_text=_(
            "Hệ thống đọc số, ngày, đối tượng, hình thức, tiêu chuẩn, số lượng và hồ sơ; "
            "bạn kiểm tra lại trước khi lưu."
        ),
    )

    def clean_file(self):
        # The parser tells every format apart by content and explains what it cannot
        # read; here only what must never be stored is refused.
        uploaded = self.cleaned_data["file"]
        limit = settings.THIDUA_MAX_UPLOAD_BYTES
        if uploaded.size == 0:
            raise forms.ValidationError(gettext("Tệp rỗng. Hãy chọn lại tệp."))
        if uploaded.size > limit:
            raise forms.ValidationError(
                gettext("Tệp quá lớn (%(size)s MB); giới hạn là %(limit)s MB.")
                % {"size": f"{uploaded.size / 1048576:.1f}", "limit": limit // 1048576}
            )
        uploaded.seek(0)
        head = uploaded.read(16)
        uploaded.seek(0)
        if sniff(head) == "executable":
            raise forms.ValidationError(
                gettext("Tệp là chương trình chạy được, không phải văn bản.")
            )
        return uploaded


def _text(label: StrOrPromise, required: bool = False, rows: int = 2) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows})
    )


def _number(label: StrOrPromise) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=0, max_value=10000)


class PlanReviewForm(forms.Form):
    """Every field the parser read, editable; what is confirmed here is what is saved."""

    number = forms.CharField(label=_("Số, ký hiệu"), max_length=60)
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=200)
    date = forms.DateField(
        label=_("Ngày ban hành (ngày/tháng/năm)"), input_formats=["%d/%m/%Y", "%Y-%m-%d"]
    )
    title = _text(_("Trích yếu"), required=True)
    year = forms.IntegerField(
        label=_("Năm thực hiện"), required=False, min_value=2000, max_value=2100
    )
    signer_name = forms.CharField(label=_("Người ký"), max_length=120, required=False)
    movement_title = forms.CharField(label=_("Tên phong trào"), max_length=500)
    target_collective = _text(_("Đối tượng thi đua: tập thể"))
    target_individual = _text(_("Đối tượng thi đua: cá nhân"))
    criterion_collective = _text(_("Tiêu chuẩn: tập thể"), rows=3)
    criterion_individual = _text(_("Tiêu chuẩn: cá nhân"), rows=3)
    award_forms = _text(_("Hình thức khen thưởng (mỗi dòng: hình thức | cấp khen)"), rows=2)
    quota_collective_min = _number(_("Tập thể: tối thiểu"))
    quota_collective_max = _number(_("Tập thể: tối đa"))
    quota_collective_percent = _number(_("Tập thể: tối đa (%)"))
    quota_individual_min = _number(_("Cá nhân: tối thiểu"))
    quota_individual_max = _number(_("Cá nhân: tối đa"))
    quota_individual_percent = _number(_("Cá nhân: tối đa (%)"))
    dossier = _text(_("Hồ sơ đề nghị khen thưởng (mỗi dòng một thành phần)"), rows=4)
    dossier_destination = forms.CharField(label=_("Nơi nhận hồ sơ"), max_length=300, required=False)

    def clean_number(self) -> str:
        number = " ".join(self.cleaned_data["number"].split())
        try:
            parse_symbol(number)
        except ValueError as exc:
            raise forms.ValidationError(
                gettext("%(error)s. Ghi theo dạng số/ký hiệu, ví dụ 20/KH-UBND.") % {"error": exc}
            ) from exc
        return number

    def clean_date(self) -> datetime.date:
        date = self.cleaned_data["date"]
        if date > datetime.date.today():
            raise forms.ValidationError(gettext("Ngày ban hành ở tương lai: hãy kiểm tra lại."))
        return date

    def clean_award_forms(self) -> str:
        text = self.cleaned_data["award_forms"]
        for line in text.splitlines():
            if line.strip() and "|" not in line:
                raise forms.ValidationError(
                    gettext(
                        "Dòng “%(line)s” thiếu cấp khen: ghi “Giấy khen | Chủ tịch UBND phường”."
                    )
                    % {"line": line.strip()}
                )
        return text

    def clean(self):
        data = super().clean()
        for target, label in (
            ("collective", gettext("tập thể")),
            ("individual", gettext("cá nhân")),
        ):
            low, high = data.get(f"quota_{target}_min"), data.get(f"quota_{target}_max")
            if low is not None and high is not None and low > high:
                self.add_error(
                    f"quota_{target}_min",
                    gettext(
                        "Số %(target)s tối thiểu (%(low)s) lớn hơn tối đa (%(high)s): hãy sửa lại."
                    )
                    % {"target": label, "low": low, "high": high},
                )
            pct = data.get(f"quota_{target}_percent")
            if pct is not None and pct > 100:
                self.add_error(f"quota_{target}_percent", gettext("Tỷ lệ không quá 100%."))
        return data


def movement_title_from(plan_title: str) -> str:
    """ "Tổ chức phong trào thi đua …" → "Phong trào thi đua …"."""
    title = plan_title.strip()
    lowered = title.lower()
    for opener in ("tổ chức ", "phát động ", "triển khai "):
        if lowered.startswith(opener) and "phong trào" in lowered[:40]:
            title = title[len(opener) :]
            break
    return title[:1].upper() + title[1:]


def initial_from_result(result: dict) -> dict:
    """The review form's initial values from the parser's JSON."""
    quotas = {q["target"]: q for q in result.get("quotas", [])}
    date = result.get("date")
    initial = {
        "number": result.get("number") or "",
        "issuer": result.get("issuer") or "",
        "date": datetime.date.fromisoformat(date).strftime("%d/%m/%Y") if date else "",
        "title": result.get("title") or "",
        "year": result.get("year"),
        "signer_name": (result.get("signer") or {}).get("name") or "",
        "movement_title": movement_title_from(result.get("title") or ""),
        "award_forms": "\n".join(
            f"{a['form']} | {a.get('by') or ''}" for a in result.get("award_forms", [])
        ),
        "dossier": "\n".join(result.get("dossier", [])),
        "dossier_destination": result.get("dossier_destination") or "",
    }
    for target in ("collective", "individual"):
        initial[f"target_{target}"] = (result.get("target_groups") or {}).get(target) or ""
        initial[f"criterion_{target}"] = (result.get("criteria") or {}).get(target) or ""
        quota = quotas.get(target, {})
        initial[f"quota_{target}_min"] = quota.get("min")
        initial[f"quota_{target}_max"] = quota.get("max")
        initial[f"quota_{target}_percent"] = quota.get("percent_max")
    return initial
