"""Coverage digests: how routing reads the capabilities covering a place without visiting them.

Each jurisdiction has a `CoverageDigest` (same id; built by `writes/refresh_coverage_digests`,
kept exact by `loaders.digests`) whose `keys` hold one key per live capability covering it, in ranking order within it,
`[!]SERVICE|letters[|open_hours]#id`. The six letters are the situation dimensions in
`LETTERS` order: `a` the capability takes the dimension's first value only, `b` the second
only, `c` both, `n` neither. `key_pattern` turns a request into the regular expression
`queries/route_referrals` filters the keys with; it is the digest's twin of
`service.models.CYPHER_MATCH` (`Situation.accepts`).

The digest's `tips`, `police` and `federal` lists hold the keys an emergency block picks from
(tip reporting; local and federal law enforcement, as `organization id@key`; see the refresh
statement).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .vocabulary import DIMENSION_BY_NAME, EMERGENCY_LOCAL_TYPES, FEDERAL_AFTER_HOURS_TYPES

REFRESH = "writes/refresh_coverage_digests"

# The order of the letters in a key; hours last (a moment may decide it in the engine).
LETTERS: tuple[str, ...] = ("urgency", "nationality", "age", "gender", "trafficking", "hours")


def refresh_params(ids: Sequence[str]) -> dict[str, list[str]]:
    """Parameters of `REFRESH` for these jurisdiction ids."""
    return {"ids": list(ids), "local_types": sorted(t.value for t in EMERGENCY_LOCAL_TYPES),
            "federal_types": sorted(t.value for t in FEDERAL_AFTER_HOURS_TYPES)}


def key_pattern(services: Sequence[str], situation: Mapping[str, str | None]) -> str:
    """The keys of these services that the situation's known values accept: any letter for an
    unknown value, else one that takes it. Without the hours letter when the situation's hours
    are unknown (the statement adds it: any letter, or the one the moment decides)."""
    out = "!?(" + "|".join(re.escape(s) for s in services) + ")\\|"
    for name in LETTERS:
        value = situation.get(name)
        if name == "hours" and value is None:
            break
        if value is None:
            out += "."
        else:
            out += "[ac]" if value == DIMENSION_BY_NAME[name].values[0] else "[bc]"
    return out
