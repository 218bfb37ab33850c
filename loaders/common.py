"""What every roster loader shares: columns, fingerprints, batches and import plumbing.

A roster file is read once in chunks (`loaders.sources`), so memory stays flat however long
the file is: every cell is checked (`loaders.checks`) and every problem collected; while there
is none, rows become `UNWIND` batches (`batched`) written inside the import's one transaction,
which a problem anywhere (`rejected`) rolls back. Only the ids' hashes (`IdLedger`, 8 bytes a
row) and the resolved references (`loaders.references`) are kept. Reading and checking run
ahead of the engine's writes in a worker thread (`read_ahead`).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from queue import Full, Queue
from typing import Any, TypeVar

import numpy as np

from service.errors import ImportRejected, RowProblem

T = TypeVar("T")
BATCH_ROWS = 2_000
LIST_SEP = ";"


@dataclass(frozen=True)
class Column:
    """One roster column: its name, whether a value is required, what it holds."""

    name: str
    required: bool = False
    help: str = ""
    example: str = ""


Cells = dict[str, str]
# The provenance column of the rosters another directory can supply (loaders.hsds.importer)
SOURCE_HELP = ("where the row came from when another directory supplied it, e.g. hsds:PACKAGE#service/ID "
               "(refgraph load hsds writes it; empty for rows stewards keep)")


def fingerprint(record: Any) -> str:
    """A short stable hash of a normalised row (its properties and links). Its `derived`
    values (worked out from its own cells, like an organization's open minutes) are left
    out: they change only when the cells do, and adding one must not make every stored
    row look changed."""
    if isinstance(record, dict) and "derived" in record:
        record = {k: v for k, v in record.items() if k != "derived"}
    text = json.dumps(record, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


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
    "BATCH_ROWS", "LIST_SEP", "SOURCE_HELP", "Cells", "Column", "IdLedger", "batched", "count_lines",
    "fingerprint", "read_ahead", "rejected",
]
