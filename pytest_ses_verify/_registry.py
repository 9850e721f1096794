"""Identities per region and their verification lifecycle.

Pure: no botocore, no pytest, no clock. Every function that needs the time takes
``now``; a status is computed from what happened to an identity and ``now``, so
moving time (forwards or backwards) never needs a background job.

The model, in one place:

* An identity keeps an *origin*: the state it was put in at its *anchor* time
  (a verification request puts it in Pending at the request's time; a preset
  puts it in the preset's state). Everything after the anchor is derived.
* An email identity leaves Pending when the owner clicks the newest link within
  24 hours (Success, for good), or when the 24 hours run out (Failed).
* A domain identity follows the DNS: SES sees the records as they were
  ``detection_delay`` ago. Its *evidence* is the TXT record ``_amazonses.<domain>``
  holding its token, or all three DKIM CNAMEs ``<token>._domainkey.<domain>``.
  Pending becomes Success when the evidence is seen within 72 hours (else
  Failed); Success becomes TemporaryFailure when the evidence is no longer seen,
  and goes back to Success if it is seen again within 72 hours (else Failed).
* A domain's DKIM status runs the same machine on the three CNAMEs alone, from
  the DKIM request (``VerifyDomainDkim``).
* Failed and NotStarted hold until the identity is requested again.
"""

from __future__ import annotations

import base64
import bisect
import functools
import hashlib
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal, get_args

Status = Literal["Pending", "Success", "Failed", "TemporaryFailure", "NotStarted"]
STATUSES: tuple[Status, ...] = get_args(Status)
Kind = Literal["EmailAddress", "Domain"]
KINDS: tuple[Kind, ...] = get_args(Kind)

EMAIL_LINK_LIFETIME = timedelta(hours=24)
DOMAIN_WINDOW = timedelta(hours=72)
MAX_IDENTITIES_PER_REGION = 10_000

_LABEL = r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)"
_DOMAIN_RE = re.compile(rf"(?=.{{1,253}}\Z){_LABEL}(?:\.{_LABEL})+\Z")
# Printable ASCII without white space and the characters that mark a display
# name or a route ("Name <a@b>", "(comment)", "a,b", quotes, brackets).
_LOCAL_RE = re.compile(r"[!#-'*+\-./0-9=?A-Z^-~]{1,64}\Z")


# Longer than any address (254) or domain (253) SES accepts: never cached.
_LONGEST = 320


def kind_of(identity: str) -> Kind | None:
    """Return what ``identity`` is, or None when it is neither an address nor a domain."""
    return _kind_of(identity) if len(identity) <= _LONGEST else None


def forget_caches() -> None:
    """Drop what was memoised from a test's input, so none of it outlives the test."""
    _kind_of.cache_clear()


@functools.lru_cache(maxsize=65536)
def _kind_of(identity: str) -> Kind | None:
    if "@" in identity:
        local, _, domain = identity.partition("@")
        if _LOCAL_RE.match(local) and _DOMAIN_RE.match(domain):
            return "EmailAddress"
        return None
    return "Domain" if _DOMAIN_RE.match(identity) else None


def key_of(identity: str, kind: Kind) -> str:
    """The stored spelling: addresses exactly as given, domains lower-cased."""
    return identity.lower() if kind == "Domain" else identity


def derived_token(region: str, domain: str) -> str:
    """The domain verification token for (region, domain): 32 bytes, base64, 44 characters."""
    digest = hashlib.sha256(f"pytest-ses-verify:{region}:{domain.lower()}".encode()).digest()
    return base64.b64encode(digest).decode("ascii")


def derived_dkim_tokens(region: str, domain: str) -> tuple[str, str, str]:
    """Three Easy DKIM tokens for (region, domain): 32 characters of lowercase base32 each."""

    def one(n: int) -> str:
        seed = f"pytest-ses-verify:dkim:{region}:{domain.lower()}:{n}".encode()
        return base64.b32encode(hashlib.sha256(seed).digest()[:20]).decode("ascii").lower()

    return one(0), one(1), one(2)


def txt_record(domain: str, token: str) -> tuple[str, str]:
    """The (name, value) of a domain verification TXT record."""
    return f"_amazonses.{domain}", token


