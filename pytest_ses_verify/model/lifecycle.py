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
  the DKIM request (``VerifyDomainDkim``).
* Failed and NotStarted hold until the identity is requested again.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal, get_args

from .dns import Dns, Record

Status = Literal["Pending", "Success", "Failed", "TemporaryFailure", "NotStarted"]
STATUSES: tuple[Status, ...] = get_args(Status)

EMAIL_LINK_LIFETIME = timedelta(hours=24)
DOMAIN_WINDOW = timedelta(hours=72)


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
