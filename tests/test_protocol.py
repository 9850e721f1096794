"""The wire body of an answer reads as the answer itself: botocore's own parser, given
the body an ``after-call`` handler reads, returns what the caller got, escaping
included; ``content-length`` is that body's length."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.parsers import create_parser

from pytest_ses_verify import SesVerification

# An address may hold '&' and '\'' (RFC 5322 atext); neither needs a display name.
ADDRESSES = ["plain@example.com", "a&b@example.com", "o'neil@example.com"]


def _wire(client: Any) -> list[tuple[Any, Any, Any]]:
    """(http, parsed, model) of every answer the client gets, as an after-call handler
    sees it."""
    seen: list[tuple[Any, Any, Any]] = []

    def keep(http_response: Any, parsed: Any, model: Any, **_: Any) -> None:
        seen.append((http_response, parsed, model))

    client.meta.events.register("after-call.*", keep)
    return seen


def _reparsed(http: Any, model: Any) -> dict[str, Any]:
    protocol = model.service_model.metadata["protocol"]
    response = {"status_code": http.status_code, "headers": http.headers, "body": http.content}
    parsed: dict[str, Any] = create_parser(protocol).parse(response, model.output_shape)
    parsed.pop("ResponseMetadata", None)
    return parsed


@pytest.mark.parametrize("count", [1, 3, 100])
def test_a_map_of_attributes_reads_back_from_its_body(count: int) -> None:
    names = [*ADDRESSES, "example.com", "Mixed.Example.org"]
    names += [f"user{n}@example.net" for n in range(max(count - len(names), 0))]
    names = names[:count]
    with SesVerification() as fake:
        for name in names:
            fake.set_identity(name, "Pending")
        ses = boto3.client("ses", region_name="us-east-1")
        seen = _wire(ses)
        answer = ses.get_identity_verification_attributes(Identities=names)
        ses.get_identity_dkim_attributes(Identities=names)  # bools and lists in the entries
    for http, parsed, model in seen:
        assert http.headers["content-length"] == str(len(http.content))
        expected = {k: v for k, v in parsed.items() if k != "ResponseMetadata"}
        assert _reparsed(http, model) == expected
    assert set(answer["VerificationAttributes"]) == set(names)


def test_markup_in_a_value_is_escaped_on_the_wire() -> None:
    with SesVerification() as fake:
        fake.set_identity("a&b@example.com", "Success")
        ses = boto3.client("ses", region_name="us-east-1")
        seen = _wire(ses)
        ses.create_template(
            Template={"TemplateName": "t", "SubjectPart": "<b>&</b>", "TextPart": "x > y"}
        )
        template = ses.get_template(TemplateName="t")["Template"]
        listed = ses.list_identities()["Identities"]
    assert template["SubjectPart"] == "<b>&</b>"
    assert listed == ["a&b@example.com"]
    bodies = b"".join(http.content for http, _, _ in seen)
    assert b"&lt;b&gt;&amp;&lt;/b&gt;" in bodies
    assert b"a&amp;b@example.com" in bodies
    for http, parsed, model in seen:
        expected = {k: v for k, v in parsed.items() if k != "ResponseMetadata"}
        assert _reparsed(http, model) == expected
