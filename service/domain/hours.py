"""Business hours versus after hours.

An organization states its hours as text (`Mon-Fri 09:00-17:00`, `Mon-Sat
08:00-20:00`, `24/7`, several ranges separated by `;` or `, `); no text means
Mon-Fri 09:00-17:00. Weekends are after hours unless stated. A moment is
judged in the place's time zone. `parse_hours` is also what the loader calls to
reject a bad hours cell at import time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import InvalidInput

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

BUSINESS_HOURS = "BUSINESS_HOURS"
AFTER_HOURS = "AFTER_HOURS"
DEFAULT_HOURS = "Mon-Fri 09:00-17:00"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_ALWAYS = {"24/7", "24x7", "24 hours", "always"}
_RANGE = re.compile(r"^(?P<days>[A-Za-z,\- ]+?)\s+(?P<start>\d{1,2}:\d{2})\s*-\s*(?P<end>\d{1,2}:\d{2})$")
_SEPARATOR = re.compile(r";|(?<=\d),")  # ranges: "...17:00; Sat ..." or "...17:00, Sat ..."
_EXAMPLES = "e.g. Mon-Fri 09:00-17:00, Mon-Sat 08:00-20:00; Sun 10:00-14:00, or 24/7"


@dataclass(frozen=True)
class WeeklyHours:
    """Open intervals of the week: (weekday 0=Mon, start minute, end minute), end exclusive."""

    intervals: tuple[tuple[int, int, int], ...]
    text: str

    def is_open(self, local: datetime) -> bool:
        minute = local.hour * 60 + local.minute
        day = local.weekday()
        return any(d == day and start <= minute < end for d, start, end in self.intervals)

    def week_minutes(self) -> list[int]:
        """The open intervals as minutes of the week (Monday 00:00 = 0), merged and flattened:
        [start, end, start, end, ...], ends exclusive. Stored on each organization
        (`open_minutes`) so the engine decides its hours at a moment (queries/route_referrals)."""
        merged: list[list[int]] = []
        for start, end in sorted((d * 1440 + s, d * 1440 + e) for d, s, e in self.intervals):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return [minute for span in merged for minute in span]


class HoursError(InvalidInput):
    """An hours text that cannot be read."""


def _minutes(text: str, whole: str) -> int:
    hours, minutes = (int(part) for part in text.split(":"))
    if hours > 24 or minutes > 59 or (hours == 24 and minutes):
        raise HoursError(f'hours "{whole}": {text} is not a time of day',
                         f"Write times as HH:MM from 00:00 to 24:00, {_EXAMPLES}", argument="hours")
    return hours * 60 + minutes


def _days(text: str, whole: str) -> list[int]:
    spec = text.strip().lower()
    if spec in ("daily", "every day", "mon-sun"):
        return list(range(7))
    out: list[int] = []
    for part in (p.strip() for p in spec.split(",")):
        ends = [e.strip()[:3] for e in part.split("-")]
        if len(ends) > 2 or any(e not in DAYS for e in ends):
            raise HoursError(f'hours "{whole}": "{part}" is not a day or a range of days',
                             f"Use Mon, Tue, Wed, Thu, Fri, Sat, Sun or Daily, {_EXAMPLES}", argument="hours")
        first, last = DAYS.index(ends[0]), DAYS.index(ends[-1])
        out.extend(range(first, last + 1) if first <= last else [*range(first, 7), *range(last + 1)])
    return out


def parse_hours(text: str | None, organization: str | None = None) -> WeeklyHours:
    """Read an hours text; None or blank means the default Mon-Fri 09:00-17:00.
    Raises HoursError (an InvalidInput) naming the organization and the text."""
    try:
        return _parse((text or "").strip() or DEFAULT_HOURS)
    except HoursError as exc:
        if organization is None:
            raise
        raise HoursError(f"Organization {organization}: {exc.problem}", exc.hint, argument="hours") from None


@lru_cache(maxsize=4096)
def _parse(whole: str) -> WeeklyHours:
    """Rosters repeat a few hours texts: each is read once (every route decides the hours
    of every organization it lists)."""
    if whole.lower() in _ALWAYS:
        return WeeklyHours(tuple((d, 0, 1440) for d in range(7)), whole)
    intervals: list[tuple[int, int, int]] = []
    for chunk in (c.strip() for c in _SEPARATOR.split(whole)):
        if not chunk:
            continue
        match = _RANGE.match(chunk)
        if not match:
            raise HoursError(f'hours "{whole}": "{chunk}" is not DAYS HH:MM-HH:MM',
                             f"Write hours {_EXAMPLES}", argument="hours")
        start, end = _minutes(match["start"], whole), _minutes(match["end"], whole)
        for day in _days(match["days"], whole):
            if start < end:
                intervals.append((day, start, end))
            elif start > end:  # overnight: runs into the next day
                intervals.append((day, start, 1440))
                intervals.append(((day + 1) % 7, 0, end))
    return WeeklyHours(tuple(sorted(set(intervals))), whole)


def hours_problem(text: str | None) -> str | None:
    """For validators (which show the value themselves): None when the text reads, else
    what is wrong with it and the fix, e.g. '"9 to 5" is not DAYS HH:MM-HH:MM. Write ...'."""
    try:
        parse_hours(text)
    except HoursError as exc:
        return exc.message.removeprefix(f'hours "{text}": ')
    return None


def zone(name: str | None, place: str = "the place") -> ZoneInfo:
    if not name:
        raise InvalidInput(f"{place} has no time zone (nor has any enclosing jurisdiction)",
                           "Give hours explicitly (--after-hours / --business-hours) instead of a moment",
                           argument="at")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(f"{place} has the unknown time zone {name!r}",
                           "Fix the jurisdiction's timezone (an IANA name like America/New_York)",
                           argument="at") from None


def decide_hours(at: datetime, timezone: str | None, hours: str | None = None,
                 organization: str | None = None, place: str = "the place") -> str:
    """BUSINESS_HOURS when the moment falls inside the stated hours in the place's zone."""
    local = _local(at, timezone, place)
    return BUSINESS_HOURS if parse_hours(hours, organization).is_open(local) else AFTER_HOURS


