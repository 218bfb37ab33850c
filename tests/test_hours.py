"""Business hours versus after hours (pure logic)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from service.domain.hours import (
    AFTER_HOURS,
    BUSINESS_HOURS,
    HoursError,
    decide_hours,
    hours_problem,
    minute_of_week,
    parse_hours,
)
from service.errors import InvalidInput

NY = "America/New_York"
LA = "America/Los_Angeles"


def at(day: int, hour: int, minute: int = 0, zone: str = NY) -> datetime:
    return datetime(2025, 3, day, hour, minute, tzinfo=ZoneInfo(zone))  # 2025-03-10 is a Monday


@pytest.mark.parametrize("moment,expected", [
    (at(10, 9), BUSINESS_HOURS), (at(10, 16, 59), BUSINESS_HOURS), (at(10, 17), AFTER_HOURS),
    (at(10, 8, 59), AFTER_HOURS), (at(8, 12), AFTER_HOURS), (at(9, 12), AFTER_HOURS),
])
def test_absent_hours_mean_weekdays_nine_to_five_and_weekends_are_after_hours(moment: datetime, expected: str) -> None:
    assert decide_hours(moment, NY, None) == expected


def test_moment_is_judged_in_the_place_time_zone() -> None:
    moment = at(10, 18)  # 18:00 in New York is 15:00 in Los Angeles
    assert decide_hours(moment, NY, None) == AFTER_HOURS
    assert decide_hours(moment, LA, None) == BUSINESS_HOURS


def test_stated_hours_several_ranges_and_always_open() -> None:
    assert decide_hours(at(8, 10), NY, "Mon-Sat 08:00-20:00") == BUSINESS_HOURS
    assert decide_hours(at(9, 10), NY, "Mon-Sat 08:00-20:00") == AFTER_HOURS
    assert decide_hours(at(9, 11), NY, "Mon-Fri 09:00-17:00; Sun 10:00-14:00") == BUSINESS_HOURS
    assert decide_hours(at(9, 3), NY, "24/7") == BUSINESS_HOURS
    assert decide_hours(at(11, 2), NY, "Mon-Fri 22:00-06:00") == BUSINESS_HOURS  # Monday night shift
    assert parse_hours("Mon,Wed 09:00-12:00").is_open(at(12, 10))
    assert parse_hours("Mon-Fri 09:00-17:00, Sat 10:00-14:00").is_open(at(8, 11))  # the loader's separator


@pytest.mark.parametrize("text", ["weekdays", "Mon-Fri 9-5", "Mon-Fry 09:00-17:00", "Mon-Fri 09:00-25:00"])
def test_bad_hours_text_names_the_organization_and_the_text(text: str) -> None:
    with pytest.raises(HoursError) as caught:
        parse_hours(text, organization="nc-youth-house")
    assert "nc-youth-house" in caught.value.message and text in caught.value.message
    assert "Mon-Fri 09:00-17:00" in caught.value.message
    assert hours_problem(text) is not None and hours_problem("24/7") is None


def test_a_moment_without_a_time_zone_is_refused() -> None:
    with pytest.raises(InvalidInput, match="offset"):
        decide_hours(datetime(2025, 3, 10, 12), NY, None)


@pytest.mark.parametrize("text", [
    None, "24/7", "Mon-Fri 09:00-17:00", "Mon-Sat 08:00-20:00; Sun 10:00-14:00", "Fri-Mon 22:00-06:00",
    "Sun 20:00-24:00, Mon 00:00-02:00", "Daily 00:00-24:00", "Tue 09:00-12:00; Tue 11:00-15:00",
])
def test_week_minutes_say_open_exactly_when_the_hours_do(text: str | None) -> None:
    """The engine decides hours from `week_minutes` (queries/route_referrals): at every
    quarter hour of a week it must agree with `is_open`, overnight and merged ranges too."""
    hours = parse_hours(text)
    bounds = hours.week_minutes()
    assert bounds == sorted(bounds) and len(bounds) % 2 == 0
    for day in range(10, 17):  # Monday 10 March 2025 to Sunday
        for quarter in range(96):
            local = at(day, quarter // 4, quarter % 4 * 15 + 7)
            m = minute_of_week(local, NY)
            engine = any(bounds[i] <= m < bounds[i + 1] for i in range(0, len(bounds), 2))
            assert engine == hours.is_open(local), (text, local)


def test_minute_of_week_is_counted_from_monday_midnight_in_the_zone() -> None:
    assert minute_of_week(at(10, 0), NY) == 0
    assert minute_of_week(at(16, 23, 59), NY) == 7 * 1440 - 1
    assert minute_of_week(at(10, 9), LA) == 6 * 60  # 09:00 in New York is 06:00 in Los Angeles


def test_a_moment_at_the_edge_of_the_calendar_is_refused_with_the_reason() -> None:
    utc = ZoneInfo("UTC")
    with pytest.raises(InvalidInput, match="too far from today"):
        minute_of_week(datetime(1, 1, 1, 0, 0, tzinfo=utc), LA)
    with pytest.raises(InvalidInput, match="too far from today"):
        decide_hours(datetime(9999, 12, 31, 23, 0, tzinfo=utc), "Pacific/Kiritimati")
