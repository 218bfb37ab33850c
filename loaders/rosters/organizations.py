"""The organizations roster: one row per organization (law enforcement or service provider)."""

from __future__ import annotations

from typing import Any

from service.domain.hours import hours_problem, parse_hours
from service.domain.vocabulary import OrgType, Sector

from ..checks import RowCheck, set_apart
from ..common import SOURCE_HELP, Column

KIND = "organizations"
LABEL = "Organization"
COLUMNS = (
    Column("id", True, "stable id you choose", "nc-wake-sheriff"),
    Column("name", True, "display name", "Wake County Sheriff's Office"),
    Column("sector", True, "LAW_ENFORCEMENT or SERVICE_PROVIDER", "LAW_ENFORCEMENT"),
    Column("type", True, "one of the organization types", "SHERIFF"),
    Column("hours", False, "business hours: 24/7 or e.g. Mon-Fri 09:00-17:00 (empty: Mon-Fri 09:00-17:00)", "24/7"),
    Column("phone", False, "main phone", "919-555-0100"),
    Column("email", False, "main email", "info@example.org"),
    Column("website", False, "web address", "https://example.org"),
    Column("address", False, "street address", "330 S Salisbury St, Raleigh, NC"),
    Column("address_confidential", False, "true hides the address from all but stewards", "false"),
    Column("notes", False, "free text", ""),
    Column("verified_on", True, "date last confirmed, YYYY-MM-DD", "2025-01-15"),
    Column("retired_on", False, "date it stopped operating, YYYY-MM-DD", ""),
    Column("trained_on", False, "date its staff's human trafficking training was last confirmed, YYYY-MM-DD (empty: not known to be trained)", "2026-03-10"),
    Column("source", False, SOURCE_HELP, ""),
)
PLACE_COLUMNS: tuple[str, ...] = ()
ORGANIZATION_COLUMNS: tuple[str, ...] = ()
CONTACT_COLUMNS: tuple[str, ...] = ()
STEPS = ("writes/upsert_organizations",)


def build(check: RowCheck) -> dict[str, Any] | None:
    hours = check.text("hours")
    problem = hours_problem(hours) if hours is not None else None
    if hours is not None and problem is not None:
        check.problem("hours", hours, problem)
    website = check.text("website")
    props = {
        "name": check.text("name", required=True),
        "sector": check.enum("sector", [s.value for s in Sector], required=True),
        "type": check.enum("type", [t.value for t in OrgType], required=True),
        "hours": "24/7" if hours and hours.lower() == "24/7" else hours,
        "phone": check.phone("phone"),
        "email": check.email("email"),
        "website": website,
        "address": check.text("address"),
        "address_confidential": check.boolean("address_confidential"),
        "notes": check.text("notes"),
        "verified_on": check.date("verified_on", required=True),
        "retired_on": check.date("retired_on"),
    }
    # the open intervals as minutes of the week: how routing decides the hours at a moment
    # (service.domain.hours.WeeklyHours.week_minutes)
    week = parse_hours(hours) if problem is None else None
    derived = {"open_minutes": week.week_minutes() if week else []}
    row = {"id": check.ident(), "props": props, "derived": derived}
    return set_apart(set_apart(row, "trained_on", check.date("trained_on")), "source", check.text("source"))
