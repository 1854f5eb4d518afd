"""Every input format reads to the same result; unreadable input gets a clear ParseError."""

from __future__ import annotations

import codecs
import io
import os
import time
import zipfile

import pytest

from tests.plans.parsing.parsing_helpers import (
    docx_from_text,
    encode_cp1258,
    fixture_text,
    make_docx,
    make_pdf,
    make_pdf_pages,
    seed_text,
)
from thidua.plans.parsing import ParseError, parse_plan_bytes
from thidua.vn.legacy import encode_tcvn3, encode_vni

KEY_FIELDS = (
    "number",
    "doc_type",
    "issuer",
    "place",
    "date",
    "title",
    "year",
    "references",
    "award_forms",
    "quotas",
    "target_groups",
    "criteria",
    "dossier",
    "dossier_destination",
    "recipients",
    "signer",
)


@pytest.fixture(scope="module")
def seed_result() -> dict:
    return parse_plan_bytes(seed_text().encode("utf-8"))


def assert_same_plan(result: dict, expected: dict) -> None:
    for field in KEY_FIELDS:
        assert result[field] == expected[field], field


def failure(data: bytes, filename: str | None = None) -> ParseError:
    start = time.perf_counter()
    with pytest.raises(ParseError) as caught:
        parse_plan_bytes(data, filename)
    assert time.perf_counter() - start < 5
    assert "\n" not in str(caught.value)
    return caught.value


