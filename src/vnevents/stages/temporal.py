"""Time: Vietnamese date expressions, resolved against the article's own date.

Written by hand because dateparser (measured in shared/docs/dependencies.md) returns nothing for
forms news uses all the time ("tối 10/4", "hôm 5/6", "tháng 12 năm ngoái", "giữa tháng 3 vừa
qua", "ngày 23/1 vừa qua"), never says how precise its answer is, and every form it does get right
("tháng 9/2022", "năm ngoái", "hôm qua", "18/02/2017, 09:10") is one of the rules below anyway;
calling it as well would only add a second answer to reconcile. Every expression keeps its
precision (day, week, month, year; a week is given by its Monday) and relative ones ("năm
ngoái", "thứ Sáu tuần trước") resolve only against the article's date, never today's clock.

An article with no date of its own gets one inferred from the latest full date in its text
(`Article.date_basis = "inferred"`): news is written soon after the last day it mentions.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from ..models import Article, TimeExpression
from ..resources import PhraseScanner

_MONTH_WORDS = {"một": 1, "giêng": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
                "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12}
_DAY_PARTS = ("sáng", "trưa", "chiều", "tối", "đêm")
_PART_WORDS = ("rạng",) + _DAY_PARTS + ("ngày", "hôm", "vào", "từ", "đến")  # what a _PART begins with
_PART = r"(?:(?:rạng\s+)?(?:sáng|trưa|chiều|tối|đêm)\s+(?:ngày\s+)?|ngày\s+|hôm\s+|vào\s+|từ\s+|đến\s+)"
_EDGE_WORDS = ("đầu", "giữa", "cuối")
_EDGE = r"(?:đầu|giữa|cuối)\s+"
_MONTH_WORD = "|".join(sorted(_MONTH_WORDS, key=len, reverse=True))

# Vietnamese papers write 10/4, 10-4 and 10.4 alike; after a date word the number pair is a date.
_SEP = r"[/.\-]"
_WEEKDAY_NAME = r"(?:[Tt]hứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|[2-7])|[Cc]hủ [Nn]hật)"
_WEEKDAY_WORDS = re.compile(r"hứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|[2-7])|hủ [Nn]hật")  # in every weekday's name
# Each rule scans the whole text, and most texts hold none of the words a rule needs (no "tuần",
# no "cách đây", no full date): a substring test says so for a fraction of the scan. A rule's gate,
# where it has one, names what every match of it holds: a pattern found in the text, or groups of
# words (one of each group) found in the lower-cased text, for the rules that ignore case. A rule
# whose every match begins with one of a few words (a part of the day, a month's edge, "tháng") names
# them last: it is tried only where one of them begins (resources.PhraseScanner), not at every
# position of the text.
_RULES = [
    # "Thứ Hai, 15/4/2024", "hôm thứ Ba (16/4)": the date itself says which day
    ("weekday_date", re.compile(r"(?<![\w])(?:(?:hôm|ngày|vào)\s+)?" + _WEEKDAY_NAME
                                + r"\s*(?:,\s*|\(\s*)(?:ngày\s+)?(\d{1,2})" + _SEP + r"(\d{1,2})(?:" + _SEP + r"(\d{4}))?\)?"), _WEEKDAY_WORDS, None),
    ("dmy", re.compile(r"(?<![\w/.-])(?:" + _PART + r")?(\d{1,2})" + _SEP + r"(\d{1,2})" + _SEP + r"(\d{4})(?![\w/])", re.I),
     re.compile(r"\d" + _SEP + r"\d{1,2}" + _SEP + r"\d{4}"), None),
    ("dm", re.compile(r"(?<![\w/])" + _PART + r"(\d{1,2})" + _SEP + r"(\d{1,2})(?![\w/]|[.\-]\d)(?:\s+(vừa qua|năm ngoái|năm nay))?", re.I), None,
     _PART_WORDS),
    ("dm", re.compile(r"(?<=\()(\d{1,2})/(\d{1,2})(?=\))()", re.I), re.compile(r"\(\d{1,2}/\d{1,2}\)"), None),  # "hôm qua (10/2)"
    ("m_y", re.compile(r"(?<![\w])(?:" + _EDGE + r")?tháng\s+(\d{1,2})(?:" + _SEP + r"|\s+năm\s+)(\d{4})(?![\w])", re.I), [["tháng"]],
     _EDGE_WORDS + ("tháng",)),
    ("m_rel", re.compile(r"(?<![\w])(?:" + _EDGE + r")?tháng\s+(\d{1,2}|" + _MONTH_WORD + r")(?:\s+(năm ngoái|năm trước|năm nay|vừa qua|này))?(?![\w/])", re.I),
     [["tháng"]], _EDGE_WORDS + ("tháng",)),
    ("y", re.compile(r"(?<![\w])(?:" + _EDGE + r")?năm\s+(\d{4})(?![\w])", re.I), [["năm"]], _EDGE_WORDS + ("năm",)),
    ("y_rel", re.compile(r"(?<![\w])(năm ngoái|năm trước|năm qua|năm nay)(?![\w])", re.I), [["năm ngoái", "năm trước", "năm qua", "năm nay"]], None),
    ("m_prev", re.compile(r"(?<![\w])(tháng trước|tháng qua)(?![\w])", re.I), [["tháng trước", "tháng qua"]], None),
    ("d_rel", re.compile(r"(?<![\w])(hôm qua|hôm nay|ngày hôm qua|ngày mai|hôm kia)(?![\w])", re.I), [["hôm qua", "hôm nay", "ngày mai", "hôm kia"]], None),
    ("part_rel", re.compile(r"(?<![\w])(?:rạng\s+)?(?:sáng|trưa|chiều|tối|đêm)\s+(nay|qua|hôm qua|mai)(?![\w])", re.I),
     [["sáng", "trưa", "chiều", "tối", "đêm"], ["nay", "qua", "mai"]], ("rạng",) + _DAY_PARTS),
    # Weekdays are capitalised ("thứ Hai"); "thứ hai" in lower case is "second".
    ("weekday", re.compile(r"(?<![\w])(?:(?:hôm|ngày|vào|sáng|trưa|chiều|tối|đêm)\s+)?(?:[Tt]hứ\s+(Hai|Ba|Tư|Năm|Sáu|Bảy|[2-7])|([Cc]hủ [Nn]hật))"
                            r"(?:\s+(tuần trước|tuần qua|tuần này|tuần tới|tuần sau|vừa qua|tới))?(?![\w])"), _WEEKDAY_WORDS, None),
    ("week", re.compile(r"(?<![\w])(?:(cuối|đầu)\s+)?(?:trong\s+)?(tuần trước|tuần qua|tuần này|tuần tới|tuần sau)(?![\w])", re.I),
     [["tuần trước", "tuần qua", "tuần này", "tuần tới", "tuần sau"]], None),
    ("next", re.compile(r"(?<![\w])(năm tới|năm sau|tháng tới|tháng sau)(?![\w])", re.I), [["năm tới", "năm sau", "tháng tới", "tháng sau"]], None),
    ("ago", re.compile(r"(?<![\w])cách đây\s+(\d+|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|vài)\s+(ngày|tuần|tháng|năm)(?![\w])", re.I),
     [["cách đây"]], None),
]

_SCANNERS = [PhraseScanner(rule, starts, bool(rule.flags & re.IGNORECASE)) if starts else rule for _, rule, _, starts in _RULES]

_WEEKDAYS = {"hai": 0, "2": 0, "ba": 1, "3": 1, "tư": 2, "4": 2, "năm": 3, "5": 3, "sáu": 4, "6": 4, "bảy": 5, "7": 5}
_COUNTS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10, "vài": 3}


class _Groups:
    """Stands in for a match when one rule resolves through another's arithmetic."""

    def __init__(self, groups: tuple) -> None:
        self._groups = groups

    def groups(self) -> tuple:
        return self._groups


