"""Per-request context: the gateway and DataLoaders that batch nested lookups."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from service.graph import AsyncGraph


class Context(BaseContext):
    def __init__(self, graph: AsyncGraph, settings: Any = None) -> None:
        super().__init__()
        self.graph = graph
        self.settings = settings
        self.chains: DataLoader[str, list[dict[str, Any]]] = DataLoader(load_fn=self._load_chains)

    async def _load_chains(self, ids: list[str]) -> list[list[dict[str, Any]]]:
        rows = await self.graph.read("queries/jurisdiction_chains", ids=list(ids))
        by_id = {r["id"]: r["chain"] for r in rows}
        return [by_id.get(i, []) for i in ids]
