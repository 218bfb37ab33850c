"""Builders for test graphs: a small jurisdiction DAG and roster DataFrames.

Jurisdictions are written by a test-only statement (tests/cypher/), since the
loaders only import the built-in US; rosters go through `loaders.load_frame`
with the columns of docs/model.md, so tests exercise the real import path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from service.domain.vocabulary import KIND_LEVEL
from service.store.graph import Graph

FIXTURE_CYPHER = Path(__file__).parent / "cypher"
TZ = "America/New_York"


def place(id: str, name: str, kind: str, state: str | None = "us-ts", population: int | None = None,
          timezone: str | None = None, **extra: Any) -> dict[str, Any]:
    props = {"id": id, "name": name, "kind": kind, "level": KIND_LEVEL[kind], "state": state,
             "population": population, "timezone": timezone, **extra}
    return {k: v for k, v in props.items() if v is not None}


def small_state() -> tuple[list[dict[str, Any]], list[list[str]]]:
    """Test State (us-ts) -> region -> 2 counties -> 2 cities each; counties also PART_OF the state."""
    places = [
        place("us", "United States", "country", state=None, timezone=TZ),
        place("us-ts", "Test State", "state", state=None, timezone=TZ, postal="TS", fips="99"),
        place("us-ts-east", "East Region", "region"),
        place("us-ts-alpha-county", "Alpha County", "county", population=1000, fips="99001"),
        place("us-ts-beta-county", "Beta County", "county", population=3000, fips="99003"),
        place("us-ts-a1", "Alphaville", "city", population=600),
        place("us-ts-a2", "Alpha Springs", "city", population=400),
        place("us-ts-b1", "Betatown", "city", population=2000),
        place("us-ts-b2", "Lancaster", "city", population=1000),
    ]
    links = [
        ["us-ts", "us"], ["us-ts-east", "us-ts"],
        ["us-ts-alpha-county", "us-ts"], ["us-ts-alpha-county", "us-ts-east"],
        ["us-ts-beta-county", "us-ts"],
        ["us-ts-a1", "us-ts-alpha-county"], ["us-ts-a2", "us-ts-alpha-county"],
        ["us-ts-b1", "us-ts-beta-county"], ["us-ts-b2", "us-ts-beta-county"],
    ]
    return places, links


def write_jurisdictions(graph: Graph, places: list[dict[str, Any]], links: list[list[str]]) -> None:
    text = (FIXTURE_CYPHER / "test_jurisdictions.cypher").read_text(encoding="utf-8")
    with graph.driver.session(database=graph.address.database) as session:
        session.execute_write(lambda tx: tx.run(text, places=places, links=links).consume())


@dataclass
class Roster:
    """Rows of the organizations, contacts and capabilities rosters (docs/model.md columns)."""

    organizations: list[dict[str, Any]] = field(default_factory=list)
    contacts: list[dict[str, Any]] = field(default_factory=list)
    capabilities: list[dict[str, Any]] = field(default_factory=list)
    taskforces: list[dict[str, Any]] = field(default_factory=list)

    def org(self, id: str, type: str = "ANTI_TRAFFICKING", *, name: str | None = None,
            sector: str | None = None, hours: str = "", phone: str = "555-0100",
            retired_on: str = "", verified_on: str = "2025-01-01", trained_on: str = "") -> str:
        le = type in ("TASK_FORCE", "FBI", "HSI", "POLICE", "SHERIFF", "USAO", "VICTIM_WITNESS")
        self.organizations.append({
            "id": id, "name": name or id.replace("-", " ").title(),
            "sector": sector or ("LAW_ENFORCEMENT" if le else "SERVICE_PROVIDER"),
            "type": type, "hours": hours, "phone": phone, "verified_on": verified_on, "retired_on": retired_on,
            "trained_on": trained_on,
        })
        return id

    def contact(self, id: str, organization: str, *, phone: str = "555-0101", after_hours_phone: str = "",
                retired_on: str = "", verified_on: str = "2025-01-01", trained_on: str = "") -> str:
        self.contacts.append({
            "id": id, "name": id.replace("-", " ").title(), "organization": organization, "phone": phone,
            "after_hours_phone": after_hours_phone, "verified_on": verified_on, "retired_on": retired_on,
            "trained_on": trained_on,
        })
        return id

    def capability(self, id: str, organization: str, service: str, jurisdictions: str | list[str], *,
                   priority: int | None = None, contact: str = "", verified_on: str = "2025-01-01",
                   retired_on: str = "", notes: str = "", notify: str = "", **dimensions: str) -> str:
        covers = jurisdictions if isinstance(jurisdictions, str) else ";".join(jurisdictions)
        row = {"id": id, "organization": organization, "service": getattr(service, "value", service), "jurisdictions": covers,
               "priority": "" if priority is None else str(priority), "contact": contact, "notes": notes,
               "notify": notify, "verified_on": verified_on, "retired_on": retired_on}
        for dim in ("urgency", "hours", "nationality", "age", "gender", "trafficking"):
            row[dim] = dimensions.get(dim, "ANY")
        self.capabilities.append(row)
        return id

    def taskforce(self, id: str, lead: str, members: list[str], jurisdictions: str) -> str:
        self.taskforces.append({"id": id, "name": id.replace("-", " ").title(), "lead": lead,
                                "members": ";".join(members), "jurisdictions": jurisdictions,
                                "verified_on": "2025-01-01"})
        return id

    def frames(self) -> dict[str, pd.DataFrame]:
        return {kind: pd.DataFrame(rows, dtype=str).fillna("")
                for kind, rows in (("organizations", self.organizations), ("contacts", self.contacts),
                                   ("taskforces", self.taskforces), ("capabilities", self.capabilities)) if rows}

    def load(self, graph: Graph) -> None:
        from loaders import load_frame
        from service.errors import ImportRejected

        for kind, frame in self.frames().items():
            try:
                load_frame(graph, kind, frame, source=f"<{kind}>")
            except ImportRejected as exc:  # show every row problem in the test failure
                raise AssertionError(exc.report()) from None


def build(graph: Graph, roster: Roster, places: tuple[list[dict[str, Any]], list[list[str]]] | None = None) -> None:
    write_jurisdictions(graph, *(places or small_state()))
    roster.load(graph)
