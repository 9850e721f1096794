"""What a send is made of and what it leaves: the outbox's :class:`SentMessage`, message
ids, message tags and the recipient limit.

Pure: no botocore, no pytest, no clock. Who may send (the verified-sender gate) is the
identities' rule (:mod:`.verification`); the order of a send's checks is the pipeline's
(:mod:`.pipeline`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Literal, NamedTuple

from .errors import InvalidParameter
from .ids import uuid4
from .list_delivery import ListDelivery
from .mime import Attachment


class SentMessage(NamedTuple):
    """A message the fake accepted (SendEmail, SendRawEmail).

    ``text`` and ``html`` are ``bytes`` (the part's transfer-decoded payload) when a raw
    message's part is in a charset Python cannot decode: SES does not decode bodies to
    accept a message, so neither does the fake.

    ``to``, ``cc`` and ``bcc`` come from the request's Destination or, for a raw message,
    its headers (``destinations`` is every recipient the send went to); ``reply_to``,
    ``return_path`` (v1 ReturnPath, v2 FeedbackForwardingEmailAddress, or the raw
    Return-Path header), ``tags`` (name to value), ``service`` ("ses" or "sesv2") and a
    raw message's ``attachments`` are as the request gave them.

    ``suppressed``: the recipients (bare address -> reason) on the account-level
    suppression list when it was sent: SES accepted the message but delivers nothing to
    them (each bounces ``OnAccountSuppressionList``).
    ``list_management``: what a v2 send's ListManagementOptions did (who was not sent
    to, the unsubscribe link and headers); None without them.
    """

    message_id: str
    source: str
    destinations: list[str]
    subject: str | None
    text: str | bytes | None
    html: str | bytes | None
    raw: bytes | None
    region: str
    sent_at: datetime
    mail_from_domain: str = "amazonses.com"
    configuration_set: str | None = None
    tenant: str | None = None
    to: list[str] = []  # noqa: RUF012 - a NamedTuple's default; every send passes its own
    cc: list[str] = []  # noqa: RUF012
    bcc: list[str] = []  # noqa: RUF012
    reply_to: list[str] = []  # noqa: RUF012
    return_path: str | None = None
    tags: dict[str, str] = {}  # noqa: RUF012
    service: Literal["ses", "sesv2"] = "ses"
    attachments: list[Attachment] = []  # noqa: RUF012
    template: str | None = None
    template_data: str | None = None
    suppressed: dict[str, str] = {}  # noqa: RUF012
    list_management: ListDelivery | None = None


# The first four hex digits of a message id, by region, from public samples (README's
# behaviour table); regions without a sample use us-east-1's.
_ID_PREFIXES = {
    "us-east-1": "0100",
    "us-west-2": "0101",
    "eu-west-1": "0102",
    "ap-northeast-1": "0106",
    "eu-central-1": "0107",
    "ap-southeast-2": "0108",
    "ap-south-1": "0109",
    "eu-west-2": "010b",
    "ap-northeast-2": "010c",
    "ca-central-1": "010d",
    "ap-southeast-1": "010e",
    "us-east-2": "010f",
    "eu-north-1": "0110",
    "us-west-1": "0111",
    "eu-west-3": "0113",
}


def message_id(now: datetime, region: str) -> str:
    """An id shaped like SES's: the region's prefix, the send time in milliseconds as 12
    hex digits, a UUID, and ``-000000``."""
    prefix = _ID_PREFIXES.get(region, "0100")
    return f"{prefix}{int(now.timestamp() * 1000):012x}-{uuid4()}-000000"


MAX_RECIPIENTS = 50
# Raw message size limits (after base64 encoding, as the quotas page counts them).
MAX_RAW_V1 = 10 * 1024 * 1024
MAX_RAW_V2 = 40 * 1024 * 1024
_TAG_NAME = re.compile(r"[A-Za-z0-9_-]+\Z")
_TAG_VALUE = re.compile(r"[A-Za-z0-9_.@-]+\Z")
_TAG_LONGEST = 255


def check_tags(tags: Iterable[Mapping[str, str]]) -> None:
    """Message tags as SES checks them, before anything else in a send: per tag, the
    name (present, length, characters; ``ses:`` names allowed), then the value."""
    for tag in tags:
        name, value = tag.get("Name", ""), tag.get("Value", "")
        if not name:
            raise InvalidParameter("The tag name must be specified.")
        if len(name) > _TAG_LONGEST:
            raise InvalidParameter("Tag name cannot exceed 255 characters.")
        if not _TAG_NAME.match(name.removeprefix("ses:")):
            raise InvalidParameter(
                f"Invalid tag name <{name}>: only alphanumeric ASCII characters, '_',  '-' "
                "are allowed."
            )
        if not value:
            raise InvalidParameter("The tag value must be specified.")
        if len(value) > _TAG_LONGEST:
            raise InvalidParameter("Tag value cannot exceed 255 characters.")
        if not _TAG_VALUE.match(value):
            raise InvalidParameter(
                f"Invalid tag value <{value}>: only alphanumeric ASCII characters, '_',  '-' , "
                "'.', '@' are allowed."
            )


def check_recipient_count(recipients: Sequence[str]) -> None:
    if len(recipients) > MAX_RECIPIENTS:
        raise InvalidParameter(f"Recipient count exceeds {MAX_RECIPIENTS}.")
