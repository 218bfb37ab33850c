"""Per-request context: the gateway and DataLoaders that batch nested lookups.

Every nested field that would otherwise query once per parent (an organization's
offers, a contact's organization, a place's coverage) asks a DataLoader here;
the loader gathers the keys of one level of the response into one statement.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from service.ops.auth import ANONYMOUS, Principal
from service.store.graph import AsyncGraph, Graph

Row = dict[str, Any]
CoverageKey = tuple[str, str | None, bool]  # (jurisdiction id, service or None, include retired)


class Context(BaseContext):
    def __init__(self, graph: AsyncGraph, settings: Any = None, writer: Graph | None = None,
                 principal: Principal = ANONYMOUS) -> None:
        super().__init__()
        self.graph = graph
        self.principal = principal  # who is asking; permission classes read its role
        self.settings = settings
        self.writer = writer  # sync gateway for stewards' writes through the roster loaders
        self.chains: DataLoader[str, list[Row]] = DataLoader(load_fn=self._load_chains)
        self.facts: DataLoader[str, list[Row]] = DataLoader(load_fn=self._load_facts)
        self.organizations: DataLoader[str, Row | None] = DataLoader(load_fn=self._load_organizations)
        self.contacts: DataLoader[str, Row | None] = DataLoader(load_fn=self._load_contacts)
        self.offers: DataLoader[str, list[Row]] = DataLoader(load_fn=self._load_offers)
        self.staff: DataLoader[str, list[Row]] = DataLoader(load_fn=self._load_staff)
        self.memberships: DataLoader[str, list[Row]] = DataLoader(load_fn=self._load_memberships)
        self.covered_by: DataLoader[CoverageKey, list[Row]] = DataLoader(load_fn=self._load_covered_by)

    async def _load_chains(self, ids: list[str]) -> list[list[Row]]:
        rows = await self.graph.read("queries/jurisdiction_chains", ids=list(ids))
        by_id = {r["id"]: r["chain"] for r in rows}
        return [by_id.get(i, []) for i in ids]

    async def _load_facts(self, ids: list[str]) -> list[list[Row]]:
        rows = await self.graph.read("queries/place_facts", ids=list(ids))
        by_id: dict[str, list[Row]] = {}
        for r in rows:
            by_id.setdefault(r["id"], []).append(r)
        return [by_id.get(i, []) for i in ids]

    async def _by_id(self, query: str, key: str, ids: list[str]) -> list[Row | None]:
        rows = await self.graph.read(query, ids=list(ids))
        by_id = {r[key]["id"]: r[key] for r in rows}
        return [by_id.get(i) for i in ids]

    async def _grouped(self, query: str, key: str, ids: list[str]) -> list[list[Row]]:
        rows = await self.graph.read(query, ids=list(ids))
        groups: dict[str, list[Row]] = defaultdict(list)
        for r in rows:
            groups[r["id"]].append(r if key == "*" else r[key])
        return [groups.get(i, []) for i in ids]

    async def _load_organizations(self, ids: list[str]) -> list[Row | None]:
        return await self._by_id("queries/organization_records", "organization", ids)

    async def _load_contacts(self, ids: list[str]) -> list[Row | None]:
        return await self._by_id("queries/contact_records", "contact", ids)

    async def _load_offers(self, ids: list[str]) -> list[list[Row]]:
        return await self._grouped("queries/organization_offers", "capability", ids)

    async def _load_staff(self, ids: list[str]) -> list[list[Row]]:
        return await self._grouped("queries/organization_contacts", "contact", ids)

    async def _load_memberships(self, ids: list[str]) -> list[list[Row]]:
        return await self._grouped("queries/organization_task_forces", "*", ids)

    async def _load_covered_by(self, keys: list[CoverageKey]) -> list[list[Row]]:
        rows = await self.graph.read("queries/covered_by", keys=[
            {"id": i, "service": s, "include_retired": r} for i, s, r in keys])
        by_key = {(r["id"], r["service"], r["include_retired"]): r["coverage"] for r in rows}
        return [by_key.get(k, []) for k in keys]
