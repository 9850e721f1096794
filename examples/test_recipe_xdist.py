"""The pytest-xdist recipe: `make test` runs this suite with `-n 2`. Each test adds an
identity and expects to see only its own: anything shared between tests (or between
workers) would show up here."""

from __future__ import annotations

import boto3
import pytest

from pytest_ses_verify import SesVerification


@pytest.mark.parametrize("n", range(8))
def test_each_test_sees_only_its_own_identities(ses_verification: SesVerification, n: int) -> None:
    ses = boto3.client("ses", region_name="us-east-1")
    ses.verify_domain_identity(Domain=f"tenant{n}.example")
    assert ses.list_identities()["Identities"] == [f"tenant{n}.example"]
