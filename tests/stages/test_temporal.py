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
