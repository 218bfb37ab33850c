"""Jurisdiction types and the browsing queries for places."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from service.api.context import Context
from service.api.pagination import Connection, connection, window
from service.api.permissions import needs
from service.api.vocabulary import Service, value_of
from service.domain.vocabulary import FactKind
from service.domain.vocabulary import JurisdictionKind as Kind
from service.errors import NotFound
from service.ops.auth import Role

if TYPE_CHECKING:
    from service.api.capabilities import Coverage

    JurisdictionKind = Enum  # built from the vocabulary below: to mypy, some Enum
else:
    JurisdictionKind = strawberry.enum(
        Enum("JurisdictionKind", {k.name: k.value for k in Kind}),
        description="Level of a place: country, state, region (a set of counties), county, city.",
    )


@strawberry.type(description="A jurisdiction one level up or down, without its own links.")
class PlaceRef:
    id: str = strawberry.field(description="Stable id, e.g. us-nc-wake-county.")
    name: str = strawberry.field(description="Display name.")
    kind: JurisdictionKind = strawberry.field(description="Level of the place.")


@strawberry.type(description="An ancestor in a place's chain, with its distance.")
class ChainLink(PlaceRef):
    hops: int = strawberry.field(description="PART_OF edges between the place and this ancestor.")


@strawberry.type(description="A fact about a place's anti-trafficking infrastructure or law (the place facts roster).")
class PlaceFact:
    id: str
    kind: FactKind
    statement: str = strawberry.field(description="The fact, in a sentence.")
    source: str = strawberry.field(description="Where it comes from: a statute, a web address, a person and date.")
    verified_on: str | None = strawberry.field(description="When it was last confirmed.")
    retired_on: str | None = strawberry.field(description="When it stops being true (a later day: scheduled).")
    about_id: str = strawberry.field(description="The place it is about: this one or one enclosing it.")
    about: str = strawberry.field(description="That place's name.")
    hops: int = strawberry.field(description="PART_OF steps from this place up to it (0 = this place).")


def to_fact(row: dict[str, Any]) -> PlaceFact:
    f = row["fact"]
    return PlaceFact(id=f["id"], kind=FactKind(f["kind"]), statement=f.get("statement") or "", source=f.get("source") or "",
                     verified_on=f.get("verified_on"), retired_on=f.get("retired_on"), about_id=row["about_id"],
                     about=row.get("about") or row["about_id"], hops=int(row["hops"]))


@strawberry.type(description="A place whose protocols Refgraph records: country, state, region, county or city.")
class Jurisdiction:
    id: str = strawberry.field(description="Stable id: us, us-nc, us-nc-wake-county, us-nc-raleigh, or a region's own id.")
    name: str = strawberry.field(description="Display name.")
    kind: JurisdictionKind = strawberry.field(description="Level of the place.")
    fips: str | None = strawberry.field(description="Census FIPS code (states and counties).")
    postal: str | None = strawberry.field(description="Postal code (states).")
    state: str | None = strawberry.field(description="Id of the enclosing state.")
    timezone: str | None = strawberry.field(description="IANA time zone used to decide business hours.")
    population: int | None = strawberry.field(description="Population where known.")
    lat: float | None = strawberry.field(description="Latitude where known.")
    lon: float | None = strawberry.field(description="Longitude where known.")
    parents: list[PlaceRef] = strawberry.field(description="Places this one is directly PART_OF.")
    child_count: int = strawberry.field(description="How many places are directly PART_OF this one.")

    @strawberry.field(description="What a protocol for this place weighs: facts about it and the places enclosing it (task forces and coalitions, trafficking units, trained staff, local hotlines and protocols, state law), nearest place first, each with its source and the day it was verified.")
    async def facts(self, info: Info[Context, None]) -> list[PlaceFact]:
        return [to_fact(r) for r in await info.context.facts.load(self.id)]

    @strawberry.field(description="Every ancestor up to the country, nearest level first.")
    async def chain(self, info: Info[Context, None]) -> list[ChainLink]:
        links = await info.context.chains.load(self.id)
        return [ChainLink(id=c["id"], name=c["name"], kind=JurisdictionKind(c["kind"]), hops=c["hops"])
                for c in links]

    @strawberry.field(description="Capabilities covering this place: its own (COVERS it) and inherited (COVERS a place containing it), nearest coverage first, then priority.", extensions=needs(Role.ANALYST))
    async def covered_by(
        self, info: Info[Context, None],
        service: Annotated[Service | None, strawberry.argument(description="Only capabilities of this service.")] = None,
        include_retired: Annotated[bool, strawberry.argument(description="Also list retired capabilities and those of retired organizations.")] = False,
    ) -> list[Annotated[Coverage, strawberry.lazy("service.api.capabilities")]]:
        from service.api.capabilities import to_coverage

        rows = await info.context.covered_by.load((self.id, value_of(service), include_retired))
        return to_coverage(self.id, rows)


def to_place(row: dict[str, Any]) -> PlaceRef:
    return PlaceRef(id=row["id"], name=row["name"], kind=JurisdictionKind(row["kind"]))


def to_jurisdiction(row: dict[str, Any]) -> Jurisdiction:
    return Jurisdiction(
        id=row["id"], name=row["name"], kind=JurisdictionKind(row["kind"]),
        fips=row.get("fips"), postal=row.get("postal"), state=row.get("state"),
        timezone=row.get("timezone"), population=row.get("population"),
        lat=row.get("lat"), lon=row.get("lon"), child_count=row.get("child_count") or 0,
        parents=[PlaceRef(id=p["id"], name=p["name"], kind=JurisdictionKind(p["kind"]))
                 for p in row.get("parents") or []],
    )


@strawberry.type
class JurisdictionQueries:
    @strawberry.field(description="One place by id.")
    async def jurisdiction(self, info: Info[Context, None], id: str) -> Jurisdiction:
        rows = await info.context.graph.read("queries/jurisdiction_by_id", id=id)
        if not rows:
            raise NotFound(f"No jurisdiction has the id {id!r}",
                           "Find ids with jurisdictions(search: \"...\")")
        return to_jurisdiction(rows[0]["jurisdiction"])

    @strawberry.field(description="Browse places by kind, name and enclosing place (cursor-paginated).")
    async def jurisdictions(
        self, info: Info[Context, None],
        kind: JurisdictionKind | None = None,
        search: Annotated[str | None, strawberry.argument(description="Case-insensitive part of the name.")] = None,
        within: Annotated[str | None, strawberry.argument(description="Only places inside this jurisdiction id.")] = None,
        territories: Annotated[bool, strawberry.argument(description="Include the territories (PR, GU, VI, AS, MP) and their places; false gives the 50 states and DC.")] = True,
        first: Annotated[int | None, strawberry.argument(description="Page size, 1 to 500 (default 50).")] = None,
        after: Annotated[str | None, strawberry.argument(description="endCursor of the previous page.")] = None,
    ) -> Connection[Jurisdiction]:
        win = window(first, after)
        rows = await info.context.graph.read(
            "queries/jurisdictions", kind=kind.value if kind else None, search=search or None,
            within=within, territories=territories, skip=win.skip, limit=win.limit)
        total, page = rows[0]["total"], rows[0]["page"]
        return connection(win, total, page, to_jurisdiction)
