"""Refgraph benchmarks: national synthetic data, measured as ratios within one run.

    python -m bench all --scale 1           # data, routing, gaps, import, growth (1 vs 4)
    python -m bench all --scale 1 --peer    # ... plus the Neo4j GraphQL Library side by side
    python -m bench hsds --scale 1          # HSDS 3.0 import against the roster import
    python -m bench smoke                   # tiny scale, a handful of requests (CI)

Absolute times on a shared 2-core machine are noisy; every figure that matters is
printed as a ratio of two things measured in the same run (service / bare driver,
per-county / pushed-down, Refgraph / peer, 4x / 1x). See bench/README.md.
"""