# --------------------------------------------------------------------------- text encodings
@pytest.mark.parametrize(
    ("encode", "encoding"),
    [
        (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8"),
        (lambda t: t.encode("utf-16"), "utf-16"),
        (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16"),
        (lambda t: t.encode("utf-16-le"), "utf-16"),
        (lambda t: t.encode("utf-16-be"), "utf-16"),
        (lambda t: t.encode("utf-32"), "utf-32"),
        (lambda t: t.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    ],
    ids=[
        "utf8-bom",
        "utf16-bom",
        "utf16be-bom",
        "utf16le-no-bom",
        "utf16be-no-bom",
        "utf32",
        "crlf",
    ],
)
def test_unicode_encodings_read_the_same(encode, encoding: str, seed_result: dict) -> None:
    result = parse_plan_bytes(encode(seed_text()))
    assert_same_plan(result, seed_result)
    assert result["input"]["encoding"] == encoding


def test_tcvn3_bytes_read_the_same_as_unicode(seed_result: dict) -> None:
    result = parse_plan_bytes(encode_tcvn3(seed_text()))
    assert_same_plan(result, seed_result)
    assert result["input"]["encoding"] == "tcvn3"
    assert any("TCVN3" in w for w in result["warnings"])


def test_vni_bytes_read_the_same_as_unicode(seed_result: dict) -> None:
    result = parse_plan_bytes(encode_vni(seed_text()))
    assert_same_plan(result, seed_result)
    assert result["input"]["encoding"] == "vni"


def test_tcvn3_saved_as_utf8_is_converted_too(seed_result: dict) -> None:
    legacy_in_unicode = encode_tcvn3(seed_text()).decode("cp1252").encode("utf-8")
    result = parse_plan_bytes(legacy_in_unicode)
    assert_same_plan(result, seed_result)
    assert result["input"]["encoding"] == "tcvn3 (utf-8)"


def test_windows_1258_with_combining_marks_is_read() -> None:
    text = fixture_text("kh_so_tttt_phu_tho.txt")
    result = parse_plan_bytes(encode_cp1258(text))
    assert result["number"] == "210/KH-STTTT"
    assert result["issuer"] == "Sở Thông tin và Truyền thông tỉnh Phú Thọ"


def test_a_plan_saved_as_a_web_page_is_read() -> None:
    lines = seed_text().split("\n")
    html = "<!DOCTYPE html><html><head><title>x</title><style>p{}</style></head><body>"
    html += "".join(f"<p>{line}</p>" for line in lines if line) + "</body></html>"
    result = parse_plan_bytes(html.encode("utf-8"))
    assert result["input"]["format"] == "html"
    assert result["number"] == "20/KH-UBND"
    assert result["references"][0]["number"] == "60/KH-UBND"
    assert result["signer"]["name"] == "Nguyễn Thị Thanh"


# --------------------------------------------------------------------------- docx
def test_a_docx_with_one_paragraph_per_line_reads_the_same(seed_result: dict) -> None:
    result = parse_plan_bytes(docx_from_text(seed_text()), "ke-hoach.docx")
    assert_same_plan(result, seed_result)
    assert result["input"]["format"] == "docx"


def test_a_docx_with_header_and_signature_tables_and_word_numbering() -> None:
    data = make_docx(
        [
            "KẾ HOẠCH",
            "Tổ chức phong trào thi đua cải cách hành chính năm 2024",
            "Căn cứ Kế hoạch số 12/KH-UBND ngày 10/01/2024 của UBND quận Hà Đông;",
            "HÌNH THỨC KHEN THƯỞNG",
            "Tặng Giấy khen của Chủ tịch UBND phường.",
            "SỐ LƯỢNG",
            "Tập thể: từ 1-2 tập thể.",
            "Cá nhân: không quá 03 cá nhân.",
        ],
        header_left=["ỦY BAN NHÂN DÂN", "PHƯỜNG MỘ LAO", "Số: 40/KH-UBND"],
        header_right=[
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Mộ Lao, ngày 5 tháng 3 năm 2024",
        ],
        recipients=["Nơi nhận:", "- UBND quận Hà Đông (để b/c);", "- Lưu: VT."],
        signature=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Nguyễn Văn An"],
        list_styles={3: "List Number", 5: "List Number", 6: "List Bullet", 7: "List Bullet"},
    )
    result = parse_plan_bytes(data)
    assert result["number"] == "40/KH-UBND"
    assert result["issuer"] == "UBND phường Mộ Lao"
    assert result["date"] == "2024-03-05"
    assert result["references"] == [
        {"number": "12/KH-UBND", "date": "2024-01-10", "issuer": "UBND quận Hà Đông"}
    ]
    assert [n["label"] for n in result["sections"]] == ["1.", "2."]
    assert [n["label"] for n in result["sections"][1]["children"]] == ["•", "•"]
    assert result["award_forms"] == [{"form": "Giấy khen", "by": "Chủ tịch UBND phường"}]
    assert result["quotas"] == [
        {"target": "collective", "min": 1, "max": 2, "percent_max": None},
        {"target": "individual", "min": None, "max": 3, "percent_max": None},
    ]
    assert result["recipients"] == ["UBND quận Hà Đông (để b/c)", "Lưu: VT"]
    assert result["signer"] == {"name": "Nguyễn Văn An", "title": "CHỦ TỊCH", "mode": "TM."}


def test_a_docx_typed_in_legacy_fonts_is_converted() -> None:
    text = fixture_text("kh_so_tttt_phu_tho.txt")
    expected = parse_plan_bytes(text.encode("utf-8"))
    # Capital lines of a TCVN3 document are in the capital font (.VnTimeH), as typed.
    fonts = {
        "tcvn3": lambda run: ".VnTimeH" if run.isupper() else ".VnTime",
        "vni": lambda run: "VNI-Times",
    }
    for font, encode in (("tcvn3", encode_tcvn3), ("vni", encode_vni)):
        lines = [encode(line).decode("cp1252") for line in text.split("\n")]
        originals = dict(zip(lines, text.split("\n"), strict=True))
        result = parse_plan_bytes(
            make_docx(lines, font=lambda run, f=font, o=originals: fonts[f](o.get(run, run)))
        )
        for field in ("number", "issuer", "date", "title", "references", "quotas", "signer"):
            assert result[field] == expected[field], (font, field)
        assert result["input"]["encoding"] == font


def test_a_docx_capital_font_run_is_read_in_capitals() -> None:
    import docx

    document = docx.Document()
    run = document.add_paragraph().add_run(encode_tcvn3("kế hoạch").decode("cp1252"))
    run.font.name = ".VnTimeH"
    document.add_paragraph("Thi đua năm 2024")
    buffer = io.BytesIO()
    document.save(buffer)
    assert parse_plan_bytes(buffer.getvalue())["type_name"] == "KẾ HOẠCH"


def test_a_docx_run_formatted_as_capitals_is_read_in_capitals() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph().add_run("Kế hoạch").font.all_caps = True
    document.add_paragraph("Thi đua năm 2024")
    buffer = io.BytesIO()
    document.save(buffer)
    assert parse_plan_bytes(buffer.getvalue())["type_name"] == "KẾ HOẠCH"


# --------------------------------------------------------------------------- PDF
def test_a_pdf_text_layer_reads_the_same(seed_result: dict) -> None:
    lines = [line for line in seed_text().split("\n") if line.strip()]
    result = parse_plan_bytes(make_pdf(lines, lines_per_page=20), "ke-hoach.pdf")
    assert_same_plan(result, seed_result)
    assert result["input"]["format"] == "pdf"


def test_a_pdf_printed_in_two_columns_is_read_from_its_shared_lines() -> None:
    # The header and the closing sit side by side; extraction joins each row into one line.
    page = [
        (40, 800, "ỦY BAN NHÂN DÂN"),
        (300, 800, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        (40, 786, "PHƯỜNG MỘ LAO"),
        (320, 786, "Độc lập - Tự do - Hạnh phúc"),
        (40, 760, "Số: 21/KH-UBND"),
        (310, 760, "Mộ Lao, ngày 05 tháng 3 năm 2024"),
        (250, 730, "KẾ HOẠCH"),
        (100, 716, "Tổ chức phong trào thi đua năm 2024"),
        (40, 690, "I. HÌNH THỨC KHEN THƯỞNG"),
        (40, 676, "Tặng Giấy khen của Chủ tịch UBND phường./."),
        (40, 600, "Nơi nhận:"),
        (350, 600, "TM. ỦY BAN NHÂN DÂN"),
        (40, 586, "- UBND quận Hà Đông (để b/c);"),
        (380, 586, "CHỦ TỊCH"),
        (40, 572, "- Lưu: VT."),
        (360, 540, "Nguyễn Thị Thanh"),
    ]
    result = parse_plan_bytes(make_pdf_pages([page]))
    assert (result["issuer"], result["number"], result["date"]) == (
        "UBND phường Mộ Lao",
        "21/KH-UBND",
        "2024-03-05",
    )
    assert result["title"] == "Tổ chức phong trào thi đua năm 2024"
    assert result["award_forms"] == [{"form": "Giấy khen", "by": "Chủ tịch UBND phường"}]
    assert result["recipients"] == ["UBND quận Hà Đông (để b/c)", "Lưu: VT"]
    assert result["signer"] == {"name": "Nguyễn Thị Thanh", "title": "CHỦ TỊCH", "mode": "TM."}


def test_a_pdf_without_a_text_layer_is_refused_with_advice() -> None:
    error = failure(make_pdf([""]))
    assert error.code == "no_text_layer"
    assert "OCR" in error.message


def test_a_password_protected_pdf_is_refused() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(make_pdf(["Kế hoạch"]))).pages:
        writer.add_page(page)
    writer.encrypt(user_password="bimat", owner_password="bimat2")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert failure(buffer.getvalue()).code == "encrypted"


def test_a_damaged_pdf_is_refused() -> None:
    assert failure(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage").code in (
        "corrupt",
        "no_text_layer",
    )


# --------------------------------------------------------------------------- refusals
@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"   \n\t \r\n ", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "unsupported_format"),
        (b"\xff\xd8\xff\xe0" + bytes(200), "unsupported_format"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "unsupported_format"),
        (b"{\\rtf1\\ansi Ke hoach}", "unsupported_format"),
        (b"\x7fELF\x02\x01\x01" + bytes(100), "binary"),
        (bytes(range(256)) * 20, "binary"),
    ],
    ids=["empty", "blank", "png", "jpeg", "old-doc", "rtf", "elf", "binary"],
)
def test_unreadable_inputs_get_one_clear_line(data: bytes, code: str) -> None:
    error = failure(data)
    assert error.code == code
    assert error.message


