"""Which Refgraph jurisdictions an HSDS service area means.

A service area names its place by Refgraph's own URN (`urn:refgraph:jurisdiction:ID`, as
Refgraph's export writes), by a reference (id, FIPS, state postal code), by name ("Wake County,
North Carolina", "Raleigh, NC", "Oregon"), by a GeoJSON polygon (the cities inside it, and the
counties all of whose cities are inside), or through the steward's `place` rules (ZIP codes and
local names). A location's address ("city, state") places a service that gives no area.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from service.store.graph import Graph

from ..references import jurisdiction_keys


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


@dataclass
class PlaceIndex:
    """Every jurisdiction by id, FIPS, postal code and name, with cities' coordinates."""

    ids: set[str] = field(default_factory=set)
    kinds: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    states: dict[str, str] = field(default_factory=dict)  # place id -> its state's id
    by_key: dict[str, str] = field(default_factory=dict)  # FIPS and postal code -> id
    by_name: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))  # (name, state id)
    state_of_word: dict[str, str] = field(default_factory=dict)  # "north carolina" / "nc" -> us-nc
    cities: list[tuple[str, float, float, str | None]] = field(default_factory=list)  # id, lat, lon, county id
    county_cities: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def from_graph(cls, graph: Graph) -> PlaceIndex:
        index = cls()
        for place in graph.read("queries/place_index"):
            index.add(place)
        for r in graph.read("queries/regions_for_export"):
            region = r["region"]
            index.add({"id": region["id"], "name": region["name"], "kind": "region", "state": r["state"]})
        return index

    def add(self, place: dict[str, Any]) -> None:
        ident, kind = place["id"], place.get("kind", "")
        self.ids.add(ident)
        self.kinds[ident] = kind
        self.names[ident] = str(place.get("name", ""))
        state = ident if kind == "state" else place.get("state") or ""
        self.states[ident] = state
        if place.get("fips"):
            self.by_key[str(place["fips"])] = ident
        if kind == "state":
            if place.get("postal"):
                self.by_key[str(place["postal"]).upper()] = ident
                self.state_of_word[_norm(str(place["postal"]))] = ident
            self.state_of_word[_norm(str(place.get("name", "")))] = ident
        self.by_name[(_norm(str(place.get("name", ""))), state)].append(ident)
        if kind == "city" and place.get("lat") is not None and place.get("lon") is not None:
            county = place.get("county")
            self.cities.append((ident, float(place["lat"]), float(place["lon"]), county))
            if county:
                self.county_cities[county].add(ident)

    def reference(self, token: str) -> str | None:
        """A Refgraph id, FIPS code or state postal code."""
        keys = jurisdiction_keys(token)
        if keys["id"] in self.ids:
            return keys["id"]
        return self.by_key.get(keys["fips"]) or self.by_key.get(keys["postal"])

    def named(self, text: str) -> list[str]:
        """Places a name means: "Wake County, North Carolina", "Raleigh, NC", "Oregon", "Wake County NC"."""
        whole = _norm(text)
        if whole in self.state_of_word:
            return [self.state_of_word[whole]]
        name, _, state_word = text.rpartition(",")
        if name:
            state = self.state_of_word.get(_norm(state_word))
            if state:
                return self._in_state(_norm(name), state)
        words = whole.split(" ")
        for cut in (1, 2, 3):  # "Wake County NC", "Portland Oregon", "Salt Lake City New Mexico"...
            state = self.state_of_word.get(" ".join(words[-cut:]))
            if state and len(words) > cut:
                return self._in_state(" ".join(words[:-cut]), state)
        return []

    def _in_state(self, name: str, state: str) -> list[str]:
        found = self.by_name.get((name, state), [])
        if not found and not name.endswith(" county"):
            found = self.by_name.get((f"{name} county", state), [])
        counties = [p for p in found if self.kinds.get(p) in ("county", "region")]
        return counties[:1] if counties else found[:1]

    def in_polygon(self, geometry: dict[str, Any]) -> list[str]:
        """The cities inside a GeoJSON (Multi)Polygon, the counties all of whose cities are inside
        standing for them."""
        polygons = _polygons(geometry)
        inside = {ident for ident, lat, lon, _ in self.cities if any(_contains(p, lon, lat) for p in polygons)}
        whole = {c for c, cities in self.county_cities.items() if cities and cities <= inside}
        kept = {ident for ident, _, _, county in self.cities if ident in inside and county not in whole}
        return sorted(whole | kept)


def _polygons(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    kind = geometry.get("type")
    if kind == "Feature":
        return _polygons(geometry.get("geometry") or {})
    if kind == "FeatureCollection":
        return [p for f in geometry.get("features") or [] for p in _polygons(f)]
    if kind == "Polygon":
        return [geometry["coordinates"]]
    if kind == "MultiPolygon":
        return list(geometry["coordinates"])
    raise ValueError(f"a GeoJSON {kind or 'object without a type'} is not an area")


def _contains(polygon: list[list[list[float]]], x: float, y: float) -> bool:
    """Even-odd rule over the outer ring and its holes."""
    inside = False
    for ring in polygon:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                inside = not inside
    return inside


def geojson(text: str) -> dict[str, Any]:
    """A GeoJSON extent; ValueError saying why it is not one."""
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("is not a GeoJSON object")  # noqa: TRY004 - bad input, told as a ValueError
    _polygons(data)
    return data


__all__ = ["PlaceIndex", "geojson"]
