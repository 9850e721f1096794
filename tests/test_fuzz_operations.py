"""Every implemented operation of both APIs, called through real clients with inputs
generated from botocore's own model (hostile strings, edge numbers, empty structures),
against an account that has the things the names point at: the answer is a result or a
ClientError, never an internal exception. Deterministic (fixed seeds)."""

from __future__ import annotations

import random
from datetime import datetime, timezone
from typing import Any

import boto3
import botocore.session
import pytest
from botocore import xform_name
from botocore.exceptions import BotoCoreError, ClientError

from pytest_ses_verify import SesVerification, UnsupportedOperationError
from pytest_ses_verify.api import ses_v1, ses_v2

STRINGS = [
    "list", "t", "d", "cs", "x@example.com", "example.com", "bounce@simulator.amazonses.com",
    "", " ", "a", "ünï", "a" * 300, "arn:aws:ses:us-east-1:123456789012:identity/example.com",
    "{}", "[]", "null", "{{x}}", "<a>", "\x00", "-", "BOUNCE", "SEND",
]  # fmt: skip
BLOBS = [b"", b"From: x@example.com\r\nTo: b@example.com\r\nSubject: x\r\n\r\nhi", b"\xff\xfe"]
TIMES = [datetime(2020, 1, 1, tzinfo=timezone.utc), datetime(2100, 1, 1, tzinfo=timezone.utc)]


def generated(shape: Any, rnd: random.Random, depth: int = 0) -> Any:
    kind = shape.type_name
    if kind == "structure":
        return {
            name: generated(member, rnd, depth + 1)
            for name, member in shape.members.items()
            if depth < 5 and (name in shape.required_members or rnd.random() < 0.4)
        }
    if kind == "list":
        return [generated(shape.member, rnd, depth + 1) for _ in range(rnd.choice([0, 1, 2]))]
    if kind == "map":
        return {rnd.choice(STRINGS) or "k": generated(shape.value, rnd, depth + 1)}
    if kind == "string":
        return rnd.choice(list(shape.enum)) if shape.enum else rnd.choice(STRINGS)
    if kind in ("integer", "long"):
        return rnd.choice([0, 1, -1, 50, 1000, 10**9])
    if kind == "boolean":
        return rnd.choice([True, False])
    if kind in ("double", "float"):
        return rnd.choice([0.0, 1.5, -2.0])
    if kind == "timestamp":
        return rnd.choice(TIMES)
    if kind == "blob":
        return rnd.choice(BLOBS)
    return None


def _furnish(fake: SesVerification) -> None:
    """An identity, a set with an event destination, a contact list, a template, an
    entry on the suppression list: the generated names find something."""
    fake.set_identity("example.com", "Success")
    fake.set_identity("x@example.com", "Success")
    v2 = boto3.client("sesv2", region_name="us-east-1")
    v2.create_configuration_set(ConfigurationSetName="cs")
    v2.create_configuration_set_event_destination(
        ConfigurationSetName="cs",
        EventDestinationName="d",
        EventDestination={
            "Enabled": True,
            "MatchingEventTypes": ["SEND", "DELIVERY", "BOUNCE", "OPEN", "CLICK"],
            "SnsDestination": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:t"},
        },
    )
    v2.create_contact_list(
        ContactListName="list",
        Topics=[{"TopicName": "t", "DisplayName": "T", "DefaultSubscriptionStatus": "OPT_IN"}],
    )
    v2.create_contact(ContactListName="list", EmailAddress="x@example.com")
    v2.create_email_template(
        TemplateName="t",
        TemplateContent={
            "Subject": "{{x}}",
            "Text": "{{x}}",
            "Html": "<a href='https://a.b/'>x</a>",
        },
    )
    fake.suppress("bounce@simulator.amazonses.com")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_operation_answers_generated_input(
    ses_verification: SesVerification, seed: int
) -> None:
    _furnish(ses_verification)
    rnd = random.Random(seed)
    session = botocore.session.get_session()
    internal: list[str] = []
    for service, table in (("ses", ses_v1.OPERATIONS), ("sesv2", ses_v2.OPERATIONS)):
        model = session.get_service_model(service)
        client: Any = boto3.client(service, region_name="us-east-1")  # type: ignore[call-overload]
        for name in sorted(set(table) & set(model.operation_names)):
            shape = model.operation_model(name).input_shape
            for _ in range(20):
                params = {} if shape is None else generated(shape, rnd)
                try:
                    getattr(client, xform_name(name))(**params)
                except (ClientError, BotoCoreError, UnsupportedOperationError):
                    pass
                except Exception as error:
                    internal.append(f"{service} {name} {params!r}: {error!r}")
                    break
    ses_verification._service.unsupported_calls.clear()  # some inputs ask for them
    assert internal == []
