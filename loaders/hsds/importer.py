"""`refgraph load hsds DIR_OR_ZIP`: an HSDS 3.0 directory as Refgraph's rosters, in one write.

    package = read_package(path)                   # checked against the HSDS 3.0 schema
    result = import_hsds(graph, path, mapping=read_mapping(None), dry_run=False)

The package is translated into roster rows (regions, organizations, contacts, task forces,
capabilities), each remembering the HSDS file, row and field it came from; the rows then go
through the rosters' own checks and are written together in ONE transaction
(`loaders.load_rosters`), so every roster guarantee holds: every problem is named (with the
HSDS file, row and field), nothing is written on any problem, and re-importing changes nothing.
Every record keeps where it came from in `source` (`hsds:PACKAGE#TABLE/ID`).

What HSDS says that Refgraph cannot use (a service that maps to none of the eight matrix
services, a service area that names no place Refgraph knows, a schedule that is not an
ordinary week, a contact without a phone, ...) is listed in the result's `notes`, never
dropped silently. docs/hsds.md has the whole mapping.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from service.domain.dates import today as today_date
from service.domain.vocabulary import ANY, DIMENSIONS, LAW_ENFORCEMENT_TYPES, OrgType, Sector
from service.errors import ImportRejected, RowProblem
from service.ops.audit import Audit
from service.store.graph import Graph

from .. import LoadSummary, RosterPart, load_rosters, roster
from . import spec, taxonomy
from .mapping import Mapping
from .package import HsdsRow, Package, PackageRejected, read_package
from .places import PlaceIndex, geojson
from .schedules import Problem, read_schedules
from .spec import LINKS

ROSTER_ORDER = ("regions", "organizations", "contacts", "taskforces", "capabilities")
# The HSDS tables the translation reads; every row of the others is reported as not imported
READ_TABLES = frozenset({"organization", "service", "service_area", "schedule", "phone", "contact", "language",
                         "location", "address", "service_at_location", "attribute", "taxonomy_term", "taxonomy"})
INACTIVE = ("inactive", "defunct", "temporarily closed")


@dataclass(frozen=True)
class Note:
    """Something the package says that Refgraph did not take, and why."""

    file: str
    line: int
    field: str
    text: str

    def __str__(self) -> str:
        where = f"{self.file} line {self.line}" if self.line else self.file
        return f"{where}{', ' + self.field if self.field else ''}: {self.text}"


@dataclass
class HsdsImport:
    package: str
    summaries: list[LoadSummary]
    mapped: dict[str, int]  # HSDS rows that became Refgraph records, by table
    notes: list[Note]
    ignored: list[str]
    non_uuid_ids: int
    dry_run: bool

    def report(self, limit: int | None = 50) -> str:
        lines = [f"HSDS package {self.package}" + (" (dry run: nothing written)" if self.dry_run else "")]
        lines += [f"  {s}" for s in self.summaries]
        taken = ", ".join(f"{n} {t}" for t, n in sorted(self.mapped.items()) if n)
        lines.append(f"Mapped: {taken or 'nothing'}")
        if self.non_uuid_ids:
            lines.append(f"{self.non_uuid_ids} ids are not UUIDs as HSDS 3.0 asks; kept as they are")
        if self.notes:
            lines.append(f"Not mapped ({len(self.notes)}):")
            shown = self.notes if limit is None else self.notes[:limit]
            lines += [f"  {n}" for n in shown]
            if len(shown) < len(self.notes):
                lines.append(f"  ... and {len(self.notes) - len(shown)} more (--all-notes lists them)")
        if self.ignored:
            lines.append(f"Not read ({len(self.ignored)}): " + "; ".join(self.ignored))
        return "\n".join(lines)


@dataclass
class Profile:
    """What a row says in Refgraph's own taxonomy: its facets (values by facet) and fields."""

    facets: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    fields: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, term: taxonomy.Term, value: str) -> None:
        if term.value is not None:
            self.facets[term.facet].append(term.value)
        elif value:
            self.fields[term.code].append(value)

    def facet(self, name: str) -> list[str]:
        return self.facets.get(name, [])

    def value(self, code: str) -> str | None:
        found = self.fields.get(code)
        return found[0] if found else None

    def values(self, code: str) -> list[str]:
        return self.fields.get(code, [])


