"""Legacy Vietnamese encodings (TCVN3/ABC and VNI) convert to Unicode, and are recognised."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.vn.legacy import (
    decode_legacy_bytes,
    decode_tcvn3,
    decode_vni,
    detect_legacy,
    encode_tcvn3,
    encode_vni,
    fix_legacy_text,
    is_legacy_font,
    tcvn3_to_unicode,
    vietnamese_score,
    vni_to_unicode,
)

SENTENCE = "Tổ chức phong trào thi đua đẩy mạnh cải cách hành chính năm 2023 của phường Mộ Lao"
LOWER_LETTERS = "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ"


def test_tcvn3_bytes_of_known_words_decode_to_unicode() -> None:
    assert decode_tcvn3("Céng hoµ x· héi chñ nghÜa ViÖt Nam".encode("cp1252")) == (
        "Cộng hoà xã hội chủ nghĩa Việt Nam"
    )
    assert decode_tcvn3("Nguy\xd4n Th\xde Thanh".encode("latin-1")) == "Nguyễn Thị Thanh"


def test_tcvn3_capital_base_letters_have_their_own_codes() -> None:
    assert decode_tcvn3(b"\xa1\xa2\xa3\xa4\xa5\xa6\xa7") == "ĂÂÊÔƠƯĐ"


def test_tcvn3_toned_capitals_of_the_full_table_decode_too() -> None:
    # TCVN 5712 (VN1) codes for toned capitals: 0xC0 Ắ, 0xC4 Ấ, 0xFF Ố, 0x01 Ú.
    assert decode_tcvn3(b"\xc0\xc4\xff\x01", caps="keep") == "ẮẤỐÚ"


def test_tcvn3_every_lower_case_letter_round_trips() -> None:
    assert decode_tcvn3(encode_tcvn3(LOWER_LETTERS)) == LOWER_LETTERS


def test_tcvn3_capitals_lost_with_the_capital_font_are_restored_on_capital_lines() -> None:
    # ABC typists wrote "KẾ HOẠCH" with lower-case codes in a .VnTimeH run.
    assert encode_tcvn3("KẾ HOẠCH") == b"K\xd5 HO\xb9CH"
    assert decode_tcvn3(b"K\xd5 HO\xb9CH") == "KẾ HOẠCH"
    assert decode_tcvn3(encode_tcvn3("ỦY BAN NHÂN DÂN PHƯỜNG MỘ LAO")) == (
        "ỦY BAN NHÂN DÂN PHƯỜNG MỘ LAO"
    )
    assert decode_tcvn3(encode_tcvn3("Mộ Lao, ngày 28 tháng 02 năm 2023")) == (
        "Mộ Lao, ngày 28 tháng 02 năm 2023"
    )


def test_tcvn3_caps_modes_keep_and_upper() -> None:
    assert tcvn3_to_unicode("K\xd5 HO\xb9CH", caps="keep") == "Kế HOạCH"
    assert tcvn3_to_unicode("k\xd5 ho\xb9ch", caps="upper") == "KẾ HOẠCH"


def test_tcvn3_text_read_as_windows_1252_converts_the_same_as_latin_1() -> None:
    data = encode_tcvn3(SENTENCE)
    assert tcvn3_to_unicode(data.decode("cp1252", errors="strict")) == SENTENCE
    assert tcvn3_to_unicode(data.decode("latin-1")) == SENTENCE


def test_vni_pairs_of_base_letter_and_mark_decode() -> None:
    assert vni_to_unicode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") == (
        "Cộng hòa xã hội chủ nghĩa Việt Nam"
    )
    assert decode_vni("Xin chaøo caùc baïn".encode("cp1252")) == "Xin chào các bạn"
    assert vni_to_unicode("ngöôøi ñöôïc") == "người được"


def test_vni_round_trips_every_letter_in_both_cases() -> None:
    text = LOWER_LETTERS + LOWER_LETTERS.upper()
    assert decode_vni(encode_vni(text)) == text


def test_vni_leaves_pairs_that_are_not_vni_alone() -> None:
    assert vni_to_unicode("uâ") == "uâ"


def test_detection_tells_tcvn3_vni_and_unicode_apart() -> None:
    assert detect_legacy(encode_tcvn3(SENTENCE).decode("cp1252")) == "tcvn3"
    assert detect_legacy(encode_vni(SENTENCE).decode("cp1252")) == "vni"
    assert detect_legacy(SENTENCE) is None
    assert detect_legacy("Plain English text, nothing to convert.") is None
    assert detect_legacy("Café au lait, crème brûlée, à la carte.") is None


def test_fix_legacy_text_converts_only_legacy_text() -> None:
    assert fix_legacy_text(encode_vni(SENTENCE).decode("cp1252")) == (SENTENCE, "vni")
    assert fix_legacy_text(SENTENCE) == (SENTENCE, None)


def test_undecodable_bytes_are_read_in_the_encoding_that_reads_most_vietnamese() -> None:
    assert decode_legacy_bytes(encode_tcvn3(SENTENCE)) == (SENTENCE, "tcvn3")
    assert decode_legacy_bytes(encode_vni(SENTENCE)) == (SENTENCE, "vni")
    cp1258 = unicodedata.normalize("NFD", SENTENCE).encode("cp1258", errors="replace")
    assert decode_legacy_bytes(cp1258)[1] in ("cp1258", "tcvn3", "vni")


def test_bytes_that_read_as_no_vietnamese_fall_back_to_windows_1252() -> None:
    assert decode_legacy_bytes("Caf\xe9 cr\xe8me".encode("latin-1")) == ("Café crème", "cp1252")


def test_vietnamese_score_rewards_real_vietnamese() -> None:
    assert vietnamese_score(SENTENCE) > 0.5
    assert vietnamese_score(encode_tcvn3(SENTENCE).decode("cp1252")) < 0.3
    assert vietnamese_score("") == 0.0


def test_word_fonts_map_to_their_encodings() -> None:
    assert is_legacy_font(".VnTime") == ("tcvn3", False)
    assert is_legacy_font(".VnTimeH") == ("tcvn3", True)
    assert is_legacy_font("VNI-Times") == ("vni", False)
    assert is_legacy_font("Times New Roman") is None
    assert is_legacy_font(None) is None


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(alphabet=LOWER_LETTERS + " ,.0123456789", max_size=80))
def test_any_lower_case_vietnamese_round_trips_through_both_encodings(text: str) -> None:
    assert decode_tcvn3(encode_tcvn3(text), caps="keep") == text
    assert decode_vni(encode_vni(text)) == text


@settings(max_examples=200, deadline=None, database=None)
@given(st.binary(max_size=300))
def test_any_bytes_decode_without_error(data: bytes) -> None:
    for decoded in (decode_tcvn3(data), decode_vni(data), decode_legacy_bytes(data)[0]):
        assert isinstance(decoded, str)
        assert unicodedata.is_normalized("NFC", decoded)
