"""Made-up rosters, never real partners: the demo (`demo`, from the fictional organizations of
`demo_data` in real US places, what `refgraph demo` and a fresh `refgraph serve` load) and
synthetic national rosters of any size for tests and benchmarks (`synthetic`). They go through
the same loaders as a steward's files.
"""
