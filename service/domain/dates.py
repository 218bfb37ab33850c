"""Calendar dates as people write them, in rosters and in query arguments: YYYY-MM-DD."""

from __future__ import annotations

import datetime as dt
import re

WRITTEN = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def iso_date(text: str) -> str:
    """`text` as an ISO date; ValueError unless it is written YYYY-MM-DD and is a real day
    (2025-02-30 is not; neither is 2025-3-1 nor 20250301, which `date.fromisoformat` takes)."""
    if not WRITTEN.match(text):
        raise ValueError(f"{text!r} is not written YYYY-MM-DD")
    return dt.date.fromisoformat(text).isoformat()


def today() -> str:
    """Today's date, YYYY-MM-DD: the one clock for retirements, verification stamps and the
    statements' `$today` (service.store.statements.dated); a function of its own, so tests can move it."""
    return dt.date.today().isoformat()


def is_retired(retired_on: str | None, on: str | None = None) -> bool:
    """Retired by `on` (default: today): a later retired_on is a scheduled retirement, and the
    record is live until that day (the statements' `$today` rule, cypher/ and service.store.statements.dated)."""
    return bool(retired_on) and str(retired_on) <= (on or today())
