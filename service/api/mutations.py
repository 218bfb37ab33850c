"""Stewards' mutations: upsert, retire, re-cover and verify records.

Expected failures are part of the schema: every payload is a union of the
saved record, `InvalidRecord` (the roster loader's problems, field by field;
nothing is written) and, for changes to an existing id, `NotFound`.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from loaders import records as r
from service.api import stewardship as s
from service.api.capabilities import Capability, to_capability
from service.api.contacts import Contact, to_contact
from service.api.context import Context
from service.api.inputs import CapabilityInput, ContactInput, OrganizationInput
from service.api.organizations import Organization, to_organization
from service.api.permissions import needs
from service.api.taskforces import TaskForce, to_task_force
from service.domain.dates import today
from service.ops.auth import Role

Reason = Annotated[str | None, strawberry.argument(description="Why the change is made (kept for the audit trail).")]
Id = Annotated[str, strawberry.argument(description="Id of the record.")]


@strawberry.enum(description="What a save did to the graph.")
class SaveOutcome(Enum):
    CREATED = "CREATED"
    UPDATED = "UPDATED"
    UNCHANGED = "UNCHANGED"


@strawberry.enum(description="The kinds of record stewards keep.")
class RecordKind(Enum):
    ORGANIZATION = "ORGANIZATION"
    CONTACT = "CONTACT"
    CAPABILITY = "CAPABILITY"
    TASK_FORCE = "TASK_FORCE"


KINDS = {RecordKind.ORGANIZATION: r.ORGANIZATION, RecordKind.CONTACT: r.CONTACT,
         RecordKind.CAPABILITY: r.CAPABILITY, RecordKind.TASK_FORCE: r.TASK_FORCE}


@strawberry.type(description="The organization as saved.")
class OrganizationSaved:
    organization: Organization = strawberry.field(description="The record as it now stands.")
    outcome: SaveOutcome = strawberry.field(description="Created, updated or unchanged.")


@strawberry.type(description="The contact as saved.")
class ContactSaved:
    contact: Contact = strawberry.field(description="The record as it now stands.")
    outcome: SaveOutcome = strawberry.field(description="Created, updated or unchanged.")


@strawberry.type(description="The capability as saved.")
class CapabilitySaved:
    capability: Capability = strawberry.field(description="The record as it now stands.")
    outcome: SaveOutcome = strawberry.field(description="Created, updated or unchanged.")


@strawberry.type(description="The task force as saved.")
class TaskForceSaved:
    task_force: TaskForce = strawberry.field(description="The record as it now stands.")
    outcome: SaveOutcome = strawberry.field(description="Created, updated or unchanged.")


@strawberry.type(description="One problem with one field of the input, as the roster loader states it.")
class FieldProblem:
    field: str | None = strawberry.field(description="The input field (e.g. verifiedOn); null when the problem is with the record as a whole.")
    value: str = strawberry.field(description="The value given (empty when it was missing).")
    problem: str = strawberry.field(description="What is wrong and what is accepted.")


@strawberry.type(description="The record failed the roster rules; nothing was written.")
class InvalidRecord:
    message: str = strawberry.field(description="Every problem in one sentence.")
    problems: list[FieldProblem] = strawberry.field(description="Each problem, field by field.")


@strawberry.type(name="NotFound", description="No record of this kind has this id.")
class RecordNotFound:
    message: str = strawberry.field(description="What was not found and how to find ids.")
    kind: RecordKind = strawberry.field(description="The kind of record asked for.")
    id: str = strawberry.field(description="The id asked for.")


UpsertOrganizationResult = Annotated[OrganizationSaved | InvalidRecord, strawberry.union("UpsertOrganizationResult")]
UpsertContactResult = Annotated[ContactSaved | InvalidRecord, strawberry.union("UpsertContactResult")]
UpsertCapabilityResult = Annotated[CapabilitySaved | InvalidRecord, strawberry.union("UpsertCapabilityResult")]
OrganizationResult = Annotated[OrganizationSaved | InvalidRecord | RecordNotFound, strawberry.union("OrganizationResult")]
ContactResult = Annotated[ContactSaved | InvalidRecord | RecordNotFound, strawberry.union("ContactResult")]
CapabilityResult = Annotated[CapabilitySaved | InvalidRecord | RecordNotFound, strawberry.union("CapabilityResult")]
VerifyResult = Annotated[OrganizationSaved | ContactSaved | CapabilitySaved | TaskForceSaved | InvalidRecord | RecordNotFound,
                         strawberry.union("VerifyResult")]

PLURAL = {"organization": "organizations", "contact": "contacts", "capability": "capabilities",
          "task force": "taskForces"}


def payload(result: s.Result) -> Any:
    """A stewardship result as its GraphQL type."""
    if isinstance(result, s.Rejected):
        return InvalidRecord(message=result.message, problems=[
            FieldProblem(field=p.field, value=p.value, problem=p.problem) for p in result.problems])
    if isinstance(result, s.Missing):
        kind = next(k for k, v in KINDS.items() if v is result.kind)
        return RecordNotFound(kind=kind, id=result.id, message=(
            f"No {result.kind.label} has the id {result.id!r}. "
            f"Find ids with {PLURAL[result.kind.label]}(search: \"...\")"))
    outcome, record = SaveOutcome(result.outcome), result.record
    if result.kind is r.ORGANIZATION:
        return OrganizationSaved(organization=to_organization(record), outcome=outcome)
    if result.kind is r.CAPABILITY:
        return CapabilitySaved(capability=to_capability(record), outcome=outcome)
    if result.kind is r.TASK_FORCE:
        return TaskForceSaved(task_force=to_task_force(record), outcome=outcome)
    return ContactSaved(contact=to_contact(record), outcome=outcome)


def steward(info: Info[Context, None]) -> s.Steward:
    principal = info.context.principal
    return s.Steward(info.context.graph, info.context.writer, f"key:{principal.key_id}:{principal.name}"
                     if principal.key_id else principal.name)


@strawberry.type(description="Stewards' changes to the roster records, validated exactly as a roster import is.")
class Mutation:
    @strawberry.mutation(description="Create an organization, or replace every field of the one with this id.", extensions=needs(Role.STEWARD))
    async def upsert_organization(self, info: Info[Context, None], input: Annotated[OrganizationInput, strawberry.argument(description="The whole record: fields left out are cleared.")], reason: Reason = None) -> UpsertOrganizationResult:
        return payload(await steward(info).save(r.ORGANIZATION, input.cells(), reason))

    @strawberry.mutation(description="Create a contact, or replace every field of the one with this id.", extensions=needs(Role.STEWARD))
    async def upsert_contact(self, info: Info[Context, None], input: Annotated[ContactInput, strawberry.argument(description="The whole record: fields left out are cleared.")], reason: Reason = None) -> UpsertContactResult:
        return payload(await steward(info).save(r.CONTACT, input.cells(), reason))

    @strawberry.mutation(description="Create a capability, or replace every field (coverage, dimensions, priority, contact) of the one with this id.", extensions=needs(Role.STEWARD))
    async def upsert_capability(self, info: Info[Context, None], input: Annotated[CapabilityInput, strawberry.argument(description="The whole record: fields left out are cleared.")], reason: Reason = None) -> UpsertCapabilityResult:
        return payload(await steward(info).save(r.CAPABILITY, input.cells(), reason))

    @strawberry.mutation(description="Mark an organization retired today: it and its capabilities stop routing. Upsert it with retiredOn null to restore it.", extensions=needs(Role.STEWARD))
    async def retire_organization(self, info: Info[Context, None], id: Id, reason: Reason = None) -> OrganizationResult:
        return payload(await steward(info).retire(r.ORGANIZATION, id, reason))

    @strawberry.mutation(description="Mark a contact retired today: it is no longer offered (the organization's phone is).", extensions=needs(Role.STEWARD))
    async def retire_contact(self, info: Info[Context, None], id: Id, reason: Reason = None) -> ContactResult:
        return payload(await steward(info).retire(r.CONTACT, id, reason))

    @strawberry.mutation(description="Mark a capability retired today: it never routes again unless restored by an upsert.", extensions=needs(Role.STEWARD))
    async def retire_capability(self, info: Info[Context, None], id: Id, reason: Reason = None) -> CapabilityResult:
        return payload(await steward(info).retire(r.CAPABILITY, id, reason))

    @strawberry.mutation(description="Replace the places a capability COVERS.", extensions=needs(Role.STEWARD))
    async def set_coverage(
        self, info: Info[Context, None],
        capability_id: Annotated[str, strawberry.argument(description="Id of the capability.")],
        jurisdictions: Annotated[list[str], strawberry.argument(description="Every place it covers from now on: jurisdiction ids, FIPS codes or state postal codes (at least one).")],
        reason: Reason = None,
    ) -> CapabilityResult:
        return payload(await steward(info).change(r.CAPABILITY, capability_id, reason, "coverage",
                                                  jurisdictions=r.cell(jurisdictions)))

    @strawberry.mutation(description="Record that a steward confirmed the record today (verifiedOn becomes today).", extensions=needs(Role.STEWARD))
    async def verify(
        self, info: Info[Context, None],
        kind: Annotated[RecordKind, strawberry.argument(description="Kind of record.")],
        id: Id, reason: Reason = None,
    ) -> VerifyResult:
        return payload(await steward(info).change(KINDS[kind], id, reason, "verify", verified_on=today()))
