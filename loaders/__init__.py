"""Roster import: CSV/XLSX files -> validated rows -> batched UNWIND upserts.

    load_file(graph, "capabilities", Path("capabilities.csv"))   # or .xlsx
    load_frame(graph, "organizations", frame, source="generated")
    load_builtin_us(graph)                                        # country, states, counties, cities
    template("contacts")                                          # CSV header + commented example

The names above are the package's; each job has its module:

- `importing`: a file or frame of one roster kind (or several rosters in one transaction,
  `load_rosters`) from start to summary, in one write transaction;
- `sources` reads CSV/XLSX/DataFrame rows, `checking` checks them as they are read
  (`checks`: one row's cells, `references`: the places, organizations and contacts they name),
  `writing` turns checked rows into the named write statements (new and changed rows only),
  `progress` shows a bar on a terminal;
- `rosters/`: one module per roster kind (columns, row check, statements); `jurisdictions`:
  the built-in US places; `records`: roster rows as the API and backups see them;
- `hsds/`: HSDS 3.0 import and export; `samples/`: the demo and synthetic rosters.
"""

from .importing import (
    KINDS,
    LoadSummary,
    RosterPart,
    load_builtin_us,
    load_file,
    load_frame,
    load_rosters,
    roster,
    template,
)

__all__ = ["KINDS", "LoadSummary", "RosterPart", "load_builtin_us", "load_file", "load_frame", "load_rosters",
           "roster", "template"]
