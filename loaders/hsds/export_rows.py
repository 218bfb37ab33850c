"""Refgraph's records as HSDS 3.0 rows, in Refgraph's HSDS profile (loaders.hsds.taxonomy).

Pure: roster rows in (loaders.records: every cell text, lists joined by ';'), HSDS rows out, one
dict of CSV cells per row, by table name; loaders.hsds.export reads the graph and writes the files.
Every id is derived from a Refgraph id (taxonomy.hsds_id), so the same graph gives the same rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from service.domain.dates import is_retired
from service.domain.hours import DEFAULT_HOURS
from service.domain.vocabulary import (
    ANY,
    COLUMN_LABELS,
    DIMENSIONS,
    SERVICE_LABELS,
    Dimension,
    Notify,
    Service,
)
from service.errors import RefgraphError

from . import taxonomy as tx
from .schedules import weekly_spans
from .taxonomy import hsds_id

Row = dict[str, str]
LINK_TYPE = "refgraph"  # attributes.link_type of every attribute Refgraph writes
DEFAULT_REGION_TYPE = "region"
# "street, city, ST 12345": an address HSDS can hold in its required fields (else only the attribute)
STREET_ADDRESS = re.compile(r"^(?P<street>[^,]+),\s*(?P<city>[^,]+),\s*(?P<state>[A-Z]{2})\s+(?P<zip>\d{5}(?:-\d{4})?)$")
TAXONOMY_DESCRIPTION = ("Refgraph's anti-trafficking referral matrix: the services, the situations each accepts "
                        "(urgency, hours, nationality, age, gender, trafficking type), and the Refgraph fields "
                        "HSDS has no column for")


@dataclass(frozen=True)
class Place:
    """A place a service area names, with its display name."""

    id: str
    name: str  # "Wake County, North Carolina"
    kind: str


@dataclass
class Tables:
    """HSDS rows by table name, as they are made."""

    rows: dict[str, list[Row]] = field(default_factory=dict)

    def add(self, table: str, **cells: str | None) -> str:
        """One row (empty cells left out); returns its id."""
        row = {name: value for name, value in cells.items() if value}
        self.rows.setdefault(table, []).append(row)
        return row["id"]

    def attribute(self, link_id: str, entity: str, code: str, value: str = "") -> None:
        """An attribute of the Refgraph matrix taxonomy on the row `link_id` of table `entity`."""
        term = tx.terms().get(code)
        if term is None:
            raise RefgraphError(f"The {entity} {link_id} has {code!r}, which the Refgraph matrix taxonomy has no "
                                "term for", "Correct the record in Refgraph and export again")
        self.add("attribute", id=hsds_id("attribute", f"{link_id}:{code}:{value}"), link_id=link_id,
                 taxonomy_term_id=term.id, link_type=LINK_TYPE, link_entity=entity, value=value)

    def fields(self, link_id: str, entity: str, cells: Mapping[str, str], names: Iterable[str]) -> None:
        """A field attribute for each of these roster cells that is set."""
        for name in names:
            if cells.get(name):
                self.attribute(link_id, entity, name, cells[name])


def items(cell: str | None) -> list[str]:
    """A roster list cell's items, in order, each once."""
    return list(dict.fromkeys(v.strip() for v in (cell or "").split(";") if v.strip()))


def taxonomy(t: Tables) -> None:
    t.add("taxonomy", id=tx.TAXONOMY_ID, name=tx.TAXONOMY_NAME, description=TAXONOMY_DESCRIPTION,
          uri=tx.TAXONOMY_URI, version=tx.TAXONOMY_VERSION)
    for term in tx.terms().values():
        t.add("taxonomy_term", id=term.id, code=term.code, name=term.name, description=term.description,
              taxonomy=tx.TAXONOMY_NAME, taxonomy_id=tx.TAXONOMY_ID)


def web_address(text: str) -> str:
    """A website as HSDS's uri field takes it: one written without a scheme (www.example.org) gets https://."""
    return text if not text or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", text) else f"https://{text}"


def street_address(text: str) -> dict[str, str] | None:
    """The HSDS address fields of "street, city, ST 12345", or None (no addresses row then)."""
    found = STREET_ADDRESS.match(text.strip())
    if found is None:
        return None
    return {"address_1": found["street"].strip(), "city": found["city"].strip(), "state_province": found["state"],
            "postal_code": found["zip"], "country": "US", "address_type": "physical"}


