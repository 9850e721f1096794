# Two commands do all the set-up on a fresh machine with Python >= 3.10 and make:
#   make demo   the example application's test suite, run with the plugin
#   make test   lint, format check, mypy --strict, the docs site, the suite, the suite under xdist and in
#               time zones other than UTC, the recipes
# And for the package (.ci/run runs them after `make test`):
#   make test-min     the suite against the lowest declared versions (constraints/lowest.txt)
#   make test-matrix  the suite on every Python >= 3.10 found here (tools/pythons.sh)
#   make dist         build the sdist and wheel, check them, install each alone and test it
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-test
DEMO_STAMP := $(VENV)/.installed-demo

BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: docs moto-suite test demo bench bench-instructions mutate lint typecheck unit xdist zones recipes test-min test-matrix dist clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# pip >= 25.1 installs [dependency-groups] (the venv's pip is upgraded when it is made).
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e . --group test --group async --group lint --group docs
	touch $@

$(DEMO_STAMP): $(BIN)/python pyproject.toml examples/requirements.txt
	$(BIN)/python -m pip install --quiet -e . -r examples/requirements.txt
	touch $@

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml

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

# The recipes of the README that need files of their own (Django's settings, a run under
# xdist): the examples' suite, with the test tools.
recipes: $(STAMP)
	cd examples && ../$(BIN)/python -m pytest -n 2 -q -p no:cacheprovider

# The documentation site (docs/, MkDocs): warnings (a broken link or anchor, a page
# left out of the navigation) are errors.
docs: $(STAMP)
	$(BIN)/mkdocs build --strict --quiet

test: lint typecheck docs unit xdist zones recipes

# moto's own SES and SES v2 tests with the fake in front of moto (README, "Coming from
# moto"): make moto-suite MOTO=path/to/a/moto/checkout
moto-suite: $(STAMP)
	PYTHON=$(CURDIR)/$(BIN)/python tools/moto_suite.sh $(MOTO)

# Each in venvs of their own, made anew: minutes, and downloads from the package index.
test-min:
	tools/suite_in_venv.sh "$$(tools/pythons.sh | head -1)" .venv-min \
		-c constraints/lowest.txt '.[async,aioboto3]' --group test

test-matrix:
	@pythons="$$(tools/pythons.sh)"; echo "Pythons found:" $$pythons; \
	for python in $$pythons; do \
		version=$$($$python -c 'import sys; print("%d.%d" % sys.version_info[:2])'); \
		tools/suite_in_venv.sh $$python .venv-$$version . --group test --group async || exit 1; \
	done

DIST_STAMP := $(VENV)/.installed-dist
$(DIST_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --group dist
	touch $@

dist: $(DIST_STAMP)
	rm -rf dist
	$(BIN)/python -m build --outdir dist .
	$(BIN)/python -m twine check --strict dist/*
	$(BIN)/check-wheel-contents dist/*.whl
	tools/check_dist.sh "$(PYTHON)" dist

$(BENCH_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e . --group bench
	touch $@

# Not part of `make test` (which runs only a quick smoke run of it): numbers, not checks.
bench: $(BENCH_STAMP)
	$(BIN)/python benchmarks/bench_calls.py

# Machine instructions per call under valgrind: the same on a busy machine and a quiet
# one (a minute a row; ROWS="SendEmail|GetSendQuota" for some). Needs valgrind.
bench-instructions: $(BENCH_STAMP)
	IFS='|'; $(BIN)/python benchmarks/instructions.py $(ROWS)

# Mutation testing of the lifecycle (model/dns.py, lifecycle.py, identities.py); minutes.
mutate: $(STAMP)
	$(BIN)/python -m pip install --quiet mutmut
	rm -rf mutants
	$(BIN)/mutmut run > mutants.log 2>&1 || (tail -20 mutants.log; exit 1)
	$(BIN)/python tools/mutation_score.py

demo: $(DEMO_STAMP)
	cd examples && ../$(BIN)/python -m pytest -v -p no:cacheprovider

clean:
	rm -rf $(VENV) .venv-* dist build .mypy_cache .ruff_cache .pytest_cache *.egg-info