@dataclass
class _Row:
    """A roster row being built, with where each of its cells came from."""

    cells: dict[str, str]
    origin: HsdsRow
    fields: dict[str, tuple[HsdsRow, str]] = field(default_factory=dict)  # roster column -> HSDS row, field


class _Translation:
    def __init__(self, package: Package, mapping: Mapping, places: PlaceIndex, today: str) -> None:
        self.p, self.mapping, self.places, self.today = package, mapping, places, today
        self.rows: dict[str, list[_Row]] = {k: [] for k in ROSTER_ORDER}
        self.notes: list[Note] = []
        self.problems: list[RowProblem] = []
        self.mapped: Counter[str] = Counter()
        self.orgs = package.by_id("organization")
        self.services = package.by_id("service")
        self.locations = package.by_id("location")
        self.contacts = package.by_id("contact")
        self.sal = package.by_id("service_at_location")
        self.terms = package.by_id("taxonomy_term")
        self.attributes: dict[str, list[HsdsRow]] = defaultdict(list)
        for a in package.rows("attribute"):
            self.attributes[a.get("link_id")].append(a)
        self._links: dict[tuple[str, str], dict[str, list[HsdsRow]]] = {}
        self.verified: dict[str, str] = {}  # Refgraph organization id -> its verified_on
        self.org_ids: dict[str, str] = {}  # HSDS organization id -> Refgraph id
        self.contact_ids: dict[str, str] = {}
        self.new_regions: set[str] = set()

    # -- what a row says ------------------------------------------------------------------------
    def note(self, row: HsdsRow, name: str, text: str) -> None:
        self.notes.append(Note(row.file, row.line, row.where(name), text))

    def problem(self, row: HsdsRow, name: str, value: str, text: str) -> None:
        self.problems.append(RowProblem(row.file, row.line, row.where(name), value[:80], text))

    def profile(self, row: HsdsRow) -> Profile:
        """The Refgraph-taxonomy attributes of a row."""
        known = taxonomy.term_by_id()
        found = Profile()
        for a in self.attributes.get(row.get("id"), []):
            term = known.get(a.get("taxonomy_term_id"))
            if term is None:
                listed = self.terms.get(a.get("taxonomy_term_id"))
                if listed is not None and listed.get("taxonomy_id") == taxonomy.TAXONOMY_ID:
                    term = taxonomy.terms().get(listed.get("code"))
            if term is not None:
                found.add(term, a.get("value"))
        return found

    def term_keys(self, row: HsdsRow) -> set[str]:
        """The codes and names of the taxonomy terms on a row (for the steward's rules)."""
        keys: set[str] = set()
        for a in self.attributes.get(row.get("id"), []):
            term = self.terms.get(a.get("taxonomy_term_id"))
            if term is not None:
                keys.update(v.lower() for v in (term.get("code"), term.get("name")) if v)
        return keys

    def linked(self, table: str, link: str, ident: str) -> list[HsdsRow]:
        """The rows of `table` whose `link` names `ident` (each table indexed once, by link)."""
        index = self._links.get((table, link))
        if index is None:
            index = defaultdict(list)
            for row in self.p.rows(table):
                if row.get(link):
                    index[row.get(link)].append(row)
            self._links[(table, link)] = index
        return index.get(ident, [])

    def phones_of(self, link: str, ident: str) -> list[HsdsRow]:
        return self.linked("phone", link, ident)

    def number(self, phone: HsdsRow) -> str:
        number = phone.get("number").strip().strip("\"'").strip()
        extension = phone.get("extension")
        return f"{number} ext {extension}" if extension and "ext" not in number.lower() else number

    def date_of(self, *values: str) -> str | None:
        dates = sorted(v[:10] for v in values if re.match(r"^\d{4}-\d{2}-\d{2}", v or ""))
        return dates[-1] if dates else None

    def source(self, row: HsdsRow) -> str:
        return f"hsds:{self.p.name}#{row.table}/{row.get('id')}"

    # -- organizations and task forces --------------------------------------------------------
    def organizations(self) -> None:
        for org in self.p.rows("organization"):
            prof = self.profile(org)
            if "TASK_FORCE" in prof.facet("record"):
                self.task_force(org, prof)
                continue
            rid = prof.value("refgraph_id") or org.get("id")
            self.org_ids[org.get("id")] = rid
            texts = [org.get("name"), org.get("alternate_name"), org.get("description")]
            kinds = prof.facet("organization_type") or self.mapping.values("organization_type", texts,
                                                                                  self.term_keys(org))
            kind = kinds[0] if kinds else OrgType.OTHER.value
            if not kinds:
                self.note(org, "name", f"{org.get('name')}: no rule of the mapping gives its type; imported as OTHER "
                          "(add an organization_type rule, or edit it in Refgraph)")
            sector = (prof.facet("sector") or [Sector.LAW_ENFORCEMENT.value if OrgType(kind) in LAW_ENFORCEMENT_TYPES
                                                     else Sector.SERVICE_PROVIDER.value])[0]
            row = _Row({"id": rid, "name": org.get("name"), "sector": sector, "type": kind,
                        "email": org.get("email"), "website": org.get("website"),
                        "source": self.source(org)}, org, {"name": (org, "name"), "email": (org, "email"),
                                                           "website": (org, "website"), "id": (org, "id")})
            row.cells["notes"] = prof.value("notes") or "" if prof.value("refgraph_id") \
                else org.get("description") if org.get("description") != org.get("name") else ""
            phones = [p for p in self.phones_of("organization_id", org.get("id")) if not p.get("contact_id")]
            if phones:
                row.cells["phone"] = self.number(phones[0])
                row.fields["phone"] = (phones[0], "number")
            row.cells["hours"] = self.hours_of(org, row)
            address = prof.value("address")
            if address is None:
                address, where = self.address_of(org)
                if where is not None:
                    row.fields["address"] = (where, "address_1")
            row.cells["address"] = address or ""
            row.cells["address_confidential"] = prof.value("address_confidential") or ""
            services = self.linked("service", "organization_id", org.get("id"))
            verified = prof.value("verified_on") or self.date_of(
                *[s.get("assured_date") for s in services], *[s.get("last_modified") for s in services])
            if verified is None:
                verified = self.today
                self.note(org, "", f"{org.get('name')}: the package gives no date it was checked (assured_date); "
                          f"verified_on set to the import day {self.today}")
            row.cells["verified_on"] = verified
            self.verified[rid] = verified
            for name in ("retired_on", "trained_on"):
                row.cells[name] = prof.value(name) or ""
            if org.get("parent_organization_id") and org.get("parent_organization_id") not in self.orgs:
                self.note(org, "parent_organization_id", "names an organization the package does not have; not used")
            self.rows["organizations"].append(row)
            self.mapped["organizations"] += 1

    def hours_of(self, org: HsdsRow, row: _Row) -> str:
        schedules = [s for loc in self.linked("location", "organization_id", org.get("id"))
                     for s in self.linked("schedule", "location_id", loc.get("id")) if not s.get("service_id")]
        if not schedules:  # the organization's own services' schedules, when its locations have none
            schedules = [s for service in self.linked("service", "organization_id", org.get("id"))
                         for s in self.linked("schedule", "service_id", service.get("id"))]
        read = read_schedules(schedules, self.today)
        for p in read.problems:
            self.problem(p.row, p.field, p.value, p.message)
        self.skipped(read.skipped)
        if read.hours is not None and schedules:
            row.fields["hours"] = (schedules[0], "byday")
        return read.hours or ""

    def skipped(self, problems: list[Problem]) -> None:
        for p in problems:
            self.note(p.row, p.field, p.message)

    def address_of(self, org: HsdsRow) -> tuple[str | None, HsdsRow | None]:
        for address in (a for loc in self.linked("location", "organization_id", org.get("id"))
                        for a in self.linked("address", "location_id", loc.get("id"))):
            if address.get("address_type") != "postal":
                state_line = " ".join(v for v in (address.get("state_province"), address.get("postal_code")) if v)
                parts = [address.get("address_1"), address.get("address_2"), address.get("city"), state_line]
                return ", ".join(v for v in parts if v), address
        return None, None

    def task_force(self, org: HsdsRow, prof: Profile) -> None:
        rid = prof.value("refgraph_id") or org.get("id")
        cells = {"id": rid, "name": org.get("name"), "lead": prof.value("lead") or "",
                 "members": ";".join(sorted(prof.values("member"))),
                 "jurisdictions": ";".join(sorted(prof.values("serves"))),
                 "notes": prof.value("notes") or "", "verified_on": prof.value("verified_on") or ""}
        self.rows["taskforces"].append(_Row(cells, org, {"name": (org, "name")}))
        self.mapped["task forces"] += 1

    # -- regions ------------------------------------------------------------------------------
    def regions(self) -> None:
        """Service areas of no service: a region's definition (Refgraph's export writes one per
        region, naming it by URN and listing its counties), else nothing Refgraph can use."""
        for area in self.p.rows("service_area"):
            if area.get("service_id"):
                continue
            ident = area.get("uri").removeprefix(taxonomy.PLACE_URN)
            if area.get("uri").startswith(taxonomy.PLACE_URN) and area.get("extent_type") == taxonomy.REGION_EXTENT:
                if ident not in self.places.ids and ident not in self.new_regions:
                    self.region(area, ident)
            else:
                self.note(area, "service_id", "is empty: an area of no service says nothing Refgraph routes by; not used")

    # -- contacts -----------------------------------------------------------------------------
    def contacts_(self) -> None:
        languages: dict[str, list[HsdsRow]] = defaultdict(list)
        for lang in self.p.rows("language"):
            for link in ("phone_id", "service_id"):
                if lang.get(link):
                    languages[lang.get(link)].append(lang)
        for contact in self.p.rows("contact"):
            prof = self.profile(contact)
            org = self.org_for(contact)
            if org is None:
                self.note(contact, "organization_id", f"{contact.get('name') or contact.get('id')}: no organization of "
                          "the package is named, directly or through its service or location; not imported")
                continue
            phones = self.phones_of("contact_id", contact.get("id"))
            after = [p for p in phones if "AFTER_HOURS" in self.profile(p).facet("phone_line")
                     or re.search(r"after[ -]?hours", p.get("description"), re.IGNORECASE)]
            main = [p for p in phones if p not in after]
            if not main:
                self.note(contact, "", f"{contact.get('name') or contact.get('id')}: no phone (phones.csv contact_id); "
                          "Refgraph routes to a contact's phone, so it is not imported")
                continue
            rid = prof.value("refgraph_id") or contact.get("id")
            self.contact_ids[contact.get("id")] = rid
            spoken: list[str] = []
            for lang in [*languages.get(main[0].get("id"), []), *languages.get(contact.get("service_id"), [])]:
                name = lang.get("name") or lang.get("code")
                if name and name not in spoken:
                    spoken.append(name)
            organization = self.org_ids.get(org.get("id"), org.get("id"))
            verified = prof.value("verified_on") or self.verified.get(organization, self.today)
            cells = {"id": rid, "name": contact.get("name"), "organization": organization,
                     "role": contact.get("title"), "unit": contact.get("department"), "email": contact.get("email"),
                     "phone": self.number(main[0]), "after_hours_phone": self.number(after[0]) if after else "",
                     "languages": ";".join(spoken), "verified_on": verified,
                     "retired_on": prof.value("retired_on") or "",
                     "trained_on": prof.value("trained_on") or "", "source": self.source(contact)}
            fields = {"name": (contact, "name"), "email": (contact, "email"), "phone": (main[0], "number"),
                      "id": (contact, "id")}
            if after:
                fields["after_hours_phone"] = (after[0], "number")
            self.rows["contacts"].append(_Row(cells, contact, fields))
            self.mapped["contacts"] += 1

    def org_for(self, contact: HsdsRow) -> HsdsRow | None:
        if contact.get("organization_id") in self.orgs:
            return self.orgs[contact.get("organization_id")]
        for link, table in (("service_id", self.services), ("location_id", self.locations)):
            owner = table.get(contact.get(link))
            if owner is not None and owner.get("organization_id") in self.orgs:
                if contact.get("organization_id"):
                    self.note(contact, "organization_id", "names an organization the package does not have; the "
                              f"contact is attached to the organization of its {link.removesuffix('_id')}")
                return self.orgs[owner.get("organization_id")]
        return None

    # -- capabilities -------------------------------------------------------------------------
    def capabilities(self) -> None:
        for service in self.p.rows("service"):
            prof = self.profile(service)
            label = service.get("name") or service.get("id")
            organization = self.org_ids.get(service.get("organization_id"))
            if organization is None:
                self.note(service, "organization_id", f"{label}: no organization of the package offers it; not imported")
                continue
            texts = [service.get("name"), service.get("alternate_name"), service.get("description")]
            kinds = prof.facet("service") or self.mapping.values("service", texts, self.term_keys(service))
            if not kinds:
                self.note(service, "name", f"{label}: no rule of the mapping makes it one of the eight matrix services; "
                          "not imported (add a service rule for its taxonomy term or a keyword)")
                continue
            covers = self.covers(service, self.linked("service_area", "service_id", service.get("id")))
            if not covers:
                self.note(service, "", f"{label}: none of its service areas names a place Refgraph knows; not imported "
                          "(add a place rule for the area to the mapping)")
                continue
            profiled = prof.value("refgraph_id")
            cells: dict[str, str] = {"organization": organization, "jurisdictions": ";".join(covers),
                                     "source": self.source(service)}
            cells.update(self.situation(service, prof, texts))
            cells["priority"] = prof.value("priority") or ""
            cells["notify"] = "ALL_MEMBERS" if prof.facet("notify") else ""
            cells["contact"] = prof.value("contact") or self.contact_of(service)
            cells["notes"] = (prof.value("notes") or "") if profiled else service.get("eligibility_description")
            verified = prof.value("verified_on") or self.date_of(service.get("assured_date"),
                                                                               service.get("last_modified"))
            cells["verified_on"] = verified or self.verified[organization]
            retired = prof.value("retired_on")
            if not profiled and service.get("status") in INACTIVE:
                retired = self.date_of(service.get("last_modified"), service.get("assured_date")) or self.today
                self.note(service, "status", f"{label}: {service.get('status')}; imported retired on {retired}")
            cells["retired_on"] = retired or ""
            for kind in kinds:
                rid = profiled or f"{service.get('id')}:{kind.lower().replace('_', '-')}"
                self.rows["capabilities"].append(_Row({**cells, "id": rid, "service": kind}, service,
                                                      {"id": (service, "id"), "verified_on": (service, "assured_date")}))
                self.mapped["capabilities"] += 1

    def situation(self, service: HsdsRow, prof: Profile, texts: list[str]) -> dict[str, str]:
        out = {}
        terms = self.term_keys(service)
        for d in DIMENSIONS:
            values = prof.facet(d.name)
            if not values and not prof.value("refgraph_id"):
                values = self.mapping.values(d.name, [*texts, service.get("eligibility_description")], terms)
                if d.name == "age":
                    values = [*values, *self.ages(service)]
            accepted = [v for v in d.values if v in values]
            out[d.name] = ";".join(accepted) if accepted and len(accepted) < len(d.values) else ANY
        return out

    @staticmethod
    def ages(service: HsdsRow) -> list[str]:
        def number(name: str) -> float | None:
            try:
                return float(service.get(name)) if service.get(name) else None
            except ValueError:
                return None
        low, high = number("minimum_age"), number("maximum_age")
        if high is not None and high < 18:
            return ["MINOR"]
        if low is not None and low >= 18:
            return ["ADULT"]
        return []

    def contact_of(self, service: HsdsRow) -> str:
        for contact in self.linked("contact", "service_id", service.get("id")):
            if contact.get("id") in self.contact_ids:
                return self.contact_ids[contact.get("id")]
        return ""

    def covers(self, service: HsdsRow, areas: list[HsdsRow]) -> list[str]:
        found: list[str] = []
        for area in areas:
            places = self.area_places(area)
            if not places:
                self.note(area, "name", f"{(area.get('name') or area.get('extent') or area.get('id'))[:60]}: names no "
                          "place Refgraph knows (add a place rule for it to the mapping)")
            found.extend(p for p in places if p not in found)
        if not areas:
            for link in self.linked("service_at_location", "service_id", service.get("id")):
                for address in self.linked("address", "location_id", link.get("location_id")):
                    place = self.places.named(f"{address.get('city')}, {address.get('state_province')}") \
                        if address.get("city") else []
                    if place:
                        self.note(service, "", f"{service.get('name')}: no service area; placed at its "
                                  f"location's city ({place[0]})")
                        found.extend(p for p in place if p not in found)
        return sorted(found)

    def area_places(self, area: HsdsRow) -> list[str]:
        uri = area.get("uri")
        if uri.startswith(taxonomy.PLACE_URN):
            ident = uri.removeprefix(taxonomy.PLACE_URN)
            if ident in self.places.ids or ident in self.new_regions:
                return [ident]
            if area.get("extent_type") == taxonomy.REGION_EXTENT:
                return [self.region(area, ident)]
            self.problem(area, "uri", uri, "names a jurisdiction Refgraph does not have (load the built-in US "
                         "jurisdictions first: refgraph load jurisdictions --builtin us)")
            return []
        texts = [area.get("name"), area.get("description"), area.get("extent")]
        ruled = self.mapping.places(texts)
        if ruled:
            resolved = [self.places.reference(t) for t in ruled]
            for token, place in zip(ruled, resolved):
                if place is None:
                    self.problem(area, "name", token, f"the mapping ({self.mapping.name}) sends this area to {token}, "
                                 "which is not a known jurisdiction id, FIPS code or state postal code")
            return [p for p in resolved if p]
        if area.get("extent") and area.get("extent_type").lower() == "geojson":
            try:
                inside = self.places.in_polygon(geojson(area.get("extent")))
            except (ValueError, KeyError, TypeError, IndexError) as exc:
                self.note(area, "extent", f"is not a GeoJSON polygon Refgraph can read ({str(exc)[:80]})")
            else:
                if inside:
                    return inside
        for text in (area.get("name"), area.get("extent") if area.get("extent_type").lower() == "text" else ""):
            if not text:
                continue
            tokens = [t.strip() for t in re.split(r";|\n", text) if t.strip()]
            resolved = [self.places.reference(t) or next(iter(self.places.named(t)), None) for t in tokens]
            if tokens and all(resolved):
                return [p for p in resolved if p]
        return []

    def region(self, area: HsdsRow, ident: str) -> str:
        counties = [c.strip() for c in area.get("extent").split(";") if c.strip()]
        state = self.places.states.get(counties[0], "") if counties else ""
        prof = self.profile(area)
        name = area.get("name") or ident
        state_name = self.places.names.get(state, "")
        if state_name and name.endswith(f", {state_name}"):  # the area's display name: "Region, State"
            name = name.removesuffix(f", {state_name}")
        self.rows["regions"].append(_Row({"id": ident, "name": name, "state": state,
                                          "counties": ";".join(counties),
                                          "region_type": prof.value("region_type") or ""},
                                         area, {"counties": (area, "extent"), "name": (area, "name")}))
        self.new_regions.add(ident)
        self.mapped["regions"] += 1
        return ident


