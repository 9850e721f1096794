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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal, NamedTuple

from .account_state import (
    AccountState,
    check_quota,
    check_sending_enabled,
    record_reject,
    record_send,
    sandboxed,
)
from .configuration_sets import ConfigurationSet, ConfigurationSets, applied, get_configuration_set
from .custom_templates import CustomTemplates
from .dkim_keys import public_keys
from .dns import Record, dkim_records, mail_from_mx, txt_record
from .errors import InvalidParameter, MessageRejected, ModelError
from .identities import (
    ExternalKey,
    Identity,
    KeyLength,
    Kind,
    MxFailure,
    Registry,
    dkim_evidence,
    key_of,
    kind_of,
)
from .lifecycle import EMAIL_LINK_LIFETIME, Status
from .mime import Attachment
from .notifications import Notification, notify
from .sending import (
    SentMessage,
    check_recipient_count,
    check_sending,
    mailbox,
    message_id,
)
from .settings import Feedback
from .templates import EmailTemplates
from .tenants import Tenants, check_tenant_send, forget_resource

MAX_PAGE = 1000


class IdentityNotFound(ModelError):
    """A setting names an identity the region does not have."""


class NotASubdomain(ModelError):
    """A custom MAIL FROM domain that is not a subdomain of the identity's domain."""


class MailFromNotVerified(ModelError):
    """A send whose identity's MAIL FROM domain is not verified, set to reject then."""


class NotADomain(ModelError):
    """DKIM signing attributes for an email address identity."""


class DkimNotVerified(ModelError):
    """DKIM signing turned on before the domain's DKIM is verified."""


class KeyLengthChangedRecently(ModelError):
    """The Easy DKIM key length changed less than 24 hours ago."""


DEFAULT_MAIL_FROM = "amazonses.com"
KEY_LENGTH_PERIOD = timedelta(hours=24)


class IdentityLimitReached(ModelError):
    """The region holds 10,000 identities: v1 ``LimitExceeded``, v2 ``LimitExceededException``."""


class VerificationEmail(NamedTuple):
    """A verification email the fake sent: to ``address``, from ``region``'s SES.

    A custom verification email (SendCustomVerificationEmail) also names its ``template``,
    and what it was made of: ``subject``, ``content`` and ``sender`` (the template's
    FromEmailAddress), and the template's ``success_url`` and ``failure_url``. For the
    plain SES email they are None.
    """

    address: str
    region: str
    sent_at: datetime
    expires_at: datetime
    template: str | None = None
    subject: str | None = None
    content: str | None = None
    sender: str | None = None
    success_url: str | None = None
    failure_url: str | None = None


class Preset(NamedTuple):
    """An identity put in a state by a marker or by ``set_identity``; region None: every region."""

    identity: str
    kind: Kind
    status: Status
    region: str | None
    token: str | None
    dkim: Status | None = None
    mail_from: str | None = None
    mail_from_status: Status = "Success"


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
    # Custom verification email templates, per region (model.custom_templates).
    custom_templates: CustomTemplates = field(default_factory=CustomTemplates)
    # Email templates (v1 and v2), per region (model.templates).
    email_templates: EmailTemplates = field(default_factory=EmailTemplates)
    # Presets made before the first call (markers): applied then, at the test body's time.
    waiting: list[Preset] = field(default_factory=list)
    # Every-region presets and their time: a region first named later gets them too.
    everywhere: list[tuple[Preset, datetime]] = field(default_factory=list)
    # Per region: production access, quota, sending paused, details, what was sent.
    account_state: AccountState = field(default_factory=AccountState)
    # Per region: the tenants and the resources associated with them (model.tenants).
    tenants: Tenants = field(default_factory=Tenants)
    # Feedback notifications the identities' topics took (model.notifications).
    notifications: list[Notification] = field(default_factory=list)


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
        _preset(account, preset.region, preset, now)
        return
    account.everywhere.append((preset, now))
    for region in dict.fromkeys((*regions(), *registry.regions)):
        _preset(account, region, preset, now)


def _preset(account: Account, region: str, preset: Preset, now: datetime) -> None:
    registry = account.registry
    identity = registry.preset(
        region, preset.identity, preset.kind, preset.status, now, preset.token
    )
    if preset.dkim is not None:
        registry.preset_dkim(region, identity, preset.dkim, now)
    if preset.mail_from is not None:
        registry.preset_mail_from(
            region,
            identity,
            preset.mail_from,
            preset.mail_from_status,
            now,
            publish=preset.region is not None,
        )