def test_an_old_word_document_is_told_to_be_saved_as_docx() -> None:
    error = failure(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "ke-hoach.doc")
    assert ".docx" in error.message


def test_random_bytes_are_refused_as_binary() -> None:
    error = failure(os.urandom(50_000))
    assert error.code in ("binary", "unsupported_format")


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_a_zip_bomb_named_docx_is_refused_before_unpacking() -> None:
    bomb = _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": bytes(30 * 1024 * 1024)})
    assert len(bomb) < 100_000
    error = failure(bomb, "ke-hoach.docx")
    assert error.code == "zip_bomb"


def test_a_zip_whose_parts_add_up_to_too_much_is_refused() -> None:
    members = {f"word/media/image{i}.bin": os.urandom(64) * 32768 for i in range(70)}
    members["word/document.xml"] = b"<x/>"
    error = failure(_zip(members))
    assert error.code == "zip_bomb"


@pytest.mark.parametrize(
    ("members", "code"),
    [
        ({"xl/workbook.xml": b"<x/>"}, "unsupported_format"),
        ({"mimetype": b"application/vnd.oasis.opendocument.text"}, "unsupported_format"),
        ({"word/document.xml": b"<not xml"}, "corrupt"),
        ({"notes.txt": b"hello"}, "unsupported_format"),
    ],
    ids=["xlsx", "odt", "bad-xml", "plain-zip"],
)
def test_zips_that_are_not_word_documents(members: dict[str, bytes], code: str) -> None:
    assert failure(_zip(members)).code == code


def test_a_truncated_docx_is_refused_as_corrupt() -> None:
    data = docx_from_text(seed_text())
    assert failure(data[: len(data) // 2]).code == "corrupt"


def test_a_file_over_the_size_limit_is_refused_at_once() -> None:
    error = failure(b"a" * (26 * 1024 * 1024))
    assert error.code == "too_large"
    assert "MB" in error.message
