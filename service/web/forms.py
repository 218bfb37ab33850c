"""Reading the pages' GET forms into domain values, with people-facing errors.

Forms use GET so every answer has a shareable, bookmarkable address, and the CSV
and SVG downloads take exactly the query string of the page they came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.datastructures import QueryParams

from ..domain.models import DIMENSION_NAMES, Situation
from ..domain.vocabulary import DIMENSION_BY_NAME, Service
from ..errors import InvalidInput

LEVELS = ("county", "city", "region")
SORTS = ("name", "population", "id")
DEFAULT_STALE_MONTHS = 12
PAGE_SIZE = 100


def _choice(params: QueryParams, name: str, allowed: tuple[str, ...], default: str) -> str:
    value = (params.get(name) or default).strip()
    if value not in allowed:
        raise InvalidInput(f"{name} is {value!r}", f"Use one of: {', '.join(allowed)}", argument=name)
    return value


def _int(params: QueryParams, name: str, default: int, low: int, high: int) -> int:
    raw = (params.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InvalidInput(f"{name} is {raw!r}, not a whole number",
                           f"Give a number from {low} to {high}", argument=name) from None
    if not low <= value <= high:
        raise InvalidInput(f"{name} is {value}", f"Give a number from {low} to {high}", argument=name)
    return value


def situation_values(params: QueryParams, skip: tuple[str, ...] = ()) -> dict[str, str | None]:
    """The six dimensions from the form ('' or missing = unknown), validated."""
    out: dict[str, str | None] = {}
    for name in DIMENSION_NAMES:
        if name in skip:
            continue
        value = (params.get(name) or "").strip().upper() or None
        if value is not None and value not in DIMENSION_BY_NAME[name].values:
            allowed = DIMENSION_BY_NAME[name].values
            raise InvalidInput(f"{name} is {value!r}", f"Use {allowed[0]} or {allowed[1]}, or leave it unknown",
                               argument=name)
        out[name] = value
    return out


def service_value(params: QueryParams, default: Service) -> Service:
    raw = (params.get("service") or default.value).strip().upper()
    try:
        return Service(raw)
    except ValueError:
        raise InvalidInput(f"service is {raw!r}", "Use one of " + ", ".join(s.value for s in Service),
                           argument="service") from None


@dataclass(frozen=True)
class GapForm:
    service: Service = Service.SHELTER_TRANSITIONAL
    situation: Situation = field(default_factory=Situation)
    area: str = "us-nc"
    level: str = "county"
    stale_months: int = DEFAULT_STALE_MONTHS
    stale_is_gap: bool = False
    sort: str = "name"
    offset: int = 0

    @classmethod
    def read(cls, params: QueryParams) -> GapForm:
        area = (params.get("area") or cls.area).strip().lower()
        if area != "us" and not area.startswith("us-"):
            raise InvalidInput(f"area is {area!r}", "Choose the United States (us) or a state (us-nc)",
                               argument="area")
        return cls(
            service=service_value(params, cls.service),
            situation=Situation(**situation_values(params), immediate_danger=False),
            area=area,
            level=_choice(params, "level", LEVELS, cls.level),
            stale_months=_int(params, "stale", DEFAULT_STALE_MONTHS, 1, 240),
            stale_is_gap=params.get("stale_gap") in ("on", "1", "true"),
            sort=_choice(params, "sort", SORTS, cls.sort),
            offset=_int(params, "offset", 0, 0, 10_000_000),
        )

    @property
    def within(self) -> str | None:
        return None if self.area == "us" else self.area

    @property
    def gap_stale_months(self) -> int | None:
        """What the gaps answer is asked: stale coverage counts as missing only when chosen."""
        return self.stale_months if self.stale_is_gap else None

    def params(self) -> dict[str, Any]:
        """The form as a query-string dict (what links and downloads repeat)."""
        out: dict[str, Any] = {"service": self.service.value, **self.situation.known(),
                               "area": self.area, "level": self.level}
        if self.stale_months != DEFAULT_STALE_MONTHS:
            out["stale"] = self.stale_months
        if self.stale_is_gap:
            out["stale_gap"] = "on"
        if self.sort != "name":
            out["sort"] = self.sort
        return out
