"""A synthetic national roster over every real US jurisdiction, for benchmarks.

At scale 1: about 20,000 organizations, 30,000 contacts, 60,000 capabilities
(about 160,000 COVERS edges), 300 regions and 250 task forces; `scale`
multiplies all of them. Seeded and deterministic: the same (places, scale,
seed) gives the same rows. Generation goes one state at a time, so
`write_synthetic` holds a single state's rows in memory while it streams CSV
files that the real loaders then import (`refgraph load KIND FILE`).

Mix: most capabilities cover 1-4 counties or 1-3 cities of their organization's
state, about one in twelve the whole state, a few a region, a handful the
nation; dimension lists are ANY three times in four, else one value (with
type-driven eligibility: youth shelters take minors, men's shelters men,
immigration services foreign nationals); verified_on spreads over the three
years before 2026-11-29.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from service.domain.vocabulary import DIMENSIONS, LAW_ENFORCEMENT_TYPES, OrgType

from .demo import COLUMNS, KINDS_IN_ORDER, frame

PER_SCALE = {"organizations": 20_000, "regions": 300, "taskforces": 250}
REFERENCE_DAY = date(2026, 11, 29)
DATES = [(REFERENCE_DAY - timedelta(days=n)).isoformat() for n in range(3 * 365 + 1)]
H24, OFFICE, LONG = "24/7", "Mon-Fri 09:00-17:00", "Mon-Sat 08:00-20:00"

T = OrgType
TYPE_WEIGHTS: dict[OrgType, int] = {
    T.FBI: 2, T.HSI: 2, T.POLICE: 14, T.SHERIFF: 10, T.USAO: 1, T.VICTIM_WITNESS: 6,
    T.ANTI_TRAFFICKING: 8, T.DOMESTIC_VIOLENCE: 12, T.SEXUAL_ASSAULT: 8, T.RUNAWAY_HOMELESS_YOUTH: 7,
    T.IMMIGRANT_RIGHTS: 5, T.LEGAL_SERVICES: 8, T.SHELTER_MEN: 4, T.SHELTER_WOMEN: 5,
    T.MENTAL_HEALTH: 8, T.HOTLINE: 1, T.OTHER: 1,
}
TIP, EXT, SHE, SHT = "TIP_REPORTING", "VICTIM_EXTRACTION", "SHELTER_EMERGENCY", "SHELTER_TRANSITIONAL"
CM, LEG, MH, IMM = "CASE_MANAGEMENT", "LEGAL_SERVICES", "MENTAL_HEALTH", "IMMIGRATION_SERVICES"
SERVICES_BY_TYPE: dict[OrgType, tuple[str, ...]] = {
    T.TASK_FORCE: (TIP, EXT, CM), T.FBI: (EXT, TIP), T.HSI: (EXT, TIP, IMM), T.POLICE: (EXT, TIP),
    T.SHERIFF: (EXT, TIP), T.USAO: (CM, LEG), T.VICTIM_WITNESS: (CM, LEG),
    T.ANTI_TRAFFICKING: (TIP, CM, SHE, LEG, MH), T.DOMESTIC_VIOLENCE: (SHE, SHT, CM, LEG),
    T.SEXUAL_ASSAULT: (MH, CM, SHE), T.RUNAWAY_HOMELESS_YOUTH: (SHE, SHT, CM),
    T.IMMIGRANT_RIGHTS: (IMM, LEG), T.LEGAL_SERVICES: (LEG, IMM), T.SHELTER_MEN: (SHE, SHT),
    T.SHELTER_WOMEN: (SHE, SHT), T.MENTAL_HEALTH: (MH, CM), T.HOTLINE: (TIP,), T.OTHER: (CM,),
}
STATEWIDE_TYPES = frozenset({T.FBI, T.HSI, T.USAO, T.HOTLINE})
TYPE_LABEL = {t: t.value.replace("_", " ").title() for t in OrgType}
WORDS = ("Harbor", "Beacon", "Cedar", "Summit", "Riverside", "Lantern", "Compass", "Meadow", "Pioneer",
         "Bridge", "Keystone", "Prairie", "Granite", "Willow", "Lakeside", "Crossroads", "Northstar",
         "Evergreen", "Haven", "Frontier")
FIRST = ("Alex", "Maria", "Jordan", "Priya", "Tomas", "Grace", "Samuel", "Keisha", "Wei", "Fatima",
         "Diego", "Hannah", "Omar", "Lena", "Marcus", "Ana", "Noah", "Yuki", "Carla", "Ibrahim")
LAST = ("Rivera", "Okafor", "Nguyen", "Hale", "Castellano", "Brenner", "Adebayo", "Lindqvist", "Haddad",
        "Moreno", "Whitfield", "Osei", "Park", "Kowalski", "Duarte", "Fulton", "Ibarra", "Novak",
        "Sato", "Greer")
LANGUAGES = ("en", "en", "en", "en;es", "en;es", "en;fr", "en;vi", "en;zh", "en;ar", "en;es;pt")


@dataclass
class Places:
    """The real jurisdictions the roster covers, by state (ids as the graph holds them)."""

    states: list[tuple[str, int]]  # (state id, population or 0)
    counties: dict[str, list[str]] = field(default_factory=dict)
    cities: dict[str, list[str]] = field(default_factory=dict)


def places_from_graph(graph: Any) -> Places:
    """Read states, counties and cities from a graph holding the built-in US jurisdictions."""
    states = [(r["id"], int(r["population"] or 0))
              for r in graph.read("queries/jurisdiction_ids_by_kind", kind="state")]
    places = Places(states)
    for kind, bucket in (("county", places.counties), ("city", places.cities)):
        for r in graph.read("queries/jurisdiction_ids_by_kind", kind=kind):
            if r["state"]:
                bucket.setdefault(r["state"], []).append(r["id"])
    if not states:
        from service.errors import RefgraphError
        raise RefgraphError("The graph holds no states to build a synthetic roster over",
                            "Load the built-in jurisdictions first (refgraph demo loads them)")
    return places


def apportion(total: int, weights: list[float]) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainder: the parts sum to total)."""
    whole = sum(weights) or 1.0
    exact = [total * w / whole for w in weights]
    parts = [int(x) for x in exact]
    for i in sorted(range(len(weights)), key=lambda i: (parts[i] - exact[i], i))[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _state_weights(places: Places) -> list[float]:
    pop_total = sum(p for _, p in places.states) or 1
    county_total = sum(len(places.counties.get(s, [])) for s, _ in places.states) or 1
    return [0.5 * pop / pop_total + 0.5 * (len(places.counties.get(s, [])) + 1) / county_total
            for s, pop in places.states]


class _State:
    """Rows for one state: regions, organizations, contacts, task forces, capabilities."""

    def __init__(self, places: Places, state: str, seed: int) -> None:
        self.rng = random.Random(f"refgraph-synthetic-{seed}-{state}")
        self.state = state
        self.code = state.removeprefix("us-")
        self.counties = places.counties.get(state, [])
        self.cities = places.cities.get(state, [])
        self.regions: list[str] = []
        self.rows: dict[str, list[dict[str, Any]]] = {k: [] for k in KINDS_IN_ORDER}

    def phone(self) -> str:
        return f"{self.rng.randint(201, 989)}-555-01{self.rng.randint(0, 99):02d}"

    def day(self) -> str:
        return self.rng.choice(DATES)

    def make_regions(self, n: int) -> None:
        if not self.counties:
            return
        for i in range(1, n + 1):
            size = min(len(self.counties), self.rng.randint(3, 8))
            start = self.rng.randrange(len(self.counties))
            members = [self.counties[(start + k) % len(self.counties)] for k in range(size)]
            rid = f"{self.state}-syn-region-{i:03d}"
            self.regions.append(rid)
            self.rows["regions"].append({
                "id": rid, "name": f"{self.rng.choice(WORDS)} Region {i} ({self.code.upper()}, synthetic)",
                "state": self.state, "counties": ";".join(members),
                "region_type": "district" if self.rng.random() < 0.2 else "region"})

    def make_organizations(self, n: int, n_taskforces: int) -> None:
        types, weights = list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values())
        n_taskforces = min(n_taskforces, n)
        for i in range(1, n + 1):
            kind = T.TASK_FORCE if i <= n_taskforces else self.rng.choices(types, weights)[0]
            oid = f"syn-{self.code}-org-{i:05d}"
            le = kind in LAW_ENFORCEMENT_TYPES
            roll = self.rng.random()
            hours = H24 if (le and roll < 0.8) or (not le and roll < 0.3) else (LONG if roll > 0.85 else OFFICE)
            self.rows["organizations"].append({
                "id": oid, "name": f"{self.rng.choice(WORDS)} {TYPE_LABEL[kind]} {self.code.upper()}-{i} (synthetic)",
                "sector": "LAW_ENFORCEMENT" if le else "SERVICE_PROVIDER", "type": kind.value,
                "hours": hours, "phone": self.phone(), "email": f"{oid}@example.org",
                "address_confidential": "true" if kind in (T.SHELTER_MEN, T.SHELTER_WOMEN,
                                                           T.DOMESTIC_VIOLENCE) else "false",
                "verified_on": self.day()})
            contacts = self.make_contacts(oid, i, le or hours == H24)
            self.make_capabilities(oid, kind, hours, contacts)
        self.make_taskforces(n_taskforces)

    def make_contacts(self, oid: str, i: int, after_hours: bool) -> list[str]:
        ids = []
        for k in range(1 if self.rng.random() < 0.5 else 2):
            cid = f"syn-{self.code}-ct-{i:05d}-{k + 1}"
            ids.append(cid)
            self.rows["contacts"].append({
                "id": cid, "name": f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}", "organization": oid,
                "role": self.rng.choice(("Intake coordinator", "Case manager", "Detective", "Advocate",
                                         "Program director")),
                "phone": self.phone(), "after_hours_phone": self.phone() if after_hours else None,
                "email": f"{cid}@example.org", "languages": self.rng.choice(LANGUAGES),
                "verified_on": self.day()})
        return ids

    def coverage(self, kind: OrgType) -> str:
        r = self.rng.random()
        if r < 0.005:
            return "us"
        if r < 0.085 or (kind in STATEWIDE_TYPES and r < 0.8) or not self.counties:
            return self.state
        if r < 0.10 and self.regions:
            return self.rng.choice(self.regions)
        if r < 0.22 and self.cities:
            return ";".join(self.rng.sample(self.cities, min(len(self.cities), self.rng.randint(1, 3))))
        n = self.rng.choices((1, 2, 3, 4), (1, 2, 3, 4))[0]
        return ";".join(self.rng.sample(self.counties, min(len(self.counties), n)))

    def make_capabilities(self, oid: str, kind: OrgType, hours: str, contacts: list[str]) -> None:
        offered = SERVICES_BY_TYPE[kind]
        for k in range(self.rng.choices((1, 2, 3, 4, 5), (2, 3, 4, 3, 3))[0]):
            service = offered[k] if k < len(offered) else self.rng.choice(offered)
            cells = {d.name: ("ANY" if self.rng.random() < 0.75 else self.rng.choice(d.values))
                     for d in DIMENSIONS}
            cells["hours"] = "ANY" if hours == H24 else "BUSINESS_HOURS"
            if kind is T.RUNAWAY_HOMELESS_YOUTH:
                cells["age"] = "MINOR"
            elif kind is T.SHELTER_MEN:
                cells.update(age="ADULT", gender="MALE")
            elif kind is T.SHELTER_WOMEN:
                cells.update(age="ADULT", gender="FEMALE")
            if service == IMM:
                cells["nationality"] = "FOREIGN_NATIONAL"
            verified = self.day()
            self.rows["capabilities"].append({
                "id": f"{oid.replace('-org-', '-cap-')}-{k + 1}", "organization": oid, "service": service,
                **cells, "jurisdictions": self.coverage(kind),
                "priority": self.rng.choice((10, 20, 50, 100, 100, 100)),
                "contact": self.rng.choice(contacts) if self.rng.random() < 0.8 else None,
                "verified_on": verified,
                "retired_on": REFERENCE_DAY.isoformat() if self.rng.random() < 0.01 else None})

    def make_taskforces(self, n: int) -> None:
        orgs = self.rows["organizations"]
        others = [o["id"] for o in orgs[n:]]
        for i in range(1, n + 1):
            lead = orgs[i - 1]["id"]
            members = self.rng.sample(others, min(len(others), self.rng.randint(3, 8)))
            where = (self.rng.choice(self.regions) if self.regions and self.rng.random() < 0.5
                     else self.coverage(T.TASK_FORCE))
            self.rows["taskforces"].append({
                "id": f"syn-{self.code}-tf-{i:03d}", "name": f"{self.rng.choice(WORDS)} Task Force "
                f"{self.code.upper()}-{i} (synthetic)", "lead": lead, "members": ";".join(members),
                "jurisdictions": where, "verified_on": self.day()})


