"""The pure raw-message envelope (pytest_ses_verify.model.mime): chosen."""

from __future__ import annotations

from email.message import EmailMessage

from pytest_ses_verify.model.mime import Attachment, raw_envelope
from pytest_ses_verify.model.sending import parse_raw


def test_raw_envelope_reads_headers_and_attachments() -> None:
    message = EmailMessage()
    message["From"] = "app@example.com"
    message["To"] = "team:a@example.net, b@example.net;"
    message["Bcc"] = "hidden@example.net"
    message["Return-Path"] = " <bounce@example.com> "
    message.set_content("Hello")
    message.add_attachment(b"\x00\x01", maintype="image", subtype="png", filename="x.png")
    envelope = raw_envelope(parse_raw(message.as_bytes()))
    assert envelope["to"] == ["a@example.net", "b@example.net"]
    assert envelope["bcc"] == ["hidden@example.net"]
    assert envelope["cc"] == envelope["reply_to"] == []
    assert envelope["return_path"] == "bounce@example.com"
    assert envelope["attachments"] == [Attachment("x.png", "image/png", b"\x00\x01")]


def test_a_message_without_them_has_none() -> None:
    message = EmailMessage()
    message["To"] = "a@example.net"
    message.set_content("Hello")
    envelope = raw_envelope(parse_raw(message.as_bytes()))
    assert envelope["return_path"] is None
    assert envelope["attachments"] == []
