"""SendEmail and SendRawEmail: the verified-sender gate, the sandbox, the outbox."""

from __future__ import annotations

import encodings.aliases
from collections.abc import Callable
from datetime import datetime, timezone
from email.message import EmailMessage
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from freezegun import freeze_time
from mypy_boto3_ses import SESClient

from pytest_ses_verify import SesVerification

from ..conftest import assert_valid_output

MakeClient = Callable[..., SESClient]
REJECTED = "Email address is not verified. The following identities failed the check in region"


def send(ses: SESClient, source: str, *to: str, **extra: list[str]) -> Any:
    destination: Any = {"ToAddresses": list(to or ["someone@example.net"]), **extra}
    return ses.send_email(
        Source=source,
        Destination=destination,
        Message={
            "Subject": {"Data": "Welcome"},
            "Body": {"Text": {"Data": "Hello"}, "Html": {"Data": "<p>Hello</p>"}},
        },
    )


def rejected(ses: SESClient, source: str, *to: str) -> str:
    with pytest.raises(ses.exceptions.MessageRejected) as exc:
        send(ses, source, *to)
    error = exc.value.response["Error"]
    assert error["Code"] == "MessageRejected"
    assert error.get("Type") == "Sender"
    return error["Message"]


def raw_message(**headers: str) -> bytes:
    message = EmailMessage()
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content("Hello in text")
    message.add_alternative("<p>Hello in HTML</p>", subtype="html")
    return message.as_bytes()


# -- the gate ------------------------------------------------------------------------


@pytest.mark.usefixtures("ses_verification")
def test_unverified_sender_is_rejected_with_the_real_message(ses_client: MakeClient) -> None:
    ses = ses_client("eu-west-1")
    assert (
        rejected(ses, "Sender <sender@example.com>")
        == f"{REJECTED} EU-WEST-1: Sender <sender@example.com>"
    )


@pytest.mark.ses_identity("sender@example.com", "Pending")
def test_a_pending_sender_is_not_verified(ses_client: MakeClient) -> None:
    rejected(ses_client(), "sender@example.com")


