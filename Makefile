# Shortcuts for the README's commands; the README stays the place to read.
.PHONY: run test bench bench-build bench-scale bench-load bench-saved bench-soak
run:
	scripts/run.sh
test:
	scripts/test.sh
bench:
	scripts/setup.sh test && .venv/bin/python bench/build_bench.py && .venv/bin/python bench/scale_bench.py \
		&& .venv/bin/python bench/load_bench.py --uncached --rounds 3 --duration 5
bench-build:
	scripts/setup.sh test && .venv/bin/python bench/build_bench.py
bench-scale:
	scripts/setup.sh test && .venv/bin/python bench/scale_bench.py
bench-load:
	scripts/setup.sh test && .venv/bin/python bench/load_bench.py --queries-dir queries
bench-saved:
	scripts/setup.sh test && .venv/bin/python bench/saved_bench.py
bench-soak:
	scripts/setup.sh && .venv/bin/python bench/soak.py --seconds 60
