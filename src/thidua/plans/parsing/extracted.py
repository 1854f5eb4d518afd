"""What the readers of every format hand to the analysis: the text and how it was read."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["MB", "SUPPORTED_HINT", "Extracted"]

MB = 1024 * 1024
#: Said after every refusal of a format, so the person knows what will work.
SUPPORTED_HINT = "Hãy dùng tệp .docx, .txt hoặc PDF có lớp chữ."


@dataclass
class Extracted:
    """Plain text pulled from a file, with how it was read."""

    text: str
    format: str
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
