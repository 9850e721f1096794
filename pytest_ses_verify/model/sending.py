"""Sending: who may send (the verified-sender gate, the sandbox) and what was sent.

Pure: no botocore, no pytest, no clock.

Address errors use the texts SES returns (they come from its address parser and
are quoted in public reports): ``Missing final '@domain'``, ``Missing local
name``, ``Missing domain``, ``Local address contains control or whitespace``...
"""

from __future__ import annotations

import email
import email.policy
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from email.message import EmailMessage
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from .errors import InvalidParameter, MessageRejected
from .identities import Identity, Registry
from .ids import uuid4

if TYPE_CHECKING:
    from .mime import Attachment

SIMULATOR_DOMAIN = "simulator.amazonses.com"
_LOCAL_SPECIALS = re.compile(r'[()<>,;:\\"\[\]@]')
_DOMAIN_CHAR = re.compile(r"[A-Za-z0-9.\-\[\]]")
# What most addresses look like, "a@b.example" or "Name <a@b.example>": ASCII atoms, no
# quoting or comments. The full parser in mailbox() accepts each of them as it is.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_ADDRESS = rf"{_ATOM}(?:\.{_ATOM})*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
_BARE = re.compile(f"({_ADDRESS})")
_NAMED = re.compile(rf'[^\x00-\x1f\x7f"\\(),:;<>@\[\]]*<({_ADDRESS})>')


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


def _invalid(message: str) -> InvalidParameter:
    return InvalidParameter(message)


def _is_control_or_space(char: str) -> bool:
    return char.isspace() or not " " < char < "\x7f"


def _unquoted(text: str, wanted: str) -> int:
    """The index of the first ``wanted`` character outside quotes and brackets, or -1."""
    quoted = escaped = False
    depth = 0
    for index, char in enumerate(text):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif char == "<":
            depth += 1
        elif char == ">":
            depth = max(depth - 1, 0)
        elif char in wanted and depth == 0:
            return index
    return -1


@functools.lru_cache(maxsize=1024)
def mailbox(text: str) -> str:
    """The bare address in ``text`` ("Name <a@b>" or "a@b"), or the SES error for it.

    SES parses addresses as JavaMail's strict ``InternetAddress`` does: more than one
    address (an unquoted comma) is ``Illegal address``; an unquoted colon starts a
    group, so the whole text is checked as the address; the address is checked from
    left to right and the first offence is reported (README's behaviour table).
    """
    value = text.strip()
    common = _BARE.fullmatch(value) or _NAMED.fullmatch(value)
    if common is not None:
        return common.group(1)
    if _unquoted(value, ",") >= 0:
        raise _invalid("Illegal address")
    if _unquoted(value, ":") < 0 and ("<" in value or ">" in value):
        start, end = value.rfind("<"), value.rfind(">")
        if start == -1:
            raise _invalid("Missing '<'")
        if end < start:
            raise _invalid("Missing '>'")
        value = value[start + 1 : end].strip()
    _check_address(value)
    return value


def _check_address(address: str) -> None:
    """JavaMail's strict check of ``local@domain``, from left to right."""
    if not address:
        raise _invalid("Empty address")
    at = -1
    quoted = False
    for index, char in enumerate(address):
        if char == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif char == "@":
            if index == 0:
                raise _invalid("Missing local name")
            at = index
            break
        elif _is_control_or_space(char):
            raise _invalid("Local address contains control or whitespace")
        elif _LOCAL_SPECIALS.match(char):
            raise _invalid("Local address contains illegal character")
    if at < 0:
        raise _invalid("Missing final '@domain'")
    local, domain = address[:at], address[at + 1 :]
    _check_dots(local, "Local address")
    if not domain:
        raise _invalid("Missing domain")
    if domain.startswith("."):
        raise _invalid("Domain starts with dot")
    previous = ""
    for char in domain:
        if _is_control_or_space(char):
            raise _invalid("Domain contains control or whitespace")
        if not _DOMAIN_CHAR.match(char):
            raise _invalid("Domain contains illegal character")
        if char == "." and previous == ".":
            raise _invalid("Domain contains dot-dot")
        previous = char
    if domain.endswith("."):
        raise _invalid("Domain ends with dot")


def _check_dots(part: str, what: str) -> None:
    if part.startswith("."):
        raise _invalid(f"{what} starts with dot")
    if part.endswith("."):
        raise _invalid(f"{what} ends with dot")
    if ".." in part:
        raise _invalid(f"{what} contains dot-dot")


def sender_identity(
    registry: Registry, region: str, address: str, now: datetime
) -> Identity | None:
    """The verified identity that lets ``address`` send: the address itself, its
    ``+label``-less form, or its domain or a parent domain (Success in ``region``)."""
    local, _, domain = address.rpartition("@")
    candidates = [address]
    if "+" in local:
        candidates.append(f"{local.partition('+')[0]}@{domain}")
    for candidate in candidates:
        identity = registry.get(region, candidate, "EmailAddress")
        if identity is not None and registry.status(identity, now) == "Success":
            return identity
    labels = domain.lower().split(".")
    for start in range(len(labels)):
        identity = registry.get(region, ".".join(labels[start:]), "Domain")
        if identity is not None and registry.status(identity, now) == "Success":
            return identity
    return None


def is_verified(registry: Registry, region: str, address: str, now: datetime) -> bool:
    """Whether ``address`` may be used (see :func:`sender_identity`)."""
    return sender_identity(registry, region, address, now) is not None


