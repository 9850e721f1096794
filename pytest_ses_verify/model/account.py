"""The simulated SES account: what both APIs share, written once.

Pure: no botocore, no pytest, no clock. The account holds every region's identities
and the DNS they share (:class:`Registry`), the identities' settings (notifications,
policies, tags, default configuration sets), the configuration sets, the verification
emails and the messages sent, and the paging cursors; its functions are the behaviours
v1 and v2 both expose (a verification request, with ``auto_verify``; deletion; the
sending gate; paging).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from .configuration_sets import ConfigurationSet, ConfigurationSets, applied, get_configuration_set
from .dns import dkim_records
from .errors import InvalidParameter, ModelError
from .identities import Identity, Kind, Registry, key_of
from .lifecycle import EMAIL_LINK_LIFETIME, Status
from .sending import (
    SentMessage,
    check_recipient_count,
    check_sending,
    mailbox,
    message_id,
    sending_identity,
)
from .settings import Feedback

MAX_PAGE = 1000


class IdentityLimitReached(ModelError):
    """The region holds 10,000 identities: v1 ``LimitExceeded``, v2 ``LimitExceededException``."""


class VerificationEmail(NamedTuple):
    """A verification email the fake sent: to ``address``, from ``region``'s SES."""

    address: str
    region: str
    sent_at: datetime
    expires_at: datetime


class Preset(NamedTuple):
    """An identity put in a state by a marker or by ``set_identity``; region None: every region."""

    identity: str
    kind: Kind
    status: Status
    region: str | None
    token: str | None


# What a send records: (subject, text, html, raw); a raw part that does not decode is bytes.
Content = tuple[str | None, str | bytes | None, str | bytes | None, bytes | None]


@dataclass
class Account:
    """Everything the operations read and change."""

    registry: Registry
    auto_verify: bool = False
    sandbox: bool = False
    emails: list[VerificationEmail] = field(default_factory=list)
    outbox: list[SentMessage] = field(default_factory=list)
    cursors: dict[str, tuple[str, int]] = field(default_factory=dict)
    # The AWS documentation's example account, as moto uses: the account in ARNs.
    account_id: str = "123456789012"
    # Per (region, identity's stored spelling): tags, notification settings, policies by
    # name, the default configuration set. Deleted with the identity (delete_identity).
    tags: dict[tuple[str, str], list[dict[str, str]]] = field(default_factory=dict)
    feedback: dict[tuple[str, str], Feedback] = field(default_factory=dict)
    policies: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    defaults: dict[tuple[str, str], str] = field(default_factory=dict)
    configuration_sets: ConfigurationSets = field(default_factory=ConfigurationSets)
    # Presets made before the first call (markers): applied then, at the test body's time.
    waiting: list[Preset] = field(default_factory=list)
    # Every-region presets and their time: a region first named later gets them too.
    everywhere: list[tuple[Preset, datetime]] = field(default_factory=list)


def preset_later(account: Account, presets: Sequence[Preset]) -> None:
    """Presets applied at first use, so that their time is the test body's (freeze_time)."""
    account.waiting.extend(presets)


def settle(account: Account, now: datetime, regions: Callable[[], Iterable[str]]) -> None:
    """Apply the presets still waiting (``regions``: every region SES has)."""
    if account.waiting:
        waiting, account.waiting = account.waiting, []
        for preset in waiting:
            apply_preset(account, preset, now, regions)


def apply_preset(
    account: Account, preset: Preset, now: datetime, regions: Callable[[], Iterable[str]]
) -> None:
    """Put the preset's identity in its status: in its region, or in every region."""
    registry = account.registry
    if preset.region is not None:
        enter_region(account, preset.region)
        registry.preset(
            preset.region, preset.identity, preset.kind, preset.status, now, preset.token
        )
        return
    account.everywhere.append((preset, now))
    for region in dict.fromkeys((*regions(), *registry.regions)):
        registry.preset(region, preset.identity, preset.kind, preset.status, now, preset.token)


def enter_region(account: Account, region: str) -> None:
    """A region named for the first time gets the every-region presets made so far."""
    registry = account.registry
    if region in registry.regions:
        return
    registry.region(region)
    for preset, at in account.everywhere:
        registry.preset(region, preset.identity, preset.kind, preset.status, at, preset.token)


def check_room(account: Account, region: str, name: str, kind: Kind) -> None:
    if account.registry.is_full(region, name, kind):
        raise IdentityLimitReached(
            f"Maximum number of verified identities (10000) reached in region {region}."
        )


def request_email(account: Account, region: str, address: str, now: datetime) -> None:
    """Verify an address: a verification email (none if already verified); with
    ``auto_verify``, its link is clicked at once."""
    check_room(account, region, address, "EmailAddress")
    if account.registry.request_email(region, address, now):
        account.emails.append(VerificationEmail(address, region, now, now + EMAIL_LINK_LIFETIME))
        if account.auto_verify:
            account.registry.click(region, address, now)