@pytest.mark.ses_identity("sender@example.com", "Success")
def test_a_verified_address_can_send_and_its_plus_labels_too(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses = ses_client()
    response = send(ses, "sender@example.com", "a@example.net")
    assert_valid_output(ses, "SendEmail", response)
    send(ses, "Sender Name <sender+news@example.com>")
    # Case-sensitive: another mailbox, and the exact address rule is exact.
    rejected(ses, "Sender@example.com")
    rejected(ses, "sender@EXAMPLE.com")
    rejected(ses, "other@example.com")
    assert len(ses_verification.outbox) == 2


@pytest.mark.ses_identity("Example.COM", "Success", region="us-east-1")
def test_a_verified_domain_covers_its_addresses_and_subdomains_any_case(
    ses_client: MakeClient,
) -> None:
    ses = ses_client("us-east-1")
    send(ses, "anyone@example.com")
    send(ses, "anyone@EXAMPLE.com")
    send(ses, "anyone@mail.sub.example.com")
    rejected(ses, "anyone@notexample.com")
    rejected(ses, "anyone@example.com.evil.net")
    message = rejected(ses_client("eu-west-1"), "anyone@example.com")
    assert message == f"{REJECTED} EU-WEST-1: anyone@example.com"


def test_verification_in_the_test_opens_the_gate(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses = ses_client()
    ses.verify_domain_identity(Domain="example.com")
    rejected(ses, "app@example.com")
    ses_verification.publish_txt_record("example.com")
    send(ses, "app@example.com")
    ses_verification.remove_txt_record("example.com")
    rejected(ses, "app@example.com")  # TemporaryFailure is not verified


@pytest.mark.ses_identity("sender@example.com", "Success")
@pytest.mark.ses_verification(sandbox=True)
def test_sandbox_requires_verified_recipients_except_the_simulator(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses = ses_client()
    ses_verification.set_identity("friend@example.org", "Success")
    send(ses, "sender@example.com", "friend@example.org", "success@SIMULATOR.amazonses.com")
    message = rejected(
        ses, "sender@example.com", "friend@example.org", "Stranger <x@example.net>", "y@example.net"
    )
    assert message == f"{REJECTED} US-EAST-1: Stranger <x@example.net>, y@example.net"
    message = rejected(ses, "nobody@example.com", "y@example.net")
    assert message == f"{REJECTED} US-EAST-1: nobody@example.com, y@example.net"


@pytest.mark.ses_identity("sender@example.com", "Success")
def test_outside_the_sandbox_recipients_are_not_checked(ses_client: MakeClient) -> None:
    send(ses_client(), "sender@example.com", "y@example.net")


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("not-an-address", "Missing final '@domain'"),
        ("@example.com", "Missing local name"),
        ("someone@", "Missing domain"),
        ("some one@example.com", "Local address contains control or whitespace"),
        ("some✖one@example.com", "Local address contains control or whitespace"),
        ("a(b@example.com", "Local address contains illegal character"),
        ("someone@exa_mple.com", "Domain contains illegal character"),
        ("someone@.example.com", "Domain starts with dot"),
        ("someone@example..com", "Domain contains dot-dot"),
        ("Name <someone@example.com", "Missing '>'"),
    ],
)
@pytest.mark.usefixtures("ses_verification")
def test_malformed_addresses_get_the_services_errors(
    ses_client: MakeClient, address: str, message: str
) -> None:
    ses = ses_client()
    for source, to in ((address, "ok@example.net"), ("ok@example.com", address)):
        with pytest.raises(ClientError) as exc:
            send(ses, source, to)
        assert exc.value.response["Error"]["Code"] == "InvalidParameterValue"
        assert exc.value.response["Error"]["Message"] == message


@pytest.mark.usefixtures("ses_verification")
def test_no_recipients(ses_client: MakeClient) -> None:
    with pytest.raises(ClientError) as exc:
        ses_client().send_email(
            Source="a@example.com",
            Destination={},
            Message={"Subject": {"Data": "x"}, "Body": {"Text": {"Data": "x"}}},
        )
    assert exc.value.response["Error"]["Message"] == "Missing required header 'To'."


# -- the outbox ----------------------------------------------------------------------


@freeze_time("2030-02-03 04:05:06")
@pytest.mark.ses_identity("example.com", "Success")
def test_outbox_records_what_was_sent(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses = ses_client("eu-west-1")
    response = send(ses, "App <app@example.com>", "a@example.net", CcAddresses=["b@example.net"])
    [sent] = ses_verification.outbox
    assert sent.message_id == response["MessageId"]
    assert sent.source == "App <app@example.com>"
    assert sent.destinations == ["a@example.net", "b@example.net"]
    assert sent.subject == "Welcome"
    assert sent.text == "Hello"
    assert sent.html == "<p>Hello</p>"
    assert sent.raw is None
    assert sent.region == "eu-west-1"
    assert sent.sent_at == datetime(2030, 2, 3, 4, 5, 6, tzinfo=timezone.utc)
    assert len(sent.message_id.split("-")) == 7
    assert send(ses, "app@example.com")["MessageId"] != sent.message_id


@pytest.mark.usefixtures("ses_verification")
def test_rejected_messages_are_not_in_the_outbox(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    rejected(ses_client(), "app@example.com")
    assert ses_verification.outbox == []
    assert ses_verification.calls[-1].error is not None


# -- SendRawEmail --------------------------------------------------------------------


@pytest.mark.ses_identity("example.com", "Success")
def test_raw_message_sender_and_recipients_from_headers(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses = ses_client()
    data = raw_message(
        From="App <app@example.com>", To="a@example.net, B <b@example.net>", Subject="Raw hello"
    )
    response = ses.send_raw_email(RawMessage={"Data": data})
    assert_valid_output(ses, "SendRawEmail", response)
    [sent] = ses_verification.outbox
    assert sent.source == "App <app@example.com>"
    assert sent.destinations == ["a@example.net", "B <b@example.net>"]
    assert sent.subject == "Raw hello"
    assert sent.text is not None
    assert sent.text.strip() == "Hello in text"
    assert sent.html is not None
    assert sent.html.strip() == "<p>Hello in HTML</p>"
    assert sent.raw == data


@pytest.mark.ses_identity("example.com", "Success")
def test_raw_source_and_destinations_parameters_win_over_headers(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses = ses_client()
    data = raw_message(From="App <app@example.com>", To="a@example.net", Subject="x")
    ses.send_raw_email(
        Source="ops@example.com", Destinations=["z@example.net"], RawMessage={"Data": data}
    )
    [sent] = ses_verification.outbox
    assert (sent.source, sent.destinations) == ("ops@example.com", ["z@example.net"])
    unverified = raw_message(From="someone@unverified.net", To="a@example.net", Subject="x")
    with pytest.raises(ses.exceptions.MessageRejected) as exc:
        ses.send_raw_email(RawMessage={"Data": unverified})
    assert exc.value.response["Error"]["Message"].endswith(": someone@unverified.net")


@pytest.mark.ses_identity("example.com", "Success")
def test_raw_message_as_text(ses_verification: SesVerification, ses_client: MakeClient) -> None:
    data = raw_message(From="app@example.com", To="a@example.net", Subject="s").decode()
    ses_client().send_raw_email(RawMessage={"Data": data})
    assert ses_verification.outbox[0].raw == data.encode()


@pytest.mark.usefixtures("ses_verification")
def test_raw_message_without_from_or_to(ses_client: MakeClient) -> None:
    ses = ses_client()
    with pytest.raises(ClientError) as exc:
        ses.send_raw_email(RawMessage={"Data": raw_message(To="a@example.net", Subject="s")})
    assert exc.value.response["Error"]["Code"] == "InvalidParameterValue"
    assert exc.value.response["Error"]["Message"] == "Missing required header 'From'."
    with pytest.raises(ClientError) as exc:
        ses.send_raw_email(RawMessage={"Data": raw_message(From="a@example.com", Subject="s")})
    assert exc.value.response["Error"]["Message"] == "Missing required header 'To'."
    with pytest.raises(ClientError) as exc:
        ses.send_raw_email(
            RawMessage={"Data": raw_message(From="nobody", To="a@example.net", Subject="s")}
        )
    assert exc.value.response["Error"]["Message"] == "Missing final '@domain'"


# -- hostile raw messages, through v1 SendRawEmail and v2 SendEmail (Raw) ------------


@pytest.fixture(params=["ses", "sesv2"])
def send_raw(request: pytest.FixtureRequest) -> Callable[[bytes], Any]:
    """Sends raw bytes with v1 SendRawEmail or v2 SendEmail (Raw content)."""
    client: Any = boto3.client(request.param, region_name="us-east-1")
    if request.param == "ses":
        return lambda data: client.send_raw_email(RawMessage={"Data": data})
    return lambda data: client.send_email(Content={"Raw": {"Data": data}})


def rejected_raw(send_raw: Callable[[bytes], Any], data: bytes) -> str:
    with pytest.raises(ClientError) as exc:
        send_raw(data)
    assert exc.value.response["Error"]["Code"] == "MessageRejected"
    return str(exc.value.response["Error"]["Message"])


def with_part(content_type: str, body: bytes, cte: str = "8bit") -> bytes:
    return (
        b"From: app@example.com\r\nTo: a@example.net\r\nSubject: Odd part\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: " + content_type.encode() + b"\r\n"
        b"Content-Transfer-Encoding: " + cte.encode() + b"\r\n\r\n" + body
    )


@pytest.mark.ses_identity("example.com", "Success")
def test_raw_parts_in_an_unknown_charset_are_kept_as_bytes(
    ses_verification: SesVerification, send_raw: Callable[[bytes], Any]
) -> None:
    data = (
        b"From: app@example.com\r\nTo: a@example.net\r\nSubject: Odd charset\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n"
        b"--b\r\nContent-Type: text/plain; charset=x-unknown-charset\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\ncaf=C3=A9\r\n"
        b"--b\r\nContent-Type: text/html; charset=x-unknown-charset\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\nPHA+Y2Fmw6k8L3A+\r\n--b--\r\n"
    )
    response = send_raw(data)
    [sent] = ses_verification.outbox
    assert sent.message_id == response["MessageId"]
    assert (sent.subject, sent.text, sent.html) == (
        "Odd charset",
        b"caf\xc3\xa9",
        b"<p>caf\xc3\xa9</p>",
    )
    assert sent.raw == data
    [call] = ses_verification.calls
    assert call.error is None


@pytest.mark.parametrize(
    ("content_type", "body", "text"),
    [
        ("text/plain; charset=utf-8", b"caf\xe9", "caf\ufffd"),  # decoded as mail readers do
        ("text/plain; charset=undefined", b"abc", b"abc"),
        ("text/plain; charset=idna", b"\xff\xfe", b"\xff\xfe"),
        ("text/plain; charset=hex", b"abc", b"abc"),
        ("text/plain; charset=unknown-8bit", b"\xe9", b"\xe9"),
        ("text/plain; charset*=x''%FF", b"abc", b"abc"),
        ('text/plain; charset=""', b"abc", b"abc"),
    ],
    ids=["invalid-utf-8", "undefined", "idna", "hex", "unknown-8bit", "rfc2231-garbage", "empty"],
)
@pytest.mark.ses_identity("example.com", "Success")
def test_raw_parts_that_do_not_decode_never_fail_the_send(
    ses_verification: SesVerification,
    send_raw: Callable[[bytes], Any],
    content_type: str,
    body: bytes,
    text: str | bytes,
) -> None:
    send_raw(with_part(content_type, body))
    [sent] = ses_verification.outbox
    assert sent.text == text


@pytest.mark.ses_identity("example.com", "Success")
def test_raw_parts_in_every_codec_python_knows_are_accepted(
    ses_verification: SesVerification, send_raw: Callable[[bytes], Any]
) -> None:
    names = sorted(set(encodings.aliases.aliases) | set(encodings.aliases.aliases.values()))
    for name in names:
        send_raw(with_part(f"text/html; charset={name}", b"<p>\xff\xfe\x00\x80caf\xc3\xa9</p>"))
    assert len(ses_verification.outbox) == len(names)
    assert all(isinstance(sent.html, (str, bytes)) for sent in ses_verification.outbox)


@pytest.mark.ses_identity("example.com", "Success")
def test_raw_group_syntax_in_recipient_headers(
    ses_verification: SesVerification, send_raw: Callable[[bytes], Any]
) -> None:
    send_raw(
        b"From: app@example.com\r\nTo: undisclosed-recipients:;\r\n"
        b"Bcc: x@example.net\r\nSubject: s\r\n\r\nHello\r\n"
    )
    send_raw(
        b"From: app@example.com\r\nTo: friends: a@example.net, B <b@example.net>;\r\n"
        b"Cc: c@example.net, empty:;\r\nSubject: s\r\n\r\nHello\r\n"
    )
    assert [sent.destinations for sent in ses_verification.outbox] == [
        ["x@example.net"],
        ["a@example.net", "B <b@example.net>", "c@example.net"],
    ]


@pytest.mark.ses_identity("example.com", "Success")
def test_raw_encoded_word_from_is_echoed_as_sent(
    ses_verification: SesVerification, send_raw: Callable[[bytes], Any]
) -> None:
    message = rejected_raw(
        send_raw,
        b"From: =?utf-8?q?J=C3=B6rg?= <j@other.example>\r\nTo: a@example.net\r\n\r\nHi\r\n",
    )
    # The header as sent, then the source SES takes from it (WPManageNinja/fluent-smtp#90:
    # "... AP-SOUTHEAST-2: Ann Mathon <contact@annmathon.com.au>, contact@annmathon.com.au").
    assert message == (
        f"{REJECTED} US-EAST-1: =?utf-8?q?J=C3=B6rg?= <j@other.example>, j@other.example"
    )
    send_raw(
        b"From: =?utf-8?q?J=C3=B6rg?=\r\n <j@example.com>\r\n"
        b"To: =?utf-8?q?K=C3=A4the?= <k@example.net>, plain@example.net\r\n\r\nHi\r\n"
    )
    send_raw("From: j@example.com (Jörg)\r\nTo: Käthe <k@example.net>\r\n\r\nHi\r\n".encode())
    assert [(sent.source, sent.destinations) for sent in ses_verification.outbox] == [
        ("=?utf-8?q?J=C3=B6rg?= <j@example.com>", ["Käthe <k@example.net>", "plain@example.net"]),
        ("j@example.com (Jörg)", ["Käthe <k@example.net>"]),
    ]


@pytest.mark.parametrize(
    ("sender", "recipient", "message"),
    [
        ("<", "a@example.net", "Missing '>'"),
        ("someone@", "a@example.net", "Missing domain"),
        ('"', "a@example.net", "Missing final '@domain'"),
        ("app@example.com", "0@", "Missing domain"),
        ("app@example.com", ":;0", "Local address contains illegal character"),
    ],
)
@pytest.mark.ses_identity("example.com", "Success")
def test_raw_headers_python_cannot_parse_get_the_service_error(
    ses_verification: SesVerification,
    send_raw: Callable[[bytes], Any],
    sender: str,
    recipient: str,
    message: str,
) -> None:
    """Python's own address parser raises IndexError/AttributeError on these."""
    data = f"From: {sender}\r\nTo: {recipient}\r\nSubject: x\r\n\r\nbody".encode()
    with pytest.raises(ClientError) as exc:
        send_raw(data)
    error = exc.value.response["Error"]
    assert error["Code"] in ("InvalidParameterValue", "BadRequestException")
    assert error["Message"] == message
    assert ses_verification.outbox == []
