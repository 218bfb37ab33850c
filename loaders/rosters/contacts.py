"""The contacts roster: people (or desks) to call, each working for one organization."""

from __future__ import annotations

from typing import Any

from ..checks import RowCheck, set_apart
from ..common import SOURCE_HELP, Column

KIND = "contacts"
LABEL = "Contact"
COLUMNS = (
    Column("id", True, "stable id you choose", "wake-sheriff-vice-desk"),
    Column("name", True, "person or desk name", "Sgt. Dana Reyes"),
    Column("organization", True, "id of the organization (organizations roster)", "nc-wake-sheriff"),
    Column("role", False, "role or title", "Vice unit supervisor"),
    Column("unit", False, "unit or team", "Vice"),
    Column("phone", True, "direct phone", "919-555-0142"),
    Column("after_hours_phone", False, "phone that answers after hours", "919-555-0199"),
    Column("email", False, "email", "dreyes@example.org"),
    Column("languages", False, "languages spoken, separated by ;", "English;Spanish"),
    Column("verified_on", True, "date last confirmed, YYYY-MM-DD", "2025-01-15"),
    Column("retired_on", False, "date the contact left, YYYY-MM-DD", ""),
    Column("trained_on", False, "date the contact's human trafficking training was last confirmed, YYYY-MM-DD (empty: not known to be trained)", "2026-03-10"),
    Column("source", False, SOURCE_HELP, ""),
)
PLACE_COLUMNS: tuple[str, ...] = ()
ORGANIZATION_COLUMNS = ("organization",)
CONTACT_COLUMNS: tuple[str, ...] = ()
STEPS = ("writes/unlink_contacts", "writes/upsert_contacts")


def build(check: RowCheck) -> dict[str, Any] | None:
    languages = check.items("languages")
    props = {
        "name": check.text("name", required=True),
        "role": check.text("role"),
        "unit": check.text("unit"),
        "phone": check.phone("phone", required=True),
        "after_hours_phone": check.phone("after_hours_phone"),
        "email": check.email("email"),
        "languages": languages or None,
        "verified_on": check.date("verified_on", required=True),
        "retired_on": check.date("retired_on"),
    }
    row = {"id": check.ident(), "props": props,
           "organization": check.reference("organization", "organization", required=True)}
    return set_apart(set_apart(row, "trained_on", check.date("trained_on")), "source", check.text("source"))
