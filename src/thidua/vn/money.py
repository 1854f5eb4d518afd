"""Money in Vietnamese documents: amounts in words and number formatting.

Commendation decisions state every bonus twice, in figures and in words ("Mức tiền thưởng:
1.800.000 đồng (Một triệu tám trăm nghìn đồng)"). The words follow the Northern
administrative/accounting style used in state documents:

* "linh" (not "lẻ") for an empty tens place: 105 → "một trăm linh năm";
* "mười" for 10-19, "mươi" for the tens 20-90;
* "mốt" for a units 1 and "tư" for a units 4 after "mươi" (21, 24), but "mười một",
  "mười bốn" (11, 14); "lăm" for a units 5 after any tens (15, 25);
* "nghìn" (not "ngàn"), "triệu", "tỷ"; beyond that the names repeat with "tỷ":
  "nghìn tỷ", "triệu tỷ", "tỷ tỷ";
* inside a number, a non-empty group of three digits is read in full, including an empty
  hundreds place: 1.080.000 → "một triệu không trăm tám mươi nghìn"; a wholly empty group
  is skipped: 2.000.500.000 → "hai tỷ năm trăm nghìn";
* no "chẵn" at the end.

Money is always a whole number of đồng: floats are refused outright (they cannot hold
large amounts exactly) and a Decimal is accepted only when it has no fractional part.
"""

from __future__ import annotations

import operator
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = [
    "amount_in_words",
    "format_decimal",
    "format_money",
    "format_money_vnd",
    "number_in_words",
]

_DIGITS: tuple[str, ...] = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
# Units digits that change their reading after "mươi" (tens 2-9).
_UNITS_AFTER_MUOI: dict[int, str] = {1: "mốt", 4: "tư", 5: "lăm"}
_BILLION = 10**9
_GROUP_NAMES: tuple[str, ...] = ("triệu", "nghìn", "")  # the three groups below a tỷ


def _as_whole_number(value: object) -> int:
    """Return ``value`` as an int, refusing anything that is not a whole number of đồng."""
    # bool is an int subclass; True đồng is almost certainly a bug in the caller.
    if isinstance(value, bool):
        raise TypeError("Số tiền phải là số nguyên, không phải giá trị đúng/sai")
    if isinstance(value, Decimal):
        if not value.is_finite() or value != value.to_integral_value():
            raise ValueError(f"Số tiền phải là số nguyên đồng: {value}")
        return int(value)
    try:
        # operator.index accepts int and int-like types (e.g. numpy integers) but not float.
        return operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(f"Số tiền phải là số nguyên, nhận được {type(value).__name__}") from None


def _group_words(value: int, full: bool) -> list[str]:
    """Read a group of three digits (1..999).

    ``full`` is true for a group that is not the leading one of the number: it is then read
    with its hundreds place even when that is zero ("không trăm").
    """
    hundreds, rest = divmod(value, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if full or hundreds:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:  # only after "trăm": a bare 5 is "năm", not "linh năm"
                words.append("linh")
            words.append(_DIGITS[units])
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else _DIGITS[units])
    else:
        words += [_DIGITS[tens], "mươi"]
        if units:
            words.append(_UNITS_AFTER_MUOI.get(units, _DIGITS[units]))
    return words


def _below_billion_words(value: int, full: bool) -> list[str]:
    """Read 1..999 999 999 as up to three groups: triệu, nghìn and units."""
    groups = (value // 1_000_000, value // 1_000 % 1_000, value % 1_000)
    words: list[str] = []
    for group, name in zip(groups, _GROUP_NAMES, strict=True):
        if group == 0:
            continue  # a wholly empty group is not read at all
        words += _group_words(group, full)
        if name:
            words.append(name)
        full = True  # every group after the first non-empty one is read in full
    return words


def _words(value: int, full: bool) -> list[str]:
    """Read a positive number; amounts of a tỷ and more recurse on the count of tỷ."""
    if value >= _BILLION:
        billions, rest = divmod(value, _BILLION)
        # Recursing gives "nghìn tỷ", "triệu tỷ", "tỷ tỷ" without a table of names.
        words = [*_words(billions, full), "tỷ"]
        if rest:
            words += _below_billion_words(rest, full=True)
        return words
    return _below_billion_words(value, full)


def number_in_words(n: int) -> str:
    """Return a non-negative whole number in Vietnamese words, lower-case.

    >>> number_in_words(1_080_000)
    'một triệu không trăm tám mươi nghìn'
    >>> number_in_words(0)
    'không'
    """
    value = _as_whole_number(n)
    if value < 0:
        raise ValueError(f"Không đọc được số âm: {value}")
    if value == 0:
        return _DIGITS[0]
    return " ".join(_words(value, full=False))


def amount_in_words(n: int) -> str:
    """Return an amount of money in words, capitalised, ending with "đồng".

    >>> amount_in_words(1_800_000)
    'Một triệu tám trăm nghìn đồng'
    >>> amount_in_words(105)
    'Một trăm linh năm đồng'
    """
    words = number_in_words(n)
    return f"{words[0].upper()}{words[1:]} đồng"


def _group_thousands(digits: str) -> str:
    """Insert a dot every three digits from the right: Vietnamese thousands separator."""
    # Python's "," grouping is locale-independent; swap it for the Vietnamese dot.
    return f"{int(digits):,}".replace(",", ".")


def format_money(n: int) -> str:
    """Format a whole amount with dots between thousands.

    >>> format_money(1_800_000)
    '1.800.000'
    >>> format_money(-1_800_000)
    '-1.800.000'
    """
    value = _as_whole_number(n)
    sign = "-" if value < 0 else ""
    return sign + _group_thousands(str(abs(value)))


def format_money_vnd(n: int) -> str:
    """Format a whole amount followed by the đồng sign "đ".

    >>> format_money_vnd(1_800_000)
    '1.800.000 đ'
    """
    return f"{format_money(n)} đ"


def format_decimal(x: int | float | Decimal, places: int = 2) -> str:
    """Format a number with ``places`` decimals: dot for thousands, comma for decimals.

    Rounding is half-up (the way people round by hand), applied to the decimal value the
    float prints as, so ``format_decimal(2.675, 2)`` gives "2,68" and not "2,67".

    >>> format_decimal(0.15, 2)
    '0,15'
    >>> format_decimal(1234567.891, 2)
    '1.234.567,89'
    """
    if isinstance(x, bool) or not isinstance(x, int | float | Decimal):
        raise TypeError(f"Cần một số, nhận được {type(x).__name__}")
    if isinstance(places, bool) or not isinstance(places, int) or places < 0:
        raise ValueError(f"Số chữ số thập phân phải là số nguyên không âm: {places!r}")
    # str() of a float is its shortest round-tripping form, which is what the user meant.
    value = x if isinstance(x, Decimal) else Decimal(str(x))
    if not value.is_finite():
        raise ValueError(f"Không định dạng được giá trị {x!r}")
    try:
        rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise ValueError(f"Giá trị quá lớn để định dạng: {x!r}") from None
    # Decimal formatting with "f" never uses exponent notation.
    text = f"{abs(rounded):f}"
    whole, _, fraction = text.partition(".")
    # No "-0,00": a value that rounds to zero has no sign.
    sign = "-" if rounded < 0 else ""
    result = sign + _group_thousands(whole)
    return f"{result},{fraction}" if places else result