def _ref_parts(reference: str | None) -> tuple[int | None, int | None, int | None]:
    """The reference date's year, month and day, as far as they form a real date: a given date
    may come from anywhere (a JSONL field, a date line "31/02/2024"), and a day or month that
    cannot be is dropped rather than let every relative expression fail."""
    if not reference:
        return None, None, None
    parts = [int(p) for p in re.findall(r"\d+", reference)[:3]]
    year, month, day = tuple(parts + [None] * (3 - len(parts)))
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        return None, None, None
    if month is None or not 1 <= month <= 12:
        return year, None, None
    if day is not None and _iso_day(year, month, day) is None:
        day = None
    return year, month, day


# Years a date may carry: ISO values that Python's dates (and the database's) can hold, with
# room for arithmetic ("cách đây 10 năm") on either side.
MIN_YEAR, MAX_YEAR = 100, 9899


def _iso_day(year: int, month: int, day: int) -> str | None:
    """YYYY-MM-DD for a day that exists ("31/2" does not), else None."""
    try:
        return date(year, month, day).isoformat() if MIN_YEAR <= year <= MAX_YEAR else None
    except ValueError:
        return None


def _shift_day(year: int, month: int, day: int, delta: int) -> str | None:
    try:
        shifted = date(year, month, day) + timedelta(days=delta)
    except OverflowError:  # "cách đây 99999999 ngày"
        return None
    return shifted.isoformat() if MIN_YEAR <= shifted.year <= MAX_YEAR else None