# Rows that mean nothing without what they point at: (table, the links of which one must name a row of the package)
NEEDS_ONE_OF: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("service_area", ("service_id",)),
    ("schedule", ("service_id", "location_id", "service_at_location_id")),
    ("phone", ("organization_id", "service_id", "location_id", "contact_id", "service_at_location_id")),
    ("language", ("service_id", "location_id", "phone_id")),
    ("service_at_location", ("service_id",)),
    ("address", ("location_id",)),
)


def _dangling(package: Package) -> list[RowProblem]:
    """Rows of the tables Refgraph reads whose every link names a row the package does not have."""
    ids = {name: set(package.by_id(name)) for name in package.tables}
    problems = []
    for table, links in NEEDS_ONE_OF:
        for row in package.rows(table):
            given = [link for link in links if row.get(link)]
            if table == "service_area" and not given:
                continue  # a region's definition, or an area of no service (reported by the translation)
            if any(row.get(link) in ids.get(LINKS[link], set()) for link in given):
                continue
            if not given:
                problems.append(RowProblem(row.file, row.line, row.where(links[0]), "",
                                           f"is empty; a {table} row must name its {' or '.join(links)}"))
            for link in given:
                problems.append(RowProblem(row.file, row.line, row.where(link), row.get(link),
                                           f"names no {LINKS[link]} of the package "
                                           f"({spec.tables()[LINKS[link]].path} has no row with this id)"))
    return problems