def check_sending(
    registry: Registry,
    region: str,
    source: str,
    recipients: Iterable[str],
    now: datetime,
    *,
    sandbox: bool,
    sender: str | None = None,
) -> Identity:
    """The verified identity that lets the source send, or MessageRejected naming every
    identity (as sent) that fails the check.

    ``sender``, when given, is the bare address of ``source`` (a From header as sent).
    """
    failed: list[str] = []
    found = sender_identity(registry, region, mailbox(source if sender is None else sender), now)
    if found is None:
        failed.append(source)
    if sandbox:
        for recipient in recipients:
            address = mailbox(recipient)
            if address.rpartition("@")[2].lower() == SIMULATOR_DOMAIN:
                continue
            if recipient not in failed and not is_verified(registry, region, address, now):
                failed.append(recipient)
    if failed or found is None:
        raise MessageRejected(
            "Email address is not verified. The following identities failed the check in "
            f"region {region.upper()}: {', '.join(failed)}"
        )
    return found


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
            raise _invalid("The tag name must be specified.")
        if len(name) > _TAG_LONGEST:
            raise _invalid("Tag name cannot exceed 255 characters.")
        if not _TAG_NAME.match(name.removeprefix("ses:")):
            raise _invalid(
                f"Invalid tag name <{name}>: only alphanumeric ASCII characters, '_',  '-' "
                "are allowed."
            )
        if not value:
            raise _invalid("The tag value must be specified.")
        if len(value) > _TAG_LONGEST:
            raise _invalid("Tag value cannot exceed 255 characters.")
        if not _TAG_VALUE.match(value):
            raise _invalid(
                f"Invalid tag value <{value}>: only alphanumeric ASCII characters, '_',  '-' , "
                "'.', '@' are allowed."
            )


def check_recipient_count(recipients: Sequence[str]) -> None:
    if len(recipients) > MAX_RECIPIENTS:
        raise _invalid(f"Recipient count exceeds {MAX_RECIPIENTS}.")


def check_raw_size(data: bytes, limit: int) -> None:
    """A raw message may be ``limit`` bytes long once base64-encoded."""
    encoded = 4 * -(-len(data) // 3)
    if encoded > limit:
        raise _invalid(f"Message length is more than {limit} bytes long: '{encoded}'.")


def raw_bytes(data: Any) -> bytes:
    """RawMessage.Data as the caller gave it: bytes, str, or a readable stream."""
    if isinstance(data, (bytes, bytearray)):
        return bytes(data)
    if isinstance(data, str):
        return data.encode()
    if hasattr(data, "seek"):
        data.seek(0)
    content = data.read()
    return content.encode() if isinstance(content, str) else bytes(content)


def parse_raw(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def _raw_headers(message: EmailMessage, name: str) -> list[str]:
    """The values of the ``name`` headers as sent, unfolded and stripped."""
    wanted = name.lower()
    return [
        re.sub(r"\r\n|\r|\n", "", value).strip()
        for key, value in message.raw_items()
        if key.lower() == wanted
    ]


@functools.lru_cache(maxsize=256)
def _parsed(name: str, raw: str) -> tuple[Any, ...]:
    """The addresses in one header value (groups flattened), or the SES error for it.

    Python's address parser fails on some malformed values ("<", "someone@", ":;0"):
    before 3.13 it raises IndexError or AttributeError, from 3.13 it gives an empty
    address. SES's own checks then say what is wrong.
    """
    try:
        addresses = tuple(email.policy.default.header_factory(name, raw).addresses)
    except Exception:  # any failure of the stdlib parser means malformed input
        addresses = None
    if addresses is not None and all(a.username and a.domain for a in addresses):
        return addresses
    for piece in raw.split(","):
        mailbox(piece)
    raise _invalid("Illegal address")


def header_addresses(message: EmailMessage, *names: str) -> list[str]:
    """The addresses in the named headers, each as "Display Name <a@b>" or "a@b".

    Group syntax, which SES accepts, is flattened: a group contributes its members,
    ``undisclosed-recipients:;`` none.
    """
    return [
        _readable(str(address))
        for name in names
        for raw in _raw_headers(message, name)
        for address in _parsed(name, raw)
    ]


def header_sender(message: EmailMessage) -> tuple[str, str] | None:
    """The first From header with an address, as sent (unfolded; SES echoes it so, encoded
    words and all), and its first bare address, which the checks use; None if none."""
    for raw in _raw_headers(message, "From"):
        addresses = _parsed("From", raw)
        if addresses:
            return _readable(raw), _readable(addresses[0].addr_spec)
    return None


def _readable(text: str) -> str:
    """Header text with its 8-bit bytes (kept by the parser as surrogates) read as UTF-8,
    so that errors and the outbox show what was sent and can be serialised."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def body_parts(message: EmailMessage) -> tuple[str | bytes | None, str | bytes | None]:
    """The (text, html) bodies of a MIME message, where it has them."""
    found: list[str | bytes | None] = []
    for kind in ("plain", "html"):
        part = message.get_body(preferencelist=(kind,))
        found.append(_content(part) if isinstance(part, EmailMessage) else None)
    return found[0], found[1]


def _content(part: EmailMessage) -> str | bytes:
    """The part as text, or its bytes when its charset does not decode them: SES accepts
    the message all the same (unknown charsets raise LookupError, codecs such as idna or
    undefined UnicodeError, a charset with a NUL ValueError)."""
    try:
        text: str = part.get_content()
    except (LookupError, ValueError):
        payload = part.get_payload(decode=True)
        return payload if isinstance(payload, bytes) else b""
    return text
