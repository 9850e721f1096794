"""SES v1 operations: one function each, params -> result dict, or SesError.

Each function takes the backend, the caller's region, the caller's keyword arguments
(already validated for types by botocore) and ``now``; it returns the result members
of the response. Messages follow the behaviour reference (README's behaviour table).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from ._responses import SesError
from .model.dns import dkim_records
from .model.errors import InvalidParameter, MessageRejected, ModelError
from .model.identities import KINDS, Identity, Kind, Registry, kind_of
from .model.lifecycle import EMAIL_LINK_LIFETIME
from .model.sending import (
    SentMessage,
    body_parts,
    check_sending,
    header_addresses,
    header_sender,
    mailbox,
    message_id,
    parse_raw,
    raw_bytes,
)

# How v1 answers what the model refuses: (code, HTTP status).
ERRORS: dict[type[ModelError], tuple[str, int]] = {
    InvalidParameter: ("InvalidParameterValue", 400),
    MessageRejected: ("MessageRejected", 400),
}

MAX_IDENTITIES_PER_REQUEST = 100
MAX_ITEMS = 1000


class VerificationEmail(NamedTuple):
    """A verification email the fake sent: to ``address``, from ``region``'s SES."""

    address: str
    region: str
    sent_at: datetime
    expires_at: datetime


@dataclass
class Backend:
    """Everything the operations read and change."""

    registry: Registry
    auto_verify: bool = False
    sandbox: bool = False
    emails: list[VerificationEmail] = field(default_factory=list)
    outbox: list[SentMessage] = field(default_factory=list)
    page_tokens: dict[str, tuple[str, int]] = field(default_factory=dict)
    tags: dict[tuple[str, str], list[dict[str, str]]] = field(default_factory=dict)


Params = dict[str, Any]
# What a send records: (subject, text, html, raw); a raw part that does not decode is bytes.
Content = tuple[str | None, str | bytes | None, str | bytes | None, bytes | None]
Result = dict[str, Any]
Operation = Callable[[Backend, str, Params, datetime], Result]


def _invalid(message: str) -> SesError:
    return SesError("InvalidParameterValue", message)


def _check_room(backend: Backend, region: str, identity: str, kind: Kind) -> None:
    if backend.registry.is_full(region, identity, kind):
        raise SesError(
            "LimitExceeded",
            f"Maximum number of verified identities (10000) reached in region {region}.",
        )


def _email_address(params: Params) -> str:
    address: str = params["EmailAddress"]
    if kind_of(address) != "EmailAddress":
        raise _invalid(f"Invalid email address<{address}>.")
    return address


def _known_identities(backend: Backend, region: str, params: Params) -> list[tuple[str, Identity]]:
    """The requested identities that exist, with the spelling the caller used."""
    names: list[str] = params["Identities"]
    if len(names) > MAX_IDENTITIES_PER_REQUEST:
        raise _invalid(
            f"Too many identities: {len(names)}. "
            f"A request can name at most {MAX_IDENTITIES_PER_REQUEST}."
        )
    found = []
    for name in names:
        kind = kind_of(name)
        if kind is None:
            raise _invalid(
                f"Identity {name} is invalid. Must be a verified email address or domain."
            )
        identity = backend.registry.get(region, name, kind)
        if identity is not None:
            found.append((name, identity))
    return found


def get_identity_verification_attributes(
    backend: Backend, region: str, params: Params, now: datetime
) -> Result:
    registry = backend.registry
    attributes: dict[str, dict[str, str]] = {}
    for name, identity in _known_identities(backend, region, params):
        entry: dict[str, str] = {"VerificationStatus": registry.status(identity, now)}
        if identity.token is not None:
            entry["VerificationToken"] = identity.token
        attributes[name] = entry
    return {"VerificationAttributes": attributes}