FACTS = (("LAW_HOTLINE_POSTING", "Businesses named by law must post the national hotline number"),
         ("LAW_ENFORCEMENT_TRAINING", "Officers must complete human trafficking training"),
         ("LAW_VICTIM_FUNDING", "A state fund pays for survivors' services"))


def _facts(chunk: _State) -> None:
    """The state's place facts (drawn last, so the rest of the roster stays as it was)."""
    for i, (kind, statement) in enumerate(FACTS):
        if i == 0 or chunk.rng.random() < 0.5:
            chunk.rows["placefacts"].append({
                "id": f"syn-{chunk.code}-fact-{i + 1}", "jurisdiction": chunk.state, "kind": kind,
                "statement": f"{statement} (synthetic)", "source": "synthetic roster", "verified_on": chunk.day()})


def synthetic_chunks(places: Places, scale: float, seed: int = 7) -> Iterator[dict[str, pd.DataFrame]]:
    """One dict of frames per state, in state order (what write_synthetic streams)."""
    if scale <= 0:
        raise ValueError("scale must be positive")
    weights = _state_weights(places)
    plan = {kind: apportion(round(n * scale), weights) for kind, n in PER_SCALE.items()}
    for i, (state, _) in enumerate(places.states):
        chunk = _State(places, state, seed)
        chunk.make_regions(plan["regions"][i])
        chunk.make_organizations(plan["organizations"][i], plan["taskforces"][i])
        _facts(chunk)
        yield {kind: frame(kind, rows) for kind, rows in chunk.rows.items()}


