"""Input types of the stewards' mutations: one roster row each, field for column.

Each input turns itself into the cells of its roster row (`cells()`); the roster
loader then checks them exactly as it checks a CSV file. Field names are the
roster columns in camelCase, so a problem's `field` names the input field.
"""

from __future__ import annotations

from typing import Any

import strawberry

from loaders.records import cell
from service.api.vocabulary import OrganizationType, Sector, Service
from service.domain.dates import today

VERIFIED = "When a steward last confirmed the record, YYYY-MM-DD (default: today; saving through the API confirms it)."
RETIRED = ("Date it stops, YYYY-MM-DD: retired from that day on; a later day schedules the retirement "
           "(it routes until then, and comingGaps shows what it leaves uncovered); null for a record taking referrals.")
TRAINED = ("When the human trafficking training was last confirmed, YYYY-MM-DD; null: not known to be trained "
           "(routing prefers trained contacts).")
DIMENSION = "Accepted values ({a}, {b}); null, empty or [ANY] accept both."


def cells(values: dict[str, Any]) -> dict[str, str]:
    out = {name: cell(value.value if hasattr(value, "value") else value) for name, value in values.items()}
    out["verified_on"] = out.get("verified_on") or today()
    return out


@strawberry.input(description="An organization, as one row of the organizations roster.")
class OrganizationInput:
    id: str = strawberry.field(description="Stable id you choose, e.g. nc-wake-sheriff.")
    name: str = strawberry.field(description="Display name.")
    sector: Sector = strawberry.field(description="LAW_ENFORCEMENT or SERVICE_PROVIDER.")
    type: OrganizationType = strawberry.field(description="Kind of organization.")
    hours: str | None = strawberry.field(default=None, description="Business hours: 24/7 or e.g. 'Mon-Fri 09:00-17:00' (null: Mon-Fri 09:00-17:00).")
    phone: str | None = strawberry.field(default=None, description="Main phone.")
    email: str | None = strawberry.field(default=None, description="Main email.")
    website: str | None = strawberry.field(default=None, description="Web address.")
    address: str | None = strawberry.field(default=None, description="Street address.")
    address_confidential: bool | None = strawberry.field(default=None, description="True hides the address from all but stewards.")
    notes: str | None = strawberry.field(default=None, description="Free text.")
    verified_on: str | None = strawberry.field(default=None, description=VERIFIED)
    retired_on: str | None = strawberry.field(default=None, description=RETIRED)
    trained_on: str | None = strawberry.field(default=None, description=TRAINED)

    def cells(self) -> dict[str, str]:
        return cells(vars(self))


@strawberry.input(description="A contact, as one row of the contacts roster.")
class ContactInput:
    id: str = strawberry.field(description="Stable id you choose.")
    name: str = strawberry.field(description="Person or desk name.")
    organization: str = strawberry.field(description="Id of the organization the contact works for.")
    phone: str = strawberry.field(description="Direct phone.")
    role: str | None = strawberry.field(default=None, description="Role or title.")
    unit: str | None = strawberry.field(default=None, description="Unit or team.")
    after_hours_phone: str | None = strawberry.field(default=None, description="Phone that answers after hours.")
    email: str | None = strawberry.field(default=None, description="Email.")
    languages: list[str] | None = strawberry.field(default=None, description="Languages spoken.")
    verified_on: str | None = strawberry.field(default=None, description=VERIFIED)
    retired_on: str | None = strawberry.field(default=None, description=RETIRED)
    trained_on: str | None = strawberry.field(default=None, description=TRAINED)

    def cells(self) -> dict[str, str]:
        return cells(vars(self))


@strawberry.input(description="A capability, as one row of the capabilities roster.")
class CapabilityInput:
    id: str = strawberry.field(description="Stable id you choose.")
    organization: str = strawberry.field(description="Id of the organization offering it.")
    service: Service = strawberry.field(description="The service offered.")
    jurisdictions: list[str] = strawberry.field(description="Where it is offered: jurisdiction ids, FIPS codes or state postal codes (at least one).")
    urgency: list[str] | None = strawberry.field(default=None, description=DIMENSION.format(a="URGENT", b="NON_URGENT"))
    hours: list[str] | None = strawberry.field(default=None, description=DIMENSION.format(a="BUSINESS_HOURS", b="AFTER_HOURS"))
    nationality: list[str] | None = strawberry.field(default=None, description=DIMENSION.format(a="FOREIGN_NATIONAL", b="US_CITIZEN"))
    age: list[str] | None = strawberry.field(default=None, description=DIMENSION.format(a="MINOR", b="ADULT"))
    gender: list[str] | None = strawberry.field(default=None, description=DIMENSION.format(a="MALE", b="FEMALE"))
    trafficking: list[str] | None = strawberry.field(default=None, description=DIMENSION.format(a="LABOR", b="SEX"))
    priority: int | None = strawberry.field(default=None, description="Lower is called first among equally near capabilities (default 100).")
    contact: str | None = strawberry.field(default=None, description="Id of the contact to ask for.")
    notes: str | None = strawberry.field(default=None, description="Free text shown with the referral.")
    verified_on: str | None = strawberry.field(default=None, description=VERIFIED)
    retired_on: str | None = strawberry.field(default=None, description=RETIRED)

    def cells(self) -> dict[str, str]:
        return cells(vars(self))
