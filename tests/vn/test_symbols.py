"""Document numbers and symbols of Nghị định 30/2020 (thidua.vn.symbols)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.vn import (
    OFFICIAL_LETTER,
    TYPE_ABBREVIATIONS,
    DocumentSymbol,
    build_symbol,
    document_type_name,
    find_symbols,
    parse_symbol,
)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


APPENDIX_III = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTr": "Tờ trình",
    "HĐ": "Hợp đồng",
    "CĐ": "Công điện",
    "BGN": "Bản ghi nhớ",
    "BTT": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
    "GNP": "Giấy nghỉ phép",
    "PG": "Phiếu gửi",
    "PC": "Phiếu chuyển",
    "PB": "Phiếu báo",
}


def test_type_abbreviations_are_exactly_those_of_appendix_iii() -> None:
    assert TYPE_ABBREVIATIONS == APPENDIX_III
    assert all(unicodedata.is_normalized("NFC", key) for key in TYPE_ABBREVIATIONS)


def test_cong_van_is_the_type_without_an_abbreviation() -> None:
    assert OFFICIAL_LETTER == "Công văn"
    assert OFFICIAL_LETTER not in TYPE_ABBREVIATIONS.values()
    assert document_type_name(None) == "Công văn"
    assert document_type_name("KH") == "Kế hoạch"
    assert document_type_name("NĐ") == "Nghị định"
    with pytest.raises(ValueError):
        document_type_name("XYZ")


@pytest.mark.parametrize(
    ("args", "kwargs", "symbol"),
    [
        ((20, "KH", "UBND"), {}, "20/KH-UBND"),
        ((5, "QĐ", "UBND"), {}, "05/QĐ-UBND"),
        ((3, "BB", "HĐTĐKT"), {}, "03/BB-HĐTĐKT"),
        ((10, "TTr", "SNV"), {}, "10/TTr-SNV"),
        ((6, None, "QH15", 2022), {}, "06/2022/QH15"),
        ((91, "NĐ", "CP", 2017), {}, "91/2017/NĐ-CP"),
        ((4, "TTLT", "BNV-BTC", 2021), {}, "04/2021/TTLT-BNV-BTC"),
        ((1234, None, "UBND"), {"extra": "VP"}, "1234/UBND-VP"),
        ((1234, None, "UBND"), {}, "1234/UBND"),
    ],
)
def test_build_symbol_writes_the_decree_30_form(
    args: tuple[object, ...], kwargs: dict[str, object], symbol: str
) -> None:
    assert build_symbol(*args, **kwargs) == symbol  # type: ignore[arg-type]


def test_build_symbol_accepts_nfd_abbreviations_and_writes_nfc() -> None:
    assert build_symbol(5, nfd("QĐ"), nfd("UBND")) == "05/QĐ-UBND"


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        ((0, "KH", "UBND"), {}),  # numbers start at 1
        ((-3, "KH", "UBND"), {}),
        ((True, "KH", "UBND"), {}),
        ((5, "XX", "UBND"), {}),  # unknown type
        ((5, "KH", ""), {}),  # no issuer
        ((5, "KH", "UBND"), {"extra": "VP"}),  # typed documents have no drafting unit
        ((5, None, "KH"), {}),  # would read back as a typed document without issuer
        ((5, None, "UBND-VP"), {}),  # the drafting unit belongs in extra
        ((5, "NĐ", "CP", 17), {}),  # years have four digits
        ((5, "KH", "ubnd"), {}),  # abbreviations are capitals
    ],
)
def test_build_symbol_refuses_ambiguous_or_invalid_parts(
    args: tuple[object, ...], kwargs: dict[str, object]
) -> None:
    with pytest.raises(ValueError):
        build_symbol(*args, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20/KH-UBND", DocumentSymbol(20, "KH", "UBND")),
        ("05/QĐ-UBND", DocumentSymbol(5, "QĐ", "UBND")),
        ("03/BB-HĐTĐKT", DocumentSymbol(3, "BB", "HĐTĐKT")),
        ("91/2017/NĐ-CP", DocumentSymbol(91, "NĐ", "CP", 2017)),
        ("06/2022/QH15", DocumentSymbol(6, None, "QH15", 2022)),
        ("1234/UBND-VP", DocumentSymbol(1234, None, "UBND", extra="VP")),
        ("456/SNV-TĐKT", DocumentSymbol(456, None, "SNV", extra="TĐKT")),
        ("12/QyĐ-UBND", DocumentSymbol(12, "QyĐ", "UBND")),
        ("17/CT-TTg", DocumentSymbol(17, "CT", "TTg")),
        ("04/2021/TTLT-BNV-BTC", DocumentSymbol(4, "TTLT", "BNV-BTC", 2021)),
        ("Số: 17/KH-UBND", DocumentSymbol(17, "KH", "UBND")),
        ("Số 17/KH-UBND", DocumentSymbol(17, "KH", "UBND")),
        ("  số:17/KH-UBND  ", DocumentSymbol(17, "KH", "UBND")),
        ("17 / KH – UBND", DocumentSymbol(17, "KH", "UBND")),
        ("5/QĐ-UBND", DocumentSymbol(5, "QĐ", "UBND")),
    ],
)
def test_parse_symbol_reads_every_decree_30_form(text: str, expected: DocumentSymbol) -> None:
    assert parse_symbol(text) == expected
    assert parse_symbol(nfd(text)) == expected


def test_parse_symbol_result_knows_its_type_name_and_writes_itself_back() -> None:
    plan = parse_symbol("Số: 5/KH-UBND")
    assert plan.type_name == "Kế hoạch"
    assert str(plan) == "05/KH-UBND"
    assert parse_symbol("1234/UBND-VP").type_name == "Công văn"
    assert parse_symbol("06/2022/QH15").type_name is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Số:",
        "KH-UBND",
        "20/",
        "20/KH",
        "0/KH-UBND",
        "20/KH-",
        "20/kh-ubnd",
        "20-KH-UBND",
        "20/02/2023",
        "3/Tổng",
        "abc/KH-UBND",
        "20/KH-UBND/thêm",
        "20/23/NĐ-CP",
    ],
)
def test_parse_symbol_refuses_garbage_with_a_vietnamese_message(text: str) -> None:
    with pytest.raises(ValueError, match="Số, ký hiệu không hợp lệ"):
        parse_symbol(text)


def test_find_symbols_finds_symbols_in_running_text() -> None:
    text = (
        "Thực hiện kế hoạch số 60/KH-UBND ngày 20/02/2023 của UBND quận; căn cứ Luật Thi đua, "
        "khen thưởng số 06/2022/QH15 và Nghị định số 98/2023/NĐ-CP; Công văn 1234/UBND-VP."
    )
    assert find_symbols(text) == ["60/KH-UBND", "06/2022/QH15", "98/2023/NĐ-CP", "1234/UBND-VP"]


def test_find_symbols_ignores_dates_fractions_and_ordinary_words() -> None:
    assert find_symbols("Ngày 20/02/2023, đạt 3/4 chỉ tiêu, tỷ lệ 1/Tổng số, 24/7.") == []


def test_find_symbols_does_not_start_a_symbol_inside_a_word_or_number() -> None:
    assert find_symbols("mã HS12/KH-UBND, đường dẫn 1/20/KH-UBND, số 1.234/UBND-VP") == []


def test_find_symbols_trims_a_hyphenated_word_glued_to_a_symbol() -> None:
    assert find_symbols("theo 12/KH-UBND-Về việc khen thưởng") == ["12/KH-UBND"]


def test_find_symbols_returns_nfc_text_for_nfd_input() -> None:
    assert find_symbols(nfd("Quyết định số 05/QĐ-UBND")) == ["05/QĐ-UBND"]


# --- Round trips --------------------------------------------------------------------------

issuers = st.sampled_from(
    ["UBND", "HĐND", "SNV", "HĐTĐKT", "BTĐKT", "CP", "TTg", "QH15", "BNV-BTC"]
)
typed_symbols = st.builds(
    DocumentSymbol,
    number=st.integers(1, 99_999),
    type_abbr=st.sampled_from(sorted(TYPE_ABBREVIATIONS) + ["NĐ", "TT", "TTLT"]),
    issuer_abbr=issuers,
    year=st.none() | st.integers(1000, 9999),
)
untyped_symbols = st.builds(
    DocumentSymbol,
    number=st.integers(1, 99_999),
    type_abbr=st.none(),
    issuer_abbr=st.sampled_from(["UBND", "SNV", "VPCP", "QH14", "UBTVQH15"]),
    year=st.none() | st.integers(1000, 9999),
    extra=st.none() | st.sampled_from(["VP", "TĐKT", "NV-TĐKT", "KGVX"]),
)


@given(typed_symbols | untyped_symbols)
def test_build_then_parse_gives_back_the_same_symbol(symbol: DocumentSymbol) -> None:
    text = build_symbol(
        symbol.number, symbol.type_abbr, symbol.issuer_abbr, symbol.year, extra=symbol.extra
    )
    assert text == str(symbol)
    assert parse_symbol(text) == symbol
    assert parse_symbol(f"Số: {nfd(text)}") == symbol
    assert build_symbol(*_fields(parse_symbol(text)), extra=symbol.extra) == text


def _fields(symbol: DocumentSymbol) -> tuple[int, str | None, str, int | None]:
    return (symbol.number, symbol.type_abbr, symbol.issuer_abbr, symbol.year)


@given(typed_symbols | untyped_symbols, st.text(alphabet="abc ,.;ệđ", max_size=20))
def test_find_symbols_finds_a_symbol_surrounded_by_text(symbol: DocumentSymbol, noise: str) -> None:
    text = f"{noise} số {symbol}, {noise}"
    assert find_symbols(text) == [str(symbol)]
