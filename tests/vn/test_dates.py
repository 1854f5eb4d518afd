"""Document date lines and dd/mm/yyyy dates (thidua.vn.dates)."""

from __future__ import annotations

import datetime
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.vn import date_line, format_date, parse_date, parse_date_line


@pytest.mark.parametrize(
    ("place", "day", "line"),
    [
        ("Mộ Lao", datetime.date(2023, 2, 28), "Mộ Lao, ngày 28 tháng 02 năm 2023"),
        ("Hà Nội", datetime.date(2024, 3, 5), "Hà Nội, ngày 05 tháng 3 năm 2024"),
        ("Hà Đông", datetime.date(2023, 12, 15), "Hà Đông, ngày 15 tháng 12 năm 2023"),
        ("Hà Đông", datetime.date(2024, 1, 1), "Hà Đông, ngày 01 tháng 01 năm 2024"),
        ("Hà Đông", datetime.date(2024, 10, 9), "Hà Đông, ngày 09 tháng 10 năm 2024"),
        ("Hà Đông", datetime.date(2024, 11, 30), "Hà Đông, ngày 30 tháng 11 năm 2024"),
    ],
)
def test_date_line_follows_decree_30(place: str, day: datetime.date, line: str) -> None:
    assert date_line(place, day) == line


@pytest.mark.parametrize("month", range(1, 13))
def test_only_january_and_february_take_a_leading_zero(month: int) -> None:
    line = date_line("Mộ Lao", datetime.date(2024, month, 20))
    written = line.split(" tháng ")[1].split(" ")[0]
    assert written == (f"0{month}" if month <= 2 else str(month))


@pytest.mark.parametrize("day", range(1, 32))
def test_days_are_always_written_with_two_digits(day: int) -> None:
    assert f"ngày {day:02d} tháng" in date_line("Mộ Lao", datetime.date(2024, 1, day))


def test_date_line_normalises_the_place_name() -> None:
    nfd_place = unicodedata.normalize("NFD", "  Mộ   Lao ")
    assert date_line(nfd_place, datetime.date(2023, 2, 28)) == "Mộ Lao, ngày 28 tháng 02 năm 2023"


def test_date_line_uses_only_the_date_of_a_datetime() -> None:
    moment = datetime.datetime(2023, 2, 28, 23, 59)
    assert date_line("Mộ Lao", moment) == "Mộ Lao, ngày 28 tháng 02 năm 2023"


def test_date_line_refuses_a_blank_place_or_a_non_date() -> None:
    with pytest.raises(ValueError):
        date_line("  ", datetime.date(2023, 2, 28))
    with pytest.raises(TypeError):
        date_line("Mộ Lao", "28/02/2023")  # type: ignore[arg-type]


def test_parse_date_line_accepts_older_zero_padded_months() -> None:
    assert parse_date_line("Hà Đông, ngày 5 tháng 03 năm 2019.") == (
        "Hà Đông",
        datetime.date(2019, 3, 5),
    )


@pytest.mark.parametrize(
    "text",
    ["Mộ Lao ngày 28 tháng 02 năm 2023", "Mộ Lao, ngày 30 tháng 02 năm 2023", "ngày 1 tháng 1"],
)
def test_parse_date_line_refuses_malformed_or_impossible_dates(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date_line(text)


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (datetime.date(2023, 2, 28), "28/02/2023"),
        (datetime.date(2023, 2, 8), "08/02/2023"),
        (datetime.date(2024, 12, 1), "01/12/2024"),
        (datetime.date(5, 1, 1), "01/01/0005"),
    ],
)
def test_format_date_pads_day_month_and_year(day: datetime.date, text: str) -> None:
    assert format_date(day) == text


def test_parse_date_accepts_unpadded_and_other_separators() -> None:
    assert parse_date("8/2/2023") == datetime.date(2023, 2, 8)
    assert parse_date(" 08-02-2023 ") == datetime.date(2023, 2, 8)
    assert parse_date("08.02.2023") == datetime.date(2023, 2, 8)


@pytest.mark.parametrize("text", ["2023-02-08", "31/02/2023", "08/02/23", ""])
def test_parse_date_refuses_other_formats_and_impossible_dates(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


places = st.sampled_from(["Mộ Lao", "Hà Nội", "Thành phố Hồ Chí Minh", "Buôn Ma Thuột"]) | st.text(
    alphabet="abcdeghiklmnopqrstuvxyđĐăâêôơưáàảãạ ,MHT", min_size=1
).filter(lambda text: text.strip(" ,") != "")


@given(places, st.dates())
def test_date_line_parses_back_to_the_same_place_and_date(place: str, day: datetime.date) -> None:
    line = date_line(place, day)
    assert parse_date_line(line) == (" ".join(place.split()), day)


@given(st.dates(min_value=datetime.date(1000, 1, 1)))
def test_format_date_parses_back_to_the_same_date(day: datetime.date) -> None:
    assert parse_date(format_date(day)) == day