def enter_region(account: Account, region: str) -> None:
    """A region named for the first time gets the every-region presets made so far."""
    registry = account.registry
    if region in registry.regions:
        return
    registry.region(region)
    for preset, at in account.everywhere:
        _preset(account, region, preset, at)


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
    forget_resource(account, region, "identity", key[1])  # and its tenants' associations


def dkim_parent(account: Account, region: str, identity: Identity) -> Identity | None:
    """The exact parent domain (not a grand-parent) whose Easy DKIM an address shows as
    its own, whatever that domain's DKIM status; None when there is none."""
    domain = account.registry.get(region, identity.name.rpartition("@")[2], "Domain")
    return domain if domain is not None and domain.dkim_tokens is not None else None


def require(account: Account, region: str, name: str) -> Identity:
    """The identity ``name`` (an address or a domain, any spelling of a domain)."""
    kind = kind_of(name)
    identity = None if kind is None else account.registry.get(region, name, kind)
    if identity is None:
        raise IdentityNotFound(f"Identity <{name}> does not exist.")
    return identity


def set_mail_from(
    account: Account,
    region: str,
    identity: Identity,
    domain: str | None,
    on_mx_failure: MxFailure,
    now: datetime,
) -> None:
    """Use ``domain`` as the identity's custom MAIL FROM domain (None: stop). It must be a
    subdomain of the identity's domain (an address's domain), not that domain itself."""
    if domain is not None:
        parent = identity.name.rpartition("@")[2].lower()
        wanted = domain.rstrip(".").lower()
        if not wanted.endswith("." + parent):
            raise NotASubdomain(
                f"Provided MAIL-FROM domain <{domain}> is not subdomain of the domain of the "
                f"identity <{identity.name}>."
            )
        domain = wanted
    registry = account.registry
    registry.set_mail_from(region, identity, domain, on_mx_failure, now)
    if account.auto_verify and domain is not None:
        _publish(account, mail_from_mx(domain, region), now)


def _publish(account: Account, record: Record, now: datetime) -> None:
    """With ``auto_verify``: the record SES looks for is in DNS at once."""
    dns, seen_now = account.registry.dns, now - account.registry.detection_delay
    if not dns.present(record, seen_now):
        dns.publish(record, seen_now)


def dkim_domain(account: Account, region: str, identity: Identity) -> Identity | None:
    """The domain identity whose DKIM signs for ``identity``: itself, or an address's
    exact parent domain."""
    if identity.kind == "Domain":
        return identity
    return account.registry.get(region, identity.name.rpartition("@")[2], "Domain")


def set_dkim_signing(
    account: Account, region: str, identity: Identity, enabled: bool, now: datetime
) -> None:
    """Turn DKIM signing on or off. On needs the (parent) domain's DKIM verified."""
    if enabled:
        domain = dkim_domain(account, region, identity)
        name = identity.name.rpartition("@")[2].lower()
        if domain is None or account.registry.dkim_status(domain, now) != "Success":
            raise DkimNotVerified(f"Domain <{name}> is not verified for DKIM signing.")
    identity.dkim_signing = enabled


def use_external_key(
    account: Account, identity: Identity, selector: str, private_key: str, now: datetime
) -> None:
    """BYODKIM: the domain's DKIM verifies through ``selector``'s TXT record holding the
    public half of ``private_key`` (a key SES cannot read never verifies)."""
    if identity.kind != "Domain":
        raise NotADomain("The EmailIdentity value must be a valid domain.")
    keys, bits = public_keys(private_key)
    length: KeyLength = "RSA_1024_BIT" if bits and bits <= 1024 else "RSA_2048_BIT"
    key = ExternalKey(selector, keys, length)
    account.registry.use_external_dkim(identity, key, now)
    record = key.record(identity.name)
    if account.auto_verify and record is not None:
        _publish(account, record, now)


def use_easy_dkim(
    account: Account, region: str, identity: Identity, length: KeyLength | None, now: datetime
) -> None:
    """Easy DKIM, with ``length`` as the next signing key's length (None: as it is). The
    length may change at most once in 24 hours."""
    if identity.kind != "Domain":
        raise NotADomain("The EmailIdentity value must be a valid domain.")
    if identity.external_dkim is not None or identity.dkim_tokens is None:
        identity.external_dkim = None
        identity.dkim_tokens = None
        account.registry.request_dkim(region, identity.name, now)
    if length is not None and length != identity.key_length:
        changed = identity.key_changed_at
        if changed is not None and now < changed + KEY_LENGTH_PERIOD:
            raise KeyLengthChangedRecently(
                "The signing key length can be changed only once every 24 hours."
            )
        identity.key_length, identity.key_changed_at = length, now


VerificationError = Literal["HostNotFound", "TypeNotFound", "InvalidValue", "DnsServerError"]


