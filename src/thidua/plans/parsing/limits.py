"""Bounds that keep every input — however large or hostile — under the time budget."""

from __future__ import annotations

import time

from thidua.plans.parsing.errors import ParseError

__all__ = [
    "MAX_BLOCK_CHARS",
    "MAX_INPUT_BYTES",
    "MAX_LINES",
    "MAX_LINE_CHARS",
    "MAX_TEXT_CHARS",
    "TIME_BUDGET_SECONDS",
    "Deadline",
]

#: Larger files are refused before any work: a plan, even with its annexes and a few
#: images, is far smaller, and refusing costs nothing.
MAX_INPUT_BYTES = 25 * 1024 * 1024
#: Extracted text beyond this is not analysed (a warning says so).
MAX_TEXT_CHARS = 2_000_000
#: Lines beyond this are not analysed: a 10,000-line plan still fits.
MAX_LINES = 20_000
#: A single line is cut here; real lines are a few hundred characters.
MAX_LINE_CHARS = 10_000
#: Continuation lines stop being joined into one paragraph past this size, which bounds
#: the text every pattern runs over.
MAX_BLOCK_CHARS = 20_000
#: The whole parse must end well inside the 5 s promised to callers.
TIME_BUDGET_SECONDS = 4.0


class Deadline:
    """A point in time after which the parse gives up with a clear message."""

    def __init__(self, seconds: float = TIME_BUDGET_SECONDS) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def expired(self) -> bool:
        """True once the budget is spent."""
        return time.monotonic() > self.end

    def check(self) -> None:
        """Raise :class:`ParseError` once the budget is spent."""
        if self.expired():
            raise ParseError(
                "timeout",
                f"Quá thời gian xử lý ({self.seconds:g} giây): tệp quá phức tạp để đọc tự động.",
            )
