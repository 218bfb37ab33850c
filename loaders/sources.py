"""Reading a roster source into numbered rows: a CSV file, an XLSX sheet or a DataFrame.

A `Source` checks its header against the roster's columns (unknown, repeated and missing
columns, with a close match suggested) and yields the file in chunks (pandas `chunksize`,
`CHUNK_ROWS` rows at a time) of `(line, cells)` pairs, every cell a stripped string keyed by
its normalised column name; blank and `#` comment rows are skipped, so memory stays flat
however long the file is. A CSV file is first checked to be UTF-8 text.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import difflib
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from service.errors import RowProblem

from .common import Cells, Column

CHUNK_ROWS = 20_000


def normalise_header(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


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


__all__ = ["CHUNK_ROWS", "CsvSource", "FrameSource", "Source", "normalise_header", "xlsx_source"]
