"""Calendar dates as figures, so "R1 came out on January 27, 2025" can disagree with a claim's January 20.

A date is a `Quantity` in one of three calendar units, by how precise it is: `day` ("January 20, 2025",
"20 Jan 2025", "2025-01-20", and "January 20" without a year), `month` ("November 2024") and `year` (a
bare year only after a word that makes it a date: "founded in 2023", "since 2019", "early 2025"). The
value is a number that sorts, so a date fits `Quantity.value` and `Conflict.stated`/`registry`:

- `day`: `date.toordinal()`; a day and month without a year use year 4 (a leap year, so February 29 fits,
  and a year no real date here has), which is how `date_parts` tells them apart;
- `month`: `year * 12 + month - 1` (year 4 again when the year is not given);
- `year`: the year.

Calendar units are not durations: "two months before R1" is `months`, 2; nothing here compares the two.
Dates are compared with the dates of a claim's own sentence (the registry's figures have none) at the
coarser precision both give, and only when no date of the statement agrees with one of the claim's: a
sentence that gets the claim's date right and gives another date is dating another event ("R1 came out
on January 20, 2025 and NVIDIA fell on January 27").
"""

from __future__ import annotations

import re
from datetime import date

from .model import Conflict, Quantity

CALENDAR_UNITS = ("day", "month", "year")
#: The stand-in year of a date written without one ("January 3"): a leap year no real date here is in.
NO_YEAR = 4

_MONTHS = {"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
           "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
           "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12}
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")

_MON = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
# what may not follow a date: more of a word or number ("May 10x", "January 20.5", "Jan 20-27", "12:00")
_END = r"(?![\w%]|[.,:/\-–]\d)"

#: Explicit dates, most precise first; where two overlap, the earlier and longer one wins.
_PATTERNS: tuple[re.Pattern, ...] = tuple(re.compile(p, re.IGNORECASE) for p in (
    rf"\b{_YEAR}-(?P<mnum>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01]){_END}",  # 2025-01-20
    rf"\b{_YEAR}/(?P<mnum>0?[1-9]|1[0-2])/(?P<day>0?[1-9]|[12]\d|3[01]){_END}",  # 2025/01/20
    rf"(?<![\d/.])(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/{_YEAR}{_END}",  # 1/20/2025 or 20/1/2025
    rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}{_END}",  # January 20, 2025
    rf"\b{_DAY}\s+(?:of\s+)?{_MON},?\s+{_YEAR}{_END}",  # 20 January 2025, 20th of Jan 2025
    rf"\b{_YEAR},?\s+{_MON}\s+{_DAY}{_END}",  # 2025 Jan 20 (references)
    rf"\b{_MON},?\s+(?:of\s+)?{_YEAR}{_END}",  # November 2024
    rf"\b{_MON}\s+{_DAY}{_END}",  # January 3
    rf"\b{_DAY}\s+(?:of\s+)?(?P<dmon>january|february|march|april|june|july|august|september|october|november"
    rf"|december|jan|feb|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?{_END}",  # 3 January ("3 may", "2 mar": no)
))

#: What every explicit date holds: a month's name or digits joined by "/" or "-". Text without it (most
#: text, even with figures) skips the patterns.
_HINT_RE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\d[/-]\d", re.IGNORECASE)

#: Words after which a date is a bound, not the day something happened: "o1 came out before January 2025"
#: does not contradict September 2024. Such dates are `vague`: they may agree with a claim's date ("legal
#: until January 2025"), never conflict with one.
_BOUND_RE = re.compile(
    r"\b(?:before|after|by|until|till|through|thru|prior\s+to|ahead\s+of|as\s+of|earlier\s+than|later\s+than)"
    r"\s+(?:(?:the\s+)?(?:early|mid|late|end\s+of|start\s+of|beginning\s+of|middle\s+of)[\s-]*)?$")
