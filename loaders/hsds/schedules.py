"""HSDS schedules (RFC 5545 weekly rules) as Refgraph's hours text, and back.

Refgraph's hours are a week: day ranges with opening times ("Mon-Fri 09:00-17:00, Sat
10:00-14:00", or "24/7"). A WEEKLY schedule (interval 1, no week, month-day or year-day limits)
with `byday`, `opens_at` and `closes_at` is one such range; anything else (monthly rules, every
other week, schedules that ended) says nothing about an ordinary week and is reported, not read.
A closing time of 23:59 is the end of the day; seven days open all day is 24/7.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from service.domain.hours import HoursError, parse_hours

from .package import HsdsRow

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
END_OF_DAY = "23:59"  # closes_at of a span open to midnight
TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*(?:Z|[+-]\d{2}:?\d{2}))?$")


@dataclass(frozen=True)
class Problem:
    row: HsdsRow
    field: str
    value: str
    message: str


@dataclass
class Read:
    hours: str | None  # None: no schedule Refgraph can read (the default hours apply)
    problems: list[Problem]  # the package is wrong: nothing is imported
    skipped: list[Problem]  # fine HSDS that is not an ordinary week: reported


def _minutes(row: HsdsRow, name: str, problems: list[Problem]) -> int | None:
    value = row.get(name)
    match = TIME.match(value)
    if not match or int(match[1]) > 24 or int(match[2]) > 59:
        problems.append(Problem(row, name, value, "is not a time of day written HH:MM (e.g. 09:00 or 17:30)"))
        return None
    minutes = int(match[1]) * 60 + int(match[2])
    return 1440 if minutes in (1439, 1440) else minutes  # 23:59 and 24:00: the end of the day


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def read_schedules(rows: list[HsdsRow], today: str) -> Read:
    """The hours a set of schedules (of one location, or of one organization's services) give."""
    problems: list[Problem] = []
    skipped: list[Problem] = []
    days_of: dict[tuple[int, int], set[int]] = defaultdict(set)
    descriptions = set()
    for row in rows:
        before = len(problems)
        days = [d.strip().upper() for d in row.get("byday").split(",") if d.strip()]
        bad = [d for d in days if d not in DAY_CODES and not re.match(r"^[+-]?\d{1,2}(MO|TU|WE|TH|FR|SA|SU)$", d)]
        if bad:
            problems.append(Problem(row, "byday", row.get("byday"), f"names {', '.join(bad)}, not days of the week "
                                    f"({', '.join(DAY_CODES)})"))
        opens = _minutes(row, "opens_at", problems) if row.get("opens_at") else None
        closes = _minutes(row, "closes_at", problems) if row.get("closes_at") else None
        if len(problems) > before:
            continue
        if opens is None or closes is None or not days:
            skipped.append(Problem(row, "opens_at", "", "gives no days and opening times; not read as hours"))
            continue
        if (row.get("freq") or "WEEKLY").upper() != "WEEKLY" or row.get("interval") not in ("", "1") or \
                any(row.get(f) for f in ("byweekno", "bymonthday", "byyearday")) or any(d not in DAY_CODES for d in days):
            skipped.append(Problem(row, "freq", row.get("freq"), "is not every week (monthly, every other week, or "
                                   "some weeks only); not read as weekly hours"))
            continue
        if row.get("valid_to") and row.get("valid_to")[:10] < today:
            skipped.append(Problem(row, "valid_to", row.get("valid_to"), "has passed; the schedule is not read"))
            continue
        if opens == closes:
            problems.append(Problem(row, "closes_at", row.get("closes_at"), "is the opening time; a range must have length"))
            continue
        days_of[(opens, closes)].update(DAY_CODES.index(d) for d in days)
        descriptions.add(row.get("description"))
    if problems or not days_of:
        return Read(None, problems, skipped)
    text = _hours_text(days_of)
    if len(descriptions) == 1:  # Refgraph's export keeps the hours as written; use them when they agree
        (written,) = descriptions
        try:
            if written and parse_hours(written).intervals == parse_hours(text).intervals:
                text = written
        except HoursError:
            pass
    return Read(text, problems, skipped)


def _hours_text(days_of: dict[tuple[int, int], set[int]]) -> str:
    if len(days_of) == 1 and (0, 1440) in days_of and days_of[(0, 1440)] == set(range(7)):
        return "24/7"
    chunks = []
    for (opens, closes), days in sorted(days_of.items(), key=lambda kv: (min(kv[1]), kv[0])):
        for first, last in _runs(sorted(days)):
            span = DAY_NAMES[first] if first == last else f"{DAY_NAMES[first]}-{DAY_NAMES[last]}"
            chunks.append((first, f"{span} {_clock(opens)}-{_clock(closes)}"))
    return ", ".join(text for _, text in sorted(chunks))


def _runs(days: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for day in days:
        if runs and runs[-1][1] == day - 1:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def weekly_spans(hours: str | None) -> list[tuple[str, str, str]]:
    """An hours text (empty: the default Mon-Fri 09:00-17:00) as weekly schedule rows: (byday,
    opens_at, closes_at), one per span of the day and the days it is open then, in week order;
    a span open to midnight closes at 23:59 (HSDS times stop there)."""
    days_of: dict[tuple[int, int], list[int]] = defaultdict(list)
    for day, start, end in parse_hours(hours).intervals:
        days_of[(start, end)].append(day)
    spans = sorted(days_of.items(), key=lambda kv: (min(kv[1]), kv[0]))
    return [(",".join(DAY_CODES[d] for d in sorted(days)), END_OF_DAY if start >= 1440 else _clock(start),
             END_OF_DAY if end >= 1440 else _clock(end)) for (start, end), days in spans]


__all__ = ["Problem", "Read", "read_schedules", "weekly_spans"]
