"""Shared pieces of the browsing queries: date arguments and unknown filter references."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from service.domain.dates import iso_date
from service.errors import InvalidInput, NotFound

# Argument annotations repeated by every browsing query, described once.
First = Annotated[int | None, strawberry.argument(description="Page size, 1 to 500 (default 50).")]
After = Annotated[str | None, strawberry.argument(description="endCursor of the previous page.")]
VerifiedBefore = Annotated[str | None, strawberry.argument(
    description="Only records last verified before this date (YYYY-MM-DD, the day itself excluded).")]
VerifiedAfter = Annotated[str | None, strawberry.argument(
    description="Only records last verified after this date (YYYY-MM-DD, the day itself excluded).")]
IncludeRetired = Annotated[bool, strawberry.argument(
    description="Also list retired records (default false: only those taking referrals).")]


def date_argument(value: str | None, argument: str) -> str | None:
    """A YYYY-MM-DD argument as its ISO string, or InvalidInput naming the argument."""
    if value is None:
        return None
    try:
        return iso_date(value)
    except ValueError:
        raise InvalidInput(f"`{argument}` is \"{value}\", not a date YYYY-MM-DD",
                           "Write the date like 2025-03-31", argument=argument) from None


def verified_window(before: str | None, after: str | None) -> dict[str, Any]:
    """The verification-window parameters every browsing statement takes."""
    return {"verified_before": date_argument(before, "verifiedBefore"),
            "verified_after": date_argument(after, "verifiedAfter")}


def require_known(row: dict[str, Any], **filters: str | None) -> None:
    """NotFound when a filter names an id the graph does not hold (the statement says so)."""
    for argument, value in filters.items():
        if value is not None and not row.get(f"{argument}_known", True):
            raise NotFound(f"`{argument}` names {value!r}, which is not a known {argument} id",
                           f"Find ids with {argument}s(search: \"...\")")
