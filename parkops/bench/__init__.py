"""Benchmarks run by `make bench`: each prints its timings as ratios against a baseline measured in
the same run, with peak memory. Nothing here is a test; timings never decide a test's outcome."""
