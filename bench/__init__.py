"""Benchmark of the quote engine against fuzzy-matching and BM25 baselines; run with `python -m bench`."""
