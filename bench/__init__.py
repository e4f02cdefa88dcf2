"""Performance at scale: synthetic datasets, a naive baseline and the benchmark that compares them.

Run everything with `make bench` (or `python -m bench --tiers 4,5,6`); `--smoke` runs the
smallest tier end to end to check that every figure is produced.
"""
