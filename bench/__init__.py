"""Benchmarks and the corpus generator they build on (run each as a script: `python bench/NAME.py`)."""
