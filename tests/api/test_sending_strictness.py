"""Nothing passes here that SES would refuse (issue 21): every address a message uses is
checked, raw messages are read as SES reads them, SES's own headers are honoured."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from pytest_ses_verify import SesVerification

from ..conftest import assert_valid_output

REJECTED = "Email address is not verified. The following identities failed the check in region"
pytestmark = pytest.mark.ses_identity("example.com", "Success")
MESSAGE: Any = {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}


def v1() -> Any:
    return boto3.client("ses", region_name="us-east-1")


def v2() -> Any:
    return boto3.client("sesv2", region_name="us-east-1")


def raw(*headers: str, body: str = "Hello") -> bytes:
    return ("\r\n".join(headers) + "\r\n\r\n" + body + "\r\n").encode()


def send_raw(api: str, data: bytes, source: str | None = "app@example.com", **extra: Any) -> Any:
    if api == "ses":
        params: dict[str, Any] = {"RawMessage": {"Data": data}, **extra}
        if source is not None:
            params["Source"] = source
        return v1().send_raw_email(**params)
    params = {"Content": {"Raw": {"Data": data}}, **extra}
    if source is not None:
        params["FromEmailAddress"] = source
    return v2().send_email(**params)


def error_of(call: Callable[[], object]) -> dict[str, str]:
    with pytest.raises(ClientError) as exc:
        call()
    error: Any = exc.value.response["Error"]
    return {"Code": str(error["Code"]), "Message": str(error["Message"])}


# -- every address the message uses -------------------------------------------------


@pytest.mark.parametrize("api", ["ses", "sesv2"])
@pytest.mark.usefixtures("ses_verification")
@pytest.mark.parametrize(
    ("header", "shown"),
    [
        ("From: Ann <ann@other.example>", "Ann <ann@other.example>"),
        ("Sender: ann@other.example", "ann@other.example"),
        ("Return-Path: <ann@other.example>", "ann@other.example"),
    ],
)
def test_a_verified_source_does_not_let_an_unverified_header_through(
    api: str, header: str, shown: str
) -> None:
    """Developer Guide, "Verified identities": "you must create and verify each identity
    that you're going to use as a 'From', 'Source', 'Sender', or 'Return-Path' address";
    django-ses/django-ses#120 (a verified Source, an unverified From header: rejected)."""
    headers = [header] if header.startswith("From") else ["From: app@example.com", header]
    data = raw(*headers, "To: a@example.net", "Subject: x")
    error = error_of(lambda: send_raw(api, data))
    assert (error["Code"], error["Message"]) == (
        "MessageRejected",
        f"{REJECTED} US-EAST-1: {shown}",
    )


@pytest.mark.usefixtures("ses_verification")
def test_every_failing_identity_is_named_header_first() -> None:
    """The error names each failing identity as sent (django-ses#120: "alice@..., paul@...",
    the From header and the Source; the order beyond that is chosen)."""
    data = raw("From: Ann <ann@other.example>", "To: a@example.net", "Subject: x")
    error = error_of(
        lambda: v1().send_raw_email(
            Source="ops@else.example", RawMessage={"Data": data}, Destinations=["a@example.net"]
        )
    )
    assert error["Message"] == f"{REJECTED} US-EAST-1: Ann <ann@other.example>, ops@else.example"


@pytest.mark.usefixtures("ses_verification")
def test_an_unverified_v1_return_path_is_rejected() -> None:
    """SendEmail ReturnPath: "This email address must be either individually verified with
    Amazon SES, or from a domain that has been verified" (botocore's ses model)."""
    call = lambda: v1().send_email(  # noqa: E731
        Source="app@example.com",
        Destination={"ToAddresses": ["a@example.net"]},
        Message=MESSAGE,
        ReturnPath="bounces@other.example",
    )
    error = error_of(call)
    assert (error["Code"], error["Message"]) == (
        "MessageRejected",
        f"{REJECTED} US-EAST-1: bounces@other.example",
    )


