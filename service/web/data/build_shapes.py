"""Convert us-atlas's counties-albers-10m.json into counties.json (run once; output committed).

    npm pack us-atlas && tar xzf us-atlas-3.0.1.tgz
    python service/web/data/build_shapes.py package/counties-albers-10m.json

The source is pre-projected (Albers USA, 975 x 610). Arcs are decoded, simplified
once (Douglas-Peucker, shared arcs stay shared so neighbours still touch) and
written as SVG path strings keyed by 5-digit county FIPS, plus the state
borders and the nation outline. Credit: us-atlas (ISC, Mike Bostock), from the
U.S. Census Bureau's public-domain cartographic boundary files.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

TOLERANCE = 0.35  # pixels of the 975 x 610 frame
OUT = Path(__file__).with_name("counties.json")


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        best, index = -1.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm if norm else ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if d > best:
                best, index = d, i
        if index > 0 and best > tol:
            keep[index] = True
            stack += [(a, index), (index, b)]
    return [p for p, k in zip(points, keep) if k]


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        out.extend(arc if not out else arc[1:])
    return out


def path(polygons: list[list[list[int]]], arcs: list[list[tuple[float, float]]]) -> tuple[str, list[float]]:
    """SVG path (absolute start, relative moves at 0.1 px) and its bbox."""
    parts = []
    xs, ys = [], []
    for polygon in polygons:
        for ring in polygon:
            pts = [(round(x * 10), round(y * 10)) for x, y in ring_points(ring, arcs)]
            pts = [p for i, p in enumerate(pts) if i == 0 or p != pts[i - 1]]
            if len(pts) < 3:
                continue
            xs += [p[0] for p in pts]
            ys += [p[1] for p in pts]
            cmd = [f"M{pts[0][0] / 10:g},{pts[0][1] / 10:g}l"]
            steps = []
            for (x0, y0), (x1, y1) in itertools.pairwise(pts):
                steps.append(f"{(x1 - x0) / 10:g},{(y1 - y0) / 10:g}".replace(",-", "-"))
            cmd.append(" ".join(steps))
            parts.append("".join(cmd) + "z")
    box: list[float] = [min(xs) / 10, min(ys) / 10, max(xs) / 10, max(ys) / 10] if xs else [0, 0, 0, 0]
    return "".join(parts), box


def polygons_of(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def main(source: str) -> None:
    topo = json.loads(Path(source).read_text())
    arcs = []
    for arc in decode_arcs(topo):
        small = simplify(arc, TOLERANCE)
        # a closed arc (a whole small county) keeps enough points to stay a ring
        arcs.append(arc if arc[0] == arc[-1] and len(small) < 4 else small)
    counties = {}
    for g in topo["objects"]["counties"]["geometries"]:
        d, box = path(polygons_of(g), arcs)
        if d:
            counties[g["id"]] = {"name": g["properties"]["name"], "d": d, "box": box}
    states = {}
    for g in topo["objects"]["states"]["geometries"]:
        d, box = path(polygons_of(g), arcs)
        states[g["id"]] = {"name": g["properties"]["name"], "d": d, "box": box}
    nation, _ = path(polygons_of(topo["objects"]["nation"]["geometries"][0]), arcs)
    out = {
        "source": "us-atlas 3.0.1 counties-albers-10m.json (ISC); U.S. Census Bureau cartographic boundaries",
        "width": 975, "height": 610,
        "counties": counties, "states": states, "nation": nation,
    }
    OUT.write_text(json.dumps(out, separators=(",", ":")))
    print(f"{OUT}: {len(counties)} counties, {len(states)} states, {OUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main(sys.argv[1])
