#!/usr/bin/env bash
# tools/check_dist.sh PYTHON DIST: the built packages, each installed alone in a venv of
# its own, as a user's would be.
#  - the wheel, with its runtime dependencies only (no boto3): a botocore-only test
#    through the pytest entry point, from a folder with none of the source;
#  - the sdist, unpacked, with the test group: its own test suite.
set -euo pipefail
python="$1"
dist="$(cd "$2" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$python" -m venv "$work/wheel-venv"
"$work/wheel-venv/bin/python" -m pip install --quiet --upgrade pip
"$work/wheel-venv/bin/python" -m pip install --quiet "$dist"/*.whl
if "$work/wheel-venv/bin/python" -c "import boto3" 2>/dev/null; then
    echo "the wheel brought boto3: it must need botocore only" >&2
    exit 1
fi
mkdir "$work/smoke"
cat > "$work/smoke/test_smoke.py" <<'PY'
import botocore.session


def test_the_installed_wheel_answers_ses(ses_verification):
    ses = botocore.session.get_session().create_client("ses", region_name="us-east-1")
    ses.verify_email_identity(EmailAddress="ops@example.com")
    ses_verification.click_verification_link("ops@example.com")
    found = ses.get_identity_verification_attributes(Identities=["ops@example.com"])
    assert found["VerificationAttributes"]["ops@example.com"]["VerificationStatus"] == "Success"
PY
(cd "$work/smoke" && AWS_EC2_METADATA_DISABLED=true \
    "$work/wheel-venv/bin/python" -m pytest -q -p no:cacheprovider -W error test_smoke.py)
"$work/wheel-venv/bin/python" - <<'PY'
from importlib.metadata import distribution
files = {str(f) for f in distribution("pytest-ses-verify").files}
assert "pytest_ses_verify/py.typed" in files, "py.typed is missing from the wheel"
# Only what a user installs is published: the benchmark's and the developers' tools are
# dependency groups, not extras.
extras = set(distribution("pytest-ses-verify").metadata.get_all("Provides-Extra") or [])
assert extras == {"async", "aioboto3"}, f"the wheel's extras are {sorted(extras)}"
PY

mkdir "$work/sdist"
tar -xzf "$dist"/*.tar.gz -C "$work/sdist"
source_dir="$(ls -d "$work"/sdist/*/)"
"$python" -m venv "$work/sdist-venv"
"$work/sdist-venv/bin/python" -m pip install --quiet --upgrade pip
"$work/sdist-venv/bin/python" -m pip install --quiet "$dist"/*.tar.gz \
    --group "${source_dir}pyproject.toml:test" --group "${source_dir}pyproject.toml:async"
(cd "$source_dir" && "$work/sdist-venv/bin/python" -m pytest -n 2 -q -p no:cacheprovider)
