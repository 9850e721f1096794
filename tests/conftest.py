"""Shared test helpers. The whole suite runs with sockets disabled (pytest-socket,
see pyproject.toml) and with no AWS credentials or config in the environment."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import boto3
import hypothesis  # noqa: F401 - loaded once here, not again by every pytester run
import pytest
from botocore.validate import validate_parameters
from mypy_boto3_ses import SESClient

_AWS_VARIABLES = [name for name in os.environ if name.startswith("AWS_")]


@pytest.fixture(autouse=True)
def _no_aws_credentials(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    for name in _AWS_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    missing = tmp_path_factory.getbasetemp() / "no-aws-config"
    monkeypatch.setenv("AWS_CONFIG_FILE", str(missing))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(missing))


@pytest.fixture(autouse=True)
def _pytester_config(request: pytest.FixtureRequest) -> None:
    """Inner pytest runs get the setting pytest-asyncio insists on, and run in file
    order (several check what one test leaves for the next)."""
    if "pytester" in request.fixturenames:
        pytester: pytest.Pytester = request.getfixturevalue("pytester")
        pytester.makeini(
            "[pytest]\nasyncio_default_fixture_loop_scope = function\naddopts = -p no:randomly\n"
        )


@pytest.fixture
def ses_client() -> Callable[..., SESClient]:
    """A factory of real boto3 SES clients: ``ses_client("eu-west-1")``."""

    def make(region: str = "us-east-1") -> SESClient:
        return boto3.client("ses", region_name=region)

    return make


def status_of(client: SESClient, identity: str) -> str | None:
    """The identity's VerificationStatus, or None when SES does not know it."""
    attributes = client.get_identity_verification_attributes(Identities=[identity])
    entry = attributes["VerificationAttributes"].get(identity)
    return None if entry is None else str(entry["VerificationStatus"])


def assert_valid_output(client: SESClient, operation: str, response: Any) -> None:
    """The response, less ResponseMetadata, validates against botocore's output shape."""
    body = {k: v for k, v in response.items() if k != "ResponseMetadata"}
    shape = client.meta.service_model.operation_model(operation).output_shape
    if shape is None:
        assert body == {}
    else:
        validate_parameters(body, shape)
