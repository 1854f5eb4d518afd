"""Vietnamese-language helpers for administrative documents, standard library only.

This package has no Django dependency so that management commands, import scripts and
templates filters can all share one implementation of the Vietnamese conventions:

* :mod:`thidua.vn.dates` — "Mộ Lao, ngày 28 tháng 02 năm 2023" and dd/mm/yyyy dates;
* :mod:`thidua.vn.money` — "1.800.000 đ" and "Một triệu tám trăm nghìn đồng";
* :mod:`thidua.vn.names` — sorting people by given name in Vietnamese dictionary order;
* :mod:`thidua.vn.text` — Unicode normalisation, accent removal, search keys;
* :mod:`thidua.vn.symbols` — document numbers and symbols ("20/KH-UBND").
"""

from __future__ import annotations

from thidua.vn.dates import date_line, format_date, parse_date, parse_date_line
from thidua.vn.money import (
    amount_in_words,
    format_decimal,
    format_money,
    format_money_vnd,
    number_in_words,
)
from thidua.vn.names import name_sort_key, normalize_name, split_name, word_sort_key
from thidua.vn.symbols import (
    NORMATIVE_TYPE_ABBREVIATIONS,
    OFFICIAL_LETTER,
    TYPE_ABBREVIATIONS,
    DocumentSymbol,
    build_symbol,
    document_type_name,
    find_symbols,
    parse_symbol,
)
from thidua.vn.text import normalize_text, search_key, unaccent

__all__ = [
    "NORMATIVE_TYPE_ABBREVIATIONS",
    "OFFICIAL_LETTER",
    "TYPE_ABBREVIATIONS",
    "DocumentSymbol",
    "amount_in_words",
    "build_symbol",
    "date_line",
    "document_type_name",
    "find_symbols",
    "format_date",
    "format_decimal",
    "format_money",
    "format_money_vnd",
    "name_sort_key",
    "normalize_name",
    "normalize_text",
    "number_in_words",
    "parse_date",
    "parse_date_line",
    "parse_symbol",
    "search_key",
    "split_name",
    "unaccent",
    "word_sort_key",
]
