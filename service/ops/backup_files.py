"""The files of a backup: an owner-only folder of CSV files and the manifest that vouches for them.

A backup holds everything the graph does, confidential addresses included, so its folder is
0700 and its files 0600 whatever the umask. On the way back in nothing is trusted: the manifest
must name exactly the files a backup has (no other name, so nothing outside the folder is read),
every file must match its checksum and header, and every problem is an error that names the file
and, for a cell, its line and column.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from loaders.records import RECORD_KINDS, cell
from loaders.rosters.regions import COLUMNS as REGION_COLUMNS

from ..domain.csv_safety import safe_cell, unsafe_cell
from ..errors import InvalidInput, storage_problem

MANIFEST = "manifest.json"
FORMAT = 1
MANIFEST_LIMIT = 1 << 20  # bytes; a manifest is a few hundred
PLACE_COLUMNS = ("id", "name", "kind", "level", "parent", "fips", "postal", "state", "timezone",
                 "population", "lat", "lon", "is_territory", "fingerprint")
CHANGE_COLUMNS = ("id", "at", "actor", "action", "kind", "entity", "source", "checksum", "rows",
                  "created", "updated", "unchanged", "reason", "before", "after")
# Every file of a backup, in restore order, with its header.
FILES: dict[str, tuple[str, ...]] = {
    "jurisdictions.csv": PLACE_COLUMNS,
    "regions.csv": tuple(c.name for c in REGION_COLUMNS),
    **{f"{kind.roster}.csv": tuple(kind.columns) for kind in RECORD_KINDS},
    "changes.csv": CHANGE_COLUMNS,
}
# What backups written by an earlier version lack, and a restore fills in as empty: optional
# columns added to a roster since (at the end of its header), and whole files added since.
COLUMNS_ADDED: dict[str, tuple[str, ...]] = {"organizations.csv": ("trained_on", "source"),
                                             "contacts.csv": ("trained_on", "source"),
                                             "capabilities.csv": ("notify", "source")}
FILES_ADDED = ("placefacts.csv",)
SHA256 = re.compile(r"[0-9a-f]{64}")
FOLDER_MODE = 0o700
FILE_MODE = 0o600


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def owner_only_folder(folder: Path) -> None:
    """Create `folder` (0700), or take an empty one or an earlier backup (made 0700); refuse others."""
    try:
        if folder.exists():
            if not folder.is_dir():
                raise InvalidInput(f"{folder} is a file, not a folder", "Give a new folder to export into",
                                   argument="DIR")
            if any(folder.iterdir()) and not (folder / MANIFEST).is_file():
                raise InvalidInput(f"{folder} holds other files and no earlier backup",
                                   "Export into a new or empty folder", argument="DIR")
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        folder.chmod(FOLDER_MODE)
    except OSError as exc:
        raise storage_problem(folder, exc, "The backup folder") from exc


def _owner_only_file(path: Path) -> int:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    os.fchmod(descriptor, FILE_MODE)  # an earlier, wider file keeps its mode through O_CREAT
    return descriptor


def write_csv(path: Path, columns: Iterable[str], rows: Iterable[dict[str, Any]], *, formula_safe: bool = True) -> int:
    """Write `rows` as a 0600 CSV file, formula-safe (`formula_safe=False`: every cell exactly as
    it is, for files only programs read, like an HSDS package); returns how many."""
    count = 0
    guard = safe_cell if formula_safe else str
    try:
        with open(_owner_only_file(path), "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            names = list(columns)
            writer.writerow(names)
            for row in rows:
                writer.writerow([guard(cell(row.get(c))) for c in names])
                count += 1
    except OSError as exc:
        raise storage_problem(path, exc, "The backup file") from exc
    return count


def write_text(path: Path, text: str) -> None:
    try:
        with open(_owner_only_file(path), "w", encoding="utf-8") as f:
            f.write(text)
    except OSError as exc:
        raise storage_problem(path, exc, "The backup file") from exc


def _refused(problem: str, hint: str = "Restore from an intact copy of the backup") -> InvalidInput:
    return InvalidInput(problem, hint, argument="DIR")


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


def _field(data: dict[str, Any], name: str, kind: type, where: str) -> Any:
    if name not in data:
        raise _refused(f"{where} has no \"{name}\"")
    value = data[name]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise _refused(f"\"{name}\" in {where} is {json.dumps(value)[:60]}, not {kind.__name__}")
    return value


def _count(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _refused(f"{where} is {json.dumps(value)[:60]}, not a count")
    return value


def _checksum(value: Any, where: str) -> str:
    if not isinstance(value, str) or not SHA256.fullmatch(value):
        raise _refused(f"{where} is {json.dumps(value)[:60]}, not a sha256 checksum (64 hex digits)")
    return value


def read_manifest(folder: Path) -> Manifest:
    """The manifest of the backup in `folder`, once every file in it matches its checksum."""
    path = folder / MANIFEST
    if not path.is_file():
        raise _refused(f"{folder} has no {MANIFEST}", "Point at a folder written by `refgraph export`")
    if path.stat().st_size > MANIFEST_LIMIT:
        raise _refused(f"{path} is {path.stat().st_size:,} bytes, far more than a manifest holds")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise _refused(f"{path} is not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise _refused(f"{path} holds {type(data).__name__}, not a manifest object")
    if data.get("format") != FORMAT:
        raise _refused(f"{path} is backup format {data.get('format')!r}; this Refgraph reads {FORMAT}",
                       "Export again with this version")
    files = _field(data, "files", dict, MANIFEST)
    unexpected = sorted(set(files) - set(FILES))
    if unexpected:
        raise _refused(f"{MANIFEST} names {', '.join(json.dumps(n) for n in unexpected)}, which is not a "
                       f"file of a backup (a backup has exactly {', '.join(FILES)})")
    missing = [name for name in FILES if name not in files and name not in FILES_ADDED]
    if missing:
        raise _refused(f"{MANIFEST} does not list {', '.join(missing)}: every file of a backup needs its checksum")
    for name in FILES:
        if name not in files:  # a file added since this backup was written: restored as empty
            continue
        meta = files[name]
        if not isinstance(meta, dict):
            raise _refused(f"files.{name} in {MANIFEST} is not an object with rows and sha256")
        _count(meta.get("rows"), f"files.{name}.rows in {MANIFEST}")
        expected = _checksum(meta.get("sha256"), f"files.{name}.sha256 in {MANIFEST}")
        file = folder / name
        if file.is_symlink() or not file.is_file():
            raise _refused(f"{name} is missing from {folder}" if not file.exists() else
                           f"{name} in {folder} is not a plain file", "Copy the whole backup folder")
        if sha256_of(file) != expected:
            raise _refused(f"{name} does not match the checksum in {MANIFEST}: it was changed or damaged")
    nodes = _field(data, "nodes", dict, MANIFEST)
    for label, count in nodes.items():
        _count(count, f"nodes.{label} in {MANIFEST}")
    return Manifest(files, nodes, _count(data.get("relationships"), f"relationships in {MANIFEST}"),
                    _checksum(data.get("content_sha256"), f"content_sha256 in {MANIFEST}"),
                    _field(data, "exported_at", str, MANIFEST))


def read_csv(folder: Path, name: str, rows: int | None) -> pd.DataFrame:
    """One backup file as text cells (formula guard taken off), its header and row count checked.
    `rows` None: the manifest does not list it (a file added since the backup): no rows. A
    header without the columns added since is read with them empty."""
    expected: Sequence[str] = FILES[name]
    if rows is None:
        return pd.DataFrame(columns=list(expected), dtype=str)
    path = folder / name
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise _refused(f"{name} is not a well-formed CSV file: {str(exc).strip()}") from exc
    added = COLUMNS_ADDED.get(name, ())
    missing = [c for c in expected if c not in frame.columns]
    if missing and set(missing) <= set(added) and tuple(frame.columns) == tuple(c for c in expected if c not in missing):
        frame = frame.assign(**dict.fromkeys(missing, ""))[list(expected)]  # an earlier version's backup
    if tuple(frame.columns) != tuple(expected):
        raise _refused(f"{name} has the columns {', '.join(map(str, frame.columns))}; a backup's {name} has "
                       f"{', '.join(expected)}")
    if len(frame) != rows:
        raise _refused(f"{name} holds {len(frame):,} rows; {MANIFEST} says {rows:,}")
    return frame.map(unsafe_cell) if len(frame) else frame
