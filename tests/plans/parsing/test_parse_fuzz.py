"""Fuzzing: no input makes the parser raise anything but ParseError, or take long."""

from __future__ import annotations

import io
import random
import time
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.plans.parsing.parsing_helpers import docx_from_text, fixture_text, seed_text
from thidua.plans.parsing import ParseError, parse_plan_bytes, parse_plan_text

FUZZ = settings(
    max_examples=120,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SEED_LINES = seed_text().split("\n")
VIETNAMESE = (
    "aàảãáạăằẳẵắặâầẩẫấậđeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵ"
    'AĂÂĐEÊIOÔƠUƯY0123456789 .,;:-+/()%"\n\t•–'
)
KEYWORDS = st.sampled_from(
    [
        "Số: ",
        "KẾ HOẠCH\n",
        "ngày ",
        " tháng ",
        " năm ",
        "Căn cứ ",
        "Thực hiện ",
        "Nơi nhận:\n",
        "TM. ỦY BAN NHÂN DÂN\n",
        "KT. CHỦ TỊCH\n",
        "- Tập thể: ",
        "từ 1-2 tập thể",
        "không quá 10% ",
        "I. ",
        "1.1. ",
        "a) ",
        "Hồ sơ gửi về ",
        "Kế hoạch số 60/KH-UBND ",
        "31/2017",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n",
        "Độc lập - Tự do - Hạnh phúc\n",
        "Mộ Lao, ",
        "/.",
        "\n",
        "   ",
    ]
)


def parse_safely(data: bytes) -> dict | None:
    """Parse; only ParseError may escape, never an internal error, and within 5 s."""
    start = time.perf_counter()
    try:
        result = parse_plan_bytes(data)
    except ParseError as exc:
        assert exc.code != "internal", exc.__cause__
        result = None
    assert time.perf_counter() - start < 5
    return result


@FUZZ
@given(st.binary(max_size=4000))
def test_random_bytes(data: bytes) -> None:
    parse_safely(data)


@FUZZ
@given(st.text(alphabet=VIETNAMESE, max_size=2000))
def test_random_vietnamese_text(text: str) -> None:
    parse_safely(text.encode("utf-8"))


@FUZZ
@given(st.lists(st.one_of(KEYWORDS, st.text(alphabet=VIETNAMESE, max_size=30)), max_size=80))
def test_random_documents_made_of_plan_phrases(parts: list[str]) -> None:
    parse_safely("".join(parts).encode("utf-8"))


@FUZZ
@given(st.text(max_size=1500))
def test_any_unicode_text(text: str) -> None:
    start = time.perf_counter()
    try:
        parse_plan_text(text)
    except ParseError as exc:
        assert exc.code != "internal", exc.__cause__
    assert time.perf_counter() - start < 5


@FUZZ
@given(st.randoms(use_true_random=False), st.integers(min_value=1, max_value=12))
def test_the_seed_with_lines_dropped_duplicated_and_shuffled(
    rnd: random.Random, edits: int
) -> None:
    lines = list(SEED_LINES)
    for _ in range(edits):
        i = rnd.randrange(len(lines))
        action = rnd.randrange(4)
        if action == 0:
            del lines[i]
        elif action == 1:
            lines.insert(i, lines[rnd.randrange(len(lines))])
        elif action == 2:
            j = rnd.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            line = lines[i]
            cut = rnd.randrange(len(line) + 1)
            lines[i] = line[:cut] + rnd.choice(["\n", " ", "", "-", "/", ":", "ngày "]) + line[cut:]
    parse_safely("\n".join(lines).encode("utf-8"))


@settings(FUZZ, max_examples=60)
@given(st.randoms(use_true_random=False), st.integers(min_value=1, max_value=40))
def test_the_seed_with_bytes_flipped(rnd: random.Random, flips: int) -> None:
    data = bytearray(seed_text().encode("utf-8"))
    for _ in range(flips):
        data[rnd.randrange(len(data))] = rnd.randrange(256)
    parse_safely(bytes(data))


DOCX = docx_from_text(fixture_text("kh_khuong_dinh_layout.txt"))


@settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.randoms(use_true_random=False), st.integers(min_value=1, max_value=30))
def test_a_docx_with_bytes_flipped(rnd: random.Random, flips: int) -> None:
    data = bytearray(DOCX)
    for _ in range(flips):
        data[rnd.randrange(len(data))] = rnd.randrange(256)
    parse_safely(bytes(data))


@settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.binary(max_size=3000))
def test_a_docx_whose_document_part_is_random(xml: bytes) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(DOCX_IO()) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = xml if item.filename == "word/document.xml" else source.read(item)
            target.writestr(item.filename, content)
    parse_safely(buffer.getvalue())


def DOCX_IO() -> io.BytesIO:  # noqa: N802 - reads like the constant it wraps
    return io.BytesIO(DOCX)
