"""Reading Excel sheets that offices fill in, and reporting row by row what was rejected.

Shared by every import (people, CCHC tasks, …): the header row is found by its
column titles (accents and case ignored, so "Đơn vị chủ trì" and "don vi chu tri"
match), rows keep their real sheet row number so that a rejection points at the
line the user sees in Excel, and every import reports accepted and rejected rows
the same way.
"""

from __future__ import annotations

import datetime
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext

from thidua.vn import search_key


@dataclass
class ImportRow:
    """One row of an import with its outcome; ``obj`` is the record it created or updated."""

    number: int
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)
    obj: Any = None
    created: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ImportReport:
    """The outcome of one import: its rows, or an error about the file as a whole."""

    rows: list[Any] = field(default_factory=list)
    file_error: str | None = None

    @property
    def accepted(self) -> list[Any]:
        return [r for r in self.rows if r.ok]

    @property
    def rejected(self) -> list[Any]:
        return [r for r in self.rows if not r.ok]


@dataclass
class SheetRow:
    """A data row of a sheet: its row number in Excel and its cells by column key."""

    number: int
    values: dict[str, str]


def cell_text(value: object) -> str:
    """A cell as text: dates as dd/mm/yyyy, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def read_sheet(
    uploaded,
    columns: Mapping[str, Sequence[str]],
    required: Sequence[str],
    labels: Mapping[str, str],
    *,
    header_search_rows: int = 15,
) -> tuple[list[SheetRow], str | None]:
    """The data rows of the first sheet, keyed by ``columns`` keys, or a file error.

    ``columns`` maps our key to the accepted header titles, written as
    ``search_key`` gives them ("don vi chu tri"). The header is the first row, among
    the first ``header_search_rows``, holding at least one known title; annexes often
    carry a title and a blank line above it. Rows with no value at all are skipped.
    """
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(uploaded, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return [], gettext(
            "Tệp không phải bảng tính Excel (.xlsx) đọc được. Hãy lưu lại dưới dạng .xlsx."
        )
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header: dict[int, str] = {}
        number = 0
        for raw in rows:
            number += 1
            for index, cell in enumerate(raw):
                key = search_key(cell_text(cell)).rstrip(":").strip()
                for name, titles in columns.items():
                    if key in titles and name not in header.values():
                        header[index] = name
            if header or number >= header_search_rows:
                break
        missing = [k for k in required if k not in header.values()]
        if missing:
            # The column titles stay Vietnamese: they are what the sheet must contain.
            return [], gettext(
                "Thiếu cột: %(columns)s. Hãy dùng tệp mẫu, giữ nguyên dòng tiêu đề."
            ) % {"columns": ", ".join(labels[k] for k in missing)}
        result: list[SheetRow] = []
        for raw in rows:
            number += 1
            values = {key: cell_text(raw[i]) for i, key in header.items() if i < len(raw)}
            if any(values.values()):
                result.append(SheetRow(number=number, values=values))
        return result, None
    finally:
        workbook.close()


def xlsx_response_bytes(workbook) -> bytes:
    """The bytes of an openpyxl workbook, for an HTTP response or a test."""
    import io

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
