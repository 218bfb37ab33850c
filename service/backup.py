"""Backup: the whole graph as the CSV files the loaders read, plus a manifest.

    refgraph export DIR    # jurisdictions, rosters and audit trail, with counts and checksums
    refgraph import DIR    # into an EMPTY database: reproduces the graph exactly

The rosters (regions, organizations, contacts, task forces, capabilities) are
written in their roster formats, so a backup is also a set of roster files a
steward can open. Places go to jurisdictions.csv, the audit trail to
changes.csv. API keys are never exported (they are credentials). Cells a
spreadsheet would run as a formula (starting with = + - @, tab or CR, and not a
number) are prefixed with an apostrophe; import takes it off again.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from loaders import load_frame
from loaders.jurisdictions import write_places
from loaders.records import RECORD_KINDS, cell, cells_of
from loaders.regions import COLUMNS as REGION_COLUMNS

from .csv_safety import safe_cell, unsafe_cell
from .errors import InvalidInput, RefgraphError
from .graph import Graph, Step

MANIFEST = "manifest.json"
FORMAT = 1
PLACE_COLUMNS = ("id", "name", "kind", "level", "parent", "fips", "postal", "state", "timezone",
                 "population", "lat", "lon", "is_territory", "fingerprint")
PLACE_TYPES: dict[str, Callable[[str], Any]] = {"level": int, "population": int, "lat": float, "lon": float,
               "is_territory": lambda v: v == "true"}
CHANGE_COLUMNS = ("id", "at", "actor", "action", "kind", "entity", "source", "checksum", "rows",
                  "created", "updated", "unchanged", "reason", "before", "after")
CHANGE_INTS = ("rows", "created", "updated", "unchanged")
BATCH = 2000


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_csv(path: Path, columns: Iterable[str], rows: Iterable[dict[str, Any]]) -> int:
    count = 0
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        names = list(columns)
        writer.writerow(names)
        for row in rows:
            writer.writerow([safe_cell(cell(row.get(c))) for c in names])
            count += 1
    return count


def _read_csv(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    return frame.map(unsafe_cell) if len(frame) else frame


@dataclass(frozen=True)
class Manifest:
    files: dict[str, dict[str, Any]]  # name -> {rows, sha256}
    nodes: dict[str, int]
    relationships: int
    content_sha256: str
    exported_at: str

    def as_json(self) -> str:
        return json.dumps({"format": FORMAT, "exported_at": self.exported_at, "files": self.files,
                           "nodes": self.nodes, "relationships": self.relationships,
                           "content_sha256": self.content_sha256}, indent=2, sort_keys=True)


def content(graph: Graph) -> tuple[dict[str, int], int, str]:
    """Node counts by label, relationship count and a checksum of everything but API keys,
    independent of storage order and internal ids."""
    nodes = sorted(json.dumps([sorted(r["labels"]), r["properties"]], sort_keys=True, default=str)
                   for r in graph.read("queries/graph_nodes"))
    rels = sorted(json.dumps([r["type"], r["start"], r["end"], r["properties"]], sort_keys=True, default=str)
                  for r in graph.read("queries/graph_relationships"))
    digest = hashlib.sha256()
    for line in (*nodes, "--", *rels):
        digest.update(line.encode() + b"\n")
    counts: dict[str, int] = {}
    for line in nodes:
        for label in json.loads(line)[0]:
            counts[label] = counts.get(label, 0) + 1
    return counts, len(rels), digest.hexdigest()


def _places(graph: Graph) -> Iterator[dict[str, Any]]:
    for r in graph.read("queries/places_for_export"):
        if len(r["parents"]) > 1:
            raise RefgraphError(f"Place {r['place']['id']} has {len(r['parents'])} parents outside regions",
                                "The backup format keeps one parent per place (regions aside)")
        yield {**r["place"], "parent": (r["parents"] or [None])[0]}


def _regions(graph: Graph) -> Iterator[dict[str, Any]]:
    for r in graph.read("queries/regions_for_export"):
        yield {**r["region"], "state": r["state"], "counties": sorted(r["counties"])}


def _records(graph: Graph, kind: Any, ids: list[str]) -> Iterator[dict[str, str]]:
    for start in range(0, len(ids), BATCH):
        for row in graph.read(kind.records, ids=ids[start:start + BATCH]):
            yield cells_of(kind, row[kind.key])


def export_graph(graph: Graph, out_dir: Path) -> Manifest:
    out_dir.mkdir(parents=True, exist_ok=True)
    ids: dict[str, list[str]] = {}
    for r in graph.read("queries/record_ids"):
        ids.setdefault(r["label"], []).append(r["id"])
    label_of = {"organizations": "Organization", "contacts": "Contact", "taskforces": "TaskForce",
                "capabilities": "Capability"}
    files: dict[str, dict[str, Any]] = {}

    def put(name: str, columns: Iterable[str], rows: Iterable[dict[str, Any]]) -> None:
        path = out_dir / name
        files[name] = {"rows": _write_csv(path, columns, rows)}
        files[name]["sha256"] = _sha256(path)

    put("jurisdictions.csv", PLACE_COLUMNS, _places(graph))
    put("regions.csv", [c.name for c in REGION_COLUMNS], _regions(graph))
    for kind in RECORD_KINDS:
        put(f"{kind.roster}.csv", kind.columns, _records(graph, kind, ids.get(label_of[kind.roster], [])))
    put("changes.csv", CHANGE_COLUMNS, (r["change"] for r in graph.read("queries/changes_for_export")))
    nodes, relationships, digest = content(graph)
    manifest = Manifest(files, nodes, relationships, digest,
                        dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    (out_dir / MANIFEST).write_text(manifest.as_json() + "\n")
    return manifest


def read_manifest(in_dir: Path) -> Manifest:
    path = in_dir / MANIFEST
    if not path.is_file():
        raise InvalidInput(f"{in_dir} has no {MANIFEST}", "Point at a folder written by `refgraph export`",
                           argument="DIR")
    data = json.loads(path.read_text())
    if data.get("format") != FORMAT:
        raise InvalidInput(f"{path} is backup format {data.get('format')!r}; this Refgraph reads {FORMAT}",
                           "Export again with this version", argument="DIR")
    for name, meta in data["files"].items():
        file = in_dir / name
        if not file.is_file():
            raise InvalidInput(f"{name} is missing from {in_dir}", "Copy the whole backup folder", argument="DIR")
        if _sha256(file) != meta["sha256"]:
            raise InvalidInput(f"{name} does not match the checksum in {MANIFEST}: it was changed or damaged",
                               "Restore from an intact copy of the backup", argument="DIR")
    return Manifest(data["files"], data["nodes"], data["relationships"], data["content_sha256"],
                    data["exported_at"])


def _place_of(row: dict[str, str]) -> dict[str, Any]:
    props: dict[str, Any] = {}
    for name in PLACE_COLUMNS:
        if name in ("id", "parent", "fingerprint") or row.get(name, "") == "":
            continue
        props[name] = PLACE_TYPES.get(name, str)(row[name])
    return {"id": row["id"], "props": props, "parent": row.get("parent") or None}


def import_graph(graph: Graph, in_dir: Path) -> Manifest:
    """Restore a backup into an empty database; refuses a database that holds anything."""
    manifest = read_manifest(in_dir)
    held = {r["label"]: r["count"] for r in graph.read("queries/node_counts") if r["label"] != "ApiKey"}
    if any(held.values()):
        raise InvalidInput(
            "The database is not empty (" + ", ".join(f"{v:,} {k}" for k, v in held.items()) + ")",
            "Restore into a fresh database: another --data-dir, or another NEO4J_DATABASE", argument="DIR")
    places = _read_csv(in_dir / "jurisdictions.csv").to_dict("records")
    write_places(graph, [_place_of(p) for p in places])
    for start in range(0, len(places), BATCH):
        graph.write("writes/restore_place_fingerprints",
                    rows=[{"id": p["id"], "fingerprint": p["fingerprint"]} for p in places[start:start + BATCH]])
    for roster in ("regions", *(k.roster for k in RECORD_KINDS)):
        frame = _read_csv(in_dir / f"{roster}.csv")
        if len(frame):
            load_frame(graph, roster, frame, source=f"{roster}.csv")
    changes = _read_csv(in_dir / "changes.csv").to_dict("records")
    rows = [{k: (int(v) if k in CHANGE_INTS and v != "" else (v if v != "" else None)) for k, v in c.items()}
            for c in changes]
    graph.write_steps([Step("writes/restore_changes", {"rows": rows[i:i + BATCH]})
                       for i in range(0, len(rows), BATCH)] or [Step("writes/restore_changes", {"rows": []})])
    return manifest