def translate(package: Package, mapping: Mapping, places: PlaceIndex, today: str) -> _Translation:
    t = _Translation(package, mapping, places, today)
    t.problems.extend(_dangling(package))
    t.regions()
    t.organizations()
    t.contacts_()
    t.capabilities()
    every_id = {r.get("id") for rows in package.tables.values() for r in rows}
    for a in package.rows("attribute"):
        if a.get("link_id") and a.get("link_id") not in every_id:
            t.note(a, "link_id", "names no row of the package; not used")
    for location in package.rows("location"):
        if location.get("organization_id") and location.get("organization_id") not in t.orgs:
            t.note(location, "organization_id", "names an organization the package does not have; its schedules "
                   "and addresses are not used")
    for name, rows in package.tables.items():
        if name not in READ_TABLES and rows:
            path = spec.tables()[name].path
            t.notes.append(Note(path, 0, "", f"{len(rows)} row{'s' if len(rows) != 1 else ''}: Refgraph keeps nothing "
                                f"of HSDS's {name.replace('_', ' ')} table; not imported"))
    return t


def import_hsds(graph: Graph, path: Path, mapping: Mapping, *, dry_run: bool = False,
                audit: Audit | None = None) -> HsdsImport:
    """Check, translate and import an HSDS datapackage; `ImportRejected` lists every problem
    (with its HSDS file, row and field) and nothing is written."""
    try:
        package = read_package(path)
    except PackageRejected as exc:
        raise ImportRejected(file=exc.name, problems=exc.problems) from None
    if audit is not None and audit.checksum is None:
        audit = replace(audit, checksum=f"sha256:{package.checksum}")
    t = translate(package, mapping, PlaceIndex.from_graph(graph), today_date())
    if t.problems:
        raise ImportRejected(file=package.name, problems=t.problems)
    parts, origins = _parts(package.name, t.rows)
    try:
        summaries = load_rosters(graph, parts, dry_run=dry_run, audit=audit)
    except ImportRejected as exc:
        raise ImportRejected(file=package.name, problems=[_where(p, origins) for p in exc.problems]) from None
    return HsdsImport(package.name, summaries, dict(t.mapped), t.notes, package.ignored, package.non_uuid_ids, dry_run)