def request_domain(account: Account, region: str, domain: str, now: datetime) -> str:
    """Verify a domain: its token; with ``auto_verify``, a Pending domain is verified."""
    check_room(account, region, domain, "Domain")
    registry = account.registry
    token = registry.request_domain(region, domain, now)
    if account.auto_verify:
        identity = registry.get(region, domain, "Domain")
        if identity is not None and registry.status(identity, now) == "Pending":
            registry.preset(region, domain, "Domain", "Success", now)
    return token


def request_dkim(account: Account, region: str, domain: str, now: datetime) -> tuple[str, ...]:
    """Easy DKIM for a domain: its three tokens; with ``auto_verify``, its CNAMEs are in DNS."""
    check_room(account, region, domain, "Domain")
    registry = account.registry
    tokens = registry.request_dkim(region, domain, now)
    if account.auto_verify:
        seen_now = now - registry.detection_delay
        for record in dkim_records(domain.lower(), tokens):
            if not registry.dns.present(record, seen_now):
                registry.dns.set(record, True, seen_now)
    return tokens


def delete_identity(account: Account, region: str, name: str, kind: Kind) -> None:
    """DeleteIdentity (and v1 DeleteVerifiedEmailAddress, v2 DeleteEmailIdentity): the
    identity goes, and its notification settings, policies, tags and default configuration
    set with it. Deleting an identity the region does not have does nothing."""
    account.registry.delete(region, name, kind)
    key = (region, key_of(name, kind))
    for store in (account.tags, account.feedback, account.policies, account.defaults):
        store.pop(key, None)


def dkim_parent(account: Account, region: str, identity: Identity) -> Identity | None:
    """The exact parent domain (not a grand-parent) whose Easy DKIM an address shows as
    its own, whatever that domain's DKIM status; None when there is none."""
    domain = account.registry.get(region, identity.name.rpartition("@")[2], "Domain")
    return domain if domain is not None and domain.dkim_tokens is not None else None


def accept_message(
    account: Account,
    region: str,
    source: str,
    recipients: list[str],
    now: datetime,
    content: Content,
    sender: str | None = None,
    configuration_set: str | None = None,
) -> SentMessage:
    """The checks every send makes, then the outbox. ``sender`` is the bare address when
    ``source`` is a From header echoed as sent (which may hold comments, encoded words).
    ``configuration_set``: the set the send names, which must exist; without one, the
    sending identity's default set applies."""
    address = mailbox(source if sender is None else sender)
    if not recipients:
        raise InvalidParameter("Missing required header 'To'.")
    check_recipient_count(recipients)
    for recipient in recipients:
        mailbox(recipient)
    if configuration_set is not None:
        get_configuration_set(account, region, configuration_set)
    check_sending(
        account.registry, region, source, recipients, now, sandbox=account.sandbox, sender=sender
    )
    # Only a send that names no set needs its sending identity (for that identity's default).
    identity = None
    if configuration_set is None and account.defaults:
        identity = sending_identity(account.registry, region, address, now)
    used = applied(account, region, configuration_set, identity)
    subject, text, html, raw = content
    sent = SentMessage(
        message_id(now, region), source, recipients, subject, text, html, raw, region, now, used
    )
    account.outbox.append(sent)
    return sent


def page_start(account: Account, region: str, cursor: str | None) -> int:
    """Where the page a ``NextToken`` names starts (the first page: None)."""
    if cursor is None:
        return 0
    issued = account.cursors.get(cursor)
    if issued is None or issued[0] != region:
        raise InvalidParameter(f"Invalid NextToken: {cursor}")
    return issued[1]


def page_size(value: int, name: str) -> int:
    """A page length of 1-1000 (``name``: the API's parameter, for the error)."""
    if not 1 <= value <= MAX_PAGE:
        raise InvalidParameter(f"{name} must be between 1 and {MAX_PAGE}; got {value}.")
    return value


def issue_cursor(account: Account, region: str, next_seq: int) -> str:
    """An opaque NextToken for the page of ``region`` that starts at ``next_seq``."""
    cursor = secrets.token_urlsafe(24)
    account.cursors[cursor] = (region, next_seq)
    return cursor


def configuration_set_page(
    account: Account, region: str, cursor: str | None, size: int
) -> tuple[list[ConfigurationSet], str | None]:
    """ListConfigurationSets: a page of the region's sets in creation order, and the
    NextToken of the next page (None: the last page). Tokens of identity lists do not
    page configuration sets."""
    scope = f"{region} configuration sets"
    found, next_seq = account.configuration_sets.page(
        region, page_start(account, scope, cursor), size
    )
    return found, None if next_seq is None else issue_cursor(account, scope, next_seq)
