"""The task forces roster: a task force, its member organizations (one may lead) and where it serves."""

from __future__ import annotations

from typing import Any

from ..checks import RowCheck
from ..common import Column

KIND = "taskforces"
LABEL = "TaskForce"
COLUMNS = (
    Column("id", True, "stable id you choose", "nc-triangle-htf"),
    Column("name", True, "display name", "Triangle Human Trafficking Task Force"),
    Column("lead", False, "id of the lead organization (also counted as a member)", "nc-wake-sheriff"),
    Column("members", False, "ids of member organizations, separated by ;", "nc-raleigh-pd;nc-safe-house"),
    Column("jurisdictions", True, "where it serves: jurisdiction ids, FIPS or state postal codes, separated by ;", "us-nc-wake-county;37063"),
    Column("notes", False, "free text", ""),
    Column("verified_on", False, "date last confirmed, YYYY-MM-DD", "2025-01-15"),
)
PLACE_COLUMNS = ("jurisdictions",)
ORGANIZATION_COLUMNS = ("lead", "members")
CONTACT_COLUMNS: tuple[str, ...] = ()
STEPS = ("writes/unlink_taskforces", "writes/upsert_taskforces")


def build(check: RowCheck) -> dict[str, Any] | None:
    lead = check.reference("lead", "organization")
    members = [{"id": m, "lead": m == lead} for m in check.references("members", "organization") if m != lead]
    if lead:
        members.insert(0, {"id": lead, "lead": True})
    props = {
        "name": check.text("name", required=True),
        "notes": check.text("notes"),
        "verified_on": check.date("verified_on"),
    }
    serves = [p.id for p in check.places("jurisdictions", required=True)]
    return {"id": check.ident(), "props": props, "members": members, "serves": serves}
