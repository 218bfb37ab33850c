"""The Cypher library: every statement lives in cypher/<folder>/<name>.cypher.

Each file holds one statement under a `//` header (purpose, parameters, read or
write). Statements are loaded once and looked up by name, e.g. "queries/route".
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from .. import CYPHER_DIR
from ..domain import dates
from ..errors import RefgraphError


@cache
def statement(name: str, root: Path = CYPHER_DIR) -> str:
    path = root / f"{name}.cypher"
    if not path.is_file():
        raise RefgraphError(f"No Cypher statement named {name!r}", f"Expected the file {path}")
    return path.read_text(encoding="utf-8")


def dated(query: str, params: dict[str, Any]) -> dict[str, Any]:
    """A statement that takes `$today` (the date a retired_on counts from: a later one is a
    scheduled retirement, still live) gets today's date, unless the caller gives one (gaps on a
    coming day)."""
    if "$today" in query and params.get("today") is None:
        return {**params, "today": dates.today()}
    return params


def schema_statements(root: Path = CYPHER_DIR) -> list[tuple[str, str]]:
    """(name, text) of every constraint and index, in file order."""
    return [
        (f"schema/{p.stem}", p.read_text(encoding="utf-8"))
        for p in sorted((root / "schema").glob("*.cypher"))
    ]


def all_statements(root: Path = CYPHER_DIR) -> list[tuple[str, str]]:
    return [
        (str(p.relative_to(root).with_suffix("")), p.read_text(encoding="utf-8"))
        for p in sorted(root.rglob("*.cypher"))
    ]