def test_an_unverified_v2_feedback_forwarding_address_is_rejected(
    ses_verification: SesVerification,
) -> None:
    """FeedbackForwardingEmailAddress is v2's Return-Path (Developer Guide, "Verified
    identities"; the same rejection inferred for v2)."""
    call = lambda: v2().send_email(  # noqa: E731
        FromEmailAddress="app@example.com",
        Destination={"ToAddresses": ["a@example.net"]},
        Content={"Simple": MESSAGE},
        FeedbackForwardingEmailAddress="bounces@other.example",
    )
    error = error_of(call)
    assert (error["Code"], error["Message"]) == (
        "MessageRejected",
        f"{REJECTED} US-EAST-1: bounces@other.example",
    )
    v2().send_email(
        FromEmailAddress="app@example.com",
        Destination={"ToAddresses": ["a@example.net"]},
        Content={"Simple": MESSAGE},
        FeedbackForwardingEmailAddress="bounces@example.com",
    )
    assert ses_verification.outbox[-1].return_path == "bounces@example.com"


@pytest.mark.parametrize("api", ["ses", "sesv2"])
@pytest.mark.usefixtures("ses_verification")
def test_a_bulk_send_from_an_unverified_source_is_rejected_whole(api: str) -> None:
    """botocore's models list MessageRejected for SendBulkTemplatedEmail and SendBulkEmail
    (moto rejects the call too); per-destination statuses are for per-destination failures."""
    if api == "ses":
        v1().create_template(Template={"TemplateName": "t", "SubjectPart": "Hi {{n}}"})
        call = lambda: v1().send_bulk_templated_email(  # noqa: E731
            Source="app@other.example",
            Template="t",
            DefaultTemplateData="{}",
            Destinations=[{"Destination": {"ToAddresses": ["a@example.net"]}}],
        )
    else:
        v2().create_email_template(TemplateName="t", TemplateContent={"Subject": "Hi {{n}}"})
        call = lambda: v2().send_bulk_email(  # noqa: E731
            FromEmailAddress="app@other.example",
            DefaultContent={"Template": {"TemplateName": "t", "TemplateData": "{}"}},
            BulkEmailEntries=[{"Destination": {"ToAddresses": ["a@example.net"]}}],
        )
    error = error_of(call)
    assert (error["Code"], error["Message"]) == (
        "MessageRejected",
        f"{REJECTED} US-EAST-1: app@other.example",
    )


@pytest.mark.parametrize("api", ["ses", "sesv2"])
@pytest.mark.usefixtures("ses_verification")
def test_at_most_50_destinations_in_a_bulk_send(api: str) -> None:
    """Developer Guide and botocore: up to 50 destinations (bulk entries) in one call; the
    error's code and text are chosen in the family of "Recipient count exceeds 50."."""
    entries = [{"Destination": {"ToAddresses": [f"a{n}@example.net"]}} for n in range(51)]
    if api == "ses":
        v1().create_template(Template={"TemplateName": "t", "SubjectPart": "Hi"})
        call = lambda: v1().send_bulk_templated_email(  # noqa: E731
            Source="app@example.com", Template="t", DefaultTemplateData="{}", Destinations=entries
        )
        code = "InvalidParameterValue"
    else:
        v2().create_email_template(TemplateName="t", TemplateContent={"Subject": "Hi"})
        call = lambda: v2().send_bulk_email(  # noqa: E731
            FromEmailAddress="app@example.com",
            DefaultContent={"Template": {"TemplateName": "t", "TemplateData": "{}"}},
            BulkEmailEntries=entries,
        )
        code = "BadRequestException"
    error = error_of(call)
    assert (error["Code"], error["Message"]) == (code, "Destination count exceeds 50.")
    del entries[50]
    answer: Any = call()  # type: ignore[no-untyped-call]  # a lambda of an Any client
    assert len(answer["Status" if api == "ses" else "BulkEmailEntryResults"]) == 50


# -- raw messages as SES reads them -------------------------------------------------


@pytest.mark.parametrize("api", ["ses", "sesv2"])
@pytest.mark.usefixtures("ses_verification")
@pytest.mark.parametrize(
    ("headers", "named"),
    [
        (["From: app@example.com", "from: app@example.com"], "From"),
        (["From: app@example.com", "Subject: a", "Subject: b"], "Subject"),
        (["From: app@example.com", "message-id: <1@x>", "Message-ID: <2@x>"], "Message-ID"),
    ],
)
def test_a_field_that_may_appear_once_appears_once(
    api: str, headers: list[str], named: str
) -> None:
    """InvalidParameterValue "Duplicate header 'From'." (govCMS/GovCMS8#437, "from:" and
    "From:"); the fields are the Developer Guide's "Amazon SES header fields" list."""
    error = error_of(lambda: send_raw(api, raw(*headers, "To: a@example.net")))
    code = "InvalidParameterValue" if api == "ses" else "BadRequestException"
    assert (error["Code"], error["Message"]) == (code, f"Duplicate header '{named}'.")


