"""Checking one row of a roster: every cell against what its column holds.

A roster's `build` gets a `RowCheck` for each row and asks it for typed values (text, ids,
enums, dimensions, dates, numbers, booleans, emails, phones, jurisdictions, organization and
contact references); a cell that does not fit adds a `RowProblem` saying why and how to fix
it, and every problem of every row is collected, never only the first. References are
answered from `References`, already prefetched for the row's chunk.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from service.domain.dates import iso_date
from service.errors import RowProblem

from .common import LIST_SEP, Cells
from .references import Place, References

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$")  # at most 200 characters
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
EMAIL_PATTERN = re.compile(r"^[^@\s;]+@[^@\s;]+\.[^@\s;]+$")
TRUE_WORDS = {"true", "yes", "y", "1"}
FALSE_WORDS = {"false", "no", "n", "0"}


def quote_list(values: Iterable[str]) -> str:
    items = list(values)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


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
            return iso_date(value)
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


__all__ = ["RowCheck", "quote_list"]


def set_apart(row: dict[str, Any], name: str, value: Any) -> dict[str, Any]:
    """`row` with a cell of a column added after rosters were stored (trained_on, notify), kept
    outside `props` and only when it says something: a row that leaves it empty keeps the
    fingerprint it had before the column existed, so re-importing an old file changes nothing;
    the upsert sets (or clears) the property from `row[name]`."""
    if value is not None:
        row[name] = value
    return row
