"""Checking a roster's rows as they are read: every problem of every row collected, and the
rows built into their statements' parameters while the file has shown none (`_Checked`)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pandas as pd

from service.errors import RowProblem
from service.store.graph import Graph

from .checks import RowCheck
from .common import Cells, IdLedger, fingerprint, read_ahead, rejected
from .progress import _Bar
from .references import References, reference_tokens
from .sources import Source

MAX_CELL = 32_767  # characters: Excel's own limit for one cell


class _Checked:
    """One pass over a roster: every row checked and, while the file has shown no problem,
    built into its statement parameters with its fingerprint (so the engine writes while the
    rest is read and checked). At the end, if any row had a problem, every problem is raised
    together (`ImportRejected`): the caller's write transaction rolls back, nothing is written.
    From the first problem (or repeated id) on, no more rows are handed out."""

    def __init__(self, graph: Graph, spec: ModuleType, source: Source, bar: _Bar,
                 refs: References | None = None) -> None:
        self.graph, self.spec, self.source, self.bar = graph, spec, source, bar
        self.refs = refs if refs is not None else References(graph)
        self.rows = 0

    def records(self) -> Iterator[dict[str, Any]]:
        spec, source = self.spec, self.source
        try:
            header = source.header()
        except csv.Error as exc:  # e.g. a first line of over 131,072 characters in one cell
            raise rejected(source.name, [RowProblem(source.name, 1, "", "", f"the header line cannot be read as CSV "
                                                    f"({exc}); start from `refgraph template {spec.KIND}`")]) from None
        if not any(str(h).strip() for h in header):
            raise rejected(source.name, [RowProblem(source.name, 1, "", "", f"the file is empty; start from `refgraph template {spec.KIND}`")])
        problems = source.header_problems(header)
        refs = self.refs
        ledger = IdLedger()
        repeated = False
        try:
            for chunk in read_ahead(_prefetched(spec, source, refs), depth=1):
                for line, cells in chunk:
                    problems.extend(_oversized(source.name, line, cells))
                    record = spec.build(RowCheck(source.name, line, cells, refs, problems))
                    if cells.get("id", ""):
                        repeated = ledger.add(cells["id"]) or repeated
                    self.rows += 1
                    if not problems and not repeated:
                        assert record is not None
                        record["fingerprint"] = fingerprint(record)
                        yield record
                self.bar.update(len(chunk))
            problems.extend(_duplicate_problems(source, ledger))
        except pd.errors.ParserError as exc:
            problems.append(RowProblem(source.name, _parser_line(str(exc)), "", "",
                                       f"cannot be read as CSV ({exc}); check the quotes and the number of commas"))
        except pd.errors.EmptyDataError:
            pass
        if self.rows == 0 and not any(p.line > 1 for p in problems):
            problems.append(RowProblem(source.name, 1, "", "", f"the file has a header but no rows; "
                                       f"add rows below it (see `refgraph template {spec.KIND}`)"))
        if problems:
            raise rejected(source.name, problems)


def _prefetched(spec: ModuleType, source: Source, refs: References) -> Iterator[list[tuple[int, Cells]]]:
    """The file's chunks, each once the references it names have been looked up."""
    for chunk in source.chunks():
        refs.prefetch(*reference_tokens(chunk, spec.PLACE_COLUMNS, spec.ORGANIZATION_COLUMNS, spec.CONTACT_COLUMNS))
        yield chunk


def _duplicate_problems(source: Source, ledger: IdLedger) -> list[RowProblem]:
    """Every repeat of an id, with the line of its first row (the file is read again, only
    when an id was repeated)."""
    if not ledger.repeated:
        return []
    first: dict[int, int] = {}
    out = []
    for chunk in source.chunks():
        for line, cells in chunk:
            ident = cells.get("id", "")
            key = IdLedger.key(ident) if ident else None
            if key not in ledger.repeated:
                continue
            if key in first:
                out.append(RowProblem(source.name, line, "id", ident,
                                      f"appears twice: also on line {first[key]}; ids must be unique in a file"))
            else:
                first[key] = line
    return out


def _parser_line(message: str) -> int:
    import re

    found = re.search(r"line (\d+)", message)
    if found:
        return int(found.group(1))
    found = re.search(r"starting at row (\d+)", message)  # an unclosed quote: pandas counts rows from 0
    return int(found.group(1)) + 1 if found else 0


def _oversized(name: str, line: int, cells: dict[str, str]) -> list[RowProblem]:
    """Cells longer than a spreadsheet cell can be: usually a missing closing quote."""
    if not cells or max(map(len, cells.values())) <= MAX_CELL:  # the usual case, cheaply
        return []
    return [RowProblem(name, line, column, value[:40] + "...",
                       f"is {len(value):,} characters long; a cell holds at most {MAX_CELL:,} (as in Excel); "
                       "look for a quote that is opened and never closed, or shorten the text")
            for column, value in cells.items() if len(value) > MAX_CELL]
