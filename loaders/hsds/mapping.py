"""The steward's mapping from an HSDS directory's words to Refgraph's: which services are which of
the eight matrix services, which organizations are which type, whom a service accepts, and
which places a service area means.

A CSV file of rules (`field,by,match,value`; `default_mapping.csv` is the one Refgraph ships,
`refgraph template hsds-mapping` prints it). A rule applies when its `match` is one of the
record's taxonomy terms (by code or name), a word or phrase of its text (keyword), or text of a
service area (area). Rows of Refgraph's own profile (taxonomy.py) need no rules: their facets
say exactly what they are.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path

from service.domain.vocabulary import DIMENSIONS, OrgType, Service
from service.errors import ImportRejected, RowProblem

DEFAULT = Path(__file__).with_name("default_mapping.csv")
BY = ("taxonomy_term", "keyword", "area")
VALUES: dict[str, tuple[str, ...]] = {
    "service": tuple(s.value for s in Service),
    "organization_type": tuple(t.value for t in OrgType),
    **{d.name: d.values for d in DIMENSIONS},
}
FIELDS = (*VALUES, "place")


@dataclass(frozen=True)
class Rule:
    field: str
    by: str
    match: str
    value: str
    line: int

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(rf"(?<!\w){re.escape(self.match)}(?!\w)", re.IGNORECASE)

    def applies(self, texts: list[str], terms: set[str]) -> bool:
        if self.by == "taxonomy_term":
            return self.match.lower() in terms
        return any(self.pattern.search(t) for t in texts if t)


@dataclass(frozen=True)
class Mapping:
    name: str
    rules: tuple[Rule, ...]

    def _rules(self, field: str, by: tuple[str, ...] = ("taxonomy_term", "keyword")) -> list[Rule]:
        return [r for r in self.rules if r.field == field and r.by in by]

    def values(self, field: str, texts: list[str], terms: set[str]) -> list[str]:
        """Every value the rules of `field` give this record, in the rules' order, once each."""
        out: list[str] = []
        for rule in self._rules(field):
            if rule.value not in out and rule.applies(texts, terms):
                out.append(rule.value)
        return out

    def places(self, texts: list[str]) -> list[str]:
        """Jurisdiction references the area rules give a service area's text."""
        out: list[str] = []
        for rule in self._rules("place", ("area",)):
            if rule.applies(texts, set()):
                out.extend(v.strip() for v in rule.value.split(";") if v.strip())
        return out


def read_mapping(path: Path | None = None) -> Mapping:
    """The rules of a mapping file (the shipped default when None); every problem is raised together."""
    path = path or DEFAULT
    name = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise ImportRejected(file=name, problems=[RowProblem(name, 0, "", "", "cannot be read as UTF-8 text")]) from None
    problems: list[RowProblem] = []
    rules: list[Rule] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    for values in reader:
        line = reader.line_num
        if not any(v.strip() for v in values) or values[0].strip().startswith("#"):
            continue
        if header is None:
            header = [v.strip().lower() for v in values]
            if header[:4] != ["field", "by", "match", "value"]:
                problems.append(RowProblem(name, line, "", ",".join(values), "the header must be field,by,match,value"))
                break
            continue
        cells = dict(zip(header, (v.strip() for v in values)))
        field, by, match, value = (cells.get(k, "") for k in ("field", "by", "match", "value"))
        before = len(problems)
        if field not in FIELDS:
            problems.append(RowProblem(name, line, "field", field, f"is not one of {', '.join(FIELDS)}"))
        if by not in BY:
            problems.append(RowProblem(name, line, "by", by, f"is not one of {', '.join(BY)}"))
        elif (by == "area") != (field == "place"):
            problems.append(RowProblem(name, line, "by", by, "area rules are for field place, and place rules are by area"))
        if not match:
            problems.append(RowProblem(name, line, "match", "", "is empty; say what the rule looks for"))
        if field in VALUES:
            value = re.sub(r"[\s\-]+", "_", value.upper())
            if value not in VALUES[field]:
                problems.append(RowProblem(name, line, "value", cells.get("value", ""),
                                           f"is not one of {', '.join(VALUES[field])}"))
        elif field == "place" and not value:
            problems.append(RowProblem(name, line, "value", "", "is empty; name the jurisdiction(s) by id, FIPS or postal code"))
        if len(problems) == before:
            rules.append(Rule(field, by, match, value, line))
    if header is None and not problems:
        problems.append(RowProblem(name, 1, "", "", "has no header line field,by,match,value"))
    if problems:
        raise ImportRejected(file=name, problems=problems)
    return Mapping(name, tuple(rules))


def default_text() -> str:
    return DEFAULT.read_text(encoding="utf-8")


__all__ = ["DEFAULT", "Mapping", "Rule", "default_text", "read_mapping"]
