"""Backup: the whole graph as the CSV files the loaders read, plus a manifest.

    refgraph export DIR    # jurisdictions, rosters and audit trail, with counts and checksums
    refgraph import DIR    # into an EMPTY database: reproduces the graph exactly

The rosters (regions, organizations, contacts, task forces, capabilities) are
written in their roster formats, so a backup is also a set of roster files a
steward can open. Places go to jurisdictions.csv, the audit trail to
changes.csv. API keys and sign-in sessions are never exported (they are credentials).
A backup holds confidential addresses and every contact's phone: the folder is
written owner-only (service.ops.backup_files), and it is kept like the database is. Cells a
spreadsheet would run as a formula (starting with = + - @, tab or CR, and not a
number) are prefixed with an apostrophe; import takes it off again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from loaders import load_frame
from loaders.jurisdictions import write_places
from loaders.records import region_rows, roster_rows

from ..errors import ImportRejected, InvalidInput, RefgraphError, RowProblem
from ..store.graph import Graph, Step
from .backup_files import (
    FILES,
    MANIFEST,
    Manifest,
    owner_only_folder,
    read_csv,
    read_manifest,
    sha256_of,
    write_csv,
    write_text,
)

PLACE_TYPES: dict[str, Callable[[str], Any]] = {"level": int, "population": int, "lat": float, "lon": float,
               "is_territory": lambda v: v == "true"}
CHANGE_INTS = ("rows", "created", "updated", "unchanged")
BATCH = 2000


class RestoreFailed(RefgraphError):
    """A restore stopped part-way; what it had written was taken back (or could not be: `cleaned`)."""

    def __init__(self, file: str, cause: RefgraphError | Exception, cleaned: bool) -> None:
        self.cause = cause
        self.cleaned = cleaned
        said = cause.message if isinstance(cause, RefgraphError) else "the engine refused a write"
        if cleaned:
            super().__init__(f"Restoring {file} failed ({said}); everything this restore wrote was taken "
                             "back and the database is empty again",
                             "Fix the backup, or take another copy of it, and run `refgraph import` again")
        else:
            super().__init__(f"Restoring {file} failed ({said}), and what it had written could not be "
                             "taken back: the database holds part of the backup",
                             "Restore into a fresh database (another --data-dir or NEO4J_DATABASE)")

    def report(self) -> str:
        lines = [f"Error: {self.message}"]
        if isinstance(self.cause, ImportRejected):
            lines += [f"  {p}" for p in self.cause.problems[:20]]
        return "\n".join(lines)

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


def export_graph(graph: Graph, out_dir: Path) -> Manifest:
    """Write the whole graph to `out_dir` (0700, its files 0600): a backup is as sensitive as the graph."""
    owner_only_folder(out_dir)
    rows_of: dict[str, Iterator[dict[str, Any]]] = {
        "jurisdictions.csv": _places(graph),
        "regions.csv": region_rows(graph),
        **{f"{roster}.csv": rows for roster, rows in roster_rows(graph).items()},
        "changes.csv": (r["change"] for r in graph.read("queries/changes_for_export")),
    }
    files: dict[str, dict[str, Any]] = {}
    for name, columns in FILES.items():
        rows = write_csv(out_dir / name, columns, rows_of[name])
        files[name] = {"rows": rows, "sha256": sha256_of(out_dir / name)}
    nodes, relationships, digest = content(graph)
    manifest = Manifest(files, nodes, relationships, digest,
                        dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    write_text(out_dir / MANIFEST, manifest.as_json() + "\n")
    return manifest


def _converted(name: str, frame: pd.DataFrame, types: dict[str, Callable[[str], Any]]) -> list[dict[str, Any]]:
    """Rows of `frame` with typed cells (empty cells as None); every bad cell named, nothing written."""
    rows: list[dict[str, Any]] = []
    problems: list[RowProblem] = []
    for line, row in enumerate(frame.to_dict("records"), start=2):
        typed: dict[str, Any] = {}
        for column, value in row.items():
            convert = types.get(str(column))
            try:
                typed[str(column)] = None if value == "" else convert(value) if convert else value
            except ValueError:
                problems.append(RowProblem(name, line, str(column), value,
                                           f"is not {'a whole number' if convert is int else 'a number'}"))
        rows.append(typed)
    if problems:
        raise ImportRejected(file=name, problems=problems)
    return rows


def _place_of(row: dict[str, Any]) -> dict[str, Any]:
    props = {k: v for k, v in row.items() if k not in ("id", "parent", "fingerprint") and v is not None}
    return {"id": row["id"], "props": props, "parent": row.get("parent")}


def _restore_steps(graph: Graph, places: list[dict[str, Any]], rosters: dict[str, pd.DataFrame],
                   changes: list[dict[str, Any]]) -> Iterator[tuple[str, Callable[[], object]]]:
    """The writes of a restore in order, each with the file it restores."""
    yield "jurisdictions.csv", lambda: write_places(graph, [_place_of(p) for p in places])
    for start in range(0, len(places), BATCH):
        rows = [{"id": p["id"], "fingerprint": p["fingerprint"]} for p in places[start:start + BATCH]]
        yield "jurisdictions.csv", partial(graph.write, "writes/restore_place_fingerprints", rows=rows)
    for name, frame in rosters.items():
        if len(frame):
            yield name, partial(load_frame, graph, name.removesuffix(".csv"), frame, source=name)
    yield "changes.csv", lambda: graph.write_steps(
        [Step("writes/restore_changes", {"rows": changes[i:i + BATCH]}) for i in range(0, len(changes), BATCH)]
        or [Step("writes/restore_changes", {"rows": []})])


def _take_back(graph: Graph) -> bool:
    """Delete what a failed restore wrote (all but keys and sessions), batch by batch; False if it could not."""
    try:
        while graph.write("writes/undo_restore", batch=BATCH)[0]["deleted"]:
            pass
    except Exception:  # noqa: BLE001 - reported to the person as "could not be taken back"
        return False
    return True


def import_graph(graph: Graph, in_dir: Path, manifest: Manifest | None = None) -> Manifest:
    """Restore a backup into an empty database, all or nothing.

    Every file is checked (checksum, header, rows, every cell) before anything is written; if a
    write fails part-way, what the restore wrote is deleted again, so the same import can be run
    again once the cause is fixed. `manifest`: one already read (read_manifest) from `in_dir`."""
    manifest = manifest or read_manifest(in_dir)
    held = {r["label"]: r["count"] for r in graph.read("queries/node_counts") if r["label"] != "ApiKey"}
    if any(held.values()):
        raise InvalidInput(
            "The database is not empty (" + ", ".join(f"{v:,} {k}" for k, v in held.items()) + ")",
            "Restore into a fresh database: another --data-dir, or another NEO4J_DATABASE", argument="DIR")
    frames = {name: read_csv(in_dir, name, manifest.files[name]["rows"] if name in manifest.files else None)
              for name in FILES}
    places = _converted("jurisdictions.csv", frames.pop("jurisdictions.csv"), PLACE_TYPES)
    changes = _converted("changes.csv", frames.pop("changes.csv"), dict.fromkeys(CHANGE_INTS, int))
    for name, write in _restore_steps(graph, places, frames, changes):
        try:
            write()
        except Exception as exc:
            raise RestoreFailed(name, exc, _take_back(graph)) from exc
    return manifest
