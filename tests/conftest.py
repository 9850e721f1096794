"""Shared test helpers. The whole suite runs with sockets disabled (pytest-socket,
see pyproject.toml) and with no AWS credentials or config in the environment."""

from __future__ import annotations

import os
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import boto3
import botocore
import botocore.session
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


def _asyncio_knows_the_loop_scope() -> bool:
    """Whether pytest-asyncio has ``asyncio_default_fixture_loop_scope`` (0.24 and later)."""
    try:
        found = version("pytest-asyncio")
    except PackageNotFoundError:
        return False
    return tuple(int(p) for p in found.split(".")[:2] if p.isdigit()) >= (0, 24)


_LOOP_SCOPE = (
    "asyncio_default_fixture_loop_scope = function\n" if _asyncio_knows_the_loop_scope() else ""
)


@pytest.fixture(autouse=True)
def _pytester_config(request: pytest.FixtureRequest) -> None:
    """Inner pytest runs get the setting pytest-asyncio insists on (where it knows it),
    the suite's own warning filters (errors, but not other packages' deprecations), and
    run in file order (several check what one test leaves for the next)."""
    if "pytester" in request.fixturenames:
        pytester: pytest.Pytester = request.getfixturevalue("pytester")
        filters = "".join(f"    {f}\n" for f in request.config.getini("filterwarnings"))
        pytester.makeini(
            f"[pytest]\naddopts = -p no:randomly\n{_LOOP_SCOPE}filterwarnings =\n{filters}"
        )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "botocore_knows(service, operation, *members): skip unless botocore's model has the "
        "operation and its input members (dotted paths; 'optional:Name': not required)",
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker in item.iter_markers("botocore_knows"):
        missing = botocore_lacks(*marker.args)
        if missing:
            pytest.skip(f"botocore {botocore.__version__} has no {missing} (a newer one does)")


def botocore_lacks(service: str, operation: str, *members: str) -> str | None:
    """What of ``operation`` (and its input ``members``) the installed botocore's model
    lacks: the suite also runs against the lowest botocore the package supports."""
    model = botocore.session.get_session().get_service_model(service)
    if operation not in model.operation_names:
        return f"{service} {operation}"
    for member in members:
        optional = member.startswith("optional:")
        shape: Any = model.operation_model(operation).input_shape
        *path, last = member.removeprefix("optional:").split(".")
        for name in path:
            shape = shape.members.get(name) if shape is not None else None
        if shape is None or last not in shape.members:
            return f"{service} {operation} {member}"
        if optional and last in shape.required_members:
            return f"{service} {operation} with {last} optional"
    return None


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
