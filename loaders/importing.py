"""Roster import: CSV/XLSX files -> validated rows -> batched UNWIND upserts.

    load_file(graph, "capabilities", Path("capabilities.csv"))   # or .xlsx
    load_frame(graph, "organizations", frame, source="generated")
    load_builtin_us(graph)                                        # country, states, counties, cities
    template("contacts")                                          # CSV header + commented example

A file is read once, checked and written as it is read, in ONE write
transaction, in `UNWIND` batches that `MERGE` on the constrained `id`: every
problem in every row is collected and raised together as `ImportRejected`,
which rolls the transaction back, so a file lands whole or not at all (rows
after the first problem are checked, not sent), and re-importing it changes
nothing. Each node keeps a `fingerprint` of the row that wrote it, which is how
the summary tells created, updated and unchanged rows apart (and how a roster
with a `writes/create_*` statement sends its new rows to a plain `CREATE`).
The file is parsed, checked and compared in a worker thread
(`common.read_ahead`) while the engine writes the batch before.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType
from typing import Any

import pandas as pd

from service.errors import ImportRejected, RowProblem
from service.ops.audit import Audit, file_checksum, text_checksum
from service.store.graph import Graph, Step

from .checking import _Checked
from .common import count_lines, read_ahead, rejected
from .progress import _Bar, _progress
from .references import Place, References
from .rosters import capabilities, contacts, organizations, placefacts, regions, taskforces
from .sources import CsvSource, FrameSource, Source, xlsx_source
from .writing import _changed_batches, _counted, _steps

KINDS = ("regions", "organizations", "contacts", "taskforces", "capabilities", "placefacts")
ROSTERS: dict[str, ModuleType] = {
    "regions": regions, "organizations": organizations, "contacts": contacts,
    "taskforces": taskforces, "capabilities": capabilities, "placefacts": placefacts,
}


@dataclass(frozen=True)
class LoadSummary:
    """What one import did (or, with dry_run, would do)."""

    kind: str
    source: str
    rows: int
    created: int
    updated: int
    unchanged: int
    dry_run: bool

    def __str__(self) -> str:
        verb = " (dry run: nothing written)" if self.dry_run else ""
        return (f"{self.source}: {self.rows} row{'s' if self.rows != 1 else ''} - {self.created} created, "
                f"{self.updated} updated, {self.unchanged} unchanged{verb}")


def roster(kind: str) -> ModuleType:
    if kind not in ROSTERS:
        from service.errors import InvalidInput
        raise InvalidInput(f"{kind!r} is not a roster kind", f"Use one of: {', '.join(KINDS)}", argument="kind")
    return ROSTERS[kind]


def load_file(graph: Graph, kind: str, path: Path, *, dry_run: bool = False,
              progress: bool | None = None, audit: Audit | None = None) -> LoadSummary:
    """Check and import one roster file (.csv, UTF-8; or .xlsx, first sheet)."""
    spec = roster(kind)
    path = Path(path)
    if not path.is_file():
        raise rejected(path.name, [RowProblem(path.name, 0, "", str(path), "file not found")])
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            source: Source = xlsx_source(path, spec.COLUMNS)
        except (ValueError, OSError, zipfile.BadZipFile, KeyError):
            raise rejected(path.name, [RowProblem(path.name, 1, "", "", "cannot be opened as an Excel workbook; "
                                                  "save it again from Excel as .xlsx, or as CSV UTF-8")]) from None
        total = len(source.frame)  # type: ignore[attr-defined]
    elif suffix in (".csv", ".txt", ""):
        source = CsvSource(path, spec.COLUMNS)
        problem = source.encoding_problem()
        if problem is not None:
            raise rejected(path.name, [problem])
        total = count_lines(path)
    else:
        raise rejected(path.name, [RowProblem(path.name, 0, "", path.suffix, "is not a file type the loader reads; "
                                              "save the roster as .csv (UTF-8) or .xlsx")])
    if audit is not None and audit.checksum is None:
        audit = replace(audit, checksum=file_checksum(path))
    return _load(graph, spec, source, total, dry_run=dry_run, progress=progress, audit=audit)


def load_frame(graph: Graph, kind: str, frame: pd.DataFrame, *, source: str = "<frame>",
               dry_run: bool = False, audit: Audit | None = None) -> LoadSummary:
    """Check and import rows already in a DataFrame (same columns and rules as the files)."""
    spec = roster(kind)
    if audit is not None and audit.checksum is None:
        audit = replace(audit, checksum=text_checksum(frame.to_csv(index=False)))
    return _load(graph, spec, FrameSource(source, frame, spec.COLUMNS), len(frame), dry_run=dry_run,
                 progress=False, audit=audit)


def template(kind: str) -> str:
    """CSV text for a new roster: the header and one commented example row."""
    import csv
    import io

    spec = roster(kind)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in spec.COLUMNS])
    example = [c.example for c in spec.COLUMNS]
    example[0] = "# " + example[0]
    writer.writerow(example)
    return out.getvalue()


def _load(graph: Graph, spec: ModuleType, source: Source, total: int, *, dry_run: bool,
          progress: bool | None, audit: Audit | None = None) -> LoadSummary:
    bar = _Bar(_progress(progress), total, f"{'Checking' if dry_run else 'Checking and writing'} {source.name}")
    counted: dict[str, int] = {}

    def batches() -> Iterator[tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
        """One pass over the file, from the start (a replayed write makes a new one): its new
        and changed rows in batches; once done, `counted` holds its rows, created and updated."""
        tally = {"created": 0, "updated": 0}
        checked = _Checked(graph, spec, source, bar)
        yield from _changed_batches(graph, spec.KIND, checked.records(), tally)
        counted.update(tally, rows=checked.rows)

    def steps() -> Iterator[Step]:
        """The whole write, from the start: write_batches replays it after a conflict. Each
        attempt counts for itself: a failed one's read-ahead worker may still be finishing."""
        yield from _steps(spec.STEPS, read_ahead(batches()))
        if audit is not None and (counted["created"] or counted["updated"]):
            yield audit.step(spec.KIND, source.name, counted["rows"], counted["created"], counted["updated"])

    try:
        if dry_run:
            for _ in batches():
                pass
            created, updated = counted["created"], counted["updated"]
        else:
            created, updated = _counted(graph.write_batches(steps))
    finally:
        bar.close()
    rows = counted["rows"]
    return LoadSummary(spec.KIND, source.name, rows, created, updated, rows - created - updated, dry_run)


