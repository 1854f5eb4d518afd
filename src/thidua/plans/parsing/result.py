"""The shape of a parse result: a JSON-ready dictionary, described here as TypedDicts.

Contract (what ``thidua parse-plan FILE`` prints and :func:`parse_plan_bytes` returns):
the keys of :class:`PlanResult`, in this order. Absent values are ``null``, never guessed;
lists are empty when the text has none. Items of ``references``, ``award_forms``,
``quotas`` and ``signer`` have exactly the keys shown; what more the parser knows about
them (document kind, whether an award is only proposed, the quoted text, purposes of
recipients, the signing authority) is under ``details``, index for index.

``sources`` maps each extracted field to ``[first_line, last_line]`` (1-based, inclusive,
lines of the extracted text); list fields also have one entry per item, keyed
``"field[i]"``, and the two targets of ``target_groups`` and ``criteria`` are keyed
``"target_groups.collective"`` and so on.
"""

from __future__ import annotations

from typing import Any, TypedDict

__all__ = [
    "AwardFormDict",
    "InputDict",
    "PlanResult",
    "QuotaDict",
    "ReferenceDict",
    "SectionDict",
    "SignerDict",
    "TargetsDict",
    "TimelineDict",
]


class ReferenceDict(TypedDict):
    """A legal basis or carried-out document."""

    number: str | None  # "60/KH-UBND", "06/2022/QH15"
    date: str | None  # ISO "2023-02-20"
    issuer: str | None  # "UBND quận Hà Đông"


class AwardFormDict(TypedDict):
    """An award form and who gives it."""

    form: str  # "Giấy khen", "Bằng khen", "Lao động tiên tiến", …
    by: str | None  # "Chủ tịch UBND phường"


class QuotaDict(TypedDict):
    """How many of a target group may be awarded."""

    target: str  # "collective" | "individual"
    min: int | None
    max: int | None
    percent_max: float | int | None


class TargetsDict(TypedDict):
    """Text for the collective and for the individual, as written."""

    collective: str | None
    individual: str | None


class SignerDict(TypedDict):
    """Who signs, and in what capacity."""

    name: str | None
    title: str | None
    mode: str | None  # "TM.", "KT.", "Q.", "TL.", "TUQ."


class SectionDict(TypedDict):
    """A labelled (or plain) paragraph and those under it."""

    label: str | None  # "I.", "1.", "1.1.", "a)", "-", "+", "•"; None for a plain paragraph
    title: str
    children: list[SectionDict]


class TimelineDict(TypedDict):
    """A dated step of the movement."""

    # registration, launch, midterm_review, final_review, dossier_deadline, period_start,
    # period_end
    event: str
    date: str  # "2024-03-15", or "2024-06" when only the month is given
    text: str


class InputDict(TypedDict):
    """How the input was read."""

    format: str  # "txt", "docx", "pdf", "html"
    encoding: str | None  # "utf-8", "utf-16", "tcvn3", "vni", "cp1258", … (text input)
    lines: int  # lines of extracted text
    truncated: bool  # True when only the beginning was analysed


class PlanResult(TypedDict):
    """The whole result; see the module doc for the contract."""

    number: str | None
    doc_type: str | None
    issuer: str | None
    place: str | None
    date: str | None
    title: str | None
    year: int | None
    references: list[ReferenceDict]
    award_forms: list[AwardFormDict]
    quotas: list[QuotaDict]
    target_groups: TargetsDict
    criteria: TargetsDict
    dossier: list[str]
    dossier_destination: str | None
    dossier_deadline: str | None
    timeline: list[TimelineDict]
    recipients: list[str]
    signer: SignerDict
    sections: list[SectionDict]
    warnings: list[str]
    sources: dict[str, list[int]]
    type_name: str | None  # the type name as printed: "KẾ HOẠCH"
    governing_body: str | None  # "UBND tỉnh Phú Thọ" above "Sở Thông tin và Truyền thông"
    is_emulation_plan: bool
    closing: str | None  # "Trên đây là kế hoạch …" as written
    details: dict[str, Any]
    input: InputDict
