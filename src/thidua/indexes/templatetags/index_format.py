"""Numbers of the index pages written the Vietnamese way: 12,5 điểm; 82,3%."""

from __future__ import annotations

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def pts(value: Decimal | float | int | None) -> str:
    """Points without useless zeros: 12 → "12", 2.50 → "2,5"; empty for None."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value)).quantize(Decimal("0.01"))
    text = f"{number:f}".rstrip("0").rstrip(".") if "." in f"{number:f}" else f"{number:f}"
    return text.replace(".", ",")


@register.filter
def pct(value: float | Decimal | None, digits: int = 1) -> str:
    """82.284 → "82,3"; empty for None."""
    if value is None or value == "":
        return ""
    return f"{float(value):.{int(digits)}f}".replace(".", ",")


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def sub_points(value: Decimal | None, other: Decimal | None) -> str:
    """The signed difference of two point values: "−1,5", "+0,5", "0"."""
    if value is None or other is None:
        return ""
    difference = Decimal(str(value)) - Decimal(str(other))
    if difference == 0:
        return "0"
    sign = "+" if difference > 0 else "−"
    return sign + pts(abs(difference))
