# Two commands do all the set-up on a fresh machine with Python >= 3.10 and make:
#   make demo   the example application's test suite, run with the plugin
#   make test   lint, format check, mypy --strict, the suite, the suite under xdist
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-test
DEMO_STAMP := $(VENV)/.installed-demo

BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: test demo bench lint typecheck unit xdist clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(DEMO_STAMP): $(BIN)/python pyproject.toml examples/requirements.txt
	$(BIN)/python -m pip install --quiet -e . -r examples/requirements.txt
	touch $@

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest

xdist: $(STAMP)
	$(BIN)/python -m pytest -n 2 -q

test: lint typecheck unit xdist

$(BENCH_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@

# Not part of `make test` (which runs only a quick smoke run of it): numbers, not checks.
bench: $(BENCH_STAMP)
	$(BIN)/python benchmarks/bench_calls.py

demo: $(DEMO_STAMP)
	cd examples && ../$(BIN)/python -m pytest -v -p no:cacheprovider

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache *.egg-info
