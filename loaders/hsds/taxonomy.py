"""Refgraph's HSDS profile: the taxonomy its matrix facets and its own fields travel under, and
the identifiers its records take in HSDS.

HSDS has no words for a matrix cell (whom a service accepts), an organization's type, a
capability's priority or a task force, so they travel as HSDS `attributes` whose
`taxonomy_term` belongs to the published "Refgraph matrix" taxonomy (`TAXONOMY_URI`):

- a *facet* term classifies: `service:SHELTER_TRANSITIONAL`, `age:MINOR`, `gender:FEMALE`,
  `organization_type:SHERIFF`, `sector:LAW_ENFORCEMENT`, `notify:ALL_MEMBERS`,
  `phone_line:AFTER_HOURS`, `record:TASK_FORCE` (the attribute has no value);
- a *field* term carries a Refgraph field in the attribute's `value`: `refgraph_id`,
  `verified_on`, `retired_on`, `trained_on`, `priority`, `notes`, `contact`, `address`,
  `address_confidential`, `lead`, `member`, `serves`, `region_type`.

Every HSDS id Refgraph writes is a UUID derived from the record's Refgraph id (`hsds_id`), so
exporting twice writes the same ids and a partner's links stay stable; the Refgraph id itself
travels as the `refgraph_id` attribute, so a re-import finds the very same records.
Service areas name a jurisdiction by `PLACE_URN` + its Refgraph id in `uri`.
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass

from service.domain.vocabulary import DIMENSIONS, SERVICE_LABELS, OrgType, Sector, Service

TAXONOMY_NAME = "Refgraph matrix"
TAXONOMY_URI = "https://github.com/refgraph/refgraph/blob/main/docs/hsds.md#the-refgraph-matrix-taxonomy"
TAXONOMY_VERSION = "1"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/refgraph/refgraph/hsds")
PLACE_URN = "urn:refgraph:jurisdiction:"
REGION_EXTENT = "refgraph_counties"  # a region's service area lists its member counties in `extent`


def hsds_id(kind: str, refgraph_id: str) -> str:
    """The HSDS UUID of a Refgraph record (kind: organization, service, contact, phone, ...)."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{refgraph_id}"))


@dataclass(frozen=True)
class Term:
    code: str  # facet:VALUE or field
    name: str
    description: str

    @property
    def id(self) -> str:
        return hsds_id("taxonomy_term", self.code)

    @property
    def facet(self) -> str:
        return self.code.split(":", 1)[0]

    @property
    def value(self) -> str | None:
        return self.code.split(":", 1)[1] if ":" in self.code else None


FIELDS: dict[str, str] = {
    "refgraph_id": "The record's id in Refgraph (value)",
    "verified_on": "Date a steward last confirmed the record, YYYY-MM-DD (value)",
    "retired_on": "Date the record stops operating, YYYY-MM-DD (value)",
    "trained_on": "Date its human trafficking training was last confirmed, YYYY-MM-DD (value)",
    "priority": "Whole number; lower is called first among equally near options (value)",
    "notes": "Free text shown with the referral (value)",
    "contact": "Refgraph id of the contact to ask for (value)",
    "address": "The organization's street address as Refgraph holds it (value)",
    "address_confidential": "true: the address is shown to stewards only (value)",
    "lead": "Refgraph id of the task force's lead organization (value)",
    "member": "Refgraph id of a member organization of the task force (value)",
    "serves": "Refgraph id of a place the task force serves (value)",
    "region_type": "region or district, for a region's service area (value)",
}


def _facets() -> list[Term]:
    terms = [Term(f"service:{s.value}", SERVICE_LABELS[s], f"The service is {SERVICE_LABELS[s].lower()}")
             for s in Service]
    for d in DIMENSIONS:
        for v in d.values:
            terms.append(Term(f"{d.name}:{v}", f"{d.title}: {v.replace('_', ' ').lower()}",
                              f"The service accepts people whose {d.title.lower()} is {v.replace('_', ' ').lower()}"))
    terms += [Term(f"organization_type:{t.value}", t.value.replace("_", " ").title(), f"Organization type {t.value}")
              for t in OrgType]
    terms += [Term(f"sector:{s.value}", s.value.replace("_", " ").title(), f"Sector {s.value}") for s in Sector]
    terms += [
        Term("notify:ALL_MEMBERS", "Notify every member",
             "A report goes to this organization and to every member of its task forces serving the place"),
        Term("phone_line:AFTER_HOURS", "After-hours line", "The number that answers after business hours"),
        Term("record:TASK_FORCE", "Task force", "This organization row is a Refgraph task force"),
    ]
    return terms


@functools.cache
def terms() -> dict[str, Term]:
    """Every term of the taxonomy, by code."""
    return {t.code: t for t in [*_facets(), *(Term(code, code.replace("_", " "), text) for code, text in FIELDS.items())]}


@functools.cache
def term_by_id() -> dict[str, Term]:
    return {t.id: t for t in terms().values()}


TAXONOMY_ID = hsds_id("taxonomy", TAXONOMY_NAME)

__all__ = ["FIELDS", "NAMESPACE", "PLACE_URN", "REGION_EXTENT", "TAXONOMY_ID", "TAXONOMY_NAME",
           "TAXONOMY_URI", "TAXONOMY_VERSION", "Term", "hsds_id", "term_by_id", "terms"]