#: Words after which a bare year is a date: "founded in 2023", "since 2019", "the end of 2024", "mid-2024".
_YEAR_CUE_RE = re.compile(
    r"(?:\b(?:in|since|from|during|throughout|circa)\s+(?:(?:early|mid|late)[\s-]*|the\s+(?:end|start|beginning"
    r"|middle|first\s+half|second\s+half|spring|summer|fall|autumn|winter)\s+of\s+)?"
    r"|\b(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+|\b(?:early|mid|late)[\s-]*)$")
_LOOKBACK = 40  # characters before a date searched for a cue or a bound


def _encode(unit: str, year: int | None, month: int = 1, day: int = 1) -> float:
    """The sortable number that stands for a date of a given precision (see the module docstring)."""
    y = NO_YEAR if year is None else year
    if unit == "day":
        return float(date(y, month, day).toordinal())
    if unit == "month":
        return float(y * 12 + month - 1)
    return float(y)


def date_parts(unit: str, value: float) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of an encoded date, None for what it does not give."""
    if unit == "day":
        d = date.fromordinal(int(value))
        return (None if d.year == NO_YEAR else d.year), d.month, d.day
    if unit == "month":
        year, month0 = divmod(int(value), 12)
        return (None if year == NO_YEAR else year), month0 + 1, None
    return int(value), None, None


def format_date(unit: str, value: float) -> str:
    """How a date reads: 'January 20, 2025', 'January 20', 'November 2024', '2023'."""
    year, month, day = date_parts(unit, value)
    if month is None:
        return str(year)
    name = _MONTH_NAMES[month - 1]
    text = f"{name} {day}" if day is not None else name
    if year is None:
        return text
    return f"{text}, {year}" if day is not None else f"{text} {year}"


def iso_date(unit: str, value: float) -> str:
    """An encoded date in ISO 8601 form, for JSON: '2025-01-20', '--01-20' (no year), '2024-11', '2023'."""
    year, month, day = date_parts(unit, value)
    if month is None:
        return f"{year:04d}"
    head = "-" if year is None else f"{year:04d}"
    return f"{head}-{month:02d}-{day:02d}" if day is not None else f"{head}-{month:02d}"


def _is_bound(text: str, start: int) -> bool:
    return _BOUND_RE.search(text[max(0, start - _LOOKBACK):start].lower()) is not None


def _parse(m: re.Match) -> tuple[str, float] | None:
    """(unit, value) of one explicit date match, or None when it is not a real date (February 30) or a
    numeric date that reads both ways (3/4/2025)."""
    g = m.groupdict()
    year = int(g["year"]) if g.get("year") else None
    if g.get("a"):
        a, b = int(g["a"]), int(g["b"])
        if a > 12 >= b:
            month, day = b, a  # 20/1/2025
        elif b > 12 >= a or a == b:
            month, day = a, b  # 1/20/2025
        else:
            return None  # 3/4/2025: March 4 in the US, 3 April elsewhere
    else:
        mon = g.get("mon") or g.get("dmon")
        month = _MONTHS[mon.lower()] if mon else int(g["mnum"])
        day = int(g["day"]) if g.get("day") else None
    try:
        if day is None:
            return "month", _encode("month", year, month)
        return "day", _encode("day", year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[Quantity]:
    """Explicit calendar dates in `text` (month names, ISO and unambiguous numeric dates), in order.

    Bare years are not found here: they are numbers to `find_quantities` first (`year_date`). A date after
    "before", "by", "until" and the like is a bound, and `vague`.
    """
    if _HINT_RE.search(text) is None:
        return []
    spans: list[tuple[int, int, str, float]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            parsed = _parse(m)
            if parsed is not None:
                spans.append((m.start(), m.end(), *parsed))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[Quantity] = []
    last_end = -1
    for start, end, unit, value in spans:
        if start < last_end:
            continue
        last_end = end
        out.append(Quantity(value=value, unit=unit, text=text[start:end].strip(), start=start, end=end,
                            vague=_is_bound(text, start)))
    return out


def year_date(text: str, start: int, end: int) -> Quantity | None:
    """A bare year (`text[start:end]`, already known to be 1900-2099 with no unit) as a `year` date, when a
    word before it makes it one ("in 2023", "since 2019", "the end of 2024", "mid-2024") and it is not a
    decade ("the 2020s"). After a bound ("by 2025", "until 2025") it is a `vague` date."""
    if end < len(text) and (text[end].isalnum() or text[end] in "'’" and text[end + 1:end + 2] == "s"):
        return None
    before = text[max(0, start - _LOOKBACK):start].lower()
    bound = _BOUND_RE.search(before) is not None
    if not bound and not _YEAR_CUE_RE.search(before):
        return None
    return Quantity(value=float(text[start:end]), unit="year", text=text[start:end], start=start, end=end,
                    vague=bound)


# -- comparing dates ------------------------------------------------------------------------------------

def _common(a: Quantity, b: Quantity) -> tuple[tuple[int, ...], tuple[int, ...], str] | None:
    """The two dates cut to the precision both give, with the unit of that precision; None when they share
    nothing to compare ("January 3" and "2023")."""
    pa, pb = date_parts(a.unit, a.value), date_parts(b.unit, b.value)
    both_year = pa[0] is not None and pb[0] is not None
    if pa[1] is None or pb[1] is None:  # a year on one side: years, if both have one
        return ((pa[0],), (pb[0],), "year") if both_year else None
    if pa[2] is None or pb[2] is None:  # a month on one side
        if both_year:
            return (pa[0], pa[1]), (pb[0], pb[1]), "month"
        return (pa[1],), (pb[1],), "month"
    if both_year:
        return pa, pb, "day"
    return (pa[1], pa[2]), (pb[1], pb[2]), "day"


def _value_at(parts: tuple[int, ...], unit: str) -> float:
    """Encode the parts `_common` gave back in `unit` (a date without its year gets year 4)."""
    if unit == "year":
        return float(parts[0])
    if len(parts) == (2 if unit == "month" else 3):
        return _encode(unit, *parts)
    return _encode(unit, None, *parts)


def date_conflicts(dates: list[Quantity] | tuple[Quantity, ...],
                   claim_dates: list[Quantity] | tuple[Quantity, ...]) -> tuple[Conflict, ...]:
    """Dates of a statement that disagree with every date of the claim's own sentence.

    Each pair is compared at the coarser precision both give ("December 2024" agrees with "December 26,
    2024"; "January 3" is compared with "January 15, 2025" by month and day). When any date of the
    statement agrees with any of the claim's, none conflicts: the others date other events. Bounds ("before
    January 2025", `vague`) may agree but never conflict, on either side. A conflict is reported at the
    precision of the comparison (in years when only the year differs), with the claim's full date in its
    label when that is more precise.
    """
    pairs = [(q, s, _common(q, s)) for q in dates for s in claim_dates]
    if not pairs or any(c is not None and c[0] == c[1] for _, _, c in pairs):
        return ()
    out: list[Conflict] = []
    for q in dates:
        if q.vague:
            continue
        options = [(s, c) for q2, s, c in pairs if q2 is q and c is not None and not s.vague]
        if not options:
            continue
        s, (mine, theirs, unit) = min(options, key=lambda o: abs(_value_at(o[1][0], o[1][2])
                                                                 - _value_at(o[1][1], o[1][2])))
        if unit != "year" and len(mine) == (2 if unit == "month" else 3) and mine[1:] == theirs[1:]:
            # only the year is wrong ("November 2022" for November 2023): a conflict of years
            mine, theirs, unit = mine[:1], theirs[:1], "year"
        registry = _value_at(theirs, unit)
        label = "the claim's own date"
        if (unit, registry) != (s.unit, s.value):  # compared at a coarser precision: say which day it was
            label += f", {format_date(s.unit, s.value)}"
        out.append(Conflict(unit=unit, stated=_value_at(mine, unit), registry=registry, stated_text=q.text,
                            label=label))
    return tuple(out)