def organization(t: Tables, cells: Mapping[str, str], *, confidential_addresses: bool) -> None:
    rid = cells["id"]
    oid = t.add("organization", id=hsds_id("organization", rid), name=cells["name"],
                description=cells["notes"] or cells["name"], email=cells["email"], website=web_address(cells["website"]))
    t.attribute(oid, "organization", "refgraph_id", rid)
    t.attribute(oid, "organization", f"organization_type:{cells['type']}")
    t.attribute(oid, "organization", f"sector:{cells['sector']}")
    t.fields(oid, "organization", cells, ("verified_on", "retired_on", "trained_on", "notes"))
    confidential = cells["address_confidential"] == "true"
    address = cells["address"] if confidential_addresses or not confidential else ""
    if address:
        t.attribute(oid, "organization", "address", address)
    if confidential:
        t.attribute(oid, "organization", "address_confidential", "true")
    if cells["phone"]:
        t.add("phone", id=hsds_id("phone", f"organization:{rid}"), organization_id=oid, number=cells["phone"], type="voice")
    lid = t.add("location", id=hsds_id("location", rid), organization_id=oid, name=cells["name"],
                location_type="physical" if address else "virtual")
    parts = street_address(address)
    if parts:
        t.add("address", id=hsds_id("address", rid), location_id=lid, **parts)
    for byday, opens, closes in weekly_spans(cells["hours"]):
        t.add("schedule", id=hsds_id("schedule", f"{rid}:{byday}:{opens}-{closes}"), location_id=lid, freq="WEEKLY",
              byday=byday, opens_at=opens, closes_at=closes, description=cells["hours"] or DEFAULT_HOURS)


def contact(t: Tables, cells: Mapping[str, str]) -> None:
    rid = cells["id"]
    cid = t.add("contact", id=hsds_id("contact", rid),
                organization_id=hsds_id("organization", cells["organization"]) if cells["organization"] else None,
                name=cells["name"], title=cells["role"], department=cells["unit"], email=cells["email"])
    t.attribute(cid, "contact", "refgraph_id", rid)
    t.fields(cid, "contact", cells, ("verified_on", "retired_on", "trained_on"))
    if cells["phone"]:
        pid = t.add("phone", id=hsds_id("phone", f"contact:{rid}"), contact_id=cid, number=cells["phone"], type="voice")
        for language in items(cells["languages"]):
            t.add("language", id=hsds_id("language", f"contact:{rid}:{language}"), phone_id=pid, name=language)
    if cells["after_hours_phone"]:
        aid = t.add("phone", id=hsds_id("phone", f"contact-after-hours:{rid}"), contact_id=cid,
                    number=cells["after_hours_phone"], type="voice", description="After hours")
        t.attribute(aid, "phone", "phone_line:AFTER_HOURS")


def accepted(cells: Mapping[str, str], dimension: Dimension) -> tuple[str, ...]:
    """The values of a dimension a capability accepts (ANY or empty: both), in the dimension's order."""
    given = items(cells[dimension.name])
    if not given or given == [ANY]:
        return dimension.values
    unknown = [v for v in given if v not in dimension.values]
    if unknown:
        raise RefgraphError(f"Capability {cells['id']} accepts {dimension.name} {unknown[0]!r}, which is not "
                            f"{' or '.join(dimension.values)}", "Correct the capability in Refgraph and export again")
    return tuple(v for v in dimension.values if v in given)


def eligibility(accepts: Mapping[str, tuple[str, ...]]) -> str:
    """Whom a capability accepts, as a sentence: "Age: minor only. Any urgency, hours, ... or trafficking type."."""
    only = [f"{d.title}: {COLUMN_LABELS[accepts[d.name][0]].lower()} only" for d in DIMENSIONS if len(accepts[d.name]) == 1]
    free = [d.title.lower() for d in DIMENSIONS if len(accepts[d.name]) != 1]
    rest = f"any {', '.join(free[:-1])} or {free[-1]}" if len(free) > 1 else f"any {free[0]}" if free else ""
    if not only:
        return f"Every situation: {rest}."
    return "; ".join(only) + (f". Otherwise {rest}." if rest else ".")


