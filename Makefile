# Shortcuts for the README's commands; the README stays the place to read.
.PHONY: run test bench
run:
	python3 -m venv .venv && .venv/bin/pip install -q -e . && .venv/bin/rally-kg build
test:
	python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/pytest
bench:
	python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/python bench/build_bench.py
