"""The capabilities roster: one service an organization offers, to whom, and where."""

from __future__ import annotations

from typing import Any

from service.domain.vocabulary import ANY, DIMENSIONS, Notify, Service

from ..checks import RowCheck, set_apart
from ..common import SOURCE_HELP, Column

KIND = "capabilities"
LABEL = "Capability"
COLUMNS = (
    Column("id", True, "stable id you choose", "wake-sheriff-extraction"),
    Column("organization", True, "id of the organization offering it", "nc-wake-sheriff"),
    Column("service", True, "one of the 8 services", "VICTIM_EXTRACTION"),
    *(Column(d.name, False, f"ANY (or empty), {d.values[0]}, {d.values[1]}, or both separated by ;",
             "ANY" if d.name != "hours" else "BUSINESS_HOURS;AFTER_HOURS") for d in DIMENSIONS),
    Column("jurisdictions", True, "where it is offered: jurisdiction ids, FIPS or state postal codes, separated by ;", "us-nc-wake-county;37063"),
    Column("priority", False, "whole number; lower is called first among equally near options (default 100)", "10"),
    Column("contact", False, "id of the contact to ask for (contacts roster)", "wake-sheriff-vice-desk"),
    Column("notes", False, "free text shown with the referral", ""),
    Column("notify", False, "FIRST (default: the first who answers, in rank order) or ALL_MEMBERS (report to every "
                            "member of the organization's task forces serving the place)", ""),
    Column("verified_on", True, "date last confirmed, YYYY-MM-DD", "2025-01-15"),
    Column("retired_on", False, "date it stopped, YYYY-MM-DD", ""),
    Column("source", False, SOURCE_HELP, ""),
)
PLACE_COLUMNS = ("jurisdictions",)
ORGANIZATION_COLUMNS = ("organization",)
CONTACT_COLUMNS = ("contact",)
SERVICES = [s.value for s in Service]
NOTIFY = [n.value for n in Notify]
STEPS = ("writes/unlink_capabilities", "writes/upsert_capabilities", "writes/create_capabilities")


def build(check: RowCheck) -> dict[str, Any] | None:
    props: dict[str, Any] = {"service": check.enum("service", SERVICES, required=True)}
    for d in DIMENSIONS:
        props[d.name] = check.dimension(d.name, d.values, ANY)
    props.update({
        "priority": check.integer("priority", default=100),
        "notes": check.text("notes"),
        "verified_on": check.date("verified_on", required=True),
        "retired_on": check.date("retired_on"),
    })
    row = {
        "id": check.ident(),
        "props": props,
        "organization": check.reference("organization", "organization", required=True),
        "covers": [p.id for p in check.places("jurisdictions", required=True)],
        "contact": check.reference("contact", "contact"),
    }
    notify = check.enum("notify", NOTIFY)
    row = set_apart(row, "notify", notify if notify == Notify.ALL_MEMBERS.value else None)  # FIRST: the default
    return set_apart(row, "source", check.text("source"))
