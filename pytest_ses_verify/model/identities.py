"""Identities per region, the store of :mod:`.verification`: requests, clicks, presets,
deletion, paging. Pure: no botocore, no pytest, no clock. Status follows :mod:`.lifecycle`
(the email link window, and the DNS-driven machine for domains and their DKIM)."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Literal, get_args

from .dns import Dns, Record, dkim_records, mail_from_mx, txt_record
from .ids import derived_dkim_tokens, derived_token
from .lifecycle import EMAIL_LINK_LIFETIME, Evidence, Status, Track, lifecycle

Kind = Literal["EmailAddress", "Domain"]
KINDS: tuple[Kind, ...] = get_args(Kind)
MAX_IDENTITIES_PER_REGION = 10_000

_LABEL = r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)"
# One or more labels: SES accepts a single-label domain (README's behaviour table).
_DOMAIN_RE = re.compile(rf"(?=.{{1,253}}\Z){_LABEL}(?:\.{_LABEL})*\Z")
# Printable ASCII without white space and the characters that mark a display
# name or a route ("Name <a@b>", "(comment)", "a,b", quotes, brackets).
_LOCAL_RE = re.compile(r"[!#-'*+\-./0-9=?A-Z^-~]{1,64}\Z")


@functools.lru_cache(maxsize=65536)
def kind_of(identity: str) -> Kind | None:
    """Return what ``identity`` is, or None when it is neither an address nor a domain.

    Memoised (this is on every call's path); :func:`forget_caches` empties the memo when
    a fake ends, so nothing of a test's input outlives the test.
    """
    if "@" in identity:
        local, _, domain = identity.partition("@")
        if _LOCAL_RE.match(local) and _DOMAIN_RE.match(domain):
            return "EmailAddress"
        return None
    return "Domain" if _DOMAIN_RE.match(identity) else None


@functools.lru_cache(maxsize=65536)
def stored_as(identity: str) -> tuple[Kind, str] | None:
    """What ``identity`` is and its stored spelling (:func:`key_of`), or None when it is
    neither an address nor a domain. Memoised, as :func:`kind_of` (a request may name
    100 identities)."""
    kind = kind_of(identity)
    return None if kind is None else (kind, key_of(identity, kind))


def forget_caches() -> None:
    """Drop what was memoised from a test's input."""
    kind_of.cache_clear()
    stored_as.cache_clear()


def key_of(identity: str, kind: Kind) -> str:
    """The stored spelling: addresses exactly as given, domains lower-cased."""
    return identity.lower() if kind == "Domain" else identity


MxFailure = Literal["UseDefaultValue", "RejectMessage"]
KeyLength = Literal["RSA_1024_BIT", "RSA_2048_BIT"]


def _not_started() -> Track:
    return Track("NotStarted", datetime.min)


@dataclass
class ExternalKey:
    """BYODKIM: the selector, and the public keys (base64) SES accepts in its TXT record."""

    selector: str
    public_keys: frozenset[str]
    length: KeyLength

    def record(self, domain: str) -> Record | None:
        """The TXT record a domain owner publishes for this key (None: unreadable key)."""
        if not self.public_keys:
            return None
        key = max(self.public_keys, key=len)  # the SubjectPublicKeyInfo form
        return f"{self.selector}._domainkey.{domain}", "TXT", f"v=DKIM1; k=rsa; p={key}"


@dataclass
class MailFrom:
    """A custom MAIL FROM domain, what to do while it is not verified, and its lifecycle."""

    domain: str
    on_mx_failure: MxFailure
    region: str
    track: Track


@dataclass
class Identity:
    """One identity in one region: its verification :class:`Track`, and its DKIM and MAIL
    FROM settings, each with a track of its own."""

    name: str
    kind: Kind
    track: Track
    seq: int
    token: str | None = None
    clicked_at: datetime | None = None
    dkim_tokens: tuple[str, str, str] | None = None
    dkim: Track = field(default_factory=_not_started)
    external_dkim: ExternalKey | None = None
    # DkimEnabled (v1) / SigningEnabled (v2) as set; None: the default (a domain signs
    # once DKIM is set up; an address does not, in v1's view).
    dkim_signing: bool | None = None
    key_length: KeyLength = "RSA_2048_BIT"
    key_changed_at: datetime | None = None
    mail_from: MailFrom | None = None

    @property
    def has_link(self) -> bool:
        """Whether a verification link was sent for the current request (emails)."""
        return self.kind == "EmailAddress" and self.track.origin == "Pending"

    @property
    def has_dkim(self) -> bool:
        """Whether DKIM was set up: Easy DKIM tokens, or a BYODKIM key."""
        return self.dkim_tokens is not None or self.external_dkim is not None


def email_status(identity: Identity, now: datetime) -> Status:
    track = identity.track
    if track.origin != "Pending":
        return track.origin
    if identity.clicked_at is not None and identity.clicked_at <= now:
        return "Success"
    return "Pending" if now < track.anchor + EMAIL_LINK_LIFETIME else "Failed"


def dkim_evidence(identity: Identity, dns: Dns) -> Evidence:
    """The records whose presence verifies the identity's DKIM: the three Easy DKIM
    CNAMEs, or any TXT record at the BYODKIM selector holding the public key."""
    if identity.external_dkim is not None:
        key = identity.external_dkim
        name = f"{key.selector}._domainkey.{identity.name}"
        return tuple(
            (record,)
            for record in dns.records_at(name, "TXT")
            if public_key_of(record[2]) in key.public_keys
        )
    if identity.dkim_tokens is not None:
        return (dkim_records(identity.name, identity.dkim_tokens),)
    return ()


def public_key_of(txt: str) -> str:
    """The ``p=`` tag of a DKIM TXT value, without spaces."""
    for tag in txt.split(";"):
        key, _, value = tag.strip().partition("=")
        if key.strip() == "p":
            return "".join(value.split())
    return ""


def domain_status(identity: Identity, dns: Dns, delay: timedelta, now: datetime) -> Status:
    assert identity.token is not None
    evidence: Evidence = ((txt_record(identity.name, identity.token),),)
    evidence += dkim_evidence(identity, dns)
    return lifecycle(identity.track.origin, identity.track.at, evidence, dns, delay, now)


def dkim_status(identity: Identity, dns: Dns, delay: timedelta, now: datetime) -> Status:
    if not identity.has_dkim:
        return "NotStarted"
    evidence = dkim_evidence(identity, dns)
    return lifecycle(identity.dkim.origin, identity.dkim.at, evidence, dns, delay, now)


def mail_from_status(identity: Identity, dns: Dns, delay: timedelta, now: datetime) -> Status:
    """Exactly one MX record at the MAIL FROM domain, to ``feedback-smtp.<region>...``."""
    setting = identity.mail_from
    if setting is None:
        return "NotStarted"
    evidence: Evidence = ((mail_from_mx(setting.domain, setting.region),),)
    track = setting.track
    return lifecycle(track.origin, track.at, evidence, dns, delay, now, only=True)


_NO_IDENTITIES: Mapping[str, Identity] = MappingProxyType({})
_NO_ORDER: Mapping[str, list[Identity]] = MappingProxyType({})


def _seq_of(identity: Identity) -> int:
    return identity.seq


@dataclass
class Registry:
    """Every region's identities, and the DNS they share."""

    detection_delay: timedelta = timedelta(0)
    regions: dict[str, dict[str, Identity]] = field(default_factory=dict)
    dns: Dns = field(default_factory=Dns)
    _seq: Iterator[int] = field(default_factory=itertools.count)
    # Creation order per region, all kinds ("*") and per kind, for paging by bisect.
    # Deleted identities stay until they outnumber the living (then the lists are rebuilt).
    _order: dict[str, dict[str, list[Identity]]] = field(default_factory=dict)
    _deleted: dict[str, int] = field(default_factory=dict)

    def region(self, region: str) -> dict[str, Identity]:
        """The identities of ``region`` by stored spelling, in creation order."""
        store = self.regions.get(region)
        if store is None:
            store = self.regions[region] = {}
        return store

    def by_name(self, region: str) -> Mapping[str, Identity]:
        """The identities of ``region`` by stored spelling (see :func:`key_of`), to read."""
        return self.regions.get(region, _NO_IDENTITIES)

    def get(self, region: str, identity: str, kind: Kind) -> Identity | None:
        store = self.regions.get(region)
        return None if store is None else store.get(key_of(identity, kind))

    def status(self, identity: Identity, now: datetime) -> Status:
        if identity.kind == "EmailAddress":
            return email_status(identity, now)
        return domain_status(identity, self.dns, self.detection_delay, now)

    def is_full(self, region: str, identity: str, kind: Kind) -> bool:
        """Whether adding ``identity`` would pass the per-region limit."""
        store = self.region(region)
        return len(store) >= MAX_IDENTITIES_PER_REGION and key_of(identity, kind) not in store

    def _put(
        self, region: str, name: str, kind: Kind, token: str | None, origin: Status, at: datetime
    ) -> Identity:
        """Create or update ``name`` and anchor it: ``origin`` as of ``at``."""
        store = self.region(region)
        current = store.get(name)
        if current is None:
            current = store[name] = Identity(
                name=name, kind=kind, track=Track(origin, at), seq=next(self._seq)
            )
            order = self._order.setdefault(region, {"*": [], "EmailAddress": [], "Domain": []})
            order["*"].append(current)
            order[kind].append(current)
        if kind == "Domain":
            current.token = token or current.token or derived_token(region, name)
        self._anchor(current, origin, at)
        return current

    def request_email(self, region: str, address: str, now: datetime) -> bool:
        """VerifyEmailIdentity. Returns whether a verification email was sent."""
        existing = self.get(region, address, "EmailAddress")
        if existing is not None and email_status(existing, now) == "Success":
            return False
        self._put(region, address, "EmailAddress", None, "Pending", now).clicked_at = None
        return True

    def request_domain(self, region: str, domain: str, now: datetime) -> str:
        """VerifyDomainIdentity. Returns the domain's token; restarts a Pending or Failed window."""
        existing = self.get(region, domain, "Domain")
        if existing is not None and self.status(existing, now) in ("Success", "TemporaryFailure"):
            assert existing.token is not None
            return existing.token
        identity = self._put(region, key_of(domain, "Domain"), "Domain", None, "Pending", now)
        assert identity.token is not None
        return identity.token

    def click(self, region: str, address: str, now: datetime) -> bool:
        """The owner clicks the newest link. Returns whether the identity has a link at all."""
        identity = self.get(region, address, "EmailAddress")
        if identity is None or not identity.has_link:
            return False
        if email_status(identity, now) == "Pending":
            identity.clicked_at = now
        return True

    def delete(self, region: str, identity: str, kind: Kind) -> None:
        store = self.regions.get(region)
        if store is None or store.pop(key_of(identity, kind), None) is None:
            return
        deleted = self._deleted[region] = self._deleted.get(region, 0) + 1
        if deleted > 64 and deleted > len(store):
            living = list(store.values())
            self._order[region] = {
                "*": living,
                **{k: [i for i in living if i.kind == k] for k in KINDS},
            }
            self._deleted[region] = 0

    def page(
        self, region: str, kinds: tuple[Kind, ...], start: int, size: int
    ) -> tuple[list[Identity], int | None]:
        """Up to ``size`` identities created at or after ``start`` (a ``seq``), in creation
        order, and the ``seq`` the next page starts at (None: no more). O(page)."""
        entries = self._order.get(region, _NO_ORDER).get(kinds[0] if len(kinds) == 1 else "*", [])
        first = bisect.bisect_left(entries, start, key=_seq_of) if start else 0
        if not self._deleted.get(region):  # every entry is a living identity
            end = first + size
            return entries[first:end], entries[end].seq if end < len(entries) else None
        store = self.regions.get(region, {})
        found: list[Identity] = []
        for index in range(first, len(entries)):
            identity = entries[index]
            if store.get(identity.name) is not identity:
                continue  # deleted (or deleted and created again, later in the list)
            if len(found) == size:
                return found, identity.seq
            found.append(identity)
        return found, None

    def preset(
        self,
        region: str,
        identity: str,
        kind: Kind,
        status: Status,
        now: datetime,
        token: str | None = None,
    ) -> Identity:
        """Put ``identity`` in ``status`` as of ``now``, with the natural history behind it.

        Pending: just requested. Failed: the window closed just now (an address's link
        expired; a domain's 72 hours ran out). Success: verified; a domain's token is in
        DNS. TemporaryFailure: a verified domain whose records (TXT and DKIM) are gone.
        NotStarted: held.
        """
        name = key_of(identity, kind)
        if kind == "EmailAddress":
            if status == "Failed":  # a link sent 24 hours ago
                target = self._put(region, name, kind, None, "Pending", now - EMAIL_LINK_LIFETIME)
            else:
                target = self._put(region, name, kind, None, status, now)
            target.clicked_at = None
            return target
        target = self._put(region, name, kind, token, status, now)
        assert target.token is not None
        seen_now = now - self.detection_delay
        record = txt_record(name, target.token)
        if status == "Success" and not self.dns.present(record, seen_now):
            self.dns.publish(record, seen_now)
        elif status == "TemporaryFailure":  # all of its evidence is gone: TXT and DKIM
            evidence = [record, *dkim_records(name, target.dkim_tokens or ())]
            for gone in evidence:
                if self.dns.present(gone, seen_now):
                    self.dns.withdraw(gone, seen_now)
        return target

    def preset_dkim(self, region: str, identity: Identity, status: Status, now: datetime) -> None:
        """Easy DKIM set up as of ``now`` in ``status``, with its natural history (as for a
        domain's verification: Success has its CNAMEs in DNS, TemporaryFailure lost them)."""
        if identity.dkim_tokens is None:
            identity.dkim_tokens = derived_dkim_tokens(region, identity.name)
            identity.external_dkim = None
        identity.dkim.start(status, now, self.dns.next_order())
        self._preset_records(dkim_records(identity.name, identity.dkim_tokens), status, now)

    def preset_mail_from(
        self,
        region: str,
        identity: Identity,
        domain: str,
        status: Status,
        now: datetime,
        publish: bool = True,
    ) -> None:
        """A custom MAIL FROM domain set up as of ``now`` in ``status``; with ``publish``,
        its MX record in DNS accordingly. (One MX record verifies one region's setting:
        an every-region preset holds its status without records.)"""
        track = Track(status, now, self.dns.next_order())
        identity.mail_from = MailFrom(domain, "UseDefaultValue", region, track)
        if publish:
            self._preset_records((mail_from_mx(domain, region),), status, now)

    def _preset_records(self, records: Iterable[Record], status: Status, now: datetime) -> None:
        seen_now = now - self.detection_delay
        for record in records:
            if status == "Success" and not self.dns.present(record, seen_now):
                self.dns.publish(record, seen_now)
            elif status == "TemporaryFailure" and self.dns.present(record, seen_now):
                self.dns.withdraw(record, seen_now)

    def _anchor(self, identity: Identity, origin: Status, at: datetime) -> None:
        identity.track.start(origin, at, self.dns.next_order())

    def request_dkim(self, region: str, domain: str, now: datetime) -> tuple[str, str, str]:
        """VerifyDomainDkim: the domain's three tokens.

        Also asks for the domain's verification, as VerifyDomainIdentity does (adds the
        domain, or restarts a Pending or Failed window), so that DKIM found within the
        72 hours verifies it. Starts (or restarts, when Pending or Failed) the DKIM window.
        """
        self.request_domain(region, domain, now)
        identity = self.get(region, domain, "Domain")
        assert identity is not None
        if identity.dkim_tokens is None:
            identity.dkim_tokens = derived_dkim_tokens(region, identity.name)
            identity.external_dkim = None
        elif self.dkim_status(identity, now) in ("Success", "TemporaryFailure"):
            return identity.dkim_tokens
        identity.dkim.start("Pending", now, self.dns.next_order())
        return identity.dkim_tokens

    def use_external_dkim(self, identity: Identity, key: ExternalKey, now: datetime) -> None:
        """BYODKIM: DKIM now verifies through the key's TXT record, from Pending."""
        identity.external_dkim, identity.dkim_tokens = key, None
        identity.dkim.start("Pending", now, self.dns.next_order())

    def set_mail_from(
        self,
        region: str,
        identity: Identity,
        domain: str | None,
        on_mx_failure: MxFailure,
        now: datetime,
    ) -> None:
        """Set (or, with None, remove) the custom MAIL FROM domain: Pending from now,
        unless it is the same domain, whose lifecycle goes on (a Failed one restarts)."""
        if domain is None:
            identity.mail_from = None
            return
        current = identity.mail_from
        if current is not None and current.domain == domain:
            current.on_mx_failure = on_mx_failure
            if self.mail_from_status(identity, now) != "Failed":
                return
        track = Track("Pending", now, self.dns.next_order())
        identity.mail_from = MailFrom(domain, on_mx_failure, region, track)

    def mail_from_status(self, identity: Identity, now: datetime) -> Status:
        return mail_from_status(identity, self.dns, self.detection_delay, now)

    def dkim_status(self, identity: Identity, now: datetime) -> Status:
        return dkim_status(identity, self.dns, self.detection_delay, now)

    def identities(self, region: str, kinds: Iterable[Kind] = KINDS) -> Iterator[Identity]:
        wanted = set(kinds)
        return (i for i in self.region(region).values() if i.kind in wanted)