def verification_error(
    account: Account, identity: Identity, now: datetime
) -> VerificationError | None:
    """What SES finds wrong at a domain's verification record: nothing at the name, other
    types only, the right type with a wrong value, or a DNS server that does not answer.
    The record is the BYODKIM TXT, the first Easy DKIM CNAME, or ``_amazonses`` TXT."""
    registry = account.registry
    if identity.external_dkim is not None:
        name, kind = f"{identity.external_dkim.selector}._domainkey.{identity.name}", "TXT"
        expected = {r[2] for group in dkim_evidence(identity, registry.dns) for r in group}
    elif identity.dkim_tokens is not None:
        name, kind, value = dkim_records(identity.name, identity.dkim_tokens[:1])[0]
        expected = {value}
    else:
        assert identity.token is not None
        name, kind, value = txt_record(identity.name, identity.token)
        expected = {value}
    seen_at = now - registry.detection_delay
    if registry.dns.failing_since(name, now) is not None:
        return "DnsServerError"
    present = [r for r in registry.dns.records_at(name) if registry.dns.present(r, seen_at)]
    if not present:
        return "HostNotFound"
    if not any(r[1] == kind for r in present):
        return "TypeNotFound"
    if not any(r[1] == kind and r[2] in expected for r in present):
        return "InvalidValue"
    return None


def mail_from_of(account: Account, region: str, sender: Identity | None, now: datetime) -> str:
    """The envelope MAIL FROM domain a send uses: the sending identity's custom domain once
    verified; until then the default, or a rejection (``RejectMessage``)."""
    setting = None if sender is None else sender.mail_from
    if sender is None or setting is None:
        return DEFAULT_MAIL_FROM
    if account.registry.mail_from_status(sender, now) == "Success":
        return setting.domain
    if setting.on_mx_failure == "RejectMessage":
        raise MailFromNotVerified(
            f"Mail-From domain {setting.domain} is not verified for identity {sender.name}."
        )
    return DEFAULT_MAIL_FROM


def accept_message(
    account: Account,
    region: str,
    source: str,
    recipients: list[str],
    now: datetime,
    content: Content,
    sender: str | None = None,
    configuration_set: str | None = None,
    tenant: str | None = None,
    template: str | None = None,
    template_data: str | None = None,
    *,
    to: Sequence[str] = (),
    cc: Sequence[str] = (),
    bcc: Sequence[str] = (),
    reply_to: Sequence[str] = (),
    return_path: str | None = None,
    tags: Sequence[Mapping[str, str]] = (),
    service: Literal["ses", "sesv2"] = "ses",
    attachments: Sequence[Attachment] = (),
) -> SentMessage:
    """The checks every send makes, then the outbox. ``sender`` is the bare address when
    ``source`` is a From header echoed as sent (which may hold comments, encoded words).
    ``configuration_set``: the set the send names, which must exist; without one, the
    sending identity's default set applies. A paused account refuses first; the quotas
    are checked last, on a message SES would otherwise accept. The keywords after
    ``configuration_set`` are recorded in the outbox as given (``tags``: the request's
    Name/Value pairs)."""
    check_sending_enabled(account, region)
    mailbox(source if sender is None else sender)
    if not recipients:
        raise InvalidParameter("Missing required header 'To'.")
    check_recipient_count(recipients)
    for recipient in recipients:
        mailbox(recipient)
    if configuration_set is not None:
        get_configuration_set(account, region, configuration_set)
    try:
        identity = check_sending(
            account.registry,
            region,
            source,
            recipients,
            now,
            sandbox=sandboxed(account, region),
            sender=sender,
        )
    except MessageRejected:
        record_reject(account, region, now)
        raise
    mail_from = mail_from_of(account, region, identity, now)
    # A send that names no configuration set uses its sending identity's default.
    used = applied(account, region, configuration_set, identity)
    if tenant is not None:  # ``tenant``: the v2 send's TenantName
        check_tenant_send(account, region, tenant, identity, used, template)
    check_quota(account, region, now)
    subject, text, html, raw = content
    sent = SentMessage(
        message_id(now, region),
        source,
        recipients,
        subject,
        text,
        html,
        raw,
        region,
        now,
        mail_from_domain=mail_from,
        configuration_set=used,
        tenant=tenant,
        to=list(to),
        cc=list(cc),
        bcc=list(bcc),
        reply_to=list(reply_to),
        return_path=return_path,
        tags={tag["Name"]: tag["Value"] for tag in tags},
        service=service,
        attachments=list(attachments),
        template=template,
        template_data=template_data,
    )
    account.outbox.append(sent)
    record_send(account, region, recipients, now)
    notify(account, sent, identity, now)
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
