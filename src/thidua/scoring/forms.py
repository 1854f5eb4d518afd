"""The Office's rubric form: one weight and one cap per registered component."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from .registry import Component

NUMBER_ERRORS = {"invalid": "Hãy nhập một số, ví dụ 40 hoặc -2,5."}


class RubricForm(forms.Form):
    priority_first = forms.BooleanField(
        label="Ưu tiên của kế hoạch xếp trước điểm số",
        required=False,
        help_text="Kế hoạch 20/KH-UBND: ưu tiên cán bộ, công chức trực tiếp thực hiện nhiệm vụ CCHC.",
    )

    def __init__(self, components: list[Component], *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.components = components
        for c in components:
            self.fields[f"weight_{c.key}"] = forms.DecimalField(
                label=f"{c.label} — hệ số",
                max_digits=7,
                decimal_places=2,
                required=False,
                localize=True,
                error_messages=NUMBER_ERRORS,
                help_text=(
                    "Điểm tối đa khi đạt 100%."
                    if c.mode == "ratio"
                    else "Điểm cho mỗi lần (âm là điểm trừ)."
                ),
            )
            self.fields[f"cap_{c.key}"] = forms.DecimalField(
                label=f"{c.label} — mức trần",
                max_digits=7,
                decimal_places=2,
                required=False,
                localize=True,
                min_value=Decimal("0"),
                error_messages={**NUMBER_ERRORS, "min_value": "Mức trần không âm."},
            )

    def rows(self):
        for c in self.components:
            yield c, self[f"weight_{c.key}"], self[f"cap_{c.key}"]

    def weights(self) -> dict[str, tuple[Decimal, Decimal | None]]:
        return {
            c.key: (
                self.cleaned_data.get(f"weight_{c.key}") or Decimal("0"),
                self.cleaned_data.get(f"cap_{c.key}"),
            )
            for c in self.components
        }
