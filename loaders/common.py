"""Reading, checking and batching roster files, shared by every roster kind.

A roster file is read once in chunks (pandas `chunksize`), so memory stays
flat however long the file is: every cell is checked and every problem
collected; while there is none, rows become `UNWIND` batches written inside
the import's one transaction, which a problem anywhere rolls back. Only the
ids' hashes (8 bytes a row) and the resolved references are kept.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import difflib
import functools
import hashlib
import json
import math
import re
import threading
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from queue import Full, Queue
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from service.errors import ImportRejected, RowProblem

T = TypeVar("T")
CHUNK_ROWS = 20_000
BATCH_ROWS = 2_000
LIST_SEP = ";"
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$")  # at most 200 characters
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EMAIL_PATTERN = re.compile(r"^[^@\s;]+@[^@\s;]+\.[^@\s;]+$")
TRUE_WORDS = {"true", "yes", "y", "1"}
FALSE_WORDS = {"false", "no", "n", "0"}


@dataclass(frozen=True)
class Column:
    """One roster column: its name, whether a value is required, what it holds."""

    name: str
    required: bool = False
    help: str = ""
    example: str = ""


Cells = dict[str, str]


def normalise_header(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


def fingerprint(record: Any) -> str:
    """A short stable hash of a normalised row (its properties and links). Its `derived`
    values (worked out from its own cells, like an organization's open minutes) are left
    out: they change only when the cells do, and adding one must not make every stored
    row look changed."""
    if isinstance(record, dict) and "derived" in record:
        record = {k: v for k, v in record.items() if k != "derived"}
    text = json.dumps(record, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def quote_list(values: Iterable[str]) -> str:
    items = list(values)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


# --------------------------------------------------------------------------- reading


class Source:
    """A roster file or frame: header check and row chunks with line numbers."""

    def __init__(self, name: str, columns: tuple[Column, ...]) -> None:
        self.name = name
        self.columns = columns
        self.known = {c.name for c in columns}

    def header_problems(self, header: list[str]) -> list[RowProblem]:
        problems = []
        seen: set[str] = set()
        for raw in header:
            name = normalise_header(raw)
            if name in seen:
                problems.append(RowProblem(self.name, 1, name, "", "appears twice in the header; keep one"))
            seen.add(name)
            if name not in self.known:
                close = difflib.get_close_matches(name, sorted(self.known), n=1, cutoff=0.6)
                hint = f"did you mean {close[0]}?" if close else f"known columns: {', '.join(c.name for c in self.columns)}"
                problems.append(RowProblem(self.name, 1, "", str(raw).strip(), f"is not a known column; {hint}"))
        for col in self.columns:
            if col.required and col.name not in seen:
                problems.append(RowProblem(self.name, 1, col.name, "", "required column is missing from the header"))
        return problems

    def chunks(self) -> Iterator[list[tuple[int, Cells]]]:
        raise NotImplementedError

    def header(self) -> list[str]:
        raise NotImplementedError


def _cell(value: Any) -> str:
    if type(value) is str:  # every CSV cell: the usual case, first
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
    if isinstance(value, (dt.datetime, pd.Timestamp)):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _rows(frame: pd.DataFrame, names: list[str], first_line: int) -> list[tuple[int, Cells]]:
    """(line, cells) for every non-blank, non-comment row of a chunk."""
    out = []
    for offset, values in enumerate(frame.itertuples(index=False, name=None)):
        cells: Cells = {}
        for name, value in zip(names, values):
            if name not in cells:
                cells[name] = _cell(value)
        if not any(cells.values()):
            continue
        first = next(iter(cells.values()), "")
        if first.startswith("#"):
            continue
        out.append((first_line + offset, cells))
    return out


class CsvSource(Source):
    def __init__(self, path: Path, columns: tuple[Column, ...], chunk_rows: int = CHUNK_ROWS) -> None:
        super().__init__(path.name, columns)
        self.path = path
        self.chunk_rows = chunk_rows

    def encoding_problem(self) -> RowProblem | None:
        """Nothing, or why the file is not UTF-8 text (with the line of the first bad byte)."""
        with self.path.open("rb") as fh:
            start = fh.read(4)
        for bom, enc in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                         (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
            if start.startswith(bom):
                return RowProblem(self.name, 1, "", "", f"the file is saved as {enc} (it starts with a {enc} byte-order mark); "
                                  "save it as 'CSV UTF-8' (in Excel: File > Save As > CSV UTF-8) and import again")
        decoder = codecs.getincrementaldecoder("utf-8")()
        line = 1
        with self.path.open("rb") as fh:
            for raw in fh:
                try:
                    decoder.decode(raw)
                except UnicodeDecodeError as exc:
                    bad = raw[max(exc.start - 10, 0): exc.end + 10].decode("latin-1")
                    return RowProblem(self.name, line, "", bad.strip(), "the file is not UTF-8 text (perhaps Windows-1252/Latin-1); "
                                      "save it as 'CSV UTF-8' (in Excel: File > Save As > CSV UTF-8) and import again")
                line += 1
        return None

    def header(self) -> list[str]:
        with self.path.open("r", encoding="utf-8-sig", newline="") as fh:
            for row in csv.reader(fh):
                return [h for h in row]
        return []

    def chunks(self) -> Iterator[list[tuple[int, Cells]]]:
        names = [normalise_header(h) for h in self.header()]
        reader = pd.read_csv(
            self.path, dtype=str, keep_default_na=False, na_filter=False, skip_blank_lines=False,
            encoding="utf-8-sig", header=None, skiprows=1, names=list(range(len(names))),
            chunksize=self.chunk_rows, on_bad_lines="error",
        )
        line = 2
        with reader:
            for frame in reader:
                yield _rows(frame, names, line)
                line += len(frame)


class FrameSource(Source):
    """A DataFrame already in memory (xlsx sheets, generated data)."""

    def __init__(self, name: str, frame: pd.DataFrame, columns: tuple[Column, ...], chunk_rows: int = CHUNK_ROWS) -> None:
        super().__init__(name, columns)
        self.frame = frame
        self.chunk_rows = chunk_rows

    def header(self) -> list[str]:
        return [str(c) for c in self.frame.columns]

    def chunks(self) -> Iterator[list[tuple[int, Cells]]]:
        names = [normalise_header(h) for h in self.header()]
        for start in range(0, len(self.frame), self.chunk_rows):
            part = self.frame.iloc[start:start + self.chunk_rows]
            yield _rows(part, names, start + 2)


def xlsx_source(path: Path, columns: tuple[Column, ...]) -> FrameSource:
    frame = pd.read_excel(path, sheet_name=0, dtype=object, header=0)
    return FrameSource(path.name, frame, columns)


# --------------------------------------------------------------------------- references


@dataclass
class Place:
    id: str
    kind: str
    state: str | None


def jurisdiction_keys(token: str) -> dict[str, str]:
    """The id / FIPS / postal forms a jurisdiction reference may take."""
    raw = token.strip()
    fips = raw
    if raw.isdigit():
        fips = raw.zfill(2) if len(raw) <= 2 else raw.zfill(5) if len(raw) <= 5 else raw
    return {"ref": raw, "id": raw.lower(), "fips": fips, "postal": raw.upper()}


class References:
    """Looks references up in the graph, a chunk at a time, and remembers the answers."""

    def __init__(self, graph: Any) -> None:
        self.graph = graph
        self.places: dict[str, Place | None] = {}
        self.organizations: dict[str, bool] = {}
        self.contacts: dict[str, bool] = {}

    def prefetch(self, places: set[str], organizations: set[str], contacts: set[str]) -> None:
        todo = [p for p in places if p not in self.places]
        for start in range(0, len(todo), 5_000):
            part = todo[start:start + 5_000]
            found = {r["ref"]: Place(r["id"], r["kind"], r["state"]) for r in self.graph.read(
                "queries/jurisdictions_by_reference", refs=[jurisdiction_keys(t) for t in part]) if r["id"]}
            for token in part:
                self.places[token] = found.get(token.strip())
        for wanted, cache, query in ((organizations, self.organizations, "queries/organizations_by_id"),
                                     (contacts, self.contacts, "queries/contacts_by_id")):
            todo = [i for i in wanted if i not in cache]
            for start in range(0, len(todo), 5_000):
                part = todo[start:start + 5_000]
                found_ids = {r["id"] for r in self.graph.read(query, ids=part)}
                for i in part:
                    cache[i] = i in found_ids


# --------------------------------------------------------------------------- row checks


@dataclass
class RowCheck:
    """Checks the cells of one row; every problem lands in `problems`."""

    file: str
    line: int
    cells: Cells
    refs: References
    problems: list[RowProblem]

    def problem(self, column: str, value: str, message: str) -> None:
        self.problems.append(RowProblem(self.file, self.line, column, value, message))

    def text(self, col: str, required: bool = False) -> str | None:
        value = self.cells.get(col, "")
        if value == "":
            if required:
                self.problem(col, "", "is empty; this column is required")
            return None
        if CONTROL_CHARACTERS.search(value):
            self.problem(col, CONTROL_CHARACTERS.sub("?", value)[:80],
                         "holds a control character (shown as ?); remove it (often a paste from another program)")
            return None
        return value

    def ident(self, col: str = "id") -> str | None:
        value = self.text(col, required=True)
        if value is not None and not ID_PATTERN.match(value):
            self.problem(col, value[:80], "is not a valid id: up to 200 letters, digits, '-', '_', '.' or ':', "
                                          "starting with a letter or digit, and no spaces")
            return None
        return value

    def items(self, col: str) -> list[str]:
        value = self.cells.get(col, "")
        return [v.strip() for v in value.split(LIST_SEP) if v.strip()]

    def enum(self, col: str, allowed: Iterable[str], required: bool = False) -> str | None:
        value = self.text(col, required)
        if value is None:
            return None
        options = list(allowed)
        norm = re.sub(r"[\s\-]+", "_", value.upper())
        if norm not in options:
            self.problem(col, value, f"is not {quote_list(options)}")
            return None
        return norm

    def dimension(self, col: str, values: tuple[str, str], any_word: str) -> list[str] | None:
        """ANY (or empty), one value, or both values separated by ';' -> accepted values."""
        raw = self.cells.get(col, "")
        accepted = _accepted(raw, values, any_word)
        if accepted is None:
            self.problem(col, raw, f"is not {quote_list([*values, any_word])} (or both values separated by ';')")
            return None
        return list(accepted)

    def date(self, col: str, required: bool = False) -> str | None:
        value = self.text(col, required)
        if value is None:
            return None
        try:
            if not DATE_PATTERN.match(value):
                raise ValueError
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            self.problem(col, value, "is not a date written YYYY-MM-DD (e.g. 2025-03-31)")
            return None

    def integer(self, col: str, default: int | None = None, minimum: int = 0) -> int | None:
        value = self.text(col)
        if value is None:
            return default
        try:
            number = int(value)
            if number < minimum:
                raise ValueError
            return number
        except ValueError:
            self.problem(col, value, f"is not a whole number of at least {minimum}")
            return default

    def boolean(self, col: str) -> bool | None:
        value = self.text(col)
        if value is None:
            return None
        if value.lower() in TRUE_WORDS:
            return True
        if value.lower() in FALSE_WORDS:
            return False
        self.problem(col, value, "is not true or false (yes/no also work)")
        return None

    def email(self, col: str) -> str | None:
        value = self.text(col)
        if value is not None and not EMAIL_PATTERN.match(value):
            self.problem(col, value, "is not an email address like name@example.org")
            return None
        return value

    def phone(self, col: str, required: bool = False) -> str | None:
        value = self.text(col, required)
        if value is not None and (sum(ch.isdigit() for ch in value) < 3 or re.search(r"[^0-9+()\-./\s#*xXextEXT]", value)):
            self.problem(col, value, "is not a phone number (digits, spaces, + ( ) - . and 'ext' only, e.g. 919-555-0100 ext 12)")
            return None
        return value

    def places(self, col: str, required: bool = False, kinds: tuple[str, ...] | None = None,
               single: bool = False) -> list[Place]:
        """Jurisdictions named by id, FIPS or (states) postal code -> canonical places."""
        tokens = self.items(col)
        if not tokens:
            if required:
                self.problem(col, "", "is empty; name at least one jurisdiction by id, FIPS or state postal code")
            return []
        if single and len(tokens) > 1:
            self.problem(col, self.cells[col], "names more than one jurisdiction; give exactly one")
            return []
        out: list[Place] = []
        for token in tokens:
            place = self.refs.places.get(token)
            if place is None:
                self.problem(col, token, "is not a known jurisdiction id, FIPS code or state postal code "
                             "(load the built-in US jurisdictions with `refgraph load jurisdictions --builtin us`, "
                             "or the region first)")
            elif kinds and place.kind not in kinds:
                self.problem(col, token, f"is a {place.kind}; this column takes a {quote_list(list(kinds))}")
            elif place.id not in {p.id for p in out}:
                out.append(place)
        return sorted(out, key=lambda p: p.id)  # a set of links: one order, one fingerprint

    def reference(self, col: str, what: str, required: bool = False) -> str | None:
        value = self.text(col, required)
        if value is None:
            return None
        return value if self._known(what, value, col) else None

    def references(self, col: str, what: str, required: bool = False) -> list[str]:
        values = self.items(col)
        if not values and required:
            self.problem(col, "", "is empty; this column is required")
        out = []
        for value in values:
            if self._known(what, value, col) and value not in out:
                out.append(value)
        return sorted(out)  # a set of links: one order, one fingerprint

    def _known(self, what: str, value: str, col: str) -> bool:
        cache = self.refs.organizations if what == "organization" else self.refs.contacts
        if cache.get(value):
            return True
        roster = "organizations" if what == "organization" else "contacts"
        self.problem(col, value, f"is not a known {what} id; load it with `refgraph load {roster} FILE` first")
        return False


@functools.lru_cache(maxsize=4096)  # a roster spells its dimension cells a few ways, over and over
def _accepted(raw: str, values: tuple[str, ...], any_word: str) -> tuple[str, ...] | None:
    """The values a dimension cell accepts, or None when it names something else."""
    items = [re.sub(r"[\s\-]+", "_", v.strip().upper()) for v in raw.split(LIST_SEP) if v.strip()]
    if not items or items == [any_word]:
        return values
    if any(v not in values for v in items):
        return None
    return tuple(v for v in values if v in items)


@dataclass(frozen=True)
class Record:
    """One checked row, ready to write: `row` is what the UNWIND statements receive."""

    id: str
    row: dict[str, Any]


Builder = Callable[[RowCheck], dict[str, Any] | None]


def reference_tokens(rows: list[tuple[int, Cells]], place_cols: tuple[str, ...], org_cols: tuple[str, ...],
                     contact_cols: tuple[str, ...]) -> tuple[set[str], set[str], set[str]]:
    places: set[str] = set()
    orgs: set[str] = set()
    contacts: set[str] = set()
    for _, cells in rows:
        for cols, bucket in ((place_cols, places), (org_cols, orgs), (contact_cols, contacts)):
            for col in cols:
                for v in cells.get(col, "").split(LIST_SEP):
                    if v.strip():
                        bucket.add(v.strip())
    return places, orgs, contacts


class IdLedger:
    """Every id of a file as a 64-bit hash, kept sorted (8 bytes a row, flat memory), so a
    repeated id is noticed as it is read: nothing after it is written. The lines of the
    repeats are found again afterwards (`repeated`, then `key` for each row)."""

    MERGE_EVERY = 4096

    def __init__(self) -> None:
        self.sorted = np.empty(0, dtype=np.int64)
        self.recent: set[int] = set()  # added since the last merge into `sorted`
        self.repeated: set[int] = set()

    @staticmethod
    def key(ident: str) -> int:
        digest = hashlib.blake2b(ident.encode("utf-8"), digest_size=8).digest()
        return int.from_bytes(digest, "little", signed=True)

    def add(self, ident: str) -> bool:
        """Record the id; True when it was seen before in this file."""
        key = self.key(ident)
        if key in self.recent or self._merged(key):
            self.repeated.add(key)
            return True
        self.recent.add(key)
        if len(self.recent) >= self.MERGE_EVERY:
            new = np.sort(np.fromiter(self.recent, dtype=np.int64, count=len(self.recent)))
            self.sorted = np.insert(self.sorted, np.searchsorted(self.sorted, new), new)  # linear, no re-sort
            self.recent.clear()
        return False

    def _merged(self, key: int) -> bool:
        at = int(np.searchsorted(self.sorted, key))
        return at < len(self.sorted) and int(self.sorted[at]) == key


def read_ahead(items: Iterable[T], depth: int = 2) -> Generator[T, None, None]:
    """`items`, made by a worker thread up to `depth` ahead of the caller, so that reading and
    checking the next part of a file overlaps the engine's work on this one (a thread waiting
    on the engine lets the other run). Bounded, so memory stays flat; an error in the worker
    is raised here; closing this stops the worker."""
    queue: Queue[tuple[Any, BaseException | None]] = Queue(maxsize=depth)
    stop = threading.Event()
    end = object()

    def put(entry: tuple[Any, BaseException | None]) -> bool:
        while not stop.is_set():
            try:
                queue.put(entry, timeout=0.1)
                return True
            except Full:
                pass
        return False

    def work() -> None:
        try:
            for item in items:
                if not put((item, None)):
                    return
            put((end, None))
        except BaseException as exc:  # noqa: BLE001 - any error is raised again in the caller
            put((end, exc))

    worker = threading.Thread(target=work, name="read-ahead", daemon=True)
    worker.start()
    try:
        while True:
            item, error = queue.get()
            if item is end:
                if error is not None:
                    raise error
                return
            yield item
    finally:
        stop.set()
        worker.join()


def batched(items: Iterable[Any], size: int = BATCH_ROWS) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def rejected(file: str, problems: list[RowProblem]) -> ImportRejected:
    return ImportRejected(file=file, problems=sorted(problems, key=lambda p: (p.line, p.column)))


def count_lines(path: Path) -> int:
    total = 0
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            total += block.count(b"\n")
    return max(total - 1, 0)


__all__ = [
    "BATCH_ROWS", "CHUNK_ROWS", "Builder", "Cells", "Column", "CsvSource", "FrameSource", "IdLedger", "Place", "Record",
    "References", "RowCheck", "Source", "batched", "count_lines", "fingerprint", "normalise_header",
    "quote_list", "read_ahead", "reference_tokens", "rejected", "xlsx_source",
]
