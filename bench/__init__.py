"""Benchmarks: each module builds its own data and prints its figures (`python -m bench.X`)."""