# The same in Cypher (queries/route_referrals holds both verbatim): the moment $at (epoch
# milliseconds) in the zone `timezone` as `local`, then its minute of the week. The moment is
# converted from UTC rather than built in the zone: ArcadeDB ignores `timezone` in
# datetime({epochMillis, timezone}) (docs/engines.md).
CYPHER_LOCAL_MOMENT = "datetime({datetime: datetime({epochMillis: $at}), timezone: timezone})"
CYPHER_MINUTE_OF_WEEK = "(local.dayOfWeek - 1) * 1440 + local.hour * 60 + local.minute"


def minute_of_week(at: datetime, timezone: str | None, place: str = "the place") -> int:
    """The moment as a minute of the week in the zone (Monday 00:00 = 0): what
    `WeeklyHours.week_minutes` intervals are compared with (CYPHER_MINUTE_OF_WEEK in the
    route statement, kept equal by tests/test_routing_model.py)."""
    local = _local(at, timezone, place)
    return local.weekday() * 1440 + local.hour * 60 + local.minute


def moment_millis(at: datetime) -> int:
    """The moment as milliseconds since the epoch, as queries/route_referrals takes it: the
    statement finds its minute of the week in the place's zone itself (as `minute_of_week`)."""
    _zoned(at)
    return (at - EPOCH) // timedelta(milliseconds=1)


def _zoned(at: datetime) -> None:
    if at.tzinfo is None or at.utcoffset() is None:
        raise InvalidInput(f"The moment {at.isoformat()} has no time zone",
                           "Give it with an offset, e.g. 2025-03-08T23:00:00-05:00", argument="at")


def _local(at: datetime, timezone: str | None, place: str) -> datetime:
    _zoned(at)
    try:
        return at.astimezone(zone(timezone, place))
    except OverflowError:  # year 1 or 9999 moved across a day boundary
        raise InvalidInput(f"The moment {at.isoformat()} is too far from today to place in a time zone",
                           "Give a moment between the years 2 and 9998, e.g. 2026-11-28T23:00:00-05:00",
                           argument="at") from None
