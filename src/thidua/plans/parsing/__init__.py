"""Parser for Vietnamese administrative plans and the header of any administrative document.

Pure Python (no Django): reads .docx, PDF with a text layer, and text in UTF-8, UTF-16 and
the legacy TCVN3/VNI encodings, and returns a JSON-ready dictionary — see
:mod:`thidua.plans.parsing.result` for its keys. Public API:

* :func:`parse_plan_bytes` — the bytes of an uploaded file (format told by content);
* :func:`parse_plan_file` — a path;
* :func:`parse_plan_text` — text already decoded;
* :class:`ParseError` — the only exception that escapes: nothing readable in the input;
* :func:`thidua.plans.parsing.cli.main` — ``thidua parse-plan FILE``.
"""

from __future__ import annotations

from thidua.plans.parsing.core import parse_plan_bytes, parse_plan_file, parse_plan_text
from thidua.plans.parsing.errors import ParseError

__all__ = ["ParseError", "parse_plan_bytes", "parse_plan_file", "parse_plan_text"]