def test_to_cc_and_x_headers_may_repeat(ses_verification: SesVerification) -> None:
    """To, Cc, Bcc and X- fields are not on the once-only list."""
    data = raw(
        "From: app@example.com", "To: a@example.net", "To: b@example.net", "X-A: 1", "X-A: 2"
    )
    v1().send_raw_email(RawMessage={"Data": data})
    assert ses_verification.outbox[0].destinations == ["a@example.net", "b@example.net"]


@pytest.mark.parametrize("api", ["ses", "sesv2"])
@pytest.mark.usefixtures("ses_verification")
def test_a_header_section_over_100_kb_is_too_long(api: str) -> None:
    """InvalidParameterValue "Header section too long." (aws/aws-sdk-php#981); the limit is
    chosen (no public source gives it)."""
    long = raw("From: app@example.com", "To: a@example.net", "X-Long: " + "a" * 110_000)
    error = error_of(lambda: send_raw(api, long))
    assert error["Message"] == "Header section too long."
    send_raw(api, raw("From: app@example.com", "To: a@example.net", "X-Long: " + "a" * 90_000))


# -- SES's own headers --------------------------------------------------------------


@pytest.mark.parametrize("api", ["ses", "sesv2"])
def test_x_ses_configuration_set_selects_the_set_and_is_removed(
    ses_verification: SesVerification, api: str
) -> None:
    """Developer Guide, "Specifying a configuration set when you send email": the
    X-SES-CONFIGURATION-SET header; "Amazon SES removes the headers before sending the
    email" (event publishing, step 3). django-ses passes its set only this way."""
    v1().create_configuration_set(ConfigurationSet={"Name": "tracked"})
    data = raw(
        "From: app@example.com",
        "X-SES-CONFIGURATION-SET: tracked",
        "X-SES-MESSAGE-TAGS: campaign=spring, ses:feedback-id-a=x",
        "To: a@example.net",
        "Subject: x",
    )
    send_raw(api, data)
    sent = ses_verification.outbox[-1]
    assert sent.configuration_set == "tracked"
    assert sent.tags == {"campaign": "spring", "ses:feedback-id-a": "x"}
    assert sent.raw == raw("From: app@example.com", "To: a@example.net", "Subject: x")


@pytest.mark.parametrize("api", ["ses", "sesv2"])
@pytest.mark.usefixtures("ses_verification")
def test_x_ses_configuration_set_must_exist(api: str) -> None:
    """A set the header names is checked as ConfigurationSetName is."""
    data = raw("From: app@example.com", "X-SES-CONFIGURATION-SET: missing", "To: a@example.net")
    error = error_of(lambda: send_raw(api, data))
    code = "ConfigurationSetDoesNotExist" if api == "ses" else "NotFoundException"
    assert (error["Code"], error["Message"]) == (
        code,
        "Configuration set <missing> does not exist.",
    )


def test_the_parameters_win_over_ses_headers(ses_verification: SesVerification) -> None:
    """ "If you specify message tags using both headers and API parameters, Amazon SES uses
    only the message tags provided by the API parameters" (event publishing, step 3); the
    configuration set likewise (inferred from every documented X-header)."""
    for name in ("a", "b"):
        v1().create_configuration_set(ConfigurationSet={"Name": name})
    data = raw(
        "From: app@example.com",
        "X-SES-CONFIGURATION-SET: a",
        "X-SES-MESSAGE-TAGS: from=header",
        "To: a@example.net",
    )
    response = v1().send_raw_email(
        RawMessage={"Data": data},
        ConfigurationSetName="b",
        Tags=[{"Name": "from", "Value": "parameter"}],
    )
    assert_valid_output(v1(), "SendRawEmail", response)
    sent = ses_verification.outbox[0]
    assert (sent.configuration_set, sent.tags) == ("b", {"from": "parameter"})


@pytest.mark.usefixtures("ses_verification")
def test_x_ses_message_tags_are_checked_as_tags() -> None:
    """Message tags from the header are validated like Tags (real texts: localstack's
    test_invalid_tags_send_email snapshot)."""
    data = raw("From: app@example.com", "X-SES-MESSAGE-TAGS: bad:name=x", "To: a@example.net")
    error = error_of(lambda: v1().send_raw_email(RawMessage={"Data": data}))
    assert error["Code"] == "InvalidParameterValue"
    assert error["Message"].startswith("Invalid tag name <bad:name>")


