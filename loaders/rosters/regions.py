"""The regions roster: named groups of counties inside one state (e.g. `Western NC`, a judicial district).

A region is a Jurisdiction of kind `region`, PART_OF its state; each listed
county is PART_OF the region. Re-importing a region replaces its member set.
"""

from __future__ import annotations

from typing import Any

from service.domain.vocabulary import KIND_LEVEL

from ..checks import RowCheck
from ..common import Column

KIND = "regions"
LABEL = "Jurisdiction"
REGION_TYPES = ("region", "district")
COLUMNS = (
    Column("id", True, "stable id you choose (not the id of a state, county or city)", "us-nc-western"),
    Column("name", True, "display name", "Western NC"),
    Column("state", True, "its state: id, FIPS or postal code", "NC"),
    Column("counties", True, "member counties: ids or FIPS codes, separated by ;", "us-nc-buncombe-county;37087"),
    Column("region_type", False, "region (default) or district (e.g. a federal judicial district)", "region"),
    Column("notes", False, "free text", ""),
)
PLACE_COLUMNS = ("id", "state", "counties")
ORGANIZATION_COLUMNS: tuple[str, ...] = ()
CONTACT_COLUMNS: tuple[str, ...] = ()
STEPS = ("writes/unlink_regions", "writes/upsert_regions")


def build(check: RowCheck) -> dict[str, Any] | None:
    region_id = check.ident()
    if region_id is not None:
        existing = check.refs.places.get(region_id)
        if existing is not None and (existing.kind != "region" or existing.id != region_id):
            check.problem("id", region_id, f"is already the id (or FIPS/postal code) of a {existing.kind}; choose another id")
    states = check.places("state", required=True, kinds=("state",), single=True)
    state = states[0].id if states else None
    counties = check.places("counties", required=True, kinds=("county",))
    for county in counties:
        if state and county.state != state:
            check.problem("counties", county.id, f"is not in {state}; a region's counties must all be in its state")
    props = {
        "name": check.text("name", required=True),
        "kind": "region",
        "level": KIND_LEVEL["region"],
        "state": state,
        "region_type": _region_type(check),
        "notes": check.text("notes"),
    }
    return {"id": region_id, "props": props, "state": state, "counties": [c.id for c in counties]}


def _region_type(check: RowCheck) -> str:
    value = (check.text("region_type") or "region").lower()
    if value not in REGION_TYPES:
        check.problem("region_type", value, "is not region or district")
    return value
