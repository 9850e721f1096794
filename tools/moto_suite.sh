#!/usr/bin/env bash
# tools/moto_suite.sh MOTO_CHECKOUT [pytest arguments...]
# Runs moto's own SES and SES v2 tests (tests/test_ses, tests/test_sesv2 of a moto git
# checkout, taken at its HEAD) with the fake in front of moto, as a peer's suite would:
# every test gets @pytest.mark.ses_verification(auto_verify=True, unsupported="passthrough",
# publish_notifications=True). A failure not listed in tools/moto_differences.txt (each
# line: a test id, then the README's reason) fails the run; so does a listed test that passes.
# Needs moto installed in the venv (the test group has it). Issue 24's "done when".
set -euo pipefail
checkout="$1"
shift
here="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-$here/.venv/bin/python}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git -C "$checkout" archive HEAD tests/__init__.py tests/conftest.py tests/test_ses tests/test_sesv2 \
    tests/test_awslambda/__init__.py tests/test_awslambda/utilities.py | tar -x -C "$work"
cat >> "$work/tests/conftest.py" <<'PY'


@pytest.fixture(autouse=True)
def _the_fake_in_front(ses_verification):
    yield


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(
            pytest.mark.ses_verification(
                auto_verify=True, unsupported="passthrough", publish_notifications=True
            )
        )
PY
printf '[pytest]\naddopts = -p no:randomly -p no:cacheprovider\n' > "$work/pytest.ini"
cd "$work"
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1
set +e
"$python" -m pytest -q -rf tests/test_ses tests/test_sesv2 --ignore tests/test_ses/test_server.py \
    --ignore tests/test_sesv2/test_server.py -W ignore::pytest.PytestUnknownMarkWarning "$@" \
    | tee "$work/out.txt"
set -e
grep -E '^FAILED ' "$work/out.txt" | sed -E 's/^FAILED ([^ ]+).*/\1/' | sort -u > "$work/failed.txt"
grep -vE '^\s*(#|$)' "$here/tools/moto_differences.txt" | awk '{print $1}' | sort -u > "$work/known.txt"
unexpected="$(comm -23 "$work/failed.txt" "$work/known.txt")"
fixed="$(comm -13 "$work/failed.txt" "$work/known.txt")"
status=0
if [ -n "$unexpected" ]; then
    echo "Failures that are not documented differences:"; echo "$unexpected"; status=1
fi
if [ -n "$fixed" ] && [ $# -eq 0 ]; then
    echo "Listed as differences but passing now (remove them from tools/moto_differences.txt):"
    echo "$fixed"; status=1
fi
[ $status -eq 0 ] && echo "moto's suites: every failure is a documented difference."
exit $status
