"""The pure raw-message envelope (pytest_ses_verify.model.mime): chosen."""

from __future__ import annotations

from email.message import EmailMessage

from pytest_ses_verify.model.mime import Attachment, raw_envelope, read_raw


def test_raw_envelope_reads_headers_and_attachments() -> None:
    message = EmailMessage()
    message["From"] = "app@example.com"
    message["To"] = "team:a@example.net, b@example.net;"
    message["Bcc"] = "hidden@example.net"
    message["Return-Path"] = " <bounce@example.com> "
    message.set_content("Hello")
    message.add_attachment(b"\x00\x01", maintype="image", subtype="png", filename="x.png")
    envelope = raw_envelope(read_raw(message.as_bytes()))
    assert envelope["to"] == ["a@example.net", "b@example.net"]
    assert envelope["bcc"] == ["hidden@example.net"]
    assert envelope["cc"] == envelope["reply_to"] == []
    assert envelope["return_path"] == "bounce@example.com"
    assert envelope["attachments"] == [Attachment("x.png", "image/png", b"\x00\x01")]


def test_a_message_without_them_has_none() -> None:
    message = EmailMessage()
    message["To"] = "a@example.net"
    message.set_content("Hello")
    envelope = raw_envelope(read_raw(message.as_bytes()))
    assert envelope["return_path"] is None
    assert envelope["attachments"] == []


def test_a_message_sent_again_is_read_once_and_what_it_gives_is_a_copy() -> None:
    message = EmailMessage()
    message["To"] = "a@example.net"
    message.set_content("Hello")
    message.add_attachment(b"\x00", maintype="image", subtype="png", filename="x.png")
    data = message.as_bytes()
    first, again = read_raw(data), read_raw(bytes(data))
    assert again is first
    assert first.text == "Hello\n"
    envelope = raw_envelope(first)
    envelope["attachments"].clear()
    envelope["to"].append("changed@example.net")
    assert raw_envelope(read_raw(data))["to"] == ["a@example.net"]
    assert len(raw_envelope(read_raw(data))["attachments"]) == 1


def test_a_big_message_is_not_kept() -> None:
    message = EmailMessage()
    message["To"] = "a@example.net"
    message.set_content("x" * (2 * 1024 * 1024))
    data = message.as_bytes()
    assert read_raw(data) is not read_raw(data)
