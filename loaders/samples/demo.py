"""The demo roster: a small, deterministic, clearly fictional set of partners.

Real US places (from the built-in jurisdictions), invented organizations and
people (every name ends in "(demo)" or is an invented person), phones in the
fictional 555-01xx range, e-mail at example.org. It shows every routing pattern
the service handles; docs/demo.md lists them with the exact expected answers,
and `SCENARIOS` holds the same answers for tests (and for the routing tests).

`demo_roster()` is pure: it returns one DataFrame per roster kind, with the
columns of docs/model.md. `load_demo(graph)` loads the built-in US
jurisdictions when missing, then the roster, through the real loaders.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from service.domain.vocabulary import DIMENSIONS

from .demo_data import build

DIMENSION_ORDER = [d.name for d in DIMENSIONS]

KINDS_IN_ORDER = ("regions", "organizations", "contacts", "taskforces", "capabilities", "placefacts")

COLUMNS: dict[str, tuple[str, ...]] = {
    "regions": ("id", "name", "state", "counties", "region_type", "notes"),
    "organizations": ("id", "name", "sector", "type", "hours", "phone", "email", "website",
                      "address", "address_confidential", "notes", "verified_on", "retired_on"),
    "contacts": ("id", "name", "organization", "role", "unit", "phone", "after_hours_phone",
                 "email", "languages", "verified_on", "retired_on", "trained_on"),
    "taskforces": ("id", "name", "lead", "members", "jurisdictions", "notes", "verified_on"),
    "capabilities": ("id", "organization", "service", "urgency", "hours", "nationality", "age",
                     "gender", "trafficking", "jurisdictions", "priority", "contact", "notes",
                     "notify", "verified_on", "retired_on"),
    "placefacts": ("id", "jurisdiction", "kind", "statement", "source", "verified_on", "retired_on"),
}


def frame(kind: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows -> a DataFrame with exactly the roster's columns, in order (missing -> None)."""
    columns = COLUMNS[kind]
    unknown = {k for row in rows for k in row} - set(columns)
    if unknown:
        raise ValueError(f"{kind}: columns {sorted(unknown)} are not in the roster")
    return pd.DataFrame([[row.get(c) for c in columns] for row in rows], columns=list(columns),
                        dtype=object)


def demo_roster() -> dict[str, pd.DataFrame]:
    """The demo roster, one DataFrame per kind, in loading order."""
    rows = build()
    return {kind: frame(kind, rows[kind]) for kind in KINDS_IN_ORDER}


# ---------------------------------------------------------------------------
# The documented answers (docs/demo.md). Each scenario is one routing question:
# a place, a service and the known situation values (dimension -> value; any
# dimension left out is unknown). `expected` lists the organizations routing
# must return, in order; an empty tuple is a gap.


@dataclass(frozen=True)
class Scenario:
    pattern: str
    place: str
    service: str
    situation: dict[str, str] = field(default_factory=dict)
    expected: tuple[str, ...] = ()

    @property
    def situation_text(self) -> str:
        known = sorted(self.situation.items(), key=lambda kv: DIMENSION_ORDER.index(kv[0]))
        return ", ".join(f"{k}={v}" for k, v in known) or "(nothing known)"


AH = {"hours": "AFTER_HOURS"}
BH = {"hours": "BUSINESS_HOURS"}
LANCASTER_GIRL = {"urgency": "URGENT", "hours": "AFTER_HOURS", "nationality": "FOREIGN_NATIONAL",
                  "age": "MINOR", "gender": "FEMALE", "trafficking": "LABOR"}

