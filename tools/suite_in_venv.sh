#!/usr/bin/env bash
# tools/suite_in_venv.sh PYTHON VENV [pip install arguments...]
# Makes VENV with PYTHON (anew), installs the arguments with pip, then runs the suite
# under xdist and the examples' suite, as `make test` does. For `make test-matrix` and
# `make test-min`.
set -euo pipefail
python="$1"
venv="$2"
shift 2
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet "$@"
echo "== $("$venv/bin/python" --version): $("$venv/bin/python" -m pip freeze | grep -iE '^(pytest|botocore|freezegun|aiobotocore)==' | tr '\n' ' ')"
"$venv/bin/python" -m pytest -n 2 -q -p no:cacheprovider
(cd examples && "../$venv/bin/python" -m pytest -n 2 -q -p no:cacheprovider)
