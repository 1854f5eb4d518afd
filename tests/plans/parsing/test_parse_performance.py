"""Speed: a 10-page plan in under 50 ms; any input, however large, in under 5 s."""

from __future__ import annotations

import time

import pytest

from tests.plans.parsing.parsing_helpers import docx_from_text, long_plan, seed_text
from thidua.plans.parsing import ParseError, parse_plan_bytes


def best_of(runs: int, data: bytes) -> float:
    parse_plan_bytes(data)  # compiled patterns and imports are a one-off cost
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        parse_plan_bytes(data)
        times.append(time.perf_counter() - start)
    return min(times)


def test_a_ten_page_plan_parses_in_under_50_ms() -> None:
    text = long_plan(pages=10)
    assert 30_000 < len(text.encode("utf-8")) < 120_000  # about ten A4 pages of text
    result = parse_plan_bytes(text.encode("utf-8"))
    assert result["number"] == "20/KH-UBND"
    assert len(result["sections"]) == 14
    assert best_of(5, text.encode("utf-8")) < 0.05


def test_a_ten_page_docx_parses_quickly() -> None:
    data = docx_from_text(long_plan(pages=10))
    assert best_of(3, data) < 0.5


def test_a_ten_thousand_line_plan_finishes_well_inside_5_s() -> None:
    text = long_plan(pages=600)
    assert text.count("\n") > 10_000
    start = time.perf_counter()
    result = parse_plan_bytes(text.encode("utf-8"))
    assert time.perf_counter() - start < 5
    assert result["signer"]["name"] == "Nguyễn Thị Thanh"
    assert result["input"]["truncated"] is False


def test_more_lines_than_the_limit_are_cut_with_a_warning() -> None:
    text = "\n".join(["- Thi đua cải cách hành chính."] * 30_000)
    start = time.perf_counter()
    result = parse_plan_bytes(text.encode("utf-8"))
    assert time.perf_counter() - start < 5
    assert result["input"]["truncated"] is True
    assert any("quá dài" in w for w in result["warnings"])


@pytest.mark.parametrize(
    "text",
    [
        "thi đua " * 150_000,  # one 1.2 MB line
        "ngày 1/" * 100_000,  # a pathological date-like line
        "Số: " + "1/" * 100_000,
        "- " * 200_000,
        "(" * 300_000,
        "Căn cứ Kế hoạch số " + "12/KH-" * 50_000,
    ],
    ids=["long-line", "dates", "symbol", "dashes", "brackets", "reference"],
)
def test_pathological_text_finishes_inside_5_s(text: str) -> None:
    start = time.perf_counter()
    try:
        parse_plan_bytes(text.encode("utf-8"))
    except ParseError as exc:
        assert exc.code != "internal"
    assert time.perf_counter() - start < 5


def test_a_50_mb_file_is_refused_at_once() -> None:
    data = seed_text().encode("utf-8") * (50 * 1024 * 1024 // len(seed_text().encode("utf-8")))
    start = time.perf_counter()
    with pytest.raises(ParseError) as caught:
        parse_plan_bytes(data)
    assert time.perf_counter() - start < 1
    assert caught.value.code == "too_large"
