"""Demo data: a Central Finland county, its staff, months of notes from a phrase bank, and
published actions, for `make demo` and for the benchmarks' million notes.
"""
