"""What a raw (MIME) message says about itself, for the outbox: its attachments and the
addresses in its headers.

Pure: no botocore, no pytest, no clock.
"""

from __future__ import annotations

import functools
from email.message import EmailMessage
from typing import NamedTuple, TypedDict

from .sending import body_parts, header_addresses, parse_raw


class Attachment(NamedTuple):
    """One attachment of a raw message: its file name (None: none given), its content
    type ("application/pdf") and its transfer-decoded bytes."""

    filename: str | None
    content_type: str
    content: bytes


def attachments(message: EmailMessage) -> list[Attachment]:
    """The message's attachments, in order (``Content-Disposition: attachment``, or a
    non-body part with a file name)."""
    found: list[Attachment] = []
    for part in message.iter_attachments():
        if not isinstance(part, EmailMessage):  # pragma: no cover - policy.default makes these
            continue
        payload = part.get_payload(decode=True)
        content = payload if isinstance(payload, bytes) else b""
        found.append(Attachment(part.get_filename(), part.get_content_type(), content))
    return found


class RawMessage(NamedTuple):
    """A raw message, parsed, and its text and HTML bodies and attachments."""

    message: EmailMessage
    text: str | bytes | None
    html: str | bytes | None
    attachments: tuple[Attachment, ...]


def read_raw(data: bytes) -> RawMessage:
    """``data`` parsed. A message sent again (the same bytes, up to 1 MiB: to other
    Destinations, in a loop) is parsed once; what is read from it is only ever read."""
    return _read_cached(data) if len(data) <= _CACHED_BYTES else _read(data)


def _read(data: bytes) -> RawMessage:
    message = parse_raw(data)
    text, html = body_parts(message)
    return RawMessage(message, text, html, tuple(attachments(message)))


_CACHED_BYTES = 1024 * 1024
_read_cached = functools.lru_cache(maxsize=16)(_read)


def first_header(message: EmailMessage, name: str) -> str | None:
    """The first ``name`` header's value, unfolded and stripped (None: none)."""
    for key, value in message.raw_items():
        if key.lower() == name.lower():
            return " ".join(value.split())
    return None


class Envelope(TypedDict):
    """What a raw message's headers say of its addressing, as ``accept_message`` takes it."""

    to: list[str]
    cc: list[str]
    bcc: list[str]
    reply_to: list[str]
    return_path: str | None
    attachments: list[Attachment]


def raw_envelope(raw: RawMessage) -> Envelope:
    """To, Cc, Bcc, Reply-To and Return-Path (its bare address) from the headers, and the
    attachments."""
    message = raw.message
    return_path = first_header(message, "Return-Path")
    if return_path is not None:
        return_path = return_path.strip().removeprefix("<").removesuffix(">").strip() or None
    return Envelope(
        to=header_addresses(message, "To"),
        cc=header_addresses(message, "Cc"),
        bcc=header_addresses(message, "Bcc"),
        reply_to=header_addresses(message, "Reply-To"),
        return_path=return_path,
        attachments=list(raw.attachments),
    )
