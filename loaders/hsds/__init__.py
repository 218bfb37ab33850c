"""Open Referral HSDS 3.0: a 211's directory in (`importer`), Refgraph's coverage out (`export`).

`spec` reads the specification's own schema; `taxonomy` is Refgraph's profile (the facets and
fields HSDS has no words for, and the ids Refgraph's records take). docs/hsds.md is the mapping.
"""
