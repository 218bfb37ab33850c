"""Reading an HSDS 3.0 datapackage: a folder or .zip of the tabular CSV files (with or without
`datapackage.json`), or an HSDS JSON file (a list of `service_full` / `organization_full`
documents, or an API page of them under `contents` / `items`).

Every row becomes an `HsdsRow` that remembers where it came from (file and line, or the JSON
document and its path), so every problem names the file, the row and the field. The rows are
checked against the specification's schema (`spec`): missing required columns, required cells
left empty, numbers that are not numbers, words outside a field's list, malformed emails, web
addresses and dates, and ids repeated in a table are problems; columns and files HSDS does not
define are reported and not read. Ids that are not UUIDs are accepted (many 211 systems number
their rows) and counted in the report.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from service.errors import RowProblem

from . import spec

MAX_BYTES = 512 << 20  # a package larger than this is refused (a national 211 export is far smaller)
MAX_CELL = 1 << 24  # a service area's GeoJSON extent can pass the csv module's 128 KiB default


@contextmanager
def _large_cells() -> Iterator[None]:
    """Let the csv module read HSDS's large cells while a package is read, and only then:
    the limit is process-wide, and the roster readers keep the default (a 200 KB header cell
    there is a mistake to report)."""
    previous = csv.field_size_limit(MAX_CELL)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


@dataclass(slots=True)
class HsdsRow:
    table: str
    file: str
    line: int  # CSV: the line the row starts on (the header is line 1); JSON: the document, from 1
    cells: dict[str, str]
    path: str = ""  # JSON: where in the document, e.g. services[0].phones[1]

    def where(self, name: str = "") -> str:
        """The field as a problem names it: the column, or the JSON path and field."""
        if self.path:
            return f"{self.path}.{name}" if name else self.path
        return name

    def get(self, name: str) -> str:
        return self.cells.get(name, "")


@dataclass
class Package:
    name: str  # the datapackage's own name, else the folder, zip or file name
    checksum: str  # sha256 of the files read, in name order
    tables: dict[str, list[HsdsRow]] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)  # files and columns HSDS does not define: not read
    non_uuid_ids: int = 0

    def rows(self, table: str) -> list[HsdsRow]:
        return self.tables.get(table, [])

    def by_id(self, table: str) -> dict[str, HsdsRow]:
        return {r.get("id"): r for r in self.rows(table) if r.get("id")}


class PackageRejected(Exception):
    def __init__(self, name: str, problems: list[RowProblem]) -> None:
        super().__init__(name)
        self.name, self.problems = name, problems


def read_package(path: Path) -> Package:
    """Read and check a datapackage folder, .zip or HSDS .json; `PackageRejected` lists every
    problem when it does not conform."""
    path = Path(path)
    problems: list[RowProblem] = []
    if path.is_dir():
        files = {p.name: p.read_bytes() for p in sorted(path.iterdir()) if p.is_file()}
        package = _tabular(path.name, files, problems)
    elif path.suffix.lower() == ".zip":
        package = _tabular(path.stem, _zip_files(path, problems), problems)
    elif path.suffix.lower() == ".json":
        package = _documents(path, problems)
    else:
        problems.append(RowProblem(path.name, 0, "", "", "is not an HSDS datapackage: give its folder, a .zip of it, "
                                   "or an HSDS .json file (a list of services or organizations)"))
        package = Package(path.name, "")
    problems.extend(_conformance(package))
    if problems:
        raise PackageRejected(package.name, problems)
    return package


def _zip_files(path: Path, problems: list[RowProblem]) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            if sum(m.file_size for m in members) > MAX_BYTES:
                problems.append(RowProblem(path.name, 0, "", "", f"unpacks to more than {MAX_BYTES >> 20} MB; "
                                           "import the folder instead"))
                return {}
            return {Path(m.filename).name: archive.read(m) for m in members}  # a package may sit in a subfolder
    except (zipfile.BadZipFile, OSError):
        problems.append(RowProblem(path.name, 0, "", "", "cannot be opened as a .zip file"))
        return {}


def _checksum(files: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name])
    return digest.hexdigest()


def _tabular(default_name: str, files: dict[str, bytes], problems: list[RowProblem]) -> Package:
    name = default_name
    descriptor = files.get("datapackage.json")
    if descriptor is not None:
        try:
            meta = json.loads(descriptor)
            if isinstance(meta, dict) and isinstance(meta.get("name"), str) and meta["name"].strip():
                name = meta["name"].strip()
        except ValueError:
            pass  # e.g. the specification's example ships a link, not a descriptor: the CSVs speak for themselves
    package = Package(name, _checksum(files))
    by_path = spec.table_by_path()
    for file_name, data in sorted(files.items()):
        if file_name == "datapackage.json" or file_name.startswith("."):
            continue
        table = by_path.get(file_name)
        if table is None:
            package.ignored.append(f"{file_name}: not an HSDS 3.0 table; not read")
            continue
        with _large_cells():
            package.tables[table.name] = _csv_rows(table, file_name, data, problems, package)
    if not package.tables:
        problems.append(RowProblem(name, 0, "", "", "holds no HSDS table (organizations.csv, services.csv, ...)"))
    return package


def _csv_rows(table: spec.Table, file_name: str, data: bytes, problems: list[RowProblem],
              package: Package) -> list[HsdsRow]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.append(RowProblem(file_name, 1, "", "", "is not UTF-8 text; save it as CSV UTF-8"))
        return []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        problems.append(RowProblem(file_name, 1, "", "", "is empty: an HSDS table starts with its header line"))
        return []
    except csv.Error as exc:
        problems.append(RowProblem(file_name, 1, "", "", f"cannot be read as CSV ({exc})"))
        return []
    for column in header:
        if column and column not in table.fields:
            package.ignored.append(f"{file_name}: column {column} is not an HSDS 3.0 field of {table.name}; not read")
    for name, f in table.fields.items():
        if f.required and name not in header:
            problems.append(RowProblem(file_name, 1, name, "", f"required column is missing from the header "
                                       f"(HSDS 3.0 {table.name} rows must have {name})"))
    rows = []
    start = reader.line_num + 1
    try:
        for values in reader:
            if any(v.strip() for v in values):
                if len(values) != len(header):
                    problems.append(RowProblem(file_name, start, "", "", f"has {len(values)} cells where the header "
                                               f"has {len(header)}; check the quotes and commas"))
                cells = {h: v.strip() for h, v in zip(header, values) if h in table.fields}
                rows.append(HsdsRow(table.name, file_name, start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        problems.append(RowProblem(file_name, start, "", "", f"cannot be read as CSV ({exc}); check the quotes"))
    return rows


def _documents(path: Path, problems: list[RowProblem]) -> Package:
    data = path.read_bytes()
    package = Package(path.stem, _checksum({path.name: data}))
    try:
        loaded = json.loads(data)
    except ValueError as exc:
        problems.append(RowProblem(path.name, 0, "", "", f"is not JSON ({exc})"))
        return package
    if isinstance(loaded, dict):
        loaded = loaded.get("contents", loaded.get("items", [loaded]))
    if not isinstance(loaded, list) or not all(isinstance(d, dict) for d in loaded):
        problems.append(RowProblem(path.name, 0, "", "", "holds no list of HSDS documents (services or organizations)"))
        return package
    seen: set[tuple[str, str]] = set()
    for number, document in enumerate(loaded, start=1):
        kind = "service" if "status" in document or "service_areas" in document or "organization" in document \
            else "organization"
        for row in _flatten(kind, document, {}, f"{kind}s[{number - 1}]", path.name, number):
            key = (row.table, row.get("id"))
            if row.get("id") and key in seen:
                continue  # the same organization or location nested in several services
            seen.add(key)
            package.tables.setdefault(row.table, []).append(row)
    return package


# nested lists of a document: the key, the table of its items, and the field naming the parent
NESTED: dict[str, dict[str, tuple[str, str]]] = {
    "service": {"phones": ("phone", "service_id"), "schedules": ("schedule", "service_id"),
                "service_areas": ("service_area", "service_id"), "languages": ("language", "service_id"),
                "contacts": ("contact", "service_id"), "attributes": ("attribute", "link_id"),
                "service_at_locations": ("service_at_location", "service_id"),
                "funding": ("funding", "service_id"), "cost_options": ("cost_option", "service_id"),
                "required_documents": ("required_document", "service_id")},
    "organization": {"phones": ("phone", "organization_id"), "contacts": ("contact", "organization_id"),
                     "locations": ("location", "organization_id"), "attributes": ("attribute", "link_id"),
                     "organization_identifiers": ("organization_identifier", "organization_id"),
                     "programs": ("program", "organization_id"), "funding": ("funding", "organization_id")},
    "location": {"phones": ("phone", "location_id"), "schedules": ("schedule", "location_id"),
                 "addresses": ("address", "location_id"), "languages": ("language", "location_id"),
                 "contacts": ("contact", "location_id"), "attributes": ("attribute", "link_id"),
                 "accessibility": ("accessibility", "location_id")},
    "service_at_location": {"phones": ("phone", "service_at_location_id"),
                            "schedules": ("schedule", "service_at_location_id"),
                            "contacts": ("contact", "service_at_location_id"),
                            "attributes": ("attribute", "link_id")},
    "contact": {"phones": ("phone", "contact_id"), "attributes": ("attribute", "link_id")},
    "phone": {"languages": ("language", "phone_id"), "attributes": ("attribute", "link_id")},
    "service_area": {"attributes": ("attribute", "link_id")},
    "schedule": {"attributes": ("attribute", "link_id")},
    "attribute": {},
}
NESTED_ONE = {"organization": ("organization", "organization_id"), "location": ("location", "location_id"),
              "taxonomy_term": ("taxonomy_term", "taxonomy_term_id"), "program": ("program", "program_id")}


def _flatten(table: str, document: dict[str, Any], parent: dict[str, str], path: str, file: str,
             number: int) -> Iterator[HsdsRow]:
    cells = {k: _text(v) for k, v in document.items() if not isinstance(v, (list, dict)) and v is not None}
    cells.update({k: v for k, v in parent.items() if not cells.get(k)})
    if table == "attribute" and not cells.get("link_entity") and parent:
        cells["link_entity"] = parent.get("_entity", "")
    cells.pop("_entity", None)
    for key, (child_table, _) in NESTED_ONE.items():
        value = document.get(key)
        if isinstance(value, dict):
            if value.get("id") is not None and not cells.get(f"{key}_id"):
                cells[f"{key}_id"] = _text(value["id"])
            yield from _flatten(child_table, value, {}, f"{path}.{key}", file, number)
    yield HsdsRow(table, file, number, cells, path)
    for key, (child_table, link) in NESTED.get(table, {}).items():
        items = document.get(key)
        if not isinstance(items, list):
            continue
        for at, item in enumerate(items):
            if isinstance(item, dict):
                link_to = {link: cells.get("id", "")}
                if child_table == "attribute":
                    link_to["_entity"] = table
                yield from _flatten(child_table, item, link_to, f"{path}.{key}[{at}]", file, number)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _conformance(package: Package) -> list[RowProblem]:
    """Every row against its table's schema, and ids unique within a table."""
    problems = []
    tables = spec.tables()
    for name, rows in package.tables.items():
        table = tables[name]
        seen: dict[str, HsdsRow] = {}
        for row in rows:
            for message, where, value in spec.row_problems(table, row.cells):
                if message.startswith("is not a UUID") and where.endswith("id"):
                    if where == "id":
                        package.non_uuid_ids += 1
                    continue  # lenient: ids that are not UUIDs are used as they are
                problems.append(RowProblem(row.file, row.line, row.where(where), value[:80], message))
            ident = row.get("id")
            if ident and not row.path:
                if ident in seen:
                    problems.append(RowProblem(row.file, row.line, "id", ident,
                                               f"appears twice in {table.path}: also on line {seen[ident].line}"))
                seen[ident] = row
    return problems


__all__ = ["HsdsRow", "Package", "PackageRejected", "read_package"]
