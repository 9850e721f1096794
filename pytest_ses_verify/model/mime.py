"""Raw (MIME) messages as SES reads them: their size, headers, addresses, bodies and
attachments.

Pure: no botocore, no pytest, no clock. Addresses in headers are checked as SES checks
them (:mod:`.addresses`).
"""

from __future__ import annotations

import email
import email.policy
import functools
import re
from email.headerregistry import BaseHeader, HeaderRegistry
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any, NamedTuple, TypedDict

from .addresses import mailbox
from .errors import InvalidParameter


def check_raw_size(data: bytes, limit: int) -> None:
    """A raw message may be ``limit`` bytes long once base64-encoded."""
    encoded = 4 * -(-len(data) // 3)
    if encoded > limit:
        raise InvalidParameter(f"Message length is more than {limit} bytes long: '{encoded}'.")


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


class _Registry(HeaderRegistry):
    """``email.policy.default``'s header registry, remembering what it made: the stdlib
    makes a new class for every header read and parses its value again on every read
    (a raw message's Content-Type about ten times). Header objects are immutable."""

    def __init__(self) -> None:
        super().__init__()
        self._classes: dict[str, type[BaseHeader]] = {}
        self._made = functools.lru_cache(maxsize=1024)(super().__call__)

    def __getitem__(self, name: str) -> type[BaseHeader]:
        key = name.lower()
        made = self._classes.get(key)
        if made is None:
            made = self._classes[key] = super().__getitem__(name)
        return made

    def __call__(self, name: str, value: str) -> BaseHeader:
        made: BaseHeader = self._made(name, value)
        return made


POLICY = email.policy.default.clone(header_factory=_Registry())
_HEADERS_ONLY = BytesParser(policy=POLICY)


def parse_raw(data: bytes) -> EmailMessage:
    """``data`` parsed as ``email.policy.default`` parses it. A message that is neither
    multipart nor message/* is read header-only: the body becomes the payload as the full
    parse makes it, without the parser's body checks."""
    message = _HEADERS_ONLY.parsebytes(data, headersonly=True)
    if message.get_content_maintype() in ("multipart", "message"):
        message = email.message_from_bytes(data, policy=POLICY)
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
    raise InvalidParameter("Illegal address")


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


def header_sender(message: EmailMessage, name: str = "From") -> tuple[str, str] | None:
    """The first ``name`` header (From, Sender) with an address, as sent (unfolded; SES
    echoes it so, encoded words and all), and its first bare address, which the checks
    use; None if none."""
    for raw in _raw_headers(message, name):
        addresses = _parsed(name, raw)
        if addresses:
            return _readable(raw), _readable(addresses[0].addr_spec)
    return None


# The Developer Guide's "Amazon SES header fields": these may appear once in a message's
# header section (compared case-insensitively; the error names the field so spelt).
_ONCE = (
    "Accept-Language acceptLanguage Archived-At Auto-Submitted Bounces-to Comments "
    "Content-Alternative Content-Base Content-Class Content-Description Content-Disposition "
    "Content-Duration Content-ID Content-Language Content-Length Content-Location "
    "Content-MD5 Content-Transfer-Encoding Content-Type Date Delivered-To "
    "Disposition-Notification-Options Disposition-Notification-To DKIM-Signature "
    "DomainKey-Signature Errors-To From Importance In-Reply-To Keywords List-Archive "
    "List-Help List-Id List-Owner List-Post List-Subscribe List-Unsubscribe "
    "List-Unsubscribe-Post Message-Context Message-ID MIME-Version Organization "
    "Original-From Original-Message-ID Original-Recipient Original-Subject Precedence "
    "Priority References Reply-To Return-Path Return-Receipt-To Sender Solicitation "
    "Sensitivity Subject Thread-Index Thread-Topic User-Agent VBR-Info"
)
ONCE_ONLY = {name.lower(): name for name in _ONCE.split()}
# The longest header section read (bytes before the first empty line): chosen, as
# Postfix's header_size_limit (README's behaviour table).
MAX_HEADER_SECTION = 100 * 1024
# SES's own headers in a raw message: read (the first of each), then removed before
# delivery (Developer Guide, "Sending authorization", event publishing's step 3).
SES_HEADERS = (
    "x-ses-configuration-set",
    "x-ses-message-tags",
    "x-ses-source-arn",
    "x-ses-from-arn",
    "x-ses-return-path-arn",
    "x-ses-list-management-options",
)
_BLANK_LINE = re.compile(rb"\r?\n\r?\n")


def _header_section(data: bytes) -> int:
    """Where a raw message's header section ends (the whole message when no empty line)."""
    blank = _BLANK_LINE.search(data)
    return len(data) if blank is None else blank.start()


def read_headers(data: bytes, message: EmailMessage) -> dict[str, str]:
    """The header section as SES reads it: at most 100 KB (chosen), each field of the
    once-only list at most once; and SES's own headers (``x-ses-...``, lower-cased), the
    first of each, unfolded. One pass: this is on every raw send's path."""
    if _header_section(data) > MAX_HEADER_SECTION:
        raise InvalidParameter("Header section too long.")
    seen: set[str] = set()
    found: dict[str, str] = {}
    for key, value in message.raw_items():
        name = key.lower()
        if name in ONCE_ONLY:
            if name in seen:
                raise InvalidParameter(f"Duplicate header '{ONCE_ONLY[name]}'.")
            seen.add(name)
        elif name.startswith("x-ses-") and name in SES_HEADERS and name not in found:
            found[name] = " ".join(str(value).split())
    return found


def message_tags(value: str) -> list[dict[str, str]]:
    """X-SES-MESSAGE-TAGS (``name1=value1, name2=value2``) as message tags."""
    tags = []
    for pair in value.split(","):
        if pair.strip():
            name, _, tag_value = pair.partition("=")
            tags.append({"Name": name.strip(), "Value": tag_value.strip()})
    return tags


def without_ses_headers(data: bytes) -> bytes:
    """The message as SES delivers it: SES's own header fields (and their folded lines)
    removed from the header section; the rest byte for byte."""
    end = _header_section(data)
    kept: list[bytes] = []
    dropping = False
    for line in data[:end].splitlines(keepends=True):
        if line[:1] in (b" ", b"\t"):  # a folded continuation of the field above
            if not dropping:
                kept.append(line)
            continue
        name = line.split(b":", 1)[0].strip().lower().decode("ascii", "replace")
        dropping = name in SES_HEADERS
        if not dropping:
            kept.append(line)
    return b"".join(kept) + data[end:]


def _readable(text: str) -> str:
    """Header text with its 8-bit bytes (kept by the parser as surrogates) read as UTF-8,
    so that errors and the outbox show what was sent and can be serialised."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def body_parts(message: EmailMessage) -> tuple[str | bytes | None, str | bytes | None]:
    """The (text, html) bodies of a MIME message, where it has them."""
    if not message.is_multipart():  # what get_body() finds in a single part, read once
        kind = None if message.is_attachment() else message.get_content_type()
        body = _content(message) if kind in ("text/plain", "text/html") else None
        return (body, None) if kind == "text/plain" else (None, body)
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
    if not message.is_multipart():  # iter_attachments() finds none in a single part
        return found
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