def _parts(name: str, rows: dict[str, list[_Row]]) -> tuple[list[RosterPart], dict[tuple[str, int], _Row]]:
    parts, origins = [], {}
    for kind in ROSTER_ORDER:
        if not rows[kind]:
            continue
        columns = [c.name for c in roster(kind).COLUMNS]
        source = f"{name} {kind}"
        frame = pd.DataFrame([{c: (r.cells.get(c) or "") for c in columns} for r in rows[kind]], columns=columns, dtype=str)
        parts.append(RosterPart(kind, frame, source))
        for at, row in enumerate(rows[kind]):
            origins[(source, at + 2)] = row  # FrameSource numbers rows from 2, as a file below its header
    return parts, origins


def _where(problem: RowProblem, origins: dict[tuple[str, int], _Row]) -> RowProblem:
    """A roster check's problem, told at the HSDS file, row and field it came from."""
    row = origins.get((problem.file, problem.line))
    if row is None:
        return problem
    origin, name = row.fields.get(problem.column, (row.origin, ""))
    said = problem.problem if name else f"(Refgraph's {problem.column}) {problem.problem}"
    return RowProblem(origin.file, origin.line, origin.where(name), problem.value, said)


__all__ = ["HsdsImport", "Note", "import_hsds", "translate"]