SCENARIOS: tuple[Scenario, ...] = (
    # 1. Single point of contact district (Keystone District, PA)
    *(Scenario("district", "us-pa-lancaster-county", "TIP_REPORTING", situation, ("demo-pa-keystone-tf",))
      for situation in ({}, LANCASTER_GIRL, {"age": "ADULT", "gender": "MALE", "trafficking": "SEX", **AH})),
    *(Scenario("district", place, "TIP_REPORTING", situation, ("demo-pa-keystone-tf",))
      for place in ("us-pa-york-county", "us-pa-adams-county", "us-pa-cumberland-county")
      for situation in (BH, AH)),
    Scenario("district", "us-pa-lancaster-county", "VICTIM_EXTRACTION", LANCASTER_GIRL,
             ("demo-pa-red-rose-police", "demo-pa-keystone-tf", "demo-pa-hsi", "demo-pa-fbi")),
    Scenario("district", "us-pa-lancaster-county", "VICTIM_EXTRACTION",
             {"nationality": "US_CITIZEN"},
             ("demo-pa-red-rose-police", "demo-pa-keystone-tf", "demo-pa-fbi")),
    Scenario("district", "us-pa-york-county", "VICTIM_EXTRACTION", AH,
             ("demo-pa-valley-sheriff", "demo-pa-keystone-tf", "demo-pa-hsi", "demo-pa-fbi")),
    Scenario("district", "us-pa-lancaster-county", "SHELTER_EMERGENCY", LANCASTER_GIRL,
             ("demo-pa-safe-passage",)),
    Scenario("district", "us-pa-lancaster-county", "SHELTER_EMERGENCY",
             {"age": "ADULT", "gender": "FEMALE"}, ("demo-pa-harbor-light",)),
    Scenario("district", "us-pa-lancaster-county", "CASE_MANAGEMENT",
             {"age": "ADULT", "trafficking": "LABOR", **BH},
             ("demo-pa-freedom-harbor", "demo-pa-victim-witness", "demo-pa-usao")),
    Scenario("district", "us-pa-lancaster-county", "CASE_MANAGEMENT",
             {"age": "ADULT", "gender": "FEMALE", "trafficking": "SEX", **BH},
             ("demo-pa-rose-valley-sa", "demo-pa-freedom-harbor", "demo-pa-victim-witness",
              "demo-pa-usao")),
    Scenario("district", "us-pa-lancaster-county", "CASE_MANAGEMENT", LANCASTER_GIRL, ()),
    Scenario("district", "us-pa-lancaster-county", "IMMIGRATION_SERVICES",
             {"nationality": "FOREIGN_NATIONAL", **BH}, ("demo-pa-open-door",)),
    Scenario("district", "us-pa-lancaster-county", "IMMIGRATION_SERVICES",
             {"nationality": "US_CITIZEN", **BH}, ()),
    Scenario("district", "us-pa-philadelphia-county", "TIP_REPORTING", {}, ()),
    # 2. Ohio routes tips by trafficking type and age
    Scenario("by-type", "us-oh-franklin-county", "TIP_REPORTING",
             {"age": "ADULT", "trafficking": "LABOR"}, ("demo-oh-labor-unit",)),
    Scenario("by-type", "us-oh-franklin-county", "TIP_REPORTING",
             {"age": "ADULT", "trafficking": "LABOR", **AH}, ("demo-oh-labor-unit",)),
    Scenario("by-type", "us-oh-cuyahoga-county", "TIP_REPORTING",
             {"age": "ADULT", "trafficking": "SEX"}, ("demo-oh-vice",)),
    Scenario("by-type", "us-oh-franklin-county", "TIP_REPORTING",
             {"age": "MINOR", "trafficking": "LABOR"}, ("demo-oh-child-hotline",)),
    Scenario("by-type", "us-oh-hamilton-county", "TIP_REPORTING",
             {"age": "MINOR", "trafficking": "SEX", **AH}, ("demo-oh-child-hotline",)),
    Scenario("by-type", "us-oh-franklin-county", "TIP_REPORTING", {"age": "ADULT"},
             ("demo-oh-vice", "demo-oh-labor-unit")),
    Scenario("by-type", "us-oh-franklin-county", "TIP_REPORTING", {"trafficking": "LABOR"},
             ("demo-oh-labor-unit", "demo-oh-child-hotline")),
    Scenario("by-type", "us-oh-franklin-county", "VICTIM_EXTRACTION",
             {"age": "MINOR", "trafficking": "SEX", "nationality": "US_CITIZEN"},
             ("demo-oh-capital-police", "demo-oh-fbi")),
    # 3. North Carolina: regional protocols, statewide fallback
    Scenario("regional", "us-nc-wake-county", "TIP_REPORTING", {},
             ("demo-nc-triangle-tf", "demo-nc-coalition")),
    Scenario("regional", "us-nc-raleigh", "TIP_REPORTING", AH,
             ("demo-nc-triangle-tf", "demo-nc-coalition")),
    Scenario("regional", "us-nc-buncombe-county", "TIP_REPORTING", {},
             ("demo-nc-blue-ridge", "demo-nc-coalition")),
    Scenario("regional", "us-nc-new-hanover-county", "TIP_REPORTING", BH,
             ("demo-nc-cape-fear", "demo-nc-coalition")),
    Scenario("regional", "us-nc-mecklenburg-county", "TIP_REPORTING", {},
             ("demo-nc-coalition",)),
    Scenario("regional", "us-nc-raleigh", "VICTIM_EXTRACTION", {},
             ("demo-nc-oak-city-police", "demo-nc-capital-sheriff", "demo-nc-triangle-tf",
              "demo-nc-sbi", "demo-nc-fbi")),
    Scenario("regional", "us-nc-wake-county", "VICTIM_EXTRACTION", {},
             ("demo-nc-capital-sheriff", "demo-nc-triangle-tf", "demo-nc-sbi", "demo-nc-fbi")),
    Scenario("regional", "us-nc-mecklenburg-county", "VICTIM_EXTRACTION", {},
             ("demo-nc-queen-city-police", "demo-nc-sbi", "demo-nc-fbi")),
    Scenario("regional", "us-nc-wake-county", "SHELTER_TRANSITIONAL", {"age": "MINOR"},
             ("demo-nc-oak-city-youth",)),
    Scenario("regional", "us-nc-onslow-county", "SHELTER_TRANSITIONAL", {"age": "MINOR"},
             ("demo-nc-tidewater-youth",)),
    # 4. Oregon: one statewide protocol (same answer in every county)
    *(Scenario("statewide", place, "TIP_REPORTING", {}, ("demo-or-response", "demo-or-state-police"))
      for place in ("us-or-multnomah-county", "us-or-deschutes-county", "us-or-harney-county")),
    Scenario("statewide", "us-or-multnomah-county", "VICTIM_EXTRACTION",
             {"nationality": "FOREIGN_NATIONAL"}, ("demo-or-state-police", "demo-or-hsi", "demo-or-ice-ero")),
    Scenario("statewide", "us-or-lane-county", "SHELTER_EMERGENCY",
             {"age": "ADULT", "gender": "MALE"}, ("demo-or-willamette-men",)),
    Scenario("statewide", "us-or-lane-county", "SHELTER_EMERGENCY",
             {"age": "MINOR", "gender": "MALE"}, ("demo-or-youth-harbor",)),
    Scenario("statewide", "us-or-lane-county", "MENTAL_HEALTH", {"trafficking": "SEX"},
             ("demo-or-sa-line", "demo-or-cascadia-healing", "demo-or-high-desert")),
    Scenario("statewide", "us-or-lane-county", "MENTAL_HEALTH", {"trafficking": "LABOR"},
             ("demo-or-cascadia-healing", "demo-or-high-desert")),
    Scenario("statewide", "us-or-malheur-county", "IMMIGRATION_SERVICES",
             {"nationality": "FOREIGN_NATIONAL", **BH}, ("demo-or-gorge-immigrant",)),
    # 6. Deliberate gaps
    *(Scenario("gap-minor-transitional", place, "SHELTER_TRANSITIONAL", {"age": "MINOR"}, ())
      for place in ("us-nc-western-region", "us-nc-buncombe-county", "us-nc-haywood-county",
                    "us-nc-mecklenburg-county")),
    Scenario("gap-minor-transitional", "us-nc-buncombe-county", "SHELTER_TRANSITIONAL",
             {"age": "ADULT", "gender": "FEMALE"}, ("demo-nc-mountain-hope",)),
    *(Scenario("gap-adult-male-shelter", "us-oh-franklin-county", service,
               {"age": "ADULT", "gender": "MALE"}, ())
      for service in ("SHELTER_EMERGENCY", "SHELTER_TRANSITIONAL")),
    Scenario("gap-adult-male-shelter", "us-oh-franklin-county", "SHELTER_EMERGENCY",
             {"age": "ADULT", "gender": "FEMALE"}, ("demo-oh-womens-refuge",)),
    Scenario("gap-adult-male-shelter", "us-oh-cuyahoga-county", "SHELTER_EMERGENCY",
             {"age": "ADULT", "gender": "FEMALE"}, ("demo-oh-lakeshore-dv", "demo-oh-womens-refuge")),
    Scenario("gap-adult-male-shelter", "us-oh-franklin-county", "SHELTER_EMERGENCY",
             {"age": "MINOR", "gender": "MALE"}, ("demo-oh-lantern-house",)),
    Scenario("gap-after-hours-tip", "us-vt-chittenden-county", "TIP_REPORTING", BH,
             ("demo-vt-green-mountain",)),
    *(Scenario("gap-after-hours-tip", place, "TIP_REPORTING", AH, ())
      for place in ("us-vt", "us-vt-chittenden-county", "us-vt-windham-county")),
    Scenario("after-hours-drop-out", "us-nc-new-hanover-county", "TIP_REPORTING", AH,
             ("demo-nc-coalition",)),
    Scenario("after-hours-drop-out", "us-nc-brunswick-county", "TIP_REPORTING", BH,
             ("demo-nc-cape-fear", "demo-nc-coalition")),
)

