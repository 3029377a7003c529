import pytest

from vnevents.stages.temporal import find_times


@pytest.mark.parametrize(
    "phrase, reference, value, precision",
    [
        ("tối 10/4", "2024-04", "2024-04-10", "day"),
        ("hôm 5/6", "2024-06", "2024-06-05", "day"),
        ("ngày 23/1 vừa qua", "2017-02-18", "2017-01-23", "day"),
        ("18/02/2017", None, "2017-02-18", "day"),
        ("tháng 9/2022", None, "2022-09", "month"),
        ("tháng 12 năm ngoái", "2024-04", "2023-12", "month"),
        ("giữa tháng 3 vừa qua", "2024-04", "2024-03", "month"),
        ("tháng 11/2016", "2017-02-18", "2016-11", "month"),
        ("tháng trước", "2024-04", "2024-03", "month"),
        ("năm ngoái", "2024-04", "2023", "year"),
        ("hôm qua", "2021-04-26", "2021-04-25", "day"),
        ("năm 2020", None, "2020", "year"),
        ("tháng Một vừa qua", "2017-02-18", "2017-01", "month"),
        ("ngày 25-5", "2017-05-26", "2017-05-25", "day"),
        ("hôm 22.5", "2017-05-26", "2017-05-22", "day"),
        ("tháng 9.2016", None, "2016-09", "month"),
    ],
)
def test_vietnamese_dates_resolve_against_the_article_date(phrase, reference, value, precision):
    [found] = find_times(f"Sự việc xảy ra vào {phrase} ở đó.", reference)
    assert (found.value, found.precision) == (value, precision)


def test_relative_dates_stay_unresolved_without_an_article_date():
    [found] = find_times("Sự việc xảy ra năm ngoái.", None)
    assert found.value is None


def test_a_day_later_than_the_article_month_is_last_year():
    [found] = find_times("Ngày 20/11, hai bên đã ký thỏa thuận.", "2024-02-03")
    assert found.value == "2023-11-20"


def test_a_decimal_number_is_not_a_date():
    assert [t.value for t in find_times("Tỷ lệ tăng 22.5% so với năm 2016.", "2017-05-26")] == ["2016"]


def test_a_date_in_brackets_after_a_relative_one():
    found = find_times("Ông Assad ngày hôm qua (10/2) tuyên bố như vậy.", "2017-02-11")
    assert [(t.text, t.value) for t in found] == [("ngày hôm qua", "2017-02-10"), ("10/2", "2017-02-10")]