# -- v2 references the caller's account does not have -------------------------------


def test_a_template_arn_of_another_region_or_account_names_no_template(
    ses_verification: SesVerification,
) -> None:
    """A TemplateArn is looked up in the caller's region and account (chosen: no source
    says how SES answers another one; NotFoundException, as for a missing template)."""
    v2().create_email_template(TemplateName="t", TemplateContent={"Subject": "Hi"})

    def send(arn: str) -> Any:
        return v2().send_email(
            FromEmailAddress="app@example.com",
            Destination={"ToAddresses": ["a@example.net"]},
            Content={"Template": {"TemplateArn": arn, "TemplateData": "{}"}},
        )

    send("arn:aws:ses:us-east-1:123456789012:template/t")
    assert ses_verification.outbox[-1].template == "t"
    for arn in (
        "arn:aws:ses:eu-west-1:123456789012:template/t",
        "arn:aws:ses:us-east-1:111122223333:template/t",
    ):
        with pytest.raises(ClientError) as exc:
            send(arn)
        assert exc.value.response["Error"]["Code"] == "NotFoundException"


def test_an_endpoint_id_names_no_multi_region_endpoint() -> None:
    """The fake has no multi-region endpoints, so every EndpointId names none
    (NotFoundException, chosen text). botocore sends EndpointId only with awscrt (its
    SigV4A signer); without it the client refuses before any call is made."""
    pytest.importorskip("awscrt", reason="botocore signs EndpointId sends only with awscrt")
    with pytest.raises(ClientError) as exc:
        v2().send_email(
            FromEmailAddress="app@example.com",
            Destination={"ToAddresses": ["a@example.net"]},
            Content={"Simple": MESSAGE},
            EndpointId="abc123",
        )
    assert exc.value.response["Error"]["Code"] == "NotFoundException"


# -- no raw exception for input SES accepts (issue 22) ------------------------------


def test_deeply_nested_blocks_and_a_subject_with_line_breaks_are_answered(
    ses_verification: SesVerification,
) -> None:
    """Blocks nested deeper than Python's stack: InvalidTemplate at TestRenderTemplate and
    a rendering failure for a send (never a RecursionError); a rendered subject with a
    line break is folded in the rendered message (chosen), not an email-package
    ValueError."""
    deep = "{{#if a}}" * 1200 + "x" + "{{/if}}" * 1200
    v1().create_template(Template={"TemplateName": "deep", "SubjectPart": "s", "TextPart": deep})
    with pytest.raises(ClientError) as exc:
        v1().test_render_template(TemplateName="deep", TemplateData='{"a": 1}')
    assert exc.value.response["Error"]["Code"] == "InvalidTemplate"
    v1().send_templated_email(
        Source="app@example.com",
        Destination={"ToAddresses": ["a@example.net"]},
        Template="deep",
        TemplateData='{"a": 1}',
    )
    assert ses_verification.outbox == []  # accepted, not delivered: a rendering failure
    v1().create_template(Template={"TemplateName": "t", "SubjectPart": "Hi {{name}}"})
    rendered = v1().test_render_template(TemplateName="t", TemplateData='{"name": "a\\nb"}')
    assert "Subject: Hi a b" in rendered["RenderedTemplate"]


def test_v2_content_without_simple_raw_or_template_is_refused(
    ses_verification: SesVerification,
) -> None:
    """chosen (text): botocore lets an empty Content through; the answer is a
    BadRequestException, not an internal error."""
    ses_verification.set_identity("example.com", "Success")
    v2 = boto3.client("sesv2", region_name="us-east-1")
    with pytest.raises(ClientError) as raised:
        v2.send_email(
            FromEmailAddress="a@example.com",
            Destination={"ToAddresses": ["b@example.com"]},
            Content={},
        )
    assert raised.value.response["Error"]["Code"] == "BadRequestException"
    with pytest.raises(ClientError) as raised:
        v2.send_bulk_email(
            FromEmailAddress="a@example.com",
            DefaultContent={},
            BulkEmailEntries=[{"Destination": {"ToAddresses": ["b@example.com"]}}],
        )
    assert raised.value.response["Error"]["Code"] == "BadRequestException"
    assert ses_verification.outbox == []