def dkim_records(domain: str, tokens: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """The (name, value) of each DKIM CNAME record."""
    return tuple((f"{t}._domainkey.{domain}", f"{t}.dkim.amazonses.com") for t in tokens)


_LAST = 1 << 62  # an order after every real one


Record = tuple[str, str]  # (name, value): a TXT or CNAME record


class Dns:
    """Global DNS records (TXT and CNAME): every change, with its time.

    History is kept per (name, value), sorted by (time, order). ``order`` is one
    counter shared with identity anchors (:meth:`next_order`), so that things done
    at one instant (under a frozen clock) keep the order they were done in. A
    change made with an earlier time (a preset back-dates one) slots in at its place.
    """

    def __init__(self) -> None:
        self._history: dict[tuple[str, str], list[tuple[datetime, int, bool]]] = {}
        self._order = itertools.count()

    def next_order(self) -> int:
        return next(self._order)

    def set(self, record: Record, present: bool, at: datetime) -> None:
        history = self._history.setdefault(record, [])
        bisect.insort(history, (at, self.next_order(), present))

    def has(self, record: Record) -> bool:
        """Whether the record was ever published."""
        return record in self._history

    def present(self, record: Record, at: datetime, before: int = _LAST) -> bool:
        """Whether the record was in DNS at ``at`` (before the event numbered ``before``)."""
        history = self._history.get(record)
        if not history:
            return False
        index = bisect.bisect_left(history, (at, before))
        return index > 0 and history[index - 1][2]

    def values(self, name: str, at: datetime) -> list[str]:
        """Every value in DNS for ``name`` at ``at``."""
        return [v for (n, v) in self._history if n == name and self.present((n, v), at)]

    def seen_changes(
        self,
        records: Iterable[Record],
        delay: timedelta,
        after: tuple[datetime, int],
        until: datetime,
    ) -> list[tuple[datetime, int]]:
        """When SES sees the records change (``delay`` late): after ``after``, up to ``until``."""
        return sorted(
            (at + delay, order)
            for record in records
            for at, order, _ in self._history.get(record, ())
            if after < (at + delay, order) and at + delay <= until
        )


@dataclass
class Identity:
    """One identity in one region. ``origin``/``anchor``: the state it was put in, and when."""

    name: str
    kind: Kind
    origin: Status
    anchor: datetime
    seq: int
    token: str | None = None
    clicked_at: datetime | None = None
    anchor_order: int = 0
    dkim_tokens: tuple[str, str, str] | None = None
    dkim_origin: Status = "NotStarted"
    dkim_anchor: datetime = datetime.min
    dkim_anchor_order: int = 0

    @property
    def has_link(self) -> bool:
        """Whether a verification link was sent for the current request (emails)."""
        return self.kind == "EmailAddress" and self.origin == "Pending"


def email_status(identity: Identity, now: datetime) -> Status:
    if identity.origin != "Pending":
        return identity.origin
    if identity.clicked_at is not None and identity.clicked_at <= now:
        return "Success"
    return "Pending" if now < identity.anchor + EMAIL_LINK_LIFETIME else "Failed"


Evidence = tuple[tuple[Record, ...], ...]  # seen when all records of any one group are


def _seen(dns: Dns, evidence: Evidence, at: datetime, before: int) -> bool:
    """Whether every record of some group was in DNS (plain loops: this is the hot path)."""
    for group in evidence:
        for record in group:
            if not dns.present(record, at, before):
                break
        else:
            return True
    return False


def lifecycle(
    origin: Status,
    anchor: tuple[datetime, int],
    evidence: Evidence,
    dns: Dns,
    delay: timedelta,
    now: datetime,
) -> Status:
    """The DNS-driven machine (domain verification, DKIM), from ``origin`` at ``anchor``."""
    state = origin  # Failed and NotStarted hold: no rule below moves them
    deadline = anchor[0] + DOMAIN_WINDOW
    records = [r for group in evidence for r in group if dns.has(r)]
    if records:
        if state == "Pending" and _seen(dns, evidence, anchor[0] - delay, anchor[1]):
            state = "Success"
        changes = dns.seen_changes(records, delay, anchor, now)
    else:
        changes = []  # nothing of this identity's was ever in DNS
    for seen_at, order in changes:
        if state in ("Pending", "TemporaryFailure") and seen_at >= deadline:
            return "Failed"
        present = _seen(dns, evidence, seen_at - delay, order + 1)
        if present and state in ("Pending", "TemporaryFailure"):
            state = "Success"
        elif not present and state == "Success":
            state, deadline = "TemporaryFailure", seen_at + DOMAIN_WINDOW
    if state in ("Pending", "TemporaryFailure") and now >= deadline:
        return "Failed"
    return state


def domain_status(identity: Identity, dns: Dns, delay: timedelta, now: datetime) -> Status:
    assert identity.token is not None
    evidence: Evidence = ((txt_record(identity.name, identity.token),),)
    if identity.dkim_tokens is not None:
        evidence += (dkim_records(identity.name, identity.dkim_tokens),)
    anchor = (identity.anchor, identity.anchor_order)
    return lifecycle(identity.origin, anchor, evidence, dns, delay, now)


def dkim_status(identity: Identity, dns: Dns, delay: timedelta, now: datetime) -> Status:
    if identity.dkim_tokens is None:
        return "NotStarted"
    evidence: Evidence = (dkim_records(identity.name, identity.dkim_tokens),)
    anchor = (identity.dkim_anchor, identity.dkim_anchor_order)
    return lifecycle(identity.dkim_origin, anchor, evidence, dns, delay, now)


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
                name=name, kind=kind, origin=origin, anchor=at, seq=next(self._seq)
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
        entries = self._order.get(region, {}).get(kinds[0] if len(kinds) == 1 else "*", [])
        store = self.regions.get(region, {})
        found: list[Identity] = []
        for index in range(bisect.bisect_left(entries, start, key=_seq_of), len(entries)):
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
            self.dns.set(record, True, seen_now)
        elif status == "TemporaryFailure":  # all of its evidence is gone: TXT and DKIM
            evidence = [record, *dkim_records(name, target.dkim_tokens or ())]
            for gone in evidence:
                if self.dns.present(gone, seen_now):
                    self.dns.set(gone, False, seen_now)
        return target

    def _anchor(self, identity: Identity, origin: Status, at: datetime) -> None:
        identity.origin, identity.anchor = origin, at
        identity.anchor_order = self.dns.next_order()

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
        elif self.dkim_status(identity, now) in ("Success", "TemporaryFailure"):
            return identity.dkim_tokens
        identity.dkim_origin, identity.dkim_anchor = "Pending", now
        identity.dkim_anchor_order = self.dns.next_order()
        return identity.dkim_tokens

    def dkim_status(self, identity: Identity, now: datetime) -> Status:
        return dkim_status(identity, self.dns, self.detection_delay, now)

    def identities(self, region: str, kinds: Iterable[Kind] = KINDS) -> Iterator[Identity]:
        wanted = set(kinds)
        return (i for i in self.region(region).values() if i.kind in wanted)
