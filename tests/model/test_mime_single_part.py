"""The single-part path of raw messages (issue 26) reads what the stdlib's full parse reads."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage

import pytest

from pytest_ses_verify.model import mime

HEAD = b"From: a@example.com\r\nTo: b@example.com\r\nSubject: =?utf-8?q?Caf=C3=A9?=\r\n"
MESSAGES = [
    HEAD + b"\r\nHello.\r\n",
    HEAD + b"Content-Type: text/plain\r\n\r\nHello.\r\n",
    HEAD + b"Content-Type: text/html; charset=utf-8\r\n\r\n<p>Caf\xc3\xa9</p>\r\n",
    HEAD + b"Content-Type: text/plain; charset=latin-1\r\n\r\nCaf\xe9\r\n",
    HEAD + b"Content-Type: text/plain; charset=nonsense\r\n\r\nCaf\xe9\r\n",
    HEAD + b"Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\nSGk=\r\n",
    HEAD + b"Content-Type: text/plain\r\nContent-Disposition: attachment\r\n\r\nHi\r\n",
    HEAD + b"Content-Type: application/pdf\r\n\r\n%PDF\r\n",
    HEAD + b"Content-Type: text\r\n\r\nno subtype\r\n",
    HEAD + b"Content-Type: multipart/mixed\r\n\r\nno boundary\r\n",
    HEAD + b'Content-Type: multipart/alternative; boundary="b"\r\n\r\n--b\r\n'
    b"Content-Type: text/plain\r\n\r\nplain\r\n--b\r\nContent-Type: text/html\r\n\r\n"
    b"<b>html</b>\r\n--b--\r\n",
    HEAD + b"Content-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\nbody\r\n",
    HEAD,
]


def stdlib(data: bytes) -> tuple[object, ...]:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    found = []
    for kind in ("plain", "html"):
        part = message.get_body(preferencelist=(kind,))
        if isinstance(part, EmailMessage):
            try:
                found.append(part.get_content())
            except (LookupError, ValueError):
                found.append(part.get_payload(decode=True))
        else:
            found.append(None)
    files = [p.get_filename() for p in message.iter_attachments()]
    return (*found, files, message.as_bytes(), str(message["Subject"]), message.defects)


@pytest.mark.parametrize("data", MESSAGES)
def test_read_raw_reads_what_the_full_parse_reads(data: bytes) -> None:
    raw = mime._read(data)
    message = raw.message
    ours = (
        raw.text,
        raw.html,
        [a.filename for a in raw.attachments],
        message.as_bytes(),
        str(message["Subject"]),
        message.defects,
    )
    assert repr(ours) == repr(stdlib(data))


def test_header_objects_are_remembered_not_made_again() -> None:
    first = mime.POLICY.header_factory("Subject", "Hello")
    assert mime.POLICY.header_factory("Subject", "Hello") is first
    assert str(first) == "Hello"
