"""The outbox as tests assert on it: To, Cc, Bcc, Reply-To, Return-Path, tags, the API
that sent it and a raw message's attachments, through real v1 and v2 clients."""

from __future__ import annotations

from email.message import EmailMessage

import boto3
import pytest

from pytest_ses_verify import SesVerification
from pytest_ses_verify.model.mime import Attachment

SENDER = "app@example.com"


@pytest.fixture
def verified(ses_verification: SesVerification) -> SesVerification:
    ses_verification.set_identity("example.com", "Success")
    return ses_verification


def test_v1_send_email_records_the_envelope(verified: SesVerification) -> None:
    ses = boto3.client("ses", region_name="eu-west-1")
    ses.send_email(
        Source=SENDER,
        Destination={
            "ToAddresses": ["a@example.net", "B <b@example.net>"],
            "CcAddresses": ["c@example.net"],
            "BccAddresses": ["d@example.net"],
        },
        Message={"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}},
        ReplyToAddresses=["help@example.com"],
        ReturnPath="bounces@example.com",
        Tags=[{"Name": "campaign", "Value": "welcome"}],
    )
    (sent,) = verified.outbox
    assert sent.to == ["a@example.net", "B <b@example.net>"]
    assert sent.cc == ["c@example.net"]
    assert sent.bcc == ["d@example.net"]
    assert sent.destinations == [
        "a@example.net",
        "B <b@example.net>",
        "c@example.net",
        "d@example.net",
    ]
    assert sent.reply_to == ["help@example.com"]
    assert sent.return_path == "bounces@example.com"
    assert sent.tags == {"campaign": "welcome"}
    assert sent.service == "ses"
    assert sent.attachments == []
    assert verified.sent_to("b@EXAMPLE.net") == [sent]
    assert verified.sent_to("d@example.net") == [sent]
    assert verified.sent_to("nobody@example.net") == []


def test_v2_send_email_records_the_envelope(verified: SesVerification) -> None:
    sesv2 = boto3.client("sesv2", region_name="eu-west-1")
    sesv2.send_email(
        FromEmailAddress=SENDER,
        Destination={"ToAddresses": ["a@example.net"], "BccAddresses": ["d@example.net"]},
        ReplyToAddresses=["help@example.com"],
        FeedbackForwardingEmailAddress="bounces@example.com",
        Content={"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}},
        EmailTags=[{"Name": "campaign", "Value": "welcome"}, {"Name": "tier", "Value": "gold"}],
    )
    (sent,) = verified.outbox
    assert (sent.to, sent.cc, sent.bcc) == (["a@example.net"], [], ["d@example.net"])
    assert sent.reply_to == ["help@example.com"]
    assert sent.return_path == "bounces@example.com"
    assert sent.tags == {"campaign": "welcome", "tier": "gold"}
    assert sent.service == "sesv2"


def raw_with_attachment() -> bytes:
    message = EmailMessage()
    message["From"] = SENDER
    message["To"] = "a@example.net, B <b@example.net>"
    message["Cc"] = "c@example.net"
    message["Reply-To"] = "help@example.com"
    message["Return-Path"] = "<bounces@example.com>"
    message["Subject"] = "Your invoice"
    message.set_content("See attached.")
    message.add_attachment(
        b"%PDF-1.4 fake", maintype="application", subtype="pdf", filename="invoice.pdf"
    )
    message.add_attachment("a,b\n1,2\n", subtype="csv", filename="data.csv")
    return message.as_bytes()


def test_v1_raw_message_envelope_and_attachments_come_from_its_headers(
    verified: SesVerification,
) -> None:
    ses = boto3.client("ses", region_name="eu-west-1")
    ses.send_raw_email(
        RawMessage={"Data": raw_with_attachment()}, Tags=[{"Name": "kind", "Value": "invoice"}]
    )
    (sent,) = verified.outbox
    assert sent.to == ["a@example.net", "B <b@example.net>"]
    assert sent.cc == ["c@example.net"]
    assert sent.bcc == []
    assert sent.reply_to == ["help@example.com"]
    assert sent.return_path == "bounces@example.com"
    assert sent.tags == {"kind": "invoice"}
    assert sent.text == "See attached.\n"
    assert sent.attachments == [
        Attachment("invoice.pdf", "application/pdf", b"%PDF-1.4 fake"),
        Attachment("data.csv", "text/csv", b"a,b\n1,2\n"),
    ]


def test_v2_raw_message_keeps_the_requests_destination(verified: SesVerification) -> None:
    sesv2 = boto3.client("sesv2", region_name="eu-west-1")
    sesv2.send_email(
        Destination={"ToAddresses": ["other@example.net"]},
        Content={"Raw": {"Data": raw_with_attachment()}},
    )
    (sent,) = verified.outbox
    assert sent.destinations == ["other@example.net"]
    assert sent.to == ["other@example.net"]
    assert sent.cc == []
    assert sent.reply_to == ["help@example.com"]
    assert sent.return_path == "bounces@example.com"
    assert sent.service == "sesv2"
    assert [a.filename for a in sent.attachments] == ["invoice.pdf", "data.csv"]
