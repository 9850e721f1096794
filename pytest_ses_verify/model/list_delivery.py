"""What a send with ListManagementOptions carries to its recipients (SES v2 subscription
management): the record of it on the outbox's message, the unsubscribe link that takes
the place of ``{{amazonSESUnsubscribeUrl}}``, and the ``List-Unsubscribe`` headers.

Pure: no botocore, no pytest, no clock. The lists and contacts are :mod:`.contact_lists`'.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

PLACEHOLDER = "{{amazonSESUnsubscribeUrl}}"
MAX_PLACEHOLDERS = 2  # replaced; later ones are left as they are


class ListDelivery(NamedTuple):
    """What ``ListManagementOptions`` did to an accepted send (``SentMessage.list_management``).

    ``unsubscribed``: the recipients (as the request gave them) it was not delivered to,
    because they unsubscribed from the topic or from the whole list. ``unsubscribe_url``
    and ``headers`` (``List-Unsubscribe``, ``List-Unsubscribe-Post``): only for a send to
    a single recipient, else None and empty.
    """

    contact_list: str
    topic: str | None
    unsubscribed: list[str]
    unsubscribe_url: str | None = None
    headers: dict[str, str] = {}  # noqa: RUF012 - a NamedTuple's default


class UnsubscribeLink(NamedTuple):
    """Where an unsubscribe link a send carried leads."""

    region: str
    contact_list: str
    email: str
    topic: str | None


def replace_placeholder(body: str | bytes | None, url: str) -> str | bytes | None:
    """The first two ``{{amazonSESUnsubscribeUrl}}`` of a text or HTML body replaced."""
    if not isinstance(body, str):
        return body
    return body.replace(PLACEHOLDER, url, MAX_PLACEHOLDERS)


def with_headers(raw: bytes, headers: Mapping[str, str]) -> bytes:
    """A raw message with SES's list headers first, in place of its own."""
    if not headers:
        return raw
    names = tuple(f"{name.lower()}:".encode() for name in headers)
    head, sep, body = raw.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = raw.partition(b"\n\n")
    newline = b"\r\n" if sep == b"\r\n\r\n" or not sep else b"\n"
    kept: list[bytes] = []
    skipping = False
    for line in head.split(newline):
        if line[:1] in (b" ", b"\t"):
            if not skipping:
                kept.append(line)
            continue
        skipping = line.lower().startswith(names)
        if not skipping:
            kept.append(line)
    added = [f"{name}: {value}".encode() for name, value in headers.items()]
    return newline.join(added + kept) + sep + body
