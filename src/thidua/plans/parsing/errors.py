"""The one exception type the parser lets escape."""

from __future__ import annotations

__all__ = ["ParseError"]


class ParseError(Exception):
    """The input cannot be read as a document.

    ``code`` is a stable machine-readable reason (``empty``, ``binary``, ``too_large``,
    ``unsupported_format``, ``corrupt``, ``zip_bomb``, ``no_text_layer``, ``encrypted``,
    ``timeout``, ``not_found``, ``internal``); ``message`` is one line of Vietnamese for
    the person who supplied the file, saying what is wrong and what to do.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"{self.message} [{self.code}]"