def _monday(day: date, weeks: int = 0) -> date:
    return day - timedelta(days=day.weekday()) + timedelta(weeks=weeks)


def _week_offset(phrase: str | None) -> int | None:
    phrase = (phrase or "").lower()
    if phrase in ("tuần trước", "tuần qua"):
        return -1
    if phrase == "tuần này":
        return 0
    if phrase in ("tuần tới", "tuần sau"):
        return 1
    return None


def resolve(kind: str, match: re.Match[str] | _Groups, reference: str | None) -> tuple[str | None, str]:
    ref_y, ref_m, ref_d = _ref_parts(reference)
    g = match.groups()
    if kind == "dmy":
        return _iso_day(int(g[2]), int(g[1]), int(g[0])), "day"
    if kind == "weekday_date":
        if g[2]:
            return resolve("dmy", _Groups(g), reference)
        return resolve("dm", _Groups((g[0], g[1], None)), reference)
    if kind == "dm":
        day, month = int(g[0]), int(g[1])
        if not (1 <= month <= 12 and 1 <= day <= 31) or ref_y is None:
            return None, "day"
        year = ref_y - 1 if (g[2] or "").lower() == "năm ngoái" else ref_y
        # News reports the past: a day later in the year than the article's month is last year's.
        if ref_m and month > ref_m + 1 and (g[2] or "").lower() != "năm nay":
            year -= 1
        return _iso_day(year, month, day), "day"
    if kind == "m_y":
        month, year = int(g[0]), int(g[1])
        return (f"{year:04d}-{month:02d}" if 1 <= month <= 12 and MIN_YEAR <= year <= MAX_YEAR else None), "month"
    if kind == "m_rel":
        month = int(g[0]) if g[0].isdigit() else _MONTH_WORDS[g[0].lower()]
        if not 1 <= month <= 12 or ref_y is None:
            return None, "month"
        year = ref_y - 1 if (g[1] or "").lower() in ("năm ngoái", "năm trước") else ref_y
        if not g[1] and ref_m and month > ref_m:
            year -= 1
        return f"{year:04d}-{month:02d}", "month"
    if kind == "y":
        return (g[0] if MIN_YEAR <= int(g[0]) <= MAX_YEAR else None), "year"
    if kind == "y_rel":
        if ref_y is None:
            return None, "year"
        return f"{ref_y if g[0].lower() == 'năm nay' else ref_y - 1:04d}", "year"
    if kind == "m_prev":
        if ref_y is None or ref_m is None:
            return None, "month"
        year, month = (ref_y, ref_m - 1) if ref_m > 1 else (ref_y - 1, 12)
        return f"{year:04d}-{month:02d}", "month"
    if kind == "d_rel":
        if ref_y is None or ref_m is None or ref_d is None:
            return None, "day"
        delta = {"hôm qua": -1, "ngày hôm qua": -1, "hôm nay": 0, "ngày mai": 1, "hôm kia": -2}[g[0].lower()]
        return _shift_day(ref_y, ref_m, ref_d, delta), "day"
    if kind == "part_rel":
        if ref_d is None:
            return None, "day"
        return _shift_day(ref_y, ref_m, ref_d, {"nay": 0, "qua": -1, "hôm qua": -1, "mai": 1}[g[0].lower()]), "day"
    if kind == "weekday":
        if ref_d is None:
            return None, "day"
        today = date(ref_y, ref_m, ref_d)
        wanted = 6 if g[1] else _WEEKDAYS[g[0].lower()]
        offset = _week_offset(g[2])
        if offset is not None:
            return (_monday(today, offset) + timedelta(days=wanted)).isoformat(), "day"
        if (g[2] or "").lower() == "tới":
            return (today + timedelta(days=(wanted - today.weekday() - 1) % 7 + 1)).isoformat(), "day"
        # A weekday alone in news is the latest one: "hôm thứ Ba" in a Thursday paper is two days ago.
        return (today - timedelta(days=(today.weekday() - wanted) % 7)).isoformat(), "day"
    if kind == "week":
        if ref_d is None:
            return None, "week"
        offset = _week_offset(g[1])
        return _monday(date(ref_y, ref_m, ref_d), offset or 0).isoformat(), "week"
    if kind == "next":
        if ref_y is None:
            return None, "year"
        if g[0].lower().startswith("năm"):
            return f"{ref_y + 1:04d}", "year"
        if ref_m is None:
            return None, "month"
        year, month = (ref_y, ref_m + 1) if ref_m < 12 else (ref_y + 1, 1)
        return f"{year:04d}-{month:02d}", "month"
    if kind == "ago":
        count = int(g[0]) if g[0].isdigit() else _COUNTS[g[0].lower()]
        unit = g[1].lower()
        if unit == "năm":
            return (f"{ref_y - count:04d}" if ref_y and ref_y - count >= MIN_YEAR else None), "year"
        if unit == "tháng":
            if ref_m is None:
                return None, "month"
            months = ref_y * 12 + ref_m - 1 - count
            return (f"{months // 12:04d}-{months % 12 + 1:02d}" if months // 12 >= MIN_YEAR else None), "month"
        if ref_d is None:
            return None, "day"
        days = count * (7 if unit == "tuần" else 1)
        return _shift_day(ref_y, ref_m, ref_d, -days), ("week" if unit == "tuần" else "day")
    return None, "day"


def find_times(text: str, reference: str | None, spans: list | None = None) -> list[TimeExpression]:
    """Every date expression, resolved against `reference`; `spans` (from `time_spans`) saves
    matching the text again when it was already matched."""
    found = [TimeExpression(match.group(0), match.start(), match.end(), *resolve(kind, match, reference))
             for kind, match in (spans if spans is not None else time_spans(text))]
    return sorted(found, key=lambda t: t.start)


def time_spans(text: str) -> list[tuple[str, re.Match]]:
    """The rules' matches, earlier rules first; a match overlapping an earlier one is dropped."""
    spans: list[tuple[str, re.Match]] = []
    lower = text.lower()
    # A word a case-blind rule finds is in the lower-cased text at the same place, unless
    # lower-casing changed the length (İ) or the rule's case folding goes further than lower() (ı
    # and ſ match i and s): then no word gate applies.
    words_gated = len(lower) == len(text) and "ı" not in text and "ſ" not in text
    found: dict[re.Pattern, bool] = {}  # a pattern gate shared by two rules is searched once
    for (kind, _, gate, _), rule in zip(_RULES, _SCANNERS):
        if isinstance(gate, re.Pattern):
            if gate not in found:
                found[gate] = gate.search(text) is not None
            if not found[gate]:
                continue
        elif gate is not None and words_gated and not all(any(word in lower for word in group) for group in gate):
            continue
        for match in rule.finditer(text):
            if not any(m.start() < match.end() and match.start() < m.end() for _, m in spans):
                spans.append((kind, match))
    return spans


def infer_date(text: str, spans: list | None = None) -> str | None:
    """The latest full date (day, month and year) the text names, or None."""
    days = [t.value for t in find_times(text, None, spans) if t.value and t.precision == "day"]
    return max(days) if days else None


def real_date(value: str | None) -> str | None:
    """A given date as YYYY[-MM[-DD]], as far as it names a real one ("2024-02-31" -> "2024-02",
    "2024-04-11T08:00" -> "2024-04-11", "hôm qua" -> None): dates come from JSONL fields, feeds and
    callers, and every later step computes with them."""
    year, month, day = _ref_parts(value)
    if year is None:
        return None
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if month and day else "")


def tag_times(article: Article) -> Article:
    spans = time_spans(article.text)
    if article.date:
        article.date = real_date(article.date)
        article.date_basis = article.date_basis if article.date else None
    if not article.date:
        inferred = infer_date(article.text, spans)
        if inferred:
            article.date, article.date_basis = inferred, "inferred"
    article.times = find_times(article.text, article.date, spans)
    return article
