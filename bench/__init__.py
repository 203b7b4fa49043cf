"""Benchmarks for Second Opinion: `make bench` (not part of `make test`).

Every figure is measured side by side in one run and reported as a ratio to
a floor measured in that same run, so the numbers travel between machines.
"""
