"""The memoised lifecycle answers exactly what computing it afresh answers.

Random histories (records published and withdrawn, some dated ahead of the reads,
DNS failing and recovering, calls that see DNS, tracks restarted) read at random
instants, forwards and backwards, against :func:`lifecycle._lifecycle` itself.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest

from pytest_ses_verify.model import lifecycle as machine
from pytest_ses_verify.model.dns import Dns, Record, dkim_records, mail_from_mx, txt_record
from pytest_ses_verify.model.lifecycle import STATUSES, Evidence, Track

T0 = datetime(2030, 1, 1, tzinfo=timezone.utc)
DOMAIN = "example.com"
TXT = txt_record(DOMAIN, "token")
DKIM = dkim_records(DOMAIN, ("a", "b", "c"))
MX = mail_from_mx(f"mail.{DOMAIN}", "us-east-1")
OTHER_MX: Record = (f"mail.{DOMAIN}", "MX", "elsewhere.example.net")
RECORDS = (TXT, *DKIM, MX, OTHER_MX)
# (evidence, only): domain verification (TXT or DKIM), DKIM alone, MAIL FROM's one MX.
MACHINES: tuple[tuple[Evidence, bool], ...] = (
    (((TXT,), DKIM), False),
    ((DKIM,), False),
    (((MX,),), True),
)


def _hours(rng: random.Random, most: int) -> timedelta:
    # Whole hours and exact instants, so that changes and windows often coincide.
    return timedelta(hours=rng.randrange(most)) * rng.choice((1, 1, 1, 0.5))


@pytest.mark.parametrize("seed", range(40))
def test_memoised_status_is_the_status_computed_afresh(seed: int) -> None:
    rng = random.Random(seed)
    dns = Dns()
    delay = rng.choice((timedelta(0), timedelta(minutes=5), timedelta(hours=2)))
    tracks = [Track(rng.choice(STATUSES[:4]), T0, dns.next_order()) for _ in MACHINES]
    now = T0
    for _ in range(120):
        step = rng.random()
        if step < 0.3:  # a record changes, now or dated ahead of (or behind) the clock
            record = rng.choice(RECORDS)
            at = now + _hours(rng, 100) * rng.choice((1, 1, -1))
            dns.set(record, rng.random() < 0.7, at)
        elif step < 0.36:
            dns.fail(DOMAIN, rng.random() < 0.5, now + _hours(rng, 10))
        elif step < 0.42:  # a track starts again (a new request)
            track = rng.choice(tracks)
            track.start(rng.choice(STATUSES[:4]), now, dns.next_order())
        elif step < 0.5:  # the clock moves back
            now -= _hours(rng, 80)
        else:
            now += _hours(rng, 40)
        if rng.random() < 0.5:
            dns.observe(now)  # a call: what DNS holds is seen
        for (evidence, only), track in zip(MACHINES, tracks, strict=True):
            for _ in range(2):  # the second read is the memo's
                memoised = machine.lifecycle(
                    track.origin, track.at, evidence, dns, delay, now, only=only
                )
                afresh = machine._lifecycle(track.origin, track.at, evidence, dns, delay, now, only)
                assert memoised == afresh, (seed, now, track, evidence)


def test_a_memoised_status_changes_when_its_window_closes() -> None:
    """Nothing happens to DNS; the status moves at the 72-hour deadline alone."""
    dns = Dns()
    track = Track("Pending", T0, dns.next_order())
    evidence: Evidence = ((TXT,),)
    zero = timedelta(0)
    deadline = T0 + machine.DOMAIN_WINDOW
    before = deadline - timedelta(microseconds=1)
    assert machine.lifecycle(track.origin, track.at, evidence, dns, zero, before) == "Pending"
    assert machine.lifecycle(track.origin, track.at, evidence, dns, zero, deadline) == "Failed"
    assert machine.lifecycle(track.origin, track.at, evidence, dns, zero, before) == "Pending"


def test_a_record_dated_ahead_is_seen_when_its_time_comes() -> None:
    dns = Dns()
    track = Track("Pending", T0, dns.next_order())
    evidence: Evidence = ((TXT,),)
    delay = timedelta(minutes=5)
    dns.publish(TXT, T0 + timedelta(hours=1))
    seen = T0 + timedelta(hours=1) + delay
    first = machine.lifecycle(track.origin, track.at, evidence, dns, delay, T0)
    assert first == "Pending"
    before = seen - timedelta(microseconds=1)
    assert machine.lifecycle(track.origin, track.at, evidence, dns, delay, before) == "Pending"
    assert machine.lifecycle(track.origin, track.at, evidence, dns, delay, seen) == "Success"