def get_identity_dkim_attributes(
    backend: Backend, region: str, params: Params, now: datetime
) -> Result:
    registry = backend.registry
    attributes: dict[str, dict[str, Any]] = {}
    for name, identity in _known_identities(backend, region, params):
        if identity.kind == "Domain":
            entry: dict[str, Any] = {
                "DkimEnabled": identity.dkim_tokens is not None,
                "DkimVerificationStatus": registry.dkim_status(identity, now),
            }
            if identity.dkim_tokens is not None:
                entry["DkimTokens"] = list(identity.dkim_tokens)
        else:
            domain = registry.get(region, name.rpartition("@")[2], "Domain")
            verified = domain is not None and registry.dkim_status(domain, now) == "Success"
            entry = {
                "DkimEnabled": verified,
                "DkimVerificationStatus": "Success" if verified else "NotStarted",
            }
        attributes[name] = entry
    return {"DkimAttributes": attributes}


def verify_domain_dkim(backend: Backend, region: str, params: Params, now: datetime) -> Result:
    domain = _domain(params)
    _check_room(backend, region, domain, "Domain")
    registry = backend.registry
    tokens = registry.request_dkim(region, domain, now)
    if backend.auto_verify:
        seen_now = now - registry.detection_delay
        for record in dkim_records(domain.lower(), tokens):
            if not registry.dns.present(record, seen_now):
                registry.dns.set(record, True, seen_now)
    return {"DkimTokens": list(tokens)}


def accept_message(
    backend: Backend,
    region: str,
    source: str,
    recipients: list[str],
    now: datetime,
    content: Content,
    sender: str | None = None,
) -> Result:
    """The checks every send makes, then the outbox. ``sender`` is the bare address when
    ``source`` is a From header echoed as sent (which may hold comments, encoded words)."""
    mailbox(source if sender is None else sender)
    if not recipients:
        raise _invalid("Missing required header 'To'.")
    for recipient in recipients:
        mailbox(recipient)
    check_sending(
        backend.registry, region, source, recipients, now, sandbox=backend.sandbox, sender=sender
    )
    subject, text, html, raw = content
    sent = SentMessage(message_id(now), source, recipients, subject, text, html, raw, region, now)
    backend.outbox.append(sent)
    return {"MessageId": sent.message_id}


def send_email(backend: Backend, region: str, params: Params, now: datetime) -> Result:
    destination: dict[str, list[str]] = params["Destination"]
    recipients = [
        address
        for key in ("ToAddresses", "CcAddresses", "BccAddresses")
        for address in destination.get(key, [])
    ]
    message = params["Message"]
    body = message["Body"]
    content = (
        message["Subject"]["Data"],
        body.get("Text", {}).get("Data"),
        body.get("Html", {}).get("Data"),
        None,
    )
    return accept_message(backend, region, params["Source"], recipients, now, content)


def send_raw_email(backend: Backend, region: str, params: Params, now: datetime) -> Result:
    data = raw_bytes(params["RawMessage"]["Data"])
    message = parse_raw(data)
    source: str | None = params.get("Source")
    sender: str | None = None
    if not source:
        found = header_sender(message)
        if found is None:
            raise _invalid("Missing required header 'From'.")
        source, sender = found
    recipients = list(params.get("Destinations") or header_addresses(message, "To", "Cc", "Bcc"))
    subject = message.get("Subject")
    text, html = body_parts(message)
    content = (None if subject is None else str(subject), text, html, data)
    return accept_message(backend, region, source, recipients, now, content, sender)


def verify_email_identity(backend: Backend, region: str, params: Params, now: datetime) -> Result:
    address = _email_address(params)
    _check_room(backend, region, address, "EmailAddress")
    if backend.registry.request_email(region, address, now):
        backend.emails.append(VerificationEmail(address, region, now, now + EMAIL_LINK_LIFETIME))
        if backend.auto_verify:
            backend.registry.click(region, address, now)
    return {}


def _domain(params: Params) -> str:
    domain: str = params["Domain"]
    if kind_of(domain) != "Domain":
        raise _invalid(f"Domain {domain} is invalid.")
    return domain


