"""The DNS-driven verification machine, and the lifecycle in one place.

Pure: no botocore, no pytest, no clock. Every function that needs the time takes
``now``; a status is computed from what happened and ``now``, so moving time
(forwards or backwards) never needs a background job.

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
  the DKIM request (``VerifyDomainDkim``); with BYODKIM, on a TXT record at
  ``<selector>._domainkey.<domain>`` holding the public key.
* A custom MAIL FROM domain runs it on exactly one MX record at that domain
  pointing to ``feedback-smtp.<region>.amazonses.com``.
* Each of these is one :class:`Track`: where its lifecycle started.
* Failed and NotStarted hold until the identity is requested again.
* A state that lasts no time is never seen: of several changes at one instant (a
  frozen clock), SES sees what the last one leaves, unless a call came in between
  (where the test could read a status, SES had looked).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, get_args

from .dns import Dns, Record

Status = Literal["Pending", "Success", "Failed", "TemporaryFailure", "NotStarted"]
STATUSES: tuple[Status, ...] = get_args(Status)

EMAIL_LINK_LIFETIME = timedelta(hours=24)
DOMAIN_WINDOW = timedelta(hours=72)


@dataclass
class Track:
    """Where one verification lifecycle started: the state it was put in (``origin``), when
    (``anchor``), and its place among things done at the same instant (``order``)."""

    origin: Status
    anchor: datetime
    order: int = 0

    def start(self, origin: Status, at: datetime, order: int) -> None:
        self.origin, self.anchor, self.order = origin, at, order

    @property
    def at(self) -> tuple[datetime, int]:
        return self.anchor, self.order


Evidence = tuple[tuple[Record, ...], ...]  # seen when all records of any one group are


def _seen(dns: Dns, evidence: Evidence, at: datetime, before: int, only: bool) -> bool:
    """Whether every record of some group was in DNS (plain loops: this is the hot path).
    ``only``: each record must also be the only one of its type at its name (MAIL FROM's
    MX: several MX records do not verify)."""
    for group in evidence:
        for record in group:
            if not (dns.only(record, at, before) if only else dns.present(record, at, before)):
                break
        else:
            return True
    return False


def _fleeting(dns: Dns, change: tuple[datetime, int], after: tuple[datetime, int]) -> bool:
    """Whether the state ``change`` left lasted no time: the next change came at the same
    instant (a frozen clock) with no call in between that could have read it."""
    return after[0] == change[0] and not dns.observed_between(change[0], change[1], after[1])


def lifecycle(
    origin: Status,
    anchor: tuple[datetime, int],
    evidence: Evidence,
    dns: Dns,
    delay: timedelta,
    now: datetime,
    *,
    only: bool = False,
) -> Status:
    """The DNS-driven machine (domain verification, DKIM, MAIL FROM), from ``origin`` at
    ``anchor``. While DNS fails for the records' domain, SES keeps what it last saw.

    Memoised (this is on the path of every send and every status read): a status holds
    while DNS is unchanged (:attr:`Dns.version`) until the next instant at which one of
    its inputs could change it (:func:`_holds_until`): a record change seen, a failure,
    a 72-hour window closing. Moving the clock back past the time it was computed at
    computes it again.
    """
    statuses = dns.statuses
    if dns.statuses_version != dns.version:  # DNS changed: nothing memoised holds
        statuses.clear()
        dns.statuses_version = dns.version
    key = (origin, anchor, evidence, delay, only)
    memo = statuses.get(key)
    if memo is not None and memo[0] <= now and (memo[1] is None or now < memo[1]):
        return memo[2]  # type: ignore[return-value]
    status = _lifecycle(origin, anchor, evidence, dns, delay, now, only)
    statuses[key] = (now, _holds_until(anchor, evidence, dns, delay, now, only), status)
    return status


def _holds_until(
    anchor: tuple[datetime, int],
    evidence: Evidence,
    dns: Dns,
    delay: timedelta,
    now: datetime,
    only: bool,
) -> datetime | None:
    """The first instant after ``now`` at which :func:`_lifecycle` could answer otherwise
    with DNS as it is (None: never): a record change becoming visible (``delay`` late), a
    DNS failure starting or ending, or a 72-hour window from any of those (or from the
    anchor) closing. Every comparison with ``now`` in the machine is against one of them."""
    records = {r for group in evidence for r in group}
    if only:
        records.update(other for r in list(records) for other in dns.records_at(r[0], r[1]))
    seen = [at + delay for at in dns.change_times(records)]
    seen += dns.failure_times({r[0] for r in records})
    times = [anchor[0], *seen]
    later = [t for t in (*seen, *(t + DOMAIN_WINDOW for t in times)) if t > now]
    return min(later, default=None)


def _lifecycle(
    origin: Status,
    anchor: tuple[datetime, int],
    evidence: Evidence,
    dns: Dns,
    delay: timedelta,
    now: datetime,
    only: bool,
) -> Status:
    state = origin  # Failed and NotStarted hold: no rule below moves them
    deadline = anchor[0] + DOMAIN_WINDOW
    names = {r[0] for group in evidence for r in group}
    records = [r for group in evidence for r in group if dns.has(r)]
    if only:  # any other record of the same type at the name changes what SES sees
        records += [
            other
            for name, kind in {(r[0], r[1]) for group in evidence for r in group}
            for other in dns.records_at(name, kind)
            if other not in records
        ]
    failing = any(dns.ever_failed(name) for name in names)
    if not records and not failing:
        return "Failed" if state in ("Pending", "TemporaryFailure") and now >= deadline else state

    def seen(at: datetime, before: int) -> bool:
        if failing:
            for name in names:
                since = dns.failing_since(name, at, before)
                if since is not None:  # what SES saw just before DNS failed
                    at, before = since
                    break
        return _seen(dns, evidence, at - delay, before, only)

    changes = dns.seen_changes(records, delay, anchor, now)
    if failing:
        changes = sorted(
            {*changes, *(c for name in names for c in dns.failure_changes(name, anchor, now))}
        )
    # A state that lasts no time is never seen (two changes at one instant, no call
    # between); with one change or none there is nothing to drop (the hot path).
    if state == "Pending" and not (changes and _fleeting(dns, anchor, changes[0])):
        state = "Success" if seen(*anchor) else state
    lasting = changes
    if len(changes) > 1:
        following = changes[1:]
        lasting = [
            change
            for change, after in zip(changes[:-1], following, strict=True)
            if not _fleeting(dns, change, after)
        ]
        lasting.append(changes[-1])
    for seen_at, order in lasting:
        if state in ("Pending", "TemporaryFailure") and seen_at >= deadline:
            return "Failed"
        present = seen(seen_at, order + 1)
        if present and state in ("Pending", "TemporaryFailure"):
            state = "Success"
        elif not present and state == "Success":
            state, deadline = "TemporaryFailure", seen_at + DOMAIN_WINDOW
    if state in ("Pending", "TemporaryFailure") and now >= deadline:
        return "Failed"
    return state
