# Two commands do all the set-up on a fresh machine with Python >= 3.10 and make:
#   make demo   the example application's test suite, run with the plugin
#   make test   lint, format check, mypy --strict, the suite, the suite under xdist and in
#               time zones other than UTC
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-test
DEMO_STAMP := $(VENV)/.installed-demo

BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: test demo bench mutate lint typecheck unit xdist zones clean

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
	$(BIN)/python -m pytest -q

# The suite runs in random order (pytest-randomly): once serially, once under xdist with
# the machine's two workers and the local zone set to New York (UTC-5/-4).
xdist: $(STAMP)
	TZ=America/New_York $(BIN)/python -m pytest -n 2 -q

# Time must be exact in every zone: the clock, fixture and lifecycle tests again in a
# half-hour zone (Kolkata, UTC+5:30).
ZONE_TESTS := tests/plugin/test_clock.py tests/plugin/test_fixture_object.py tests/model/test_lifecycle.py
zones: $(STAMP)
	TZ=Asia/Kolkata $(BIN)/python -m pytest -q -p no:randomly $(ZONE_TESTS)

test: lint typecheck unit xdist zones

$(BENCH_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@

# Not part of `make test` (which runs only a quick smoke run of it): numbers, not checks.
bench: $(BENCH_STAMP)
	$(BIN)/python benchmarks/bench_calls.py

# Mutation testing of the lifecycle (model/dns.py, lifecycle.py, identities.py); minutes.
mutate: $(STAMP)
	$(BIN)/python -m pip install --quiet mutmut
	rm -rf mutants
	$(BIN)/mutmut run > mutants.log 2>&1 || (tail -20 mutants.log; exit 1)
	$(BIN)/python tools/mutation_score.py

demo: $(DEMO_STAMP)
	cd examples && ../$(BIN)/python -m pytest -v -p no:cacheprovider

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache *.egg-info
