"""Time: Vietnamese date expressions, resolved against the article's own date.

Written by hand because dateparser (measured in shared/docs/dependencies.md) returns nothing for
forms news uses all the time ("tối 10/4", "hôm 5/6", "tháng 12 năm ngoái", "giữa tháng 3 vừa
qua", "ngày 23/1 vừa qua") and never says how precise its answer is; here every expression keeps
its precision (day, month, year) and relative ones ("năm ngoái", "tháng trước") resolve only when
the article's date is known, never against today's clock.
"""
from __future__ import annotations

import re

from ..models import Article, TimeExpression

_MONTH_WORDS = {"một": 1, "giêng": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
                "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12}
_PART = r"(?:(?:rạng\s+)?(?:sáng|trưa|chiều|tối|đêm)\s+(?:ngày\s+)?|ngày\s+|hôm\s+|vào\s+|từ\s+|đến\s+)"
_EDGE = r"(?:đầu|giữa|cuối)\s+"
_MONTH_WORD = "|".join(sorted(_MONTH_WORDS, key=len, reverse=True))

# Vietnamese papers write 10/4, 10-4 and 10.4 alike; after a date word the number pair is a date.
_SEP = r"[/.\-]"
_RULES = [
    ("dmy", re.compile(r"(?<![\w/.-])(?:" + _PART + r")?(\d{1,2})" + _SEP + r"(\d{1,2})" + _SEP + r"(\d{4})(?![\w/])", re.I)),
    ("dm", re.compile(r"(?<![\w/])" + _PART + r"(\d{1,2})" + _SEP + r"(\d{1,2})(?![\w/]|[.\-]\d)(?:\s+(vừa qua|năm ngoái|năm nay))?", re.I)),
    ("dm", re.compile(r"(?<=\()(\d{1,2})/(\d{1,2})(?=\))()", re.I)),  # "hôm qua (10/2)"
    ("m_y", re.compile(r"(?<![\w])(?:" + _EDGE + r")?tháng\s+(\d{1,2})(?:" + _SEP + r"|\s+năm\s+)(\d{4})(?![\w])", re.I)),
    ("m_rel", re.compile(r"(?<![\w])(?:" + _EDGE + r")?tháng\s+(\d{1,2}|" + _MONTH_WORD + r")(?:\s+(năm ngoái|năm trước|năm nay|vừa qua|này))?(?![\w/])", re.I)),
    ("y", re.compile(r"(?<![\w])(?:" + _EDGE + r")?năm\s+(\d{4})(?![\w])", re.I)),
    ("y_rel", re.compile(r"(?<![\w])(năm ngoái|năm trước|năm qua|năm nay)(?![\w])", re.I)),
    ("m_prev", re.compile(r"(?<![\w])(tháng trước|tháng qua)(?![\w])", re.I)),
    ("d_rel", re.compile(r"(?<![\w])(hôm qua|hôm nay|ngày hôm qua|ngày mai|hôm kia)(?![\w])", re.I)),
]


def _ref_parts(reference: str | None) -> tuple[int | None, int | None, int | None]:
    if not reference:
        return None, None, None
    parts = [int(p) for p in re.findall(r"\d+", reference)[:3]]
    return tuple(parts + [None] * (3 - len(parts)))  # type: ignore[return-value]


def _shift_day(year: int, month: int, day: int, delta: int) -> str:
    from datetime import date, timedelta

    return (date(year, month, day) + timedelta(days=delta)).isoformat()


def resolve(kind: str, match: re.Match[str], reference: str | None) -> tuple[str | None, str]:
    ref_y, ref_m, ref_d = _ref_parts(reference)
    g = match.groups()
    if kind == "dmy":
        day, month, year = int(g[0]), int(g[1]), int(g[2])
        return (f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None), "day"
    if kind == "dm":
        day, month = int(g[0]), int(g[1])
        if not (1 <= month <= 12 and 1 <= day <= 31) or ref_y is None:
            return None, "day"
        year = ref_y - 1 if (g[2] or "").lower() == "năm ngoái" else ref_y
        # News reports the past: a day later in the year than the article's month is last year's.
        if ref_m and month > ref_m + 1 and (g[2] or "").lower() != "năm nay":
            year -= 1
        return f"{year:04d}-{month:02d}-{day:02d}", "day"
    if kind == "m_y":
        month, year = int(g[0]), int(g[1])
        return (f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None), "month"
    if kind == "m_rel":
        month = int(g[0]) if g[0].isdigit() else _MONTH_WORDS[g[0].lower()]
        if not 1 <= month <= 12 or ref_y is None:
            return None, "month"
        year = ref_y - 1 if (g[1] or "").lower() in ("năm ngoái", "năm trước") else ref_y
        if not g[1] and ref_m and month > ref_m:
            year -= 1
        return f"{year:04d}-{month:02d}", "month"
    if kind == "y":
        return g[0], "year"
    if kind == "y_rel":
        if ref_y is None:
            return None, "year"
        return str(ref_y if g[0].lower() == "năm nay" else ref_y - 1), "year"
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
    return None, "day"


def find_times(text: str, reference: str | None) -> list[TimeExpression]:
    found: list[TimeExpression] = []
    taken: list[tuple[int, int]] = []
    for kind, rule in _RULES:
        for match in rule.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            value, precision = resolve(kind, match, reference)
            found.append(TimeExpression(match.group(0), match.start(), match.end(), value, precision))
            taken.append((match.start(), match.end()))
    return sorted(found, key=lambda t: t.start)


def tag_times(article: Article) -> Article:
    article.times = find_times(article.text, article.date)
    return article