def verify_domain_identity(backend: Backend, region: str, params: Params, now: datetime) -> Result:
    domain = _domain(params)
    _check_room(backend, region, domain, "Domain")
    registry = backend.registry
    token = registry.request_domain(region, domain, now)
    if backend.auto_verify:
        identity = registry.get(region, domain, "Domain")
        if identity is not None and registry.status(identity, now) == "Pending":
            registry.preset(region, domain, "Domain", "Success", now)
    return {"VerificationToken": token}


def delete_identity(backend: Backend, region: str, params: Params, now: datetime) -> Result:
    name: str = params["Identity"]
    kind = kind_of(name)
    if kind is None:
        raise _invalid(f"Identity {name} is invalid. Must be a verified email address or domain.")
    backend.registry.delete(region, name, kind)
    return {}


def delete_verified_email_address(
    backend: Backend, region: str, params: Params, now: datetime
) -> Result:
    backend.registry.delete(region, _email_address(params), "EmailAddress")
    return {}


def list_identities(backend: Backend, region: str, params: Params, now: datetime) -> Result:
    kinds: tuple[Kind, ...] = KINDS
    if "IdentityType" in params:
        wanted = params["IdentityType"]
        if wanted not in KINDS:
            raise SesError(
                "ValidationError",
                f"1 validation error detected: Value '{wanted}' at 'identityType' failed to "
                "satisfy constraint: Member must satisfy enum value set: [EmailAddress, Domain]",
            )
        kinds = (wanted,)
    start, max_items = page_request(backend, region, params, "MaxItems")
    found, next_seq = backend.registry.page(region, kinds, start, max_items)
    result: Result = {"Identities": [identity.name for identity in found]}
    if next_seq is not None:
        result["NextToken"] = issue_page_token(backend, region, next_seq)
    return result


def page_request(backend: Backend, region: str, params: Params, size: str) -> tuple[int, int]:
    """Where a page starts (from its NextToken) and how long it is (``size``, 1-1000)."""
    length: int = params.get(size, MAX_ITEMS)
    if not 1 <= length <= MAX_ITEMS:
        raise _invalid(f"{size} must be between 1 and {MAX_ITEMS}; got {length}.")
    if "NextToken" not in params:
        return 0, length
    issued = backend.page_tokens.get(params["NextToken"])
    if issued is None or issued[0] != region:
        raise _invalid(f"Invalid NextToken: {params['NextToken']}")
    return issued[1], length


def issue_page_token(backend: Backend, region: str, next_seq: int) -> str:
    """An opaque NextToken for the page of ``region`` that starts at ``next_seq``."""
    token = secrets.token_urlsafe(24)
    backend.page_tokens[token] = (region, next_seq)
    return token


def list_verified_email_addresses(
    backend: Backend, region: str, params: Params, now: datetime
) -> Result:
    registry = backend.registry
    return {
        "VerifiedEmailAddresses": [
            i.name
            for i in registry.identities(region, ("EmailAddress",))
            if registry.status(i, now) == "Success"
        ]
    }


OPERATIONS: dict[str, Operation] = {
    "GetIdentityVerificationAttributes": get_identity_verification_attributes,
    "VerifyEmailIdentity": verify_email_identity,
    "VerifyEmailAddress": verify_email_identity,
    "VerifyDomainIdentity": verify_domain_identity,
    "DeleteIdentity": delete_identity,
    "DeleteVerifiedEmailAddress": delete_verified_email_address,
    "ListIdentities": list_identities,
    "ListVerifiedEmailAddresses": list_verified_email_addresses,
    "VerifyDomainDkim": verify_domain_dkim,
    "GetIdentityDkimAttributes": get_identity_dkim_attributes,
    "SendEmail": send_email,
    "SendRawEmail": send_raw_email,
}

# The identity operations: what rate_limit throttles (one request per second per region).
IDENTITY_OPERATIONS = frozenset(OPERATIONS) - {"SendEmail", "SendRawEmail"}

# Result members that are maps, rendered as <entry><key/><value/></entry> in the body.
MAP_MEMBERS = frozenset({"VerificationAttributes", "DkimAttributes"})
