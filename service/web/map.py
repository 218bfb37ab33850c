"""County choropleth drawn server-side as SVG: no JavaScript, works offline.

Shapes come from `data/counties.json` (built once by `data/build_shapes.py` from
us-atlas, Albers USA, 975 x 610), keyed by 5-digit county FIPS. A county node
reaches its shape through `Jurisdiction.fips`. Colour is never the only signal:
gaps are also hatched, every county carries a <title> naming its status, and
the page shows the same counties in a table.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data" / "counties.json"


@dataclass(frozen=True)
class Status:
    key: str
    label: str
    fill: str


# ColorBrewer RdYlBu (colour-blind safe), light to dark by need; gaps also hatched.
COVERED = Status("covered", "Covered (2 or more organizations)", "#2c7bb6")
SINGLE = Status("single", "Covered by a single organization", "#abd9e9")
STALE = Status("stale", "Covered only by stale records", "#fdae61")
GAP = Status("gap", "Gap: nobody covers it", "#d7191c")
UNKNOWN = Status("none", "Not in the area", "#eeeeee")
STATUSES: tuple[Status, ...] = (COVERED, SINGLE, STALE, GAP)
BY_KEY: dict[str, Status] = {s.key: s for s in (*STATUSES, UNKNOWN)}


@dataclass(frozen=True)
class CountyMark:
    """What the map says about one county."""

    fips: str
    status: str  # a Status key
    name: str
    href: str | None = None
    detail: str = ""


@lru_cache(maxsize=1)
def shapes() -> dict[str, Any]:
    return json.loads(DATA.read_text(encoding="utf-8"))


def state_fips(fips: str) -> str:
    return fips[:2]


def _frame(state: str | None) -> tuple[float, float, float, float]:
    data = shapes()
    if state and state in data["states"]:
        x0, y0, x1, y1 = data["states"][state]["box"]
        pad = max(x1 - x0, y1 - y0) * 0.03 + 2
        return x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad
    return 0.0, 0.0, float(data["width"]), float(data["height"])


def render_map(marks: Mapping[str, CountyMark], *, state: str | None = None,
               title: str = "Coverage by county", legend: bool = True,
               counts: Mapping[str, int] | None = None) -> str:
    """An SVG document: the counties of `state` (2-digit FIPS) or of the whole country,
    each filled by its mark's status; counties without a mark are drawn grey."""
    data = shapes()
    x, y, w, h = _frame(state)
    legend_h = (26.0 * len(STATUSES) + 8) * (w / 975) if legend else 0.0
    scale = w / 975
    stroke = 0.35 * max(scale, 0.25)
    out = [
        (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x:.1f} {y:.1f} {w:.1f} {h + legend_h:.1f}" '
         f'role="img" aria-labelledby="map-title" class="choropleth" preserveAspectRatio="xMidYMin meet">'),
        f'<title id="map-title">{escape(title)}</title>',
        ('<defs><pattern id="hatch" width="4" height="4" patternUnits="userSpaceOnUse" '
         f'patternTransform="rotate(45) scale({max(scale, 0.2):.2f})">'
         f'<rect width="4" height="4" fill="{GAP.fill}"/>'
         '<line x1="0" y1="0" x2="0" y2="4" stroke="#fff" stroke-width="1.4"/></pattern></defs>'),
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h + legend_h:.1f}" fill="#fff"/>',
        ('<g class="counties" stroke="#fff" stroke-linejoin="round" '
         f'stroke-width="{stroke:.2f}">'),
    ]
    for fips, county in data["counties"].items():
        if state and state_fips(fips) != state:
            continue
        mark = marks.get(fips)
        status = BY_KEY[mark.status] if mark else UNKNOWN
        fill = "url(#hatch)" if status is GAP else status.fill
        name = mark.name if mark else county["name"]
        tip = f"{name}: {status.label}" + (f" ({mark.detail})" if mark and mark.detail else "")
        path = (f'<path d="{county["d"]}" fill="{fill}" data-fips="{fips}" '
                f'data-status="{status.key}"><title>{escape(tip)}</title></path>')
        if mark and mark.href:
            path = f'<a href="{escape(mark.href)}" tabindex="-1">{path}</a>'
        out.append(path)
    out.append("</g>")
    borders = [s["d"] for f, s in data["states"].items() if not state or f == state]
    out.append(f'<path d="{"".join(borders)}" fill="none" stroke="#333" '
               f'stroke-width="{stroke * 2.2:.2f}" pointer-events="none"/>')
    if legend:
        out.append(_legend(x, y + h, scale, counts))
    out.append("</svg>")
    return "".join(out)


def _legend(x: float, top: float, scale: float, counts: Mapping[str, int] | None) -> str:
    size, gap, font = 14 * scale, 24 * scale, 13 * scale
    rows = [f'<g class="map-legend" font-family="system-ui, sans-serif" font-size="{font:.1f}" fill="#111">']
    for i, status in enumerate(STATUSES):
        fill = "url(#hatch)" if status is GAP else status.fill
        yy = top + 6 * scale + i * gap
        n = f" — {counts.get(status.key, 0)}" if counts is not None else ""
        rows.append(f'<rect x="{x + 8 * scale:.1f}" y="{yy:.1f}" width="{size:.1f}" height="{size:.1f}" '
                    f'fill="{fill}" stroke="#333" stroke-width="{0.5 * scale:.2f}"/>'
                    f'<text x="{x + 30 * scale:.1f}" y="{yy + size * 0.85:.1f}">'
                    f'{escape(status.label)}{n}</text>')
    rows.append("</g>")
    return "".join(rows)


def known_fips() -> frozenset[str]:
    return frozenset(shapes()["counties"])
