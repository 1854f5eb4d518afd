"""Official documents are Vietnamese, whatever language the user reads the UI in.

A document's context is built from model choices (gender, role, method) whose labels
follow the active language; a user who switched the UI to English must still produce
a Vietnamese Tờ trình. Service functions that build or render documents are wrapped
in :func:`in_vietnamese`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.utils import translation

P = ParamSpec("P")
R = TypeVar("R")


def in_vietnamese(function: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with translation.override("vi"):
            return function(*args, **kwargs)

    return wrapper