# Counties of North Carolina that DO have a transitional shelter for minors:
# every other NC county is a gap for (SHELTER_TRANSITIONAL, age=MINOR).
NC_MINOR_TRANSITIONAL_COVERED = frozenset({
    "us-nc-wake-county", "us-nc-durham-county", "us-nc-orange-county", "us-nc-johnston-county",
    "us-nc-chatham-county", "us-nc-new-hanover-county", "us-nc-brunswick-county",
    "us-nc-pender-county", "us-nc-onslow-county",
})


Progress = Callable[[str], None]


def ensure_builtin_us(graph: Any, progress: Progress | bool | None = None) -> Any | None:
    """Load the built-in US jurisdictions unless the graph already holds the country."""
    from .. import load_builtin_us

    if graph.read("queries/jurisdiction_ids_by_kind", kind="country"):
        return None
    if callable(progress):
        progress("Loading the built-in US jurisdictions (states, counties, cities)")
    return load_builtin_us(graph)


def load_demo(graph: Any, progress: Progress | bool | None = None) -> list[Any]:
    """Load the built-in US jurisdictions when the graph has none, then the demo roster.

    Idempotent: a second call changes nothing (every row unchanged). Returns the
    loaders' summaries, one per roster kind (plus the jurisdictions' when loaded).
    `progress`, when callable, receives one line per step.
    """
    from .. import load_frame

    builtin = ensure_builtin_us(graph, progress)
    summaries: list[Any] = [builtin] if builtin is not None else []
    for kind, data in demo_roster().items():
        if callable(progress):
            progress(f"Loading demo {kind} ({len(data)} rows)")
        summaries.append(load_frame(graph, kind, data, source=f"demo {kind}"))
    return summaries


__all__ = [
    "COLUMNS",
    "KINDS_IN_ORDER",
    "NC_MINOR_TRANSITIONAL_COVERED",
    "SCENARIOS",
    "Scenario",
    "demo_roster",
    "ensure_builtin_us",
    "frame",
    "load_demo",
]
