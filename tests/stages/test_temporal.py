import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
        ("đầu tháng 5/2024", "2024-06-05", "2024-05", "month"),
        # 2024-04-18 is a Thursday
        ("sáng nay", "2024-04-18", "2024-04-18", "day"),
        ("chiều qua", "2024-04-18", "2024-04-17", "day"),
        ("thứ Hai", "2024-04-18", "2024-04-15", "day"),
        ("hôm thứ Năm", "2024-04-18", "2024-04-18", "day"),
        ("thứ Sáu tuần trước", "2024-04-18", "2024-04-12", "day"),
        ("chủ nhật", "2024-04-18", "2024-04-14", "day"),
        ("thứ Năm tới", "2024-04-18", "2024-04-25", "day"),
        ("Thứ Hai, 15/4/2024", None, "2024-04-15", "day"),
        ("hôm thứ Ba (16/4)", "2024-04-18", "2024-04-16", "day"),
        ("cuối tuần qua", "2024-04-18", "2024-04-08", "week"),
        ("trong tuần tới", "2024-04-18", "2024-04-22", "week"),
        ("tuần này", "2024-04-18", "2024-04-15", "week"),
        ("cách đây hai tuần", "2024-04-18", "2024-04-04", "week"),
        ("cách đây 3 tháng", "2024-04-18", "2024-01", "month"),
        ("năm tới", "2024-04-18", "2025", "year"),
        ("tháng tới", "2024-12-18", "2025-01", "month"),
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


def test_an_ordinal_is_not_a_weekday():
    assert find_times("Đây là lần thứ hai hai bên gặp nhau.", "2024-04-18") == []


def test_an_undated_article_takes_its_latest_full_date_as_inferred():
    from vnevents import analyze

    article = analyze("Ngày 2/3/2023, hai bên đã ký thỏa thuận. Ngày 15/4/2024, Nga đã gửi vũ khí tới Niger. "
                      "Hôm qua, Niger đã cảm ơn Nga.")
    assert (article.date, article.date_basis) == ("2024-04-15", "inferred")
    assert [t.value for t in article.times] == ["2023-03-02", "2024-04-15", "2024-04-14"]


def test_a_given_date_is_never_replaced_by_an_inferred_one():
    from vnevents import analyze

    article = analyze("Ngày 15/4/2024, Nga đã gửi vũ khí tới Niger.", date="2024-05-01")
    assert (article.date, article.date_basis) == ("2024-05-01", "given")


@pytest.mark.parametrize(
    "phrase, reference",
    [
        ("ngày 31/2/2024", None),  # no such day
        ("hôm 30/2", "2024-04-11"),
        ("năm 0000", "2024-04-11"),  # no year Python's dates (or ISO tools) accept
        ("cách đây 99999999 ngày", "2024-04-11"),  # past the calendar's end
        ("cách đây 5000 năm", "2024-04-11"),
        ("hôm qua", "2024-02-31"),  # a reference that is no real day
        ("thứ Hai tuần trước", "2024-13-45"),
    ],
)
def test_a_date_that_cannot_be_resolves_to_none_instead_of_failing(phrase, reference):
    [found] = find_times(phrase, reference)
    assert found.value is None


def test_a_date_line_naming_no_real_day_leaves_the_article_undated():
    from vnevents import analyze

    article = analyze("Tin thế giới\n31/02/2024\nNga đã gửi vũ khí tới Niger.")
    assert article.date is None and "31/02/2024" not in article.text


@pytest.mark.parametrize("given, kept", [("2024-02-31", "2024-02"), ("2024-04-11T08:00:00", "2024-04-11"),
                                         ("hôm qua", None), ("7", None), ("2024-13-01", "2024")])
def test_a_given_date_is_kept_as_far_as_it_names_a_real_one(given, kept):
    from vnevents import analyze

    article = analyze("Nga đã gửi vũ khí tới Niger hôm qua.", date=given)
    assert article.date == kept and article.events  # and no event's date sum failed on it


_PIECES = ["ngày", "Ngày", "NGÀY", "sáng", "Rạng", "rạng", "đêm", "tối", "hôm", "vào", "từ", "đến", "tháng", "Tháng", "năm",
           "cuối", "Đầu", "giữa", "nay", "qua", "mai", "vừa qua", "10", "4", "2024", "/", ".", "-", " ", "  ", "\n", "(", ")",
           ",", "x", "ı", "İ", "thứ", "Hai"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_each_date_rule_finds_the_same_through_its_start_words(text):
    from vnevents.stages.temporal import _RULES, _SCANNERS

    for (kind, rule, _, _), scanner in zip(_RULES, _SCANNERS):
        assert [m.span() for m in scanner.finditer(text)] == [m.span() for m in rule.finditer(text)], kind
