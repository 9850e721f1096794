"""The identities component: every region's identities, their verification requests,
presets, deletion and paging, and the verified-sender gate of a send.

Pure: no botocore, no pytest, no clock. The identities and the DNS they share are a
:class:`.identities.Registry`; this component adds what SES does around it: the
verification emails it sends, ``auto_verify``, the presets of markers and
``set_identity()`` (applied at first use, and to regions named later), and who may send.
Components that keep something per identity are told when one is deleted
(:meth:`Identities.on_delete`); the account wires them. Messages follow the README's
behaviour table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import NamedTuple

from .addresses import SIMULATOR_DOMAIN, mailbox
from .dns import dkim_records
from .errors import MessageRejected, ModelError
from .identities import Identity, Kind, Registry, key_of, kind_of
from .lifecycle import EMAIL_LINK_LIFETIME, Status
from .paging import Cursors


class IdentityNotFound(ModelError):
    """A setting names an identity the region does not have."""


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
    account_id: str | None = None  # another account's identity (sending authorization)
    policy: str | None = None  # a sending authorization policy on it (JSON)


# Told (region, stored spelling) of each identity deleted.
Forget = Callable[[str, str], None]
# Told of each preset applied: the region, the identity, the preset.
Preset_hook = Callable[[str, Identity, Preset], None]


class Identities:
    """Every region's identities (``registry``), the verification emails sent (``emails``)
    and the presets waiting for the first call or for a region named later."""

    def __init__(self, registry: Registry, *, auto_verify: bool = False) -> None:
        self.registry = registry
        self.auto_verify = auto_verify
        self.emails: list[VerificationEmail] = []
        self.cursors = Cursors()
        # Presets made before the first call (markers): applied then, at the test body's time.
        self.waiting: list[Preset] = []
        # Every-region presets and their time: a region first named later gets them too.
        self.everywhere: list[tuple[Preset, datetime]] = []
        self._forget: list[Forget] = []
        self._on_preset: list[Preset_hook] = []
        # Another account's identities, for presets naming it (wired by the account).
        self.others: Callable[[str], Identities] | None = None

    def on_delete(self, *forget: Forget) -> None:
        """Tell ``forget`` of every identity deleted from now on."""
        self._forget.extend(forget)

    def on_preset(self, *hooks: Preset_hook) -> None:
        """Tell ``hooks`` of every preset applied from now on (in each region)."""
        self._on_preset.extend(hooks)

    # -- presets ---------------------------------------------------------------------

    def preset_later(self, presets: Sequence[Preset]) -> None:
        """Presets applied at first use, so that their time is the test body's (freeze_time)."""
        self.waiting.extend(presets)

    def settle(self, now: datetime, regions: Callable[[], Iterable[str]]) -> None:
        """Apply the presets still waiting (``regions``: every region SES has)."""
        if self.waiting:
            waiting, self.waiting = self.waiting, []
            for preset in waiting:
                self.apply_preset(preset, now, regions)

    def apply_preset(
        self, preset: Preset, now: datetime, regions: Callable[[], Iterable[str]]
    ) -> None:
        """Put the preset's identity in its status: in its region, or in every region;
        another account's identity in that account."""
        if preset.account_id is not None and self.others is not None:
            other = self.others(preset.account_id)
            other.apply_preset(preset._replace(account_id=None), now, regions)
            return
        if preset.region is not None:
            self.enter_region(preset.region)
            self._preset(preset.region, preset, now)
            return
        self.everywhere.append((preset, now))
        for region in dict.fromkeys((*regions(), *self.registry.regions)):
            self._preset(region, preset, now)

    def _preset(self, region: str, preset: Preset, now: datetime) -> None:
        registry = self.registry
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
        for hook in self._on_preset:
            hook(region, identity, preset)

    def enter_region(self, region: str) -> None:
        """A region named for the first time gets the every-region presets made so far."""
        if region in self.registry.regions:
            return
        self.registry.region(region)
        for preset, at in self.everywhere:
            self._preset(region, preset, at)

    # -- requests and deletion -------------------------------------------------------

    def _check_room(self, region: str, name: str, kind: Kind) -> None:
        if self.registry.is_full(region, name, kind):
            raise IdentityLimitReached(
                f"Maximum number of verified identities (10000) reached in region {region}."
            )

    def request_email(self, region: str, address: str, now: datetime) -> bool:
        """Verify an address: a verification email (none if already verified; returns
        whether one was sent); with ``auto_verify``, its link is clicked at once."""
        self._check_room(region, address, "EmailAddress")
        if not self.registry.request_email(region, address, now):
            return False
        self.emails.append(VerificationEmail(address, region, now, now + EMAIL_LINK_LIFETIME))
        if self.auto_verify:
            self.registry.click(region, address, now)
        return True

    def request_domain(self, region: str, domain: str, now: datetime) -> str:
        """Verify a domain: its token; with ``auto_verify``, a Pending domain is verified."""
        self._check_room(region, domain, "Domain")
        registry = self.registry
        token = registry.request_domain(region, domain, now)
        if self.auto_verify:
            identity = registry.get(region, domain, "Domain")
            if identity is not None and registry.status(identity, now) == "Pending":
                registry.preset(region, domain, "Domain", "Success", now)
        return token

    def request_dkim(self, region: str, domain: str, now: datetime) -> tuple[str, ...]:
        """Easy DKIM for a domain: its three tokens; with ``auto_verify``, its CNAMEs are
        in DNS."""
        self._check_room(region, domain, "Domain")
        registry = self.registry
        tokens = registry.request_dkim(region, domain, now)
        if self.auto_verify:
            seen_now = now - registry.detection_delay
            for record in dkim_records(domain.lower(), tokens):
                if not registry.dns.present(record, seen_now):
                    registry.dns.set(record, True, seen_now)
        return tokens

    def delete(self, region: str, name: str, kind: Kind) -> None:
        """DeleteIdentity (and v1 DeleteVerifiedEmailAddress, v2 DeleteEmailIdentity): the
        identity goes, and what other components keep for it (notification settings,
        policies, tags, its default configuration set, tenants' associations). Deleting
        an identity the region does not have does nothing."""
        self.registry.delete(region, name, kind)
        stored = key_of(name, kind)
        for forget in self._forget:
            forget(region, stored)

    # -- reading ---------------------------------------------------------------------

    def get(self, region: str, name: str, kind: Kind) -> Identity | None:
        return self.registry.get(region, name, kind)

    def require(self, region: str, name: str) -> Identity:
        """The identity ``name`` (an address or a domain, any spelling of a domain)."""
        kind = kind_of(name)
        identity = None if kind is None else self.registry.get(region, name, kind)
        if identity is None:
            raise IdentityNotFound(f"Identity <{name}> does not exist.")
        return identity

    def status(self, identity: Identity, now: datetime) -> Status:
        return self.registry.status(identity, now)

    def dkim_domain(self, region: str, identity: Identity) -> Identity | None:
        """The domain identity whose DKIM signs for ``identity``: itself, or an address's
        exact parent domain."""
        if identity.kind == "Domain":
            return identity
        return self.registry.get(region, identity.name.rpartition("@")[2], "Domain")

    def dkim_parent(self, region: str, identity: Identity) -> Identity | None:
        """The exact parent domain (not a grand-parent) whose Easy DKIM an address shows as
        its own, whatever that domain's DKIM status; None when there is none."""
        domain = self.registry.get(region, identity.name.rpartition("@")[2], "Domain")
        return domain if domain is not None and domain.dkim_tokens is not None else None

    def page(
        self, region: str, kinds: tuple[Kind, ...], cursor: str | None, size: int
    ) -> tuple[list[Identity], str | None]:
        """ListIdentities / ListEmailIdentities: a page in creation order, and the next
        page's NextToken (None: the last page). v1 and v2 tokens page the same list."""
        start = 0 if cursor is None else self.cursors.start(region, cursor)
        found, next_seq = self.registry.page(region, kinds, start, size)
        if next_seq is None:
            return found, None
        return found, self.cursors.issue(region, next_seq)

    # -- the verified-sender gate ----------------------------------------------------

    def sender_identity(self, region: str, address: str, now: datetime) -> Identity | None:
        """The verified identity that lets ``address`` send: the address itself, its
        ``+label``-less form, or its domain or a parent domain (Success in ``region``)."""
        registry = self.registry
        store = registry.regions.get(region)
        if store is None:
            return None
        # By stored spelling (an address as given, a domain lower-cased): on every send.
        identity = store.get(address)
        if identity is not None and registry.status(identity, now) == "Success":
            return identity
        local, _, domain = address.rpartition("@")
        if "+" in local:
            identity = store.get(f"{local.partition('+')[0]}@{domain}")
            if identity is not None and registry.status(identity, now) == "Success":
                return identity
        labels = domain.lower().split(".")
        for start in range(len(labels)):
            identity = store.get(".".join(labels[start:]))
            if identity is not None and registry.status(identity, now) == "Success":
                return identity
        return None

    def is_verified(self, region: str, address: str, now: datetime) -> bool:
        """Whether ``address`` may be used (see :meth:`sender_identity`)."""
        return self.sender_identity(region, address, now) is not None

    def check_sending(
        self,
        region: str,
        used: Sequence[tuple[str, str]],
        source: str,
        recipients: Iterable[str],
        now: datetime,
        *,
        sandbox: bool,
        delegated: Mapping[int, Identity | None] | None = None,
    ) -> Identity:
        """The verified identity that lets ``source`` (a bare address) send, or
        MessageRejected naming every identity (as sent) that fails the check: each of
        ``used`` (as sent, bare: From, Sender, source, Return-Path) and, in the sandbox,
        each recipient. ``delegated``: the identities (by place in ``used``) found
        through an identity ARN instead (None: not verified there)."""
        failed: list[str] = []
        found = None
        looked_up: dict[str, Identity | None] = {}  # an address named twice: once
        for place, (shown, bare) in enumerate(used):
            if delegated and place in delegated:
                identity = delegated[place]
            elif bare in looked_up:
                identity = looked_up[bare]
            else:
                identity = looked_up[bare] = self.sender_identity(region, bare, now)
            if identity is None:
                if shown not in failed:
                    failed.append(shown)
            elif found is None and bare == source:
                found = identity
        if sandbox:
            for recipient in recipients:
                address = mailbox(recipient)
                if address.rpartition("@")[2].lower() == SIMULATOR_DOMAIN:
                    continue
                if recipient not in failed and not self.is_verified(region, address, now):
                    failed.append(recipient)
        if failed or found is None:
            raise MessageRejected(
                "Email address is not verified. The following identities failed the check in "
                f"region {region.upper()}: {', '.join(failed)}"
            )
        return found
