"""Turn a Python sort key into a string that sorts the same way in any database.

``thidua.vn.name_sort_key`` gives a nested tuple; lists paginated in SQL need a
column instead. Each element becomes four lowercase hex digits (value + 1), and the
end of every tuple the terminator ``0000``, so a shorter tuple sorts before a
longer one that it prefixes, exactly as Python compares tuples. Only [0-9a-f] is
used because PostgreSQL's locale collations ignore punctuation and spaces.
"""

from __future__ import annotations

from collections.abc import Iterable

_MAX = 0xFFFE


def _encode(value: object, out: list[str]) -> None:
    if isinstance(value, bool | int):
        out.append(f"{min(int(value), _MAX) + 1:04x}")
    elif isinstance(value, str):
        for ch in value:
            out.append(f"{min(ord(ch), _MAX) + 1:04x}")
        out.append("0000")
    elif isinstance(value, Iterable):
        for item in value:
            _encode(item, out)
        out.append("0000")
    else:
        raise TypeError(f"cannot encode {type(value).__name__} in a sort string")


def sort_string(key: object, max_length: int = 400) -> str:
    """The order-preserving string form of ``key`` (truncated to ``max_length``)."""
    parts: list[str] = []
    _encode(key, parts)
    return "".join(parts)[:max_length]