def capability(t: Tables, cells: Mapping[str, str], organization_names: Mapping[str, str],
               places: Mapping[str, Place]) -> None:
    rid, org = cells["id"], cells["organization"]
    label = SERVICE_LABELS[Service(cells["service"])]
    accepts = {d.name: accepted(cells, d) for d in DIMENSIONS}
    ages = accepts["age"]
    sid = t.add("service", id=hsds_id("service", rid), organization_id=hsds_id("organization", org) if org else None,
                name=f"{label} ({organization_names.get(org, org)})" if org else label,
                description=cells["notes"] or label,
                status="inactive" if is_retired(cells["retired_on"] or None) else "active",
                assured_date=cells["verified_on"], eligibility_description=eligibility(accepts),
                minimum_age="18" if ages == ("ADULT",) else None, maximum_age="17" if ages == ("MINOR",) else None)
    t.attribute(sid, "service", "refgraph_id", rid)
    t.attribute(sid, "service", f"service:{cells['service']}")
    for d in DIMENSIONS:
        for value in accepts[d.name]:
            t.attribute(sid, "service", f"{d.name}:{value}")
    t.fields(sid, "service", cells, ("priority",))
    if cells["notify"] == Notify.ALL_MEMBERS.value:
        t.attribute(sid, "service", f"notify:{Notify.ALL_MEMBERS.value}")
    t.fields(sid, "service", cells, ("contact", "verified_on", "retired_on", "notes"))
    if org:
        t.add("service_at_location", id=hsds_id("service_at_location", rid), service_id=sid,
              location_id=hsds_id("location", org))
    for place_id in items(cells["jurisdictions"]):
        place = places.get(place_id) or Place(place_id, place_id, "")
        t.add("service_area", id=hsds_id("service_area", f"{rid}:{place_id}"), service_id=sid, name=place.name,
              uri=tx.PLACE_URN + place_id)


def region(t: Tables, cells: Mapping[str, Any]) -> None:
    """A region, defined once for the whole package: a service area of no service, naming the
    region by URN and listing its member counties (its services' areas name it by URN)."""
    counties = list(cells.get("counties") or [])
    area = t.add("service_area", id=hsds_id("service_area", f"region:{cells['id']}"), name=cells["name"],
                 description=f"Refgraph region of {len(counties)} count{'y' if len(counties) == 1 else 'ies'}",
                 uri=tx.PLACE_URN + cells["id"], extent_type=tx.REGION_EXTENT, extent=";".join(counties))
    if cells.get("region_type") and cells["region_type"] != DEFAULT_REGION_TYPE:
        t.attribute(area, "service_area", "region_type", cells["region_type"])


def task_force(t: Tables, cells: Mapping[str, str]) -> None:
    rid = cells["id"]
    tid = t.add("organization", id=hsds_id("task_force", rid), name=cells["name"], description=cells["notes"] or cells["name"])
    t.attribute(tid, "organization", "record:TASK_FORCE")
    t.attribute(tid, "organization", "refgraph_id", rid)
    t.fields(tid, "organization", cells, ("lead",))
    for name, column in (("member", "members"), ("serves", "jurisdictions")):
        for value in items(cells[column]):
            t.attribute(tid, "organization", name, value)
    t.fields(tid, "organization", cells, ("verified_on", "notes"))


def package_rows(rosters: Mapping[str, list[dict[str, str]]], places: Mapping[str, Place], *,
                 regions: Iterable[Mapping[str, Any]] = (), confidential_addresses: bool = False) -> dict[str, list[Row]]:
    """Every HSDS row of the package, by table name, each table sorted by id."""
    t = Tables()
    taxonomy(t)
    for cells in regions:
        region(t, cells)
    for cells in rosters["organizations"]:
        organization(t, cells, confidential_addresses=confidential_addresses)
    for cells in rosters["contacts"]:
        contact(t, cells)
    names = {o["id"]: o["name"] for o in rosters["organizations"]}
    for cells in rosters["capabilities"]:
        capability(t, cells, names, places)
    for cells in rosters["taskforces"]:
        task_force(t, cells)
    return {table: sorted(rows, key=lambda r: r["id"]) for table, rows in t.rows.items()}
