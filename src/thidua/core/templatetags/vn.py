"""Template filters that show dates, money and names the Vietnamese way."""

from __future__ import annotations

import datetime

from django import template

from thidua import vn

register = template.Library()


@register.filter
def vn_date(value: datetime.date | datetime.datetime | None) -> str:
    """28/02/2023"""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%d/%m/%Y %H:%M")
    return vn.format_date(value)


@register.filter
def vn_money(value: int | None) -> str:
    """1.800.000 đ"""
    if value is None or value == "":
        return ""
    return vn.format_money_vnd(int(value))


@register.filter
def vn_number(value: int | None) -> str:
    if value is None or value == "":
        return ""
    return vn.format_money(int(value))