def synthetic(scale: float, seed: int = 7, *, places: Places) -> dict[str, pd.DataFrame]:
    """The whole synthetic roster in memory, one DataFrame per kind (small scales, tests)."""
    parts: dict[str, list[pd.DataFrame]] = {k: [] for k in KINDS_IN_ORDER}
    for chunk in synthetic_chunks(places, scale, seed):
        for kind, data in chunk.items():
            if len(data):
                parts[kind].append(data)
    return {kind: (pd.concat(parts[kind], ignore_index=True) if parts[kind]
                   else frame(kind, [])) for kind in KINDS_IN_ORDER}


def write_synthetic(out_dir: Path, scale: float, seed: int = 7, *, places: Places) -> dict[str, int]:
    """Stream the roster to out_dir/<kind>.csv, one state at a time; rows written per kind."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {kind: 0 for kind in KINDS_IN_ORDER}
    with ExitStack() as stack:
        files = {kind: stack.enter_context(open(out_dir / f"{kind}.csv", "w", encoding="utf-8", newline=""))
                 for kind in KINDS_IN_ORDER}
        for kind, f in files.items():
            f.write(",".join(COLUMNS[kind]) + "\n")
        for chunk in synthetic_chunks(places, scale, seed):
            for kind, data in chunk.items():
                if len(data):
                    data.to_csv(files[kind], header=False, index=False)
                    written[kind] += len(data)
    return written


def covers_count(capabilities: pd.DataFrame) -> int:
    """How many COVERS edges a capabilities frame makes (one per jurisdiction in a cell)."""
    return int(capabilities["jurisdictions"].str.count(";").sum()) + len(capabilities)


__all__ = [
    "PER_SCALE",
    "Places",
    "apportion",
    "covers_count",
    "places_from_graph",
    "synthetic",
    "synthetic_chunks",
    "write_synthetic",
]
