"""The audit trail: who changed what, when, and why.

Every write (an import, a steward's mutation) records one `Change` node in the
SAME transaction as the write, so a change is never recorded without
happening, nor happens without being recorded. Imports record the file, its
checksum and the counts; a steward's change to one record also records the
record before and after (as roster cells, in JSON).
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..store.graph import Step


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def cli_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli:unknown"


def file_checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return "sha256:" + digest.hexdigest()


def text_checksum(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Audit:
    """What a write says about itself; the loader adds the counts and commits it with the write."""

    actor: str
    action: str = "import"  # import | upsert | retire | verify | coverage
    reason: str | None = None
    entity: str | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    checksum: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def step(self, kind: str, source: str, rows: int, created: int, updated: int) -> Step:
        return Step("writes/record_change", {
            "id": secrets.token_hex(8), "at": now(), "actor": self.actor, "action": self.action,
            "kind": kind, "entity": self.entity, "source": source, "checksum": self.checksum,
            "rows": rows, "created": created, "updated": updated,
            "unchanged": rows - created - updated, "reason": self.reason,
            "before": None if self.before is None else json.dumps(self.before, sort_keys=True),
            "after": None if self.after is None else json.dumps(self.after, sort_keys=True),
        })