@dataclass(frozen=True)
class RosterPart:
    """One roster's rows in a multi-roster import (`load_rosters`)."""

    kind: str
    frame: pd.DataFrame
    source: str


def load_rosters(graph: Graph, parts: list[RosterPart], *, dry_run: bool = False,
                 audit: Audit | None = None) -> list[LoadSummary]:
    """Check several rosters' rows, then write them all in ONE transaction (a translated HSDS
    datapackage: its regions, organizations, contacts, task forces and capabilities land together
    or not at all). Parts come in load order; a later part may name the regions, organizations and
    contacts of an earlier one. Every problem of every part is raised together (`ImportRejected`
    naming `parts[0].source`'s package) before anything is written; re-running writes nothing."""
    refs = References(graph)
    for part in parts:
        ids = [str(i) for i in part.frame["id"]] if "id" in part.frame else []
        if part.kind == "organizations":
            refs.organizations.update(dict.fromkeys(ids, True))
        elif part.kind == "contacts":
            refs.contacts.update(dict.fromkeys(ids, True))
        elif part.kind == "regions":
            for ident, state in zip(ids, part.frame.get("state", [""] * len(ids))):
                refs.places[ident] = Place(ident, "region", str(state).lower() or None)
    checked: list[tuple[ModuleType, RosterPart, list[dict[str, Any]]]] = []
    problems: list[RowProblem] = []
    for part in parts:
        spec = roster(part.kind)
        try:
            records = list(_Checked(graph, spec, FrameSource(part.source, part.frame, spec.COLUMNS), _Bar(False, 0, ""),
                                    refs).records())
        except ImportRejected as exc:
            problems.extend(exc.problems)
            continue
        checked.append((spec, part, records))
    if problems:
        raise ImportRejected(file=parts[0].source.split(" ")[0], problems=problems)
    counted: dict[str, dict[str, int]] = {}

    def changed(spec: ModuleType, records: list[dict[str, Any]]) -> list[tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
        tally = {"created": 0, "updated": 0}
        # copies: a written step empties the lists it was given (Graph._release)
        out = list(_changed_batches(graph, spec.KIND, [dict(r) for r in records], tally))
        counted[spec.KIND] = tally
        return out

    def steps() -> Iterator[Step]:
        for spec, part, records in checked:
            yield from _steps(spec.STEPS, changed(spec, records))
            tally = counted[spec.KIND]
            if audit is not None and (tally["created"] or tally["updated"]):
                yield audit.step(spec.KIND, part.source, len(records), tally["created"], tally["updated"])

    if dry_run:
        for spec, _, records in checked:
            changed(spec, records)
    else:
        graph.write_batches(steps)
    return [LoadSummary(spec.KIND, part.source, len(records), counted[spec.KIND]["created"],
                        counted[spec.KIND]["updated"],
                        len(records) - counted[spec.KIND]["created"] - counted[spec.KIND]["updated"], dry_run)
            for spec, part, records in checked]


def load_builtin_us(graph: Graph, *, progress: bool | None = None) -> LoadSummary:
    """Country, states, territories, counties and cities of the US (see loaders.jurisdictions)."""
    from .jurisdictions import load_builtin_us as load

    return load(graph, progress=_progress(progress))


__all__ = ["KINDS", "LoadSummary", "RosterPart", "load_builtin_us", "load_file", "load_frame", "load_rosters",
           "template"]
