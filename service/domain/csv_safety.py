"""CSV cells a spreadsheet will not run: formula-injection defence for every CSV we write.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by
Excel, LibreOffice and Google Sheets as a formula (`=HYPERLINK("http://x","click")`
becomes a live link; `-2+3` becomes 1; `@SUM(...)` runs). A roster value is text
from partners, so every CSV the service writes passes its cells through
`safe_cell`, which prefixes such a cell with an apostrophe: spreadsheets show
the text as typed and run nothing. Plain numbers (`-5`, `+1.5`) stay as they are.
A cell that already starts with apostrophes before a formula character gets
one more, so `unsafe_cell` (for importing our own exports) is its exact inverse.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# A number as every spreadsheet reads one: digits, one point, an exponent. Python's float()
# also takes "-inf", "+nan" and "-1_000", which a spreadsheet reads as formulas.
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def _is_number(text: str) -> bool:
    return PLAIN_NUMBER.fullmatch(text) is not None  # " -5" is not read as a number by every spreadsheet


def safe_cell(value: Any) -> str:
    """The cell as text a spreadsheet shows and never evaluates (None is an empty cell)."""
    if value is None:
        return ""
    text = str(value)
    if text.lstrip("'").startswith(FORMULA_STARTS) and not _is_number(text):
        return "'" + text
    return text


def unsafe_cell(text: str) -> str:
    """Undo `safe_cell` on a cell read back from one of our CSV files."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS) and not _is_number(text[1:]):
        return text[1:]
    return text


def safe_row(values: list[Any]) -> list[str]:
    return [safe_cell(v) for v in values]


def formula_cells(csv_text: str) -> list[tuple[int, int, str]]:
    """(line, column, cell) of every cell a spreadsheet would evaluate; empty when the CSV is safe."""
    import csv
    import io

    found = []
    for line, row in enumerate(csv.reader(io.StringIO(csv_text)), start=1):
        for column, cell in enumerate(row, start=1):
            if cell.startswith(FORMULA_STARTS) and not _is_number(cell):
                found.append((line, column, cell))
    return found


__all__ = ["FORMULA_STARTS", "formula_cells", "safe_cell", "safe_row", "unsafe_cell"]
