"""Roster import: CSV/XLSX files -> validated rows -> batched UNWIND upserts."""
